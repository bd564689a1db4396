package gaps

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Cell is one populated resolution-9 cell of a published coverage run.
type Cell struct {
	ID                int64
	Activities        int
	Population        float64
	ProfilePopulation float64
	Disabled          float64
	Rural             bool
	RUC21             string // empty when unknown
	IMDDecile         int    // 0 when unknown
	// Ward is the electoral ward holding the cell (code and name; empty
	// when unknown). Gaps do not cross ward boundaries.
	Ward, WardName string
}

// Gap is one connected area of cells below the threshold.
type Gap struct {
	Rank  int
	Score float64
	// Cells are the gap's cells, sorted.
	Cells             []int64
	Population        float64
	ProfilePopulation float64
	DisabledShare     float64
	RuralShare        float64
	RUC21             string
	IMDDecile         int
	// Home is the gap's most populous cell: where a representative
	// resident lives.
	Home int64
	// Ward is the electoral ward the whole gap lies in (empty when its
	// cells have none).
	Ward, WardName string
}

// Find groups the cells with people and fewer than minActivities
// reachable activities into connected gap areas within one ward, ranked
// by score (best first, Rank 1).
func Find(cells []Cell, minActivities int) ([]Gap, error) {
	if minActivities < 1 {
		return nil, fmt.Errorf("minimum activities %d: want at least 1", minActivities)
	}
	in := map[int64]int{} // cell → index into cells
	for i, c := range cells {
		if c.Activities < minActivities && c.Population > 0 {
			in[c.ID] = i
		}
	}
	comp := newUnion(len(cells))
	for id, i := range in {
		ns, err := geo.CellNeighbours(id, 1)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			if j, ok := in[n]; ok && cells[j].Ward == cells[i].Ward {
				comp.join(i, j)
			}
		}
	}
	groups := map[int][]int{}
	for _, i := range in {
		r := comp.root(i)
		groups[r] = append(groups[r], i)
	}
	out := make([]Gap, 0, len(groups))
	for _, members := range groups {
		out = append(out, summarise(cells, members))
	}
	slices.SortFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Population, a.Population), cmp.Compare(a.Cells[0], b.Cells[0]))
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

func summarise(cells []Cell, members []int) Gap {
	var g Gap
	var disabled, rural, homePop float64
	ruc, imd := map[string]float64{}, map[int]float64{}
	for _, i := range members {
		c := cells[i]
		g.Cells = append(g.Cells, c.ID)
		g.Population += c.Population
		g.ProfilePopulation += c.ProfilePopulation
		disabled += c.Disabled
		if c.Rural {
			rural += c.Population
		}
		ruc[c.RUC21] += c.Population
		imd[c.IMDDecile] += c.Population
		if c.Population > homePop || (c.Population == homePop && c.ID < g.Home) {
			g.Home, homePop = c.ID, c.Population
		}
	}
	slices.Sort(g.Cells)
	g.Ward, g.WardName = cells[members[0]].Ward, cells[members[0]].WardName
	g.DisabledShare = min(disabled/g.Population, 1)
	g.RuralShare = rural / g.Population
	g.RUC21, g.IMDDecile = majority(ruc), majority(imd)
	g.Score = g.ProfilePopulation * Need(g.IMDDecile, g.DisabledShare, g.RuralShare)
	return g
}

// Need weighs a gap's people by deprivation, disability and rurality (see
// the package documentation). imd 0 is unknown and weighs 1.
func Need(imd int, disabledShare, ruralShare float64) float64 {
	dep := 1.0
	if imd >= 1 && imd <= 10 {
		dep = 1 + float64(10-imd)/9
	}
	return dep * (1 + disabledShare) * (1 + ruralShare/4)
}

// majority is the key with the largest weight; ties go to the smaller key.
func majority[K cmp.Ordered](m map[K]float64) K {
	var best K
	w := -1.0
	for k, v := range m {
		if v > w || (v == w && k < best) {
			best, w = k, v
		}
	}
	return best
}

// union is a disjoint-set forest over indices.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) root(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u union) join(a, b int) {
	if ra, rb := u.root(a), u.root(b); ra != rb {
		u[max(ra, rb)] = min(ra, rb)
	}
}
