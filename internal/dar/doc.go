// Package dar models demand-responsive transport (dial-a-ride) from
// GTFS-Flex zones: a minibus that picks a booked passenger up anywhere in a
// zone and drops them anywhere in the same zone, during its hours.
//
// A ride is available only when both ends lie inside one zone, the day is
// one of the zone's service days (its calendar's weekdays and date range;
// calendar_dates exceptions and bank holidays are not applied, and the
// answer says the service must be booked, which is when a passenger would
// learn of a closure), and the whole ride — pick-up to drop-off — falls in
// the zone's pick-up/drop-off window. It may take a person to a site or to
// a stop for onward travel.
//
// Ride times are estimates: straight-line distance × DetourFactor at
// SpeedKPH, a rural minibus average. Every ride carries the booking notice
// from the feed's booking rule ("book 1 day ahead, by 16:00") and the
// zone's fare, which stays unknown when the feed has none.
//
// It imports internal/gtfs (to read a Flex feed) and orb; no infrastructure.
package dar
