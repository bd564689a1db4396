package scenario

import (
	"cmp"
	"math"
	"slices"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// Answer is a scenario's effect per profile.
type Answer struct {
	Week        string          `json:"week"`
	DataVersion string          `json:"data_version"`
	Changes     int             `json:"changes"`
	Profiles    []ProfileAnswer `json:"profiles"`
}

// ProfileAnswer is who gains or loses access for one profile. A cell has
// access when at least one activity is reachable from it in the week.
type ProfileAnswer struct {
	Profile                        string       `json:"profile"`
	PeopleGained                   float64      `json:"people_gained"`
	PeopleLost                     float64      `json:"people_lost"`
	ProfilePopulationGained        float64      `json:"profile_population_gained"`
	ProfilePopulationLost          float64      `json:"profile_population_lost"`
	CellsGained                    int          `json:"cells_gained"`
	CellsLost                      int          `json:"cells_lost"`
	PeopleCoveredBefore            float64      `json:"people_covered_before"`
	PeopleCoveredAfter             float64      `json:"people_covered_after"`
	ProfilePopulationCoveredBefore float64      `json:"profile_population_covered_before"`
	ProfilePopulationCoveredAfter  float64      `json:"profile_population_covered_after"`
	ByRUC                          []RUCChange  `json:"by_ruc"`
	ByIMD                          []IMDChange  `json:"by_imd"`
	ChangedCells                   []CellChange `json:"changed_cells"`
	ChangedCellsTotal              int          `json:"changed_cells_total"`
	Truncated                      bool         `json:"truncated"`
	Recomputed                     Recomputed   `json:"recomputed"`
	MS                             int64        `json:"ms"`
}

// GroupChange is the people gaining and losing access in one group.
type GroupChange struct {
	Gained        float64 `json:"gained"`
	Lost          float64 `json:"lost"`
	ProfileGained float64 `json:"profile_gained"`
	ProfileLost   float64 `json:"profile_lost"`
}

// RUCChange is a GroupChange per ONS RUC 2021 class (nil: unknown).
type RUCChange struct {
	RUC21 *string `json:"ruc21"`
	GroupChange
}

// IMDChange is a GroupChange per IMD decile (nil: unknown).
type IMDChange struct {
	IMDDecile *int `json:"imd_decile"`
	GroupChange
}

// CellChange is one resolution-9 cell whose coverage changed.
type CellChange struct {
	HexID             string  `json:"hex_id"`
	ActivitiesBefore  int32   `json:"activities_before"`
	ActivitiesAfter   int32   `json:"activities_after"`
	SessionsBefore    int32   `json:"sessions_before"`
	SessionsAfter     int32   `json:"sessions_after"`
	Population        float64 `json:"population"`
	ProfilePopulation float64 `json:"profile_population"`
}

// Recomputed says how much of the profile's coverage was recomputed.
type Recomputed struct {
	Activities int  `json:"activities"`
	Of         int  `json:"of"`
	Network    bool `json:"network"`
}

// compare lists what changed between before and after.
func compare(cells []coverage.Cell, p profile.Profile, before, after coverage.Counts, maxCells int) ProfileAnswer {
	pa := ProfileAnswer{Profile: p.ID, ByRUC: []RUCChange{}, ByIMD: []IMDChange{}, ChangedCells: []CellChange{}}
	ruc, imd := map[string]*GroupChange{}, map[int]*GroupChange{}
	var changed []CellChange
	for i := range cells {
		c := &cells[i]
		pop, prof := c.Population, coverage.ProfilePopulation(p, *c)
		b, a := before.Activities[i] > 0, after.Activities[i] > 0
		if b {
			pa.PeopleCoveredBefore += pop
			pa.ProfilePopulationCoveredBefore += prof
		}
		if a {
			pa.PeopleCoveredAfter += pop
			pa.ProfilePopulationCoveredAfter += prof
		}
		if b != a {
			pa.count(a, pop, prof, group(ruc, c.RUC21), group(imd, c.IMDDecile))
		}
		if before.Activities[i] != after.Activities[i] || before.Sessions[i] != after.Sessions[i] {
			changed = append(changed, CellChange{HexID: geo.CellString(c.ID), ActivitiesBefore: before.Activities[i],
				ActivitiesAfter: after.Activities[i], SessionsBefore: before.Sessions[i], SessionsAfter: after.Sessions[i],
				Population: round1(pop), ProfilePopulation: round1(prof)})
		}
	}
	pa.ByRUC, pa.ByIMD = rucGroups(ruc), imdGroups(imd)
	pa.listCells(changed, maxCells)
	pa.round()
	return pa
}

// count adds a cell that gains (or loses) access.
func (pa *ProfileAnswer) count(gained bool, pop, prof float64, groups ...*GroupChange) {
	if gained {
		pa.CellsGained++
		pa.PeopleGained += pop
		pa.ProfilePopulationGained += prof
	} else {
		pa.CellsLost++
		pa.PeopleLost += pop
		pa.ProfilePopulationLost += prof
	}
	for _, g := range groups {
		if gained {
			g.Gained, g.ProfileGained = g.Gained+pop, g.ProfileGained+prof
		} else {
			g.Lost, g.ProfileLost = g.Lost+pop, g.ProfileLost+prof
		}
	}
}

func group[K comparable](m map[K]*GroupChange, k K) *GroupChange {
	g := m[k]
	if g == nil {
		g = &GroupChange{}
		m[k] = g
	}
	return g
}

// listCells keeps the cells that gain or lose access first, then the
// most populated, at most maxCells.
func (pa *ProfileAnswer) listCells(changed []CellChange, maxCells int) {
	access := func(c CellChange) bool { return (c.ActivitiesBefore > 0) != (c.ActivitiesAfter > 0) }
	slices.SortFunc(changed, func(x, y CellChange) int {
		if ax, ay := access(x), access(y); ax != ay {
			if ax {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(y.Population, x.Population), cmp.Compare(x.HexID, y.HexID))
	})
	pa.ChangedCellsTotal = len(changed)
	if len(changed) > maxCells {
		changed, pa.Truncated = changed[:maxCells], true
	}
	pa.ChangedCells = append(pa.ChangedCells, changed...)
}

func rucGroups(m map[string]*GroupChange) []RUCChange {
	out := []RUCChange{}
	for _, k := range sortedKeys(m) {
		r := RUCChange{GroupChange: m[k].rounded()}
		if k != "" {
			r.RUC21 = &k
		}
		out = append(out, r)
	}
	return out
}

func imdGroups(m map[int]*GroupChange) []IMDChange {
	out := []IMDChange{}
	for _, k := range sortedKeys(m) {
		r := IMDChange{GroupChange: m[k].rounded()}
		if k > 0 {
			r.IMDDecile = &k
		}
		out = append(out, r)
	}
	return out
}

// sortedKeys sorts the keys, the zero key (unknown) last.
func sortedKeys[K cmp.Ordered](m map[K]*GroupChange) []K {
	var zero K
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int {
		if (a == zero) != (b == zero) {
			if a == zero {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	return keys
}

func (g GroupChange) rounded() GroupChange {
	return GroupChange{Gained: round1(g.Gained), Lost: round1(g.Lost), ProfileGained: round1(g.ProfileGained), ProfileLost: round1(g.ProfileLost)}
}

func (pa *ProfileAnswer) round() {
	for _, f := range []*float64{&pa.PeopleGained, &pa.PeopleLost, &pa.ProfilePopulationGained, &pa.ProfilePopulationLost,
		&pa.PeopleCoveredBefore, &pa.PeopleCoveredAfter, &pa.ProfilePopulationCoveredBefore, &pa.ProfilePopulationCoveredAfter} {
		*f = round1(*f)
	}
}

// round1 rounds people to a tenth: cell populations are shares of areas'.
func round1(f float64) float64 { return math.Round(f*10) / 10 }
