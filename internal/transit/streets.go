package transit

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// Footpaths on the street graph.
//
// With BuildOptions.Streets, Build snaps every stop to the pedestrian
// graph twice — for any walker and for a step-free one, as the walking
// layer snaps points (internal/reach): a stop is covered when a node the
// profile may use lies within MaxSnapM, blocked when nodes lie that near
// but a step-free walker may use none of them (the map says there is no
// way out), and off the graph otherwise. Then, per need, one search bounded
// by MaxFootpathM runs from each covered stop, and every covered stop it
// settles gets a footpath of the walked metres, the two snap lines
// included. A step-free search never crosses steps, raised kerbs, steep or
// narrow ways, wheelchair=no ways or stiles (walk.StepFreeForbidden), so a
// pair joined only by steps gets no step-free footpath, and a pair across a
// river gets the walk to the bridge, or none when that is too long.
// Between covered stops the graph is the authority: no walk within
// MaxFootpathM means no footpath, however close the straight line.
//
// A stop off the graph keeps straight-line footpaths (× DetourFactor) to
// every stop near it, marked as estimates; a blocked stop gets no
// step-free footpath at all. A GTFS transfer of type 2 between stops with
// no footpath yet is walked on the graph where it covers both stops; where
// the graph does not connect them it stays a straight-line estimate (the
// feed says the transfer exists), except that for step-free walkers it is
// left out when the graph connects them only over barriers.

// stopCover says how the street graph covers a stop for one need.
type stopCover uint8

const (
	stopOffGraph stopCover = iota
	stopBlocked
	stopCovered
)

// streetStops is the snapshot's stops snapped to the street graph for one
// step-free need.
type streetStops struct {
	stepFree bool
	cover    []stopCover
	node     []int32   // graph node of a covered stop
	snapM    []float64 // metres from the stop to its node
	byNode   []nodeStop
}

// nodeStop is a covered stop and its node; streetStops.byNode is sorted by
// node, then stop.
type nodeStop struct{ node, stop int32 }

func (st *streetStops) covered(v int32) bool { return st != nil && st.cover[v] == stopCovered }
func (st *streetStops) blocked(v int32) bool { return st != nil && st.cover[v] == stopBlocked }

// params is the walk search profile of the need, metres as seconds, within
// maxM metres (at least a sliver: 0 would mean no cap).
func (st *streetStops) params(maxM float64) walk.Params {
	return walk.Params{SpeedMPS: 1, MaxDistanceM: math.Max(maxM, math.SmallestNonzeroFloat64), StepFree: st.stepFree}
}

// snapStops snaps every stop for one step-free need.
func (b *builder) snapStops(stepFree bool) *streetStops {
	g, pts := b.streets, b.s.stopPoint
	st := &streetStops{stepFree: stepFree, cover: make([]stopCover, len(pts)),
		node: make([]int32, len(pts)), snapM: make([]float64, len(pts))}
	prm := walk.Params{SpeedMPS: 1, StepFree: stepFree}
	maxSnap := b.s.opt.MaxSnapM
	for i, p := range pts {
		st.node[i] = -1
		if !b.streetBound.Contains(p) {
			continue // far off the graph: skip the ring scan
		}
		if n, d, ok := g.NearestUsableWithin(p, prm, maxSnap); ok {
			st.cover[i], st.node[i], st.snapM[i] = stopCovered, n, d
			st.byNode = append(st.byNode, nodeStop{node: n, stop: int32(i)})
		} else if _, _, ok := g.NearestWithin(p, maxSnap); stepFree && ok {
			st.cover[i] = stopBlocked
		}
	}
	slices.SortFunc(st.byNode, func(a, b nodeStop) int { return cmp.Or(cmp.Compare(a.node, b.node), cmp.Compare(a.stop, b.stop)) })
	if !stepFree {
		b.anyStops = st
	}
	return st
}

// streetBoundOf is the bound of g's nodes grown by maxSnap metres.
func streetBoundOf(g *walk.Graph, maxSnap float64) orb.Bound {
	pts := make(orb.MultiPoint, g.NumNodes())
	for i := range pts {
		pts[i] = g.Point(int32(i))
	}
	return geo.ExpandBound(pts.Bound(), maxSnap)
}

// streetFootpaths appends the walks on the graph between covered stops:
// one bounded search per covered stop, spread over the available cores,
// each with its own walk.Search.
func (b *builder) streetFootpaths(st *streetStops, fps []footpath) ([]footpath, error) {
	var from []int32
	for i := range int32(len(st.cover)) {
		if st.covered(i) {
			from = append(from, i)
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(from)/64))
	out := make([][]footpath, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			search := walk.NewSearch(b.streets)
			for x := k; x < len(from) && errs[k] == nil; x += workers {
				out[k], errs[k] = b.walkFrom(search, st, from[x], out[k])
			}
		})
	}
	wg.Wait()
	for k := range workers {
		if errs[k] != nil {
			return nil, errs[k]
		}
		fps = append(fps, out[k]...)
	}
	return fps, nil
}

// walkFrom appends a footpath from covered stop i to every covered stop
// within MaxFootpathM walking metres of it on the graph.
func (b *builder) walkFrom(search *walk.Search, st *streetStops, i int32, dst []footpath) ([]footpath, error) {
	maxM, snap := b.s.opt.MaxFootpathM, st.snapM[i]
	if snap > maxM {
		return dst, nil
	}
	src := []walk.Source{{Node: st.node[i]}}
	if err := search.Run(src, st.params(maxM-snap), 0); err != nil {
		return dst, fmt.Errorf("footpaths from stop %q on the street graph: %w", b.s.stopID[i], err)
	}
	for _, u := range search.Reached() {
		k, _ := slices.BinarySearchFunc(st.byNode, u, func(e nodeStop, u int32) int { return cmp.Compare(e.node, u) })
		if k == len(st.byNode) || st.byNode[k].node != u {
			continue
		}
		leg, _ := search.Leg(u)
		for ; k < len(st.byNode) && st.byNode[k].node == u; k++ {
			j := st.byNode[k].stop
			if m := math.Ceil(snap + leg.Metres + st.snapM[j]); j != i && m <= maxM {
				dst = append(dst, footpath{from: i, to: j, metres: uint16(m), measured: true})
			}
		}
	}
	return dst, nil
}

// transferWalk is the footpath a GTFS type 2 transfer adds between stops
// that have none in this set; walkable is false when it must be left out.
func (b *builder) transferWalk(st *streetStops, from, to int32) (f footpath, walkable bool, err error) {
	s := b.s
	a, z := s.stopPoint[from], s.stopPoint[to]
	f = footpath{from: from, to: to, metres: uint16(math.Min(maxFootpathM, WalkMetres(a, z, s.opt.DetourFactor)))}
	switch {
	case st.blocked(from) || st.blocked(to):
		return f, false, nil
	case !st.covered(from) || !st.covered(to):
		return f, true, nil // an end off the graph: the estimate
	}
	limit := math.Min(maxFootpathM, math.Max(s.opt.MaxFootpathM, 4*geo.DistanceM(a, z)))
	m, found, err := b.walkBetween(st, from, to, limit)
	switch {
	case err != nil:
		return f, false, err
	case found:
		f.metres, f.measured = uint16(math.Min(maxFootpathM, m)), true
		return f, true, nil
	case !st.stepFree:
		return f, true, nil // the graph does not connect them; the feed does
	}
	if _, found, err = b.walkBetween(b.anyStops, from, to, limit); err != nil || found {
		return f, false, err // the graph connects them only over barriers
	}
	return f, true, nil
}

// walkBetween walks from covered stop from to covered stop to within limit
// metres, snap lines included.
func (b *builder) walkBetween(st *streetStops, from, to int32, limit float64) (float64, bool, error) {
	snaps := st.snapM[from] + st.snapM[to]
	if !st.covered(from) || !st.covered(to) || snaps > limit {
		return 0, false, nil
	}
	if b.search == nil {
		b.search = walk.NewSearch(b.streets)
	}
	src := []walk.Source{{Node: st.node[from]}}
	if err := b.search.RunTo(src, st.params(limit-snaps), st.node[to]); err != nil {
		return 0, false, fmt.Errorf("transfer %q→%q on the street graph: %w", b.s.stopID[from], b.s.stopID[to], err)
	}
	leg, ok := b.search.Leg(st.node[to])
	m := math.Ceil(st.snapM[from] + leg.Metres + st.snapM[to])
	return m, ok && m <= limit, nil
}
