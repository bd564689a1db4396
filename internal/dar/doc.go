// Package dar models demand-responsive transport (dial-a-ride) from
// GTFS-Flex zones: a minibus that picks a booked passenger up anywhere in a
// zone and drops them anywhere in the same zone, during its hours.
//
// A ride is available only when both ends lie inside one zone, the day is
// one of the zone's service days (its calendar's weekdays within its date
// range, less the dates calendar_dates removes — bank holidays, in the
// illustrative feed — and plus those it adds), and the whole ride —
// pick-up to drop-off — falls in
// the zone's pick-up/drop-off window. It may take a person to a site or to
// a stop for onward travel.
//
// Ride times are estimates: straight-line distance × DetourFactor at
// SpeedKPH, a rural minibus average. Every ride carries the zone's fare,
// which stays unknown when the feed has none, and says when to book it,
// worked out from the feed's booking rule for that ride's day: the prior
// notice days counted back over the rule's service days (working days,
// when prior_notice_service_id names a Monday-to-Friday calendar, less
// the dates its calendar_dates removes) to the
// last booking time, "book by 16:00 on Friday 4 December, the working day
// before; phone 01983 000900", or a same-day notice in minutes.
//
// A ride to a stop for onward travel (stops.go) is shared by the journey
// planner and meant for the reachability engine: StopRides lists a zone's
// stops of a timetable snapshot a ride reaches in time, MergeAccess merges
// them with the walks into a search's access or egress, each ride booked
// to meet the bus with TransferSlack to spare. Notice says a zone's rule
// in a few words ("book 1 working day ahead, by 16:00").
//
// It imports internal/gtfs (to read a Flex feed), internal/transit (the
// stops of a snapshot) and orb; no infrastructure.
package dar
