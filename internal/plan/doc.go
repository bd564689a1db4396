// Package plan owns Threshold's journey planner: one journey from a point or
// stop to a point or stop, leaving at or arriving by a time, for one
// mobility profile, written as a JSON-ready Answer. It is the planner "for a
// link worker who already knows the venue, and for anyone checking the
// engine".
//
// It imports the standard library, orb and Threshold's transit, profile,
// geo and walk packages only — no pgx, no chi, no net/http (a test checks).
// Loading timetables is the caller's job: cmd/threshold reads PostGIS,
// builds snapshots and hands them to Replace.
//
// # Timetables
//
// A Planner holds one network per timetable group (one timezone: service
// times are local seconds, so Porto Alegre and the Isle of Wight are two
// networks). Replace publishes a complete new set atomically — one pointer
// to an immutable list, each network bundling its transit.Snapshot with
// what the planner derives from it (the stops' bounding box, the feed ids,
// a pool of Searchers) — so a query loads the set once and uses one
// snapshot to its end: it never sees half an import, and never a snapshot
// paired with another one's feeds or searchers. A network whose snapshot
// did not change keeps its pool across a Replace.
//
// Each network owns a bounded pool of Workers (Options.Workers, default
// GOMAXPROCS): a transit.Searcher with the endpoint and journey buffers one
// query needs. A query waits for a free worker until its context ends, so
// the pool bounds both memory (a national Searcher is tens of megabytes)
// and concurrency, and a deadline turns an overload into an error rather
// than a queue. Searchers are created lazily and reused; after warm-up a
// query allocates only its Answer.
//
// # One query
//
//  1. Validate the request; every error is a *FieldError naming the field
//     by its JSON name ("from.lat", "profile.walk_speed_mps").
//  2. Pick the network: for a stop, the one holding it ("stop:ID" may be
//     given without its feed when only one feed has it); for a point, a
//     network whose stops come within the profile's walk of it, else one
//     with any stop within Options.CoverageM (the point is inside the data
//     but too far to walk). Otherwise the point is outside the loaded data:
//     *OutsideError.
//  3. Access and egress: every stop within the profile's max_walk_m of the
//     point, straight line × walk.DetourFactor (1.3) rounded up to a metre,
//     at the profile's walking speed rounded up to a second — the same
//     estimate the engine's footpaths use. A stop place needs no walk.
//  4. A direct walk, when the two places are within the profile's walk of
//     each other, is the answer if it arrives no later (leaves no earlier,
//     when arriving by) than the best journey by public transport.
//  5. Otherwise transit.Searcher.Route with the profile's speed, walk per
//     transfer, step-free need, Options.MaxTransfers and the profile's
//     max_journey_min (else Options.MaxJourney). A step-free search that
//     finds nothing asks ExplainStepFree which stop or trip stopped it.
//
// # Answers
//
// Times are RFC 3339 with the offset of the network's timezone. Every walk
// is a straight-line estimate and says so (estimated: true): no street
// graph is consulted. Access is the worst access value (yes, assumed,
// unknown, no) of the stops boarded and alighted at and the vehicles
// ridden, with every assumed element and its policy's reason; it says
// nothing about the walks, whose ground is unsurveyed — a step-free answer
// carries a note saying so. A walk-only answer has no access value. "No
// journey" is an answer (found: false) with a reason, not an error.
//
// # Limits
//
// Only the bus and rail modes of a profile are served, and the engine does
// not tell bus from rail: a profile with either rides everything in the
// timetable. The profile's availability windows and budget are not applied.
// A search that has started runs to its end; the context is checked while
// waiting for a worker and between searches.
package plan
