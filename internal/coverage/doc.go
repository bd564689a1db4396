// Package coverage answers the planner's and the funder's question: for a
// mobility profile, how many activities — and how many of their sessions
// in a week — can a person living in each populated H3 cell get to and
// home from? It computes that for every populated resolution-9 cell and
// rolls it up to resolutions 8, 7 and 6.
//
// # The rules
//
// A session counts for a cell exactly when internal/reach would list it as
// reachable for a person living at the cell's centre, with the same rules:
// the person is available for the whole session; a journey arrives a
// margin (reach.DefaultMargin) before the start and another leaves after
// the end and gets home; each way is no longer than the profile's limit or
// reach.DefaultMaxJourney for the cell's rurality; a step-free profile
// needs a step-free (yes or assumed) entrance — an unknown entrance does not
// count — and, if it asks for one, an accessible toilet; and the visit's
// cost fits the budget, an unknown cost never fitting a finite one. The
// ways are reach's: walking (on the pedestrian graph where Input.Walk
// covers both ends, as pedestrian.Walking routes it, else straight line × 1.3;
// at the profile's speed, within its longest walk; see walkgraph.go), bus
// and rail, car or taxi (road.Estimate:
// straight line × 1.4 at the rurality's speed), dial-a-ride where a zone
// holds both ends, and dial-a-ride from home to a bus stop in home's zone
// and back (see darbus.go). Coverage assumes the person is referred by a link
// worker (Input.Referred), so free-on-referral prices apply.
//
// # Activity-centric
//
// The work does not grow with cells × activities. For each session, per
// timetable network, one reverse range search from the venue's stops
// (arrive by start − margin, from 05:00) and one forward range search from
// them (leave after the end, until midnight) give every stop's profile of
// journeys. For each stop the shortest ride-to-venue (and venue-to-ride)
// time is found once; each cell then takes the best of its nearby stops
// plus its walk to them (within its longest walk at the profile's speed:
// on the pedestrian graph where it covers the cell and the stop, as
// pedestrian.Walking.StopAccess walks it for reach, else straight line ×
// 1.3 as transit.StopsNear counts it), through a stop → cells index built
// once per profile. Walking, car and dial-a-ride
// are closed forms over the cells near the venue or in its zone; when a
// profile has no way that depends on the time of day (walking and
// driving), each activity's cells are judged once for all its sessions. Activities are shared out to a fixed number of workers
// (GOMAXPROCS by default), each with its own searchers and counters; the
// counters are summed at the end, so the answer does not depend on the
// number of workers.
//
// # Per activity, for what-ifs
//
// Because each activity's sessions are judged on their own, coverage is
// a sum of per-activity shares (ActivityReach: the cells reaching any of
// its sessions, with the sessions each reaches and how many rely on
// unknown or assumed data); Counts adds and takes away shares. Prepare
// readies a profile over an input once (cell grid, parents, stop → cells
// index, zones, fare floor); Prepared.Activities judges any list of
// activities — the input's or changed ones — and returns their shares;
// Prepared.With swaps in other timetables and zones, reusing the stop
// index of any snapshot with the same stops (one derived with
// transit.Snapshot.Derive) and, when every network is such a derivation
// (same routes), the fare floor. internal/scenario builds what-ifs on
// these; the shares of all activities sum exactly to Compute's
// resolution-9 cells (a test checks).
//
// # Where it differs from reach, and why
//
//   - reach judges the latest departure that arrives in time (and the
//     earliest arrival home) and rejects the session when that one journey
//     is too long; coverage counts the session when any journey within the
//     limit exists. The range searches here are bounded by the longest
//     limit (transit.Params.MaxDuration), which finds every journey within
//     it. Coverage is therefore never below reach on these ways, and above it only where
//     a slower later bus would have hidden a quicker earlier one.
//   - A ride to or from the bus is combined with the other way's walk, or
//     a ride in another of home's zones, whatever the hour; reach's searches with a ride leave home
//     within the zone's hours only, so a journey that walks to an early
//     bus and rides home may count here and not there.
//   - The 05:00 start and the midnight end of the day's journeys are
//     applied at the stop, not at the door.
//   - Car and taxi use road.Estimate, never a loaded road network.
//   - Bus fares are not rebuilt per journey. With no budget, a transit
//     journey's fare is known or estimated unless no route of the network
//     has a fare at all. With a finite budget, a floor (two rides at the
//     cheapest single any route charges this rider) rules transit out when
//     even the floor does not fit; when it might fit, reach itself decides
//     that cell and session (counted in Result.Fallbacks; slow, and never
//     needed for the standard profiles under the default England fares).
//
// # Unknown and assumed
//
// Each reached session of a cell is judged on the way reach would choose:
// within budget, then the shortest travel, then the cheapest. It relied on
// unknown data when its venue's entrance or toilet is unknown (and not
// needed), its price or fare is unknown, or it is walked on a step-free
// profile (kerbs and surfaces are unknown); it relied on an assumption when
// the profile needs step-free access and the venue's entrance or toilet is
// only assumed, or the journey is step-free only under a feed's declared
// policy (Network.Strict tells: the same timetable without the policy).
// unknown_share and assumed_share are those counts over the reached
// sessions.
//
// # Coarser resolutions
//
// A parent cell sums its populated children's population and profile
// population. Its activities are the union over its children — the
// activities someone living somewhere in it can reach — counted exactly,
// per activity, while computing. Its sessions per week are the
// population-weighted mean of its children's (what the average resident
// can reach); its unknown and assumed shares are weighted by population
// and reached sessions; its ruc21 and IMD decile are those of the largest
// share of its population.
//
// It imports domain packages only (reach, transit, heritage, profile, dar,
// fare, road, walk, geo); no infrastructure (a test checks).
package coverage
