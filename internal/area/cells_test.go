package area

import (
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Every point inside an LSOA lies in a cell that overlaps it, so its cell
// must be a candidate; so must the cells of the boundary's vertices and
// every polyfill cell. Candidates must stay near the LSOA.
func TestCandidateCells(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_lsoa.geojson")
	bs, _, err := ReadBoundaries(r, name, LSOA21)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(9))
	for _, b := range bs[:8] {
		cells, err := CandidateCells(b.Polygon, geo.ResOrigin)
		if err != nil {
			t.Fatal(err)
		}
		set := make(map[int64]bool, len(cells))
		for _, c := range cells {
			set[c] = true
		}
		for _, p := range testPoints(b.Polygon, rng, 3000) {
			c, err := geo.Cell(p, geo.ResOrigin)
			if err != nil {
				t.Fatal(err)
			}
			if !set[c] {
				t.Errorf("%s: point %v in cell %s, not a candidate", b.Code, p, geo.CellString(c))
				break
			}
		}
		inner, _ := geo.PolygonCells(b.Polygon[0], geo.ResOrigin)
		near := geo.ExpandBound(b.Polygon.Bound(), 800)
		for _, c := range cells {
			centre, _ := geo.CellCenter(c)
			if !near.Contains(centre) {
				t.Errorf("%s: candidate %s far from the LSOA", b.Code, geo.CellString(c))
			}
		}
		if len(cells) < len(inner) {
			t.Errorf("%s: %d candidates, %d polyfill cells", b.Code, len(cells), len(inner))
		}
	}
}

// testPoints returns n random points inside mp and all its vertices.
func testPoints(mp orb.MultiPolygon, rng *rand.Rand, n int) []orb.Point {
	var out []orb.Point
	for _, poly := range mp {
		for _, ring := range poly {
			out = append(out, ring...)
		}
	}
	b := mp.Bound()
	for len(out) < n {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		if planar.MultiPolygonContains(mp, p) {
			out = append(out, p)
		}
	}
	return out
}

func TestCandidateCellsSmallSquare(t *testing.T) {
	// A 60 m square, smaller than one res-9 cell: no centre need fall inside,
	// yet the cell holding it must be a candidate.
	sq := rect(-0.7, 52.6, -0.7+0.00088, 52.6+0.00054)
	cells, err := CandidateCells(sq, geo.ResOrigin)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := geo.Cell(orb.Point{-0.7 + 0.00044, 52.6 + 0.00027}, geo.ResOrigin)
	found := false
	for _, x := range cells {
		found = found || x == c
	}
	if !found || len(cells) > 30 {
		t.Errorf("%d candidates, holding cell found %v", len(cells), found)
	}
}
