// Package reach answers a link worker's question: which sessions of which
// activities can this person get to and home from, within their limits —
// and, for those they cannot, what stands in the way.
//
// A session is reachable only if all of these hold:
//
//   - the person is available for the whole session (profile windows);
//   - an outbound journey arrives at the venue by the session's start less
//     a margin (10 minutes by default), and a return journey leaves after
//     its end and gets home — the last bus home is the commonest rural
//     barrier;
//   - each way takes no longer than the profile's longest journey, or the
//     default for the home area's rurality (DefaultMaxJourney);
//   - for a step-free profile, every stop and vehicle used is step-free
//     (yes, or assumed under a declared policy) and so is the venue's
//     entrance; an unknown entrance is not step-free: it is a near miss
//     naming unknown_data;
//   - the visit's total cost — fares both ways after concessions, a
//     companion's fares when one travels, and the activity's price after
//     concession or free-on-referral — is within the budget; a cost that is
//     unknown cannot be shown to be within a finite budget.
//
// The transit work per request does not grow with the number of
// activities: for each day with sessions, one forward range search leaves
// home over the day and one reverse range search arrives home over the day
// (twice more, unrestricted, for a step-free profile, so that a missing
// step-free journey can be told from a missing journey; twice more, over
// the zone's hours, when home is in a dial-a-ride zone the person can use
// and it runs that day). Each session's time feasibility is then a lookup
// in the profiles at the venue's nearby stops. Only sessions that pass the
// time tests have their journeys reconstructed, for the legs shown and the
// fares charged.
//
// Walks, to the venue and between a place and its stops, are searched on
// the OSM pedestrian graph where one is loaded and covers both ends
// (package pedestrian, shared with coverage and the journey planner), at
// the profile's speed, avoiding steps and the like for a step-free
// profile; elsewhere they are the straight line × 1.3, and only those are
// flagged estimated. Transfers between stops are the timetable snapshot's
// footpaths: walked on the graph where the snapshot was built with one
// (the server's are), else straight-line estimates, flagged. A walk of no
// length (a stop at the door) is left out of a trip.
//
// Other modes are computed per session from cheap closed forms: car and
// taxi (package road), and dial-a-ride to the door (package dar), with the
// ride's booking deadline in words ("book by 16:00 on Friday 4 December,
// the working day before").
//
// Dial-a-ride to the bus: when the person uses dial-a-ride and home is
// inside a zone whose vehicle suits them, two more range searches a day
// (over the zone's hours) start from every stop in the zone at the ride's
// estimated time plus DarTransferSlack, as well as from the stops on foot;
// a journey found is rebuilt with its ride as a leg of its own, checked
// against the zone's day and hours, booked like any ride, and charged the
// ride's fare on top of the bus fare (see darbus.go). Only home's end: a
// ride from the bus to a site, or to the zone's edge with a walk on, is not
// modelled.
//
// Choosing the way: among the ways feasible in time and within budget,
// the cheapest of those that take no more than CheaperWayTolerance longer
// each way (twice that out and back) than the fastest, then the faster: a
// short free walk rather than a slightly quicker paid ride. A cost that is
// not known is never the cheaper. When none is within budget, the
// cheapest, so that the near miss says by how much.
//
// Near misses: when no way is feasible in time, the barriers named are
// those of the way that got furthest: no journey at all, then a journey
// the person cannot use (no step-free one, or a vehicle whose access is
// unknown), then there but not home, then too long; ties go to a ride over
// a walk, then fewer barriers, then the first listed (walk, bus, car, taxi,
// dial-a-ride, dial-a-ride to the bus).
//
// Ranking: reachable sessions by total travel time (out and back), then
// total cost, then number of changes, then start time. Near misses by the
// number of barriers, then start time.
//
// It imports domain packages only (transit, walk, road, dar, fare,
// heritage, profile, geo); no infrastructure.
package reach
