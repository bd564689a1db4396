// Package gaps finds where nobody with a given profile can reach anything:
// the populated cells whose coverage is below a threshold, grouped into
// connected gap areas (cells that are H3 neighbours in the same electoral
// ward), each with the people living there and their need, ranked by
// people × need.
//
// # Why wards
//
// Uncovered cells touch across whole districts: for a wheelchair user on
// the Isle of Wight nearly every populated cell is one connected area of
// 138,000 people, which tells an outreach planner nothing about where to
// start. Gaps therefore stop at ward boundaries: a ward is the unit a
// council, its councillors and community groups act in, and it names the
// gap. Cells without a ward (areas imported without ward boundaries) join
// their neighbours without a ward, as before.
//
// # The score
//
// A gap's score is its profile population (the people the profile stands
// for: everyone for walker, no-money and car, residents 65+ for bus-pass,
// disabled residents for wheelchair, rural residents for
// rural-dial-a-ride) times its need:
//
//	need = (1 + (10 − IMD decile) / 9)   deprivation: 1 in the least deprived decile, 2 in the most
//	     × (1 + disabled share)           disabled residents / residents
//	     × (1 + rural share / 4)          residents of rural cells / residents
//
// An unknown IMD decile counts as 1 (no weight either way), never as
// deprived. The gap's IMD decile and RUC 2021 class are those of the
// largest share of its residents, as for coarser coverage cells. Ties in
// score go to the larger population, then to the smaller first cell, so
// the ranking is stable.
//
// Finding the barrier that excludes a gap's nearest activity needs the
// reachability engine; that is the caller's (httpapi's) part. This
// package imports only geo (for H3 adjacency); no infrastructure.
package gaps
