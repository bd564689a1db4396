// Package transit owns Threshold's public-transport engine: an immutable,
// in-memory timetable snapshot and the RAPTOR family of searches (Delling,
// Pajor and Werneck, "Round-Based Public Transit Routing", 2012) over it:
// earliest arrival from a set of stops, its range variant rRAPTOR over a
// departure window, the reverse (latest departure) search and its range
// variant, point-to-point journeys with reconstruction, and step-free
// filtering with access values that keep "unknown" apart from "yes".
//
// It imports the standard library, orb, internal/geo and internal/walk (the
// street graph footpaths may be walked on) only — no pgx, no GTFS reader,
// no HTTP (a test checks). The PostGIS loader fills an Input; the tests
// fill one from internal/gtfs.
//
// # Building a snapshot
//
// Build(Input, BuildOptions) indexes plain slices of stops, routes, trips,
// stop times, calendars, calendar dates, frequencies and transfers, scoped
// by feed. It returns an error for input it cannot interpret (unknown
// references, duplicate IDs, feeds in different timezones: one snapshot
// counts every time in one timezone). Trips it cannot ride — fewer than two
// stop times, a departure before its arrival, an arrival before the
// previous departure, a service with no calendar — are left out and listed
// by Snapshot.Dropped. Frequencies expand their template trip into one run
// per start time. Stop times must have times: interpolate untimed stops
// first (gtfs.InterpolateTimes).
//
// # Data layout
//
// Everything is a dense int32 index into flat slices; there is no map and
// no pointer in the search data.
//
//   - Stops: ID, name, position, feed and access value per stop index.
//   - Patterns (RAPTOR routes): runs of one GTFS route with the same stop
//     sequence and pickup/drop-off flags, split further wherever one run
//     overtakes another. patStops[patStopOff[p]:patStopOff[p+1]] are the
//     stops of pattern p; its runs are the global pattern-trip indices
//     patTripOff[p]:patTripOff[p+1], each with its GTFS trip (ptMeta),
//     service and access value.
//   - Times: one []int32 holding, per pattern, per run, per position the
//     arrival and the departure in seconds since the service day's
//     midnight (past 24:00 allowed): trip j of pattern p at position i is at
//     patTimeOff[p] + (j·len(p) + i)·2. That is 8 bytes per stop time.
//   - Stop → (pattern, position), in CSR form; a loop visits a stop twice
//     and has two entries.
//   - Footpaths, in CSR form in both directions, per stop sorted by length:
//     the walking metres (straight line × DetourFactor 1.3, or walked on
//     the street graph; rounded up to a whole metre, at most MaxFootpathM
//     = 1000 by default) as uint16, a minimum time where a GTFS transfer
//     sets one, and a bit per footpath saying it was walked on the graph.
//     Built on a graph, each footpath also holds the step-free walker's
//     metres (never fewer; "none" where only steps or other barriers join
//     the stops) — 2 more bytes a direction rather than a second set. A
//     query turns the metres of its need into seconds at its own walking
//     speed: ceil(metres / speed).
//   - Services: weekday mask and date range per service, calendar dates
//     sorted by date. A query computes the services of three days.
//
// On Porto Alegre's EPTC feed (130,019 stop times, 3,986 stops, 158,100
// footpaths) Snapshot.Memory counts 28 bytes per stop time in all: 9 for
// the timetable, 15 for footpaths, 5 for stops and metadata; with
// footpaths walked on the central city's street graph (148,388, of which
// 96,612 walked) 32 bytes, 19 for footpaths. A Searcher holds about 22
// bytes per stop per round (rounds = MaxTransfers+2).
//
// # Invariants
//
//   - Within a pattern, runs are sorted so that at every position both the
//     arrival and the departure are non-decreasing from one run to the
//     next (no overtaking). The earliest catchable run at a position is
//     found by binary search, and a pattern's times span from its first
//     run's first departure to its last run's last arrival.
//   - Within a run, arrival ≤ departure at every stop and times never go
//     backwards between stops.
//   - The snapshot is never modified after Build; any number of goroutines
//     may search it. A Holder publishes the current one atomically.
//
// # Searches
//
// A Searcher holds all per-query state (labels per round, marks, parents)
// for one snapshot and one goroutine; reuse it. Once its buffers have grown
// no search allocates (TestZeroAllocations). Results are views into it,
// valid until its next search.
//
// A journey is: an access walk (given by the caller per origin stop, in
// seconds), then rides, with at most one walking transfer (a footpath of at
// most MaxWalkM metres) between two rides, then an egress walk (given per
// destination stop). No footpath follows the access walk or precedes the
// egress walk: walking from home is the walking layer's job. A ride boards
// at or after the time the passenger is at the stop (equal times allowed)
// where pickup is allowed and alights where drop-off is allowed. On a
// query date D the search sees the runs of services active on D, those of
// D−1 shifted by −86400 s (trips past midnight) and those of D+1 shifted by
// +86400 s (for late departures); Params.Time is seconds since D's
// midnight.
//
// The searches guarantee, for every stop and for at most MaxTransfers+1
// rides and at most MaxDuration seconds from the query time (0 means no
// limit):
//
//   - Forward: Result.Time is the earliest arrival at the stop (last leg a
//     ride or a transfer walk), Result.RideTime the earliest arrival by a
//     ride (the time to add an egress walk to). Origins hold their access
//     time.
//   - Reverse: Result.Time and RideTime are the latest departure from the
//     stop (first leg a walk or a ride; a ride) that still reaches a target
//     by Params.Time after its egress walk.
//   - Range (ForwardRange, ReverseRange): RangeResult.At(stop, t) equals the
//     single search at any t in the window. Departures are processed latest
//     first (arrivals earliest first) reusing labels, and only times at
//     which a usable trip leaves an origin (less the access walk) are
//     iterated, plus the window's edge; Profile lists the Pareto points.
//     A round boards only what a label newly catches: a label some earlier
//     round or iteration scanned a pattern with has had its rides offered
//     already, so a trip it catches is dropped from the scan, and a stop
//     whose label improved boards only trips leaving between its new and
//     its old label (scanForward). Most labels of a later iteration are
//     old, so it costs a fraction of a search; what remains is about the
//     size of the answer (the profiles' points).
//   - Route: the best point-to-point journey including access and egress,
//     with at least one ride; ties go to fewer rides. A journey boards each
//     trip at the last stop where it could (on a loop: wait, don't ride
//     round).
//
// These are checked against an independent layered Connection Scan written
// in the tests from the Input alone, on 1,000 generated networks per
// search kind (mixed wheelchair values, parents, calendars, loops,
// overtaking, frequencies, transfers, trips past midnight) and on 200
// random queries each on the Isle of Wight and Porto Alegre feeds; and by
// properties (a later departure never arrives earlier, removing a trip never
// helps, step-free ⊆ unrestricted, reverse agrees with forward).
//
// Labels are per round (the best time with at most k rides), kept monotone
// over rounds by pushing each improvement to later rounds, so that round
// k's boarding reads exactly "at most k−1 rides" even when labels are
// reused across a range search. A second set of labels holds arrivals by a
// ride only: transfers walk from those, so walks never chain.
//
// # Step-free and assumptions
//
// A stop's access value is its GTFS wheelchair_boarding (1 yes, 2 no, 0
// unknown) or, when 0 and it has a parent station, the parent's. A trip's is
// its wheelchair_accessible. Then the feed's AccessPolicy may fill what is
// still unknown — and only that — with AccessAssumed, never AccessYes.
// A step-free search boards and alights only where the stop is yes or
// assumed, on trips that are yes or assumed. Every Journey carries the
// worst access value of the stops it boards and alights at and the trips it
// rides (yes < assumed < unknown < no) and lists each assumed element with
// its policy's reason, so an answer built on an assumption says so. Without
// a policy unknown stays unknown: the step-free search does not use it, and
// ExplainStepFree names the first stop or trip on the best unrestricted
// journey that stopped it.
//
// Walking transfers follow the step-free need when the snapshot was built
// on a street graph (BuildOptions.Streets; streets.go): a step-free search
// walks the step-free footpaths — around steps, raised kerbs, steep or
// narrow ways and stiles, or not at all. Without a graph, or for a stop
// the graph does not cover, footpaths are straight-line estimates that no
// step-free need filters, and every walking Leg says whether it is one
// (Leg.Estimated).
//
// # Limits
//
// One timezone per snapshot. Same-stop transfers take no time and GTFS
// transfers between routes or trips are ignored. Forward, Reverse and the
// range searches optimise arrival time only (with a ride limit); ForwardMC
// (mc.go) optimises arrival, fare and rides together for budgets, with
// fares strictly per ride: caps and transfer discounts that depend on the
// journey so far are not modelled there.
package transit
