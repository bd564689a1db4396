package gaps_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/threshold-heritage/threshold/internal/gaps"
	"github.com/threshold-heritage/threshold/internal/geo"
)

// disk returns the res-9 cells within k steps of a cell in Newport, Isle
// of Wight.
func disk(t *testing.T, k int) []int64 {
	t.Helper()
	c, err := geo.Cell(geo.PointLatLon(50.70, -1.29), 9)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := geo.CellNeighbours(c, k)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(cs)
	return cs
}

// TestFindProperties: on random coverage over a disk of cells split into
// wards, every uncovered populated cell is in exactly one gap, gap
// populations sum to the uncovered total, each gap is connected and in one
// ward, no two gaps of a ward touch, and the ranking follows the score.
func TestFindProperties(t *testing.T) {
	ids := disk(t, 8) // 217 cells
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		cells := make([]gaps.Cell, len(ids))
		var uncovered, uncoveredProfile float64
		want := map[int64]bool{}
		for i, id := range ids {
			c := gaps.Cell{ID: id, Activities: rng.IntN(3), Population: float64(rng.IntN(4) * 50),
				IMDDecile: rng.IntN(11), Rural: rng.IntN(2) == 0, Ward: wardOf(t, id, round)}
			c.ProfilePopulation, c.Disabled = c.Population/2, c.Population/5
			cells[i] = c
			if c.Activities < 1 && c.Population > 0 {
				uncovered += c.Population
				uncoveredProfile += c.ProfilePopulation
				want[id] = true
			}
		}
		gs, err := gaps.Find(cells, 1)
		if err != nil {
			t.Fatal(err)
		}
		var pop, prof float64
		owner := map[int64]int{}
		for gi, g := range gs {
			if g.Rank != gi+1 || (gi > 0 && g.Score > gs[gi-1].Score) {
				t.Fatalf("round %d: gap %d has rank %d, score %v after %v", round, gi, g.Rank, g.Score, gs[max(gi-1, 0)].Score)
			}
			pop += g.Population
			prof += g.ProfilePopulation
			for _, c := range g.Cells {
				if _, dup := owner[c]; dup || !want[c] {
					t.Fatalf("round %d: cell %x in two gaps or not uncovered", round, c)
				}
				owner[c] = gi
			}
			if !connected(t, g.Cells) {
				t.Fatalf("round %d: gap %d is not connected", round, gi)
			}
			for _, c := range g.Cells {
				if w := wardOf(t, c, round); w != g.Ward {
					t.Fatalf("round %d: gap %d of ward %q holds cell %x of ward %q", round, gi, g.Ward, c, w)
				}
			}
			if !slices.Contains(g.Cells, g.Home) {
				t.Fatalf("round %d: gap %d's home is not one of its cells", round, gi)
			}
		}
		if len(owner) != len(want) || math.Abs(pop-uncovered) > 1e-6 || math.Abs(prof-uncoveredProfile) > 1e-6 {
			t.Fatalf("round %d: gaps hold %d cells, %v people (%v profile); uncovered %d cells, %v (%v)",
				round, len(owner), pop, prof, len(want), uncovered, uncoveredProfile)
		}
		wards := map[string]bool{}
		for _, g := range gs {
			wards[g.Ward] = true
		}
		if round%3 != 0 && len(wards) < 2 {
			t.Fatalf("round %d: every gap in one ward; the ward split was not exercised", round)
		}
		for c, gi := range owner { // maximal: neighbours in a gap and a ward are in the same gap
			ns, _ := geo.CellNeighbours(c, 1)
			for _, n := range ns {
				if gj, ok := owner[n]; ok && gj != gi && wardOf(t, n, round) == wardOf(t, c, round) {
					t.Fatalf("round %d: neighbours %x and %x are in gaps %d and %d", round, c, n, gi, gj)
				}
			}
		}
	}
}

// wardOf splits the disk into wards: none in every third round (the
// cells join as before), otherwise west and east of Newport's meridian,
// and in odd rounds the east split again at its parallel.
func wardOf(t *testing.T, cell int64, round int) string {
	t.Helper()
	if round%3 == 0 {
		return ""
	}
	p, err := geo.CellCenter(cell)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case p.Lon() < -1.29:
		return "E05000001"
	case round%2 == 1 && p.Lat() < 50.70:
		return "E05000003"
	}
	return "E05000002"
}

func connected(t *testing.T, cells []int64) bool {
	t.Helper()
	in := map[int64]bool{}
	for _, c := range cells {
		in[c] = true
	}
	seen := map[int64]bool{cells[0]: true}
	stack := []int64{cells[0]}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ns, err := geo.CellNeighbours(c, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if in[n] && !seen[n] {
				seen[n] = true
				stack = append(stack, n)
			}
		}
	}
	return len(seen) == len(cells)
}

// TestFindTwoAreas: two clusters apart are two gaps; a covered ring
// between them, and an empty cell, belong to neither; the threshold
// counts activities below it.
func TestFindTwoAreas(t *testing.T) {
	ids := disk(t, 3)
	centre, err := geo.Cell(geo.PointLatLon(50.70, -1.29), 9)
	if err != nil {
		t.Fatal(err)
	}
	inner, _ := geo.CellNeighbours(centre, 1)
	var cells []gaps.Cell
	for _, id := range ids {
		c := gaps.Cell{ID: id, Population: 100, ProfilePopulation: 100, IMDDecile: 5}
		switch {
		case id == centre:
			c.Population, c.ProfilePopulation = 0, 0 // empty: not a gap
		case slices.Contains(inner, id):
			c.Activities = 2 // covered ring around the empty centre
		}
		cells = append(cells, c)
	}
	gs, err := gaps.Find(cells, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 1 || len(gs[0].Cells) != len(ids)-7 {
		t.Fatalf("got %d gaps (first with %d cells), want one ring of %d", len(gs), len(gs[0].Cells), len(ids)-7)
	}
	// Raising the threshold to 3 takes in the covered ring too, which
	// joins everything into one gap.
	gs, err = gaps.Find(cells, 3)
	if err != nil || len(gs) != 1 || len(gs[0].Cells) != len(ids)-1 {
		t.Fatalf("threshold 3: %d gaps, %v", len(gs), err)
	}
	if _, err := gaps.Find(cells, 0); err == nil {
		t.Error("a threshold of 0 was accepted")
	}
}

// TestNeed: more deprived, more disabled or more rural means more need;
// an unknown decile weighs as neither.
func TestNeed(t *testing.T) {
	if !(gaps.Need(1, 0, 0) > gaps.Need(5, 0, 0) && gaps.Need(5, 0, 0) > gaps.Need(10, 0, 0)) {
		t.Error("deprivation does not raise need")
	}
	if gaps.Need(10, 0, 0) != 1 || gaps.Need(0, 0, 0) != 1 || gaps.Need(1, 0, 0) != 2 {
		t.Errorf("decile weights %v %v %v, want 1 1 2", gaps.Need(10, 0, 0), gaps.Need(0, 0, 0), gaps.Need(1, 0, 0))
	}
	if !(gaps.Need(5, 0.3, 0) > gaps.Need(5, 0.1, 0)) || !(gaps.Need(5, 0, 1) > gaps.Need(5, 0, 0)) {
		t.Error("disability or rurality does not raise need")
	}
}

// TestRankOrder: of two gaps with equal people, the more deprived ranks
// first; with equal need, the larger.
func TestRankOrder(t *testing.T) {
	a, _ := geo.Cell(geo.PointLatLon(50.70, -1.29), 9)
	b, _ := geo.Cell(geo.PointLatLon(50.60, -1.20), 9)
	c, _ := geo.Cell(geo.PointLatLon(50.65, -1.50), 9)
	gs, err := gaps.Find([]gaps.Cell{
		{ID: a, Population: 100, ProfilePopulation: 100, IMDDecile: 9},
		{ID: b, Population: 100, ProfilePopulation: 100, IMDDecile: 2},
		{ID: c, Population: 300, ProfilePopulation: 300, IMDDecile: 9},
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 || gs[0].Home != c || gs[1].Home != b || gs[2].Home != a {
		t.Errorf("order %x %x %x, want %x %x %x", gs[0].Home, gs[1].Home, gs[2].Home, c, b, a)
	}
}
