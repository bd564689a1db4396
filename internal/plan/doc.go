// Package plan owns Threshold's journey planner: one journey from a point or
// stop to a point or stop, leaving at or arriving by a time, for one
// mobility profile, written as a JSON-ready Answer. It is the planner "for a
// link worker who already knows the venue, and for anyone checking the
// engine".
//
// It imports the standard library, orb and Threshold's transit, profile,
// geo, walk, pedestrian and dar packages only — no pgx, no chi, no net/http (a test
// checks). Loading timetables is the caller's job: cmd/threshold reads
// PostGIS, builds snapshots (footpaths walked on the OSM pedestrian graph
// where one is loaded) and hands them, with the dial-a-ride zones, to
// ReplaceAll.
//
// # Timetables
//
// A Planner holds one network per timetable group (one timezone: service
// times are local seconds, so Porto Alegre and the Isle of Wight are two
// networks). Replace publishes a complete new set atomically — one pointer
// to an immutable list, each network bundling its transit.Snapshot with
// what the planner derives from it (the stops' bounding box, the feed ids,
// a pool of Searchers), with the dial-a-ride zones — so a query loads the
// set once and uses one snapshot to its end: it never sees half an import,
// and never a snapshot paired with another one's feeds, searchers or
// zones. A network whose snapshot did not change keeps its pool across a
// Replace.
//
// Each network owns a bounded pool of Workers (Options.Workers, default
// GOMAXPROCS): a transit.Searcher with the endpoint and journey buffers one
// query needs. A query waits for a free worker until its context ends, so
// the pool bounds both memory (a national Searcher is tens of megabytes)
// and concurrency, and a deadline turns an overload into an error rather
// than a queue. Searchers are created lazily and reused; after warm-up a
// query allocates only its Answer, and, for a profile that may book
// dial-a-ride with a place inside a zone, the zone's stops and the rides'
// wording.
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
//     point, walked on the pedestrian graph where one is loaded and covers
//     the point and the stop (package pedestrian, reach's rules: the snap
//     lines count as walked; a step-free profile avoids steps, raised
//     kerbs, steep and narrow ways), else straight line ×
//     walk.DetourFactor (1.3) — the estimate the engine's footpaths use —
//     flagged estimated; metres rounded up, seconds at the profile's speed
//     rounded up. A stop place needs no walk.
//  4. A direct walk, when the two places are within the profile's walk of
//     each other (on the graph where it covers both, by the same rules),
//     is the answer if it arrives no later (leaves no earlier, when
//     arriving by) than the best journey by public transport.
//  5. Otherwise transit.Searcher.Route with the profile's speed, walk per
//     transfer, step-free need, Options.MaxTransfers and the profile's
//     max_journey_min (else Options.MaxJourney). A step-free search that
//     finds nothing asks ExplainStepFree which stop or trip stopped it.
//  6. For a profile with dial_a_ride among its modes (package dar), in a
//     zone the person can use that day (its vehicle step-free when the
//     profile needs it; unknown is not yes): a ride from door to door
//     when both places are in one zone, leaving at the time asked or when
//     the zone opens (arriving by the time asked or when it closes); and,
//     when the profile also rides buses, a second search whose access (or
//     egress) adds a ride to every stop of the origin's (destination's)
//     zone, dar.StopRides merged with the walks by dar.MergeAccess, the
//     ride counted with dar.TransferSlack (10 minutes) to meet the bus.
//     That search starts no earlier than the origin zone opens (ends no
//     later than the destination zone closes, arriving by), offers only
//     rides that fit the zone's hours from there, and the rides of the
//     journey found are checked against their zone in full (dar.Zone.Ride:
//     day, both ends of the window). A way with a ride, which must be
//     booked ahead and paid for, is the answer only when it arrives more
//     than RideTolerance (10 minutes) sooner — leaves that much later,
//     arriving by — than the best way without one; between themselves,
//     ways are compared by arrival (departure, arriving by), ties going to
//     walking, then bus or rail, then the ride to the door.
//
// # Answers
//
// Times are RFC 3339 with the offset of the network's timezone. The walks
// from the origin, to the destination and between them are straight-line
// estimates and say so (estimated: true); a change between stops is
// walked on the OSM pedestrian graph where the snapshot was built with
// one and covers both stops, and is then not an estimate
// (transit.Leg.Estimated). Access is the worst access value (yes,
// assumed, unknown, no) of the stops boarded and alighted at and the
// vehicles ridden (a dial-a-ride's included), with every assumed element
// and its policy's reason; it says nothing about the walks — a step-free
// answer with an estimated walk carries a note saying its route was not
// checked. A walk-only answer has no access value. A dial-a-ride is a
// ride leg of mode dial_a_ride, an estimate, with its zone, its fare
// (unknown when the feed has none), when to book it (the deadline for
// that ride in words and as a time, and the zone's rule: "book 1 working
// day ahead, by 16:00") and whether the zone is illustrative. "No
// journey" is an answer (found: false) with a reason, not an error; a
// profile that may book dial-a-ride is also told why no ride would do.
//
// # Limits
//
// Only the bus, rail and dial-a-ride modes of a profile are served, and
// the engine does not tell bus from rail: a profile with either rides
// everything in the timetable. Dial-a-ride takes the first zone holding a
// place; calendar exceptions and bank holidays of a zone are not applied
// (package dar). Where a depart-at search finds a journey whose ride to
// the bus ends after the zone closes, an earlier departure with a slower
// journey is not looked for. Fares are given for dial-a-ride legs only.
// The profile's availability windows and budget are not applied.
// A search that has started runs to its end; the context is checked while
// waiting for a worker and between searches.
package plan
