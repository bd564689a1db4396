package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Snapping uses a uniform lon/lat bucket grid: cells of about gridCellM
// metres, each listing its node indices (CSR again). Queries scan rings of
// cells outwards and stop once no unscanned cell can hold a closer node.
const (
	gridCellM    = 200.0
	gridMaxCells = 1 << 22
	metresPerDeg = geo.EarthRadiusM * math.Pi / 180
)

type grid struct {
	minLon, minLat   float64
	cellLon, cellLat float64
	cellMinM         float64 // shortest side of a cell in metres
	nx, ny           int
	first            []int32
	nodes            []int32
}

func newGrid(points []orb.Point) grid {
	if len(points) == 0 {
		return grid{}
	}
	b := orb.MultiPoint(points).Bound()
	maxAbsLat := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))
	cosLat := math.Max(0.01, math.Cos(maxAbsLat*math.Pi/180))
	gr := grid{minLon: b.Min[0], minLat: b.Min[1]}
	gr.cellLat = gridCellM / metresPerDeg
	gr.cellLon = gr.cellLat / cosLat
	for {
		gr.nx = int((b.Max[0]-b.Min[0])/gr.cellLon) + 1
		gr.ny = int((b.Max[1]-b.Min[1])/gr.cellLat) + 1
		if gr.nx*gr.ny <= gridMaxCells {
			break
		}
		gr.cellLon, gr.cellLat = gr.cellLon*2, gr.cellLat*2
	}
	gr.cellMinM = math.Min(gr.cellLat*metresPerDeg, gr.cellLon*metresPerDeg*cosLat)
	gr.fill(points)
	return gr
}

func (gr *grid) fill(points []orb.Point) {
	gr.first = make([]int32, gr.nx*gr.ny+1)
	for _, p := range points {
		gr.first[gr.cellOf(p)+1]++
	}
	for i := 0; i < gr.nx*gr.ny; i++ {
		gr.first[i+1] += gr.first[i]
	}
	gr.nodes = make([]int32, len(points))
	next := append([]int32(nil), gr.first[:gr.nx*gr.ny]...)
	for i, p := range points {
		c := gr.cellOf(p)
		gr.nodes[next[c]] = int32(i)
		next[c]++
	}
}

func (gr *grid) cellXY(p orb.Point) (int, int) {
	x := int(math.Floor((p[0] - gr.minLon) / gr.cellLon))
	y := int(math.Floor((p[1] - gr.minLat) / gr.cellLat))
	return min(max(x, 0), gr.nx-1), min(max(y, 0), gr.ny-1)
}

func (gr *grid) cellOf(p orb.Point) int {
	x, y := gr.cellXY(p)
	return y*gr.nx + x
}

func (gr *grid) sizeBytes() int { return (len(gr.first) + len(gr.nodes)) * 4 }

// Nearest returns the node closest to p and its distance in metres; ok is
// false only for an empty graph or a point that is not finite.
func (g *Graph) Nearest(p orb.Point) (node int32, distM float64, ok bool) {
	return g.nearest(p, nil, math.Inf(1))
}

// NearestWithin is Nearest among the nodes within maxM metres of p; ok is
// false when there is none. It scans only the cells that close, so a point
// far from the graph (another region) costs a few cells, not all of them.
func (g *Graph) NearestWithin(p orb.Point, maxM float64) (node int32, distM float64, ok bool) {
	return g.nearest(p, nil, maxM)
}

// NearestUsable is Nearest restricted to nodes with at least one arc the
// profile may traverse, so a step-free origin never snaps onto the top of a
// flight of steps with no other way out.
func (g *Graph) NearestUsable(p orb.Point, prm Params) (node int32, distM float64, ok bool) {
	return g.nearest(p, &prm, math.Inf(1))
}

// NearestUsableWithin is NearestUsable within maxM metres, like
// NearestWithin.
func (g *Graph) NearestUsableWithin(p orb.Point, prm Params, maxM float64) (node int32, distM float64, ok bool) {
	return g.nearest(p, &prm, maxM)
}

// nearest scans rings of cells outwards until no unscanned cell can hold
// a node closer than the best found, or within maxM.
func (g *Graph) nearest(p orb.Point, prm *Params, maxM float64) (int32, float64, bool) {
	gr := &g.grid
	if gr.nx == 0 || !geo.ValidLonLat(p) {
		return -1, 0, false
	}
	cx, cy := gr.cellXY(p)
	best, bestD := int32(-1), math.Inf(1)
	for r := 0; r <= max(gr.nx, gr.ny); r++ {
		if near := float64(r-1) * gr.cellMinM * 0.99; bestD <= near || maxM < near {
			break
		}
		best, bestD = g.scanRing(p, cx, cy, r, prm, best, bestD)
	}
	if best < 0 || bestD > maxM {
		return -1, 0, false
	}
	return best, bestD, true
}

// scanRing visits the cells at Chebyshev distance r from (cx, cy).
func (g *Graph) scanRing(p orb.Point, cx, cy, r int, prm *Params, best int32, bestD float64) (int32, float64) {
	gr := &g.grid
	for y := cy - r; y <= cy+r; y++ {
		if y < 0 || y >= gr.ny {
			continue
		}
		step := 1
		if y != cy-r && y != cy+r {
			step = 2 * r
		}
		for x := cx - r; x <= cx+r; x += max(step, 1) {
			if x < 0 || x >= gr.nx {
				continue
			}
			best, bestD = g.scanCell(p, y*gr.nx+x, prm, best, bestD)
		}
	}
	return best, bestD
}

func (g *Graph) scanCell(p orb.Point, c int, prm *Params, best int32, bestD float64) (int32, float64) {
	gr := &g.grid
	for _, n := range gr.nodes[gr.first[c]:gr.first[c+1]] {
		if prm != nil && !g.usable(n, prm) {
			continue
		}
		d := geo.DistanceM(p, g.points[n])
		if d < bestD || (d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	return best, bestD
}

func (g *Graph) usable(n int32, prm *Params) bool {
	for a := g.first[n]; a < g.first[n+1]; a++ {
		if prm.allows(g, a) {
			return true
		}
	}
	return false
}
