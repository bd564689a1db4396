package area

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// CandidateCells lists the H3 cells at res that may overlap area: a superset
// of the cells whose hexagon intersects it, sorted. The exact overlap areas,
// used to share an LSOA's people among cells, are computed in PostGIS.
//
// Method: the cells whose centres lie inside each polygon (geo.PolygonCells),
// plus, along every ring (outer and holes), points spaced at most half a cell
// edge apart together with the 1-ring of each point's cell. Any point of the
// boundary is then within a quarter edge of a sample, so the cell holding it
// is the sample's cell or a neighbour; and a cell that meets the area but
// holds none of its boundary lies wholly inside, with its centre inside. The
// edge length is measured on the first vertex's own cell, so generalised
// boundaries with vertices kilometres apart are still walked finely.
func CandidateCells(area orb.MultiPolygon, res int) ([]int64, error) {
	set := make(map[int64]bool)
	for _, poly := range area {
		inner, err := geo.PolygonCells(poly, res)
		if err != nil {
			return nil, err
		}
		for _, c := range inner {
			set[c] = true
		}
		for _, ring := range poly {
			if err := addRingCells(ring, res, set); err != nil {
				return nil, err
			}
		}
	}
	out := make([]int64, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func addRingCells(ring orb.Ring, res int, set map[int64]bool) error {
	if len(ring) == 0 {
		return nil
	}
	step, err := halfEdgeM(ring[0], res)
	if err != nil {
		return err
	}
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		n := int(math.Ceil(geo.DistanceM(a, b) / step))
		for k := 0; k <= n; k++ {
			t := 0.0
			if n > 0 {
				t = float64(k) / float64(n)
			}
			if err := addDisk(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, res, set); err != nil {
				return err
			}
		}
	}
	return nil
}

func addDisk(p orb.Point, res int, set map[int64]bool) error {
	c, err := geo.Cell(p, res)
	if err != nil {
		return err
	}
	disk, err := geo.CellNeighbours(c, 1)
	if err != nil {
		return err
	}
	for _, d := range disk {
		set[d] = true
	}
	return nil
}

// halfEdgeM is half the shortest edge of the cell holding p, in metres.
func halfEdgeM(p orb.Point, res int) (float64, error) {
	c, err := geo.Cell(p, res)
	if err != nil {
		return 0, err
	}
	hex, err := geo.CellBoundary(c)
	if err != nil {
		return 0, err
	}
	shortest := math.Inf(1)
	for i := 0; i+1 < len(hex[0]); i++ {
		shortest = math.Min(shortest, geo.DistanceM(hex[0][i], hex[0][i+1]))
	}
	if math.IsInf(shortest, 0) || shortest <= 0 {
		return 0, fmt.Errorf("h3 cell %x has no edges", c)
	}
	return shortest / 2, nil
}
