// Package scenario answers the rural outreach planner's two what-if
// questions over the published data: "what would this change do?" (a
// change set: who gains or loses access to any activity, per mobility
// profile, by rurality and deprivation, and which cells change) and
// "where would one new weekly session reach the most people who have
// none?" (greedy suggestions among heritage sites without an activity).
//
// # Change sets
//
// ParseRequest reads a request (JSON, no unknown field, at most MaxChanges
// changes, polygons of at most MaxPolygonVertices positions, times HH:MM)
// and reports the first problem as a FieldError naming its JSON path
// ("changes[2].start"); Engine.Run reports a change naming something the
// data does not hold as a RefError ("changes[0].activity_id"). The change
// types (see Change and the API contract in the OpenAPI document):
//
//   - add_session: a new weekly activity at a published site (with the
//     site's own recorded entrance and toilet access), or at a new venue,
//     or one more weekly schedule of an existing activity. A price left
//     out is unknown, never free.
//   - move_session: another start (keeping the length), end or weekdays
//     (weekly schedules only) for one schedule or all of an activity.
//   - make_free (a known price of 0), remove_activity.
//   - step_free_stop, _trip, _route, _network: surveyed step-free (yes,
//     not assumed).
//   - add_trip: one more run of a route — a template trip's stops and
//     running times from another first departure, on its days or others:
//     the cheapest fix for the last-bus barrier.
//   - add_dar_zone: a GTFS-Flex-style dial-a-ride zone (polygon, days,
//     window, booking notice, fare, vehicle access).
//
// # Never altering the published data
//
// A World (the coverage input and the sites) is never modified. Applying
// a change set copies the activity list before changing it, copies each
// activity it changes (and the schedule or cost slices it replaces), and
// derives new timetable snapshots with transit.Snapshot.Derive, which
// copies every slice it changes; zones are appended to a copy.
//
// # Recomputing only what the change touches
//
// Coverage is a sum over activities (coverage.ActivityReach: the cells
// that reach each activity's sessions, with counts). An Engine keeps, per
// profile, a baseline: the coverage prepared over the World
// (coverage.Prepared) and kept per activity, computed once, on first use
// (or by Warm), under the engine's own context so a caller that gives up
// leaves it for the next one. A scenario for a profile is then the
// baseline's totals, less the shares of the activities it removes or
// touches, plus the touched activities' shares recomputed — on the
// scenario's timetables and zones (Prepared.With, which keeps the cell
// grid and the stop → cells index). What a change touches, per profile:
//
//   - add, move, make free, remove: that activity only;
//   - step-free stops, trips, routes or feeds: nothing for profiles that
//     need no step-free access (searches ignore access values for them);
//     every activity for step-free profiles that ride (which activities a
//     stop's journeys reach is not known without searching, and on the
//     Isle of Wight all of them cost about half a millisecond);
//   - an added trip: for profiles that ride, the activities with a
//     session in the week whose journey windows (05:00 less the longest
//     journey to the start; the end to midnight plus the longest journey)
//     overlap a day's run of the trip (on that day, or the day before or
//     after past midnight);
//   - a dial-a-ride zone: for dial-a-ride profiles, the activities whose
//     venue lies inside it (a ride needs both ends in one zone).
//
// The tests check, for every kind of change and every standard profile,
// that this equals recomputing every activity on the changed data.
// Measured on the Isle of Wight (4,157 cells, 60 activities; 2 cores):
// the six baselines take about 50 ms once; then adding a session costs
// about 0.2 ms for one profile and 3.5 ms for six, a later trip 11 ms for
// six, every stop and trip step-free 3 ms for six, suggestions 0.1 ms.
//
// # Answers
//
// A cell has access when at least one activity is reachable from it in
// the week. People gaining access live in cells with none before and some
// after (losing: the reverse); profile population counts whom the
// profile stands for (coverage.ProfilePopulation). Totals are split by
// the cells' RUC 2021 class and IMD decile; the changed cells (any change
// in activities or weekly sessions) are listed, those gaining or losing
// access first, then by population, up to the request's cap.
//
// # Suggestions
//
// The candidates are published sites with no activity (inside a box, at
// most MaxCandidates). Each gets a hypothetical weekly session —
// Wednesday 10:30–12:00, free, at the site's own recorded access, so an
// unknown entrance stays unknown and a wheelchair user reaches none of
// it. Greedy maximum coverage: pick the site whose session reaches the
// most people in cells that reach nothing now, mark its cells, repeat up
// to k times, stopping when no site adds anyone; ties go to the larger
// profile population, then to the site first by name and id.
//
// It imports domain packages only (coverage, transit, reach, heritage,
// profile, dar, geo) and orb; no infrastructure (a test checks), no
// logging.
package scenario
