package coverage

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// gridDeg is the side of a bucket of the cell-centre grid, in degrees
// (about 2 km north–south).
const gridDeg = 0.02

// cellGrid buckets cell centres on a lon/lat grid in CSR form, for "the
// cells within r metres of a point".
type cellGrid struct {
	min    orb.Point
	nx, ny int
	off    []int32 // bucket b's cells are idx[off[b]:off[b+1]]
	idx    []int32
}

func newCellGrid(cells []Cell) *cellGrid {
	g := &cellGrid{}
	if len(cells) == 0 {
		return g
	}
	b := cells[0].Center.Bound()
	for _, c := range cells {
		b = b.Extend(c.Center)
	}
	g.min = b.Min
	g.nx = int((b.Max[0]-b.Min[0])/gridDeg) + 1
	g.ny = int((b.Max[1]-b.Min[1])/gridDeg) + 1
	g.off = make([]int32, g.nx*g.ny+1)
	bucket := make([]int32, len(cells))
	for i, c := range cells {
		bucket[i] = int32(g.bucket(c.Center))
		g.off[bucket[i]+1]++
	}
	for i := 1; i < len(g.off); i++ {
		g.off[i] += g.off[i-1]
	}
	g.idx = make([]int32, len(cells))
	next := slices.Clone(g.off[:len(g.off)-1])
	for i, b := range bucket {
		g.idx[next[b]] = int32(i)
		next[b]++
	}
	return g
}

func (g *cellGrid) bucket(p orb.Point) int {
	x := int((p[0] - g.min[0]) / gridDeg)
	y := int((p[1] - g.min[1]) / gridDeg)
	return y*g.nx + x
}

// near appends to dst the cells whose centres may lie within m metres of
// p (a box around it; callers measure exactly).
func (g *cellGrid) near(p orb.Point, m float64, dst []int32) []int32 {
	if g.nx == 0 {
		return dst
	}
	b := geo.ExpandBound(p.Bound(), m)
	x0, y0 := g.clamp(b.Min)
	x1, y1 := g.clamp(b.Max)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			k := y*g.nx + x
			dst = append(dst, g.idx[g.off[k]:g.off[k+1]]...)
		}
	}
	return dst
}

func (g *cellGrid) clamp(p orb.Point) (int, int) {
	x := math.Floor((p[0] - g.min[0]) / gridDeg)
	y := math.Floor((p[1] - g.min[1]) / gridDeg)
	return int(min(max(x, 0), float64(g.nx-1))), int(min(max(y, 0), float64(g.ny-1)))
}

// stopCells is, for one network, which cells each stop serves and at what
// walk, in CSR form: stop v's cells are cell[off[v]:off[v+1]] with walk
// seconds secs[...]. stops lists the stops that serve any cell.
type stopCells struct {
	off   []int32
	cell  []int32
	secs  []int32
	stops []int32
}

// newStopCells finds every cell's stops within the profile's walk (prm)
// and inverts the lists: on the pedestrian graph where it covers the cell
// and the stop (pedestrian.Walking.StopAccess, reach's walks), else
// straight-line estimates (transit.StopsNear). The graph is searched only
// from cells with a stop within the longest walk in a straight line.
func newStopCells(s *transit.Snapshot, cells []Cell, walking *pedestrian.Walking, prm walk.Params) (*stopCells, error) {
	n := s.NumStops()
	sc := &stopCells{off: make([]int32, n+1)}
	type pair struct{ stop, cell, secs int32 }
	var pairs []pair
	var buf []transit.StopAccess
	for i, c := range cells {
		if walking == nil {
			buf = s.StopsNear(c.Center, prm.MaxDistanceM, prm.SpeedMPS, buf[:0])
		} else if buf = s.StopsNear(c.Center, prm.MaxDistanceM*walk.DetourFactor, prm.SpeedMPS, buf[:0]); len(buf) > 0 {
			var err error // some stop within the walk in a straight line: search
			if buf, err = walking.StopAccess(s, c.Center, prm, buf[:0]); err != nil {
				return nil, fmt.Errorf("walks from cell %s: %w", geo.CellString(c.ID), err)
			}
		}
		for _, a := range buf {
			pairs = append(pairs, pair{a.Stop, int32(i), a.Seconds})
			sc.off[a.Stop+1]++
		}
	}
	for v := 1; v <= n; v++ {
		sc.off[v] += sc.off[v-1]
	}
	sc.cell, sc.secs = make([]int32, len(pairs)), make([]int32, len(pairs))
	next := slices.Clone(sc.off[:n])
	for _, p := range pairs {
		k := next[p.stop]
		sc.cell[k], sc.secs[k] = p.cell, p.secs
		next[p.stop]++
	}
	for v := range n {
		if sc.off[v+1] > sc.off[v] {
			sc.stops = append(sc.stops, int32(v))
		}
	}
	return sc, nil
}

// parents maps every res-9 cell to its ancestors' indices at res 8, 7, 6.
type parents struct {
	ids [3][]int64 // per level, the distinct parent cells, sorted
	of  [3][]int32 // per level, per res-9 cell, the index into ids
}

func newParents(cells []Cell) (*parents, error) {
	p := &parents{}
	for l := range 3 {
		res := Resolutions[l+1]
		ps := make([]int64, len(cells))
		for i, c := range cells {
			pc, err := geo.CellParent(c.ID, res)
			if err != nil {
				return nil, fmt.Errorf("cell %s: %w", geo.CellString(c.ID), err)
			}
			ps[i] = pc
		}
		ids := slices.Clone(ps)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		p.ids[l] = ids
		p.of[l] = make([]int32, len(cells))
		for i, pc := range ps {
			k, _ := slices.BinarySearch(ids, pc)
			p.of[l][i] = int32(k)
		}
	}
	return p, nil
}
