package transit

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// stopGrid buckets stops in square cells of roughly cellM metres so that
// "stops within r metres" touches only nearby cells. Cells are keyed by
// (row, column) packed into an int64 and stored sorted, so the grid holds
// no map.
type stopGrid struct {
	cellDeg float64 // cell height in degrees of latitude
	keys    []int64 // sorted cell keys, one per non-empty cell
	off     []int32 // stops of keys[k] are stops[off[k]:off[k+1]]
	stops   []int32
}

func newStopGrid(pts []orb.Point, cellM float64) stopGrid {
	g := stopGrid{cellDeg: math.Max(cellM, 50) / geo.EarthRadiusM * 180 / math.Pi}
	idx := make([]int32, len(pts))
	cell := make([]int64, len(pts))
	for i, p := range pts {
		idx[i], cell[i] = int32(i), g.key(p)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if cell[a] != cell[b] {
			if cell[a] < cell[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	g.stops = idx
	for k, i := range idx {
		if k == 0 || cell[i] != cell[idx[k-1]] {
			g.keys = append(g.keys, cell[i])
			g.off = append(g.off, int32(k))
		}
	}
	g.off = append(g.off, int32(len(idx)))
	return g
}

// The column width shrinks with latitude: columns are measured in degrees
// of longitude at the equator scale, so a cell is cellDeg tall and
// cellDeg/cos(lat) wide at most; near() widens its column span to match.
func (g stopGrid) rowCol(p orb.Point) (int64, int64) {
	return int64(math.Floor(p[1] / g.cellDeg)), int64(math.Floor(p[0] / g.cellDeg))
}

func (g stopGrid) key(p orb.Point) int64 {
	r, c := g.rowCol(p)
	return r<<32 | (c & 0xffffffff)
}

// near appends to dst every stop possibly within r metres of p (a superset;
// callers check the distance).
func (g stopGrid) near(pts []orb.Point, p orb.Point, r float64, dst []int32) []int32 {
	if len(g.keys) == 0 {
		return dst
	}
	dLat := r/geo.EarthRadiusM*180/math.Pi + 1e-9
	cosLat := math.Max(0.01, math.Cos((math.Abs(p[1])+dLat)*math.Pi/180))
	dLon := dLat / cosLat
	r0, c0 := g.rowCol(orb.Point{p[0] - dLon, p[1] - dLat})
	r1, c1 := g.rowCol(orb.Point{p[0] + dLon, p[1] + dLat})
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			k, ok := slices.BinarySearch(g.keys, row<<32|(col&0xffffffff))
			if ok {
				dst = append(dst, g.stops[g.off[k]:g.off[k+1]]...)
			}
		}
	}
	return dst
}
