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
// step-free journey can be told from a missing journey). Each session's
// time feasibility is then a lookup in the two profiles at the venue's
// nearby stops. Only sessions that pass the time tests have their journeys
// reconstructed, for the legs shown and the fares charged.
//
// Other modes are computed per session from cheap closed forms: walking
// (straight line × 1.3 at the profile's speed, an estimate), car and taxi
// (package road), and dial-a-ride (package dar). The best feasible way is
// the one with the shortest total travel time, then the lowest cost.
//
// Ranking: reachable sessions by total travel time (out and back), then
// total cost, then number of changes, then start time. Near misses by the
// number of barriers, then start time.
//
// It imports domain packages only (transit, walk, road, dar, fare,
// heritage, profile, geo); no infrastructure.
package reach
