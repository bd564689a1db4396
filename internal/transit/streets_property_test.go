package transit

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"pgregory.net/rapid"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// genStreets draws a small street graph over genNetwork's area: nodes
// among the stops, two-way edges with whole-metre lengths of at least the
// straight line, some over steps or other step-free barriers, some
// unsurveyed.
func genStreets(t *rapid.T) *walk.Graph {
	b := walk.NewBuilder()
	nn := rapid.IntRange(0, 14).Draw(t, "nodes")
	pts := make([]orb.Point, nn)
	for i := range pts {
		pts[i] = genPoint(t)
		b.AddNode(pts[i])
	}
	if nn == 0 {
		return b.Build()
	}
	for range rapid.IntRange(0, 2*nn).Draw(t, "edges") {
		a := rapid.IntRange(0, nn-1).Draw(t, "edgeFrom")
		z := rapid.IntRange(0, nn-1).Draw(t, "edgeTo")
		m := math.Ceil(geo.DistanceM(pts[a], pts[z])) + float64(rapid.IntRange(0, 400).Draw(t, "detour"))
		f := rapid.SampledFrom([]walk.Flags{0, 0, 0, walk.Steps, walk.RaisedKerb, walk.Barrier, walk.Unknown, walk.Rough}).Draw(t, "flags")
		if _, err := b.AddEdge(walk.Edge{From: int32(a), To: int32(z), LengthM: float32(m), Flags: f}); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build()
}

// bruteStreets restates streets.go's rules with brute force: every node
// tried for snapping, Floyd–Warshall for the walks.
type bruteStreets struct {
	in               Input
	g                *walk.Graph
	maxSnap, maxM    float64
	node             [2][]int32 // per need and stop: snapped node, -1 off the graph, -2 blocked
	snap             [2][]float64
	dist             [2][][]float64
	stopIdx          map[string]int32
	detour, maxStore float64
}

func newBruteStreets(in Input, g *walk.Graph, maxSnap, maxM float64) *bruteStreets {
	b := &bruteStreets{in: in, g: g, maxSnap: maxSnap, maxM: maxM, detour: 1.3, maxStore: 65534, stopIdx: map[string]int32{}}
	for i, s := range in.Stops {
		b.stopIdx[s.FeedID+"/"+s.ID] = int32(i)
	}
	for k := range 2 {
		b.dist[k] = b.floyd(k == 1)
		for _, s := range in.Stops {
			n, d := b.snapTo(s.Point, k == 1)
			b.node[k], b.snap[k] = append(b.node[k], n), append(b.snap[k], d)
		}
	}
	return b
}

func (b *bruteStreets) allowed(e walk.Edge, stepFree bool) bool {
	return !stepFree || e.Flags&walk.StepFreeForbidden == 0
}

func (b *bruteStreets) floyd(stepFree bool) [][]float64 {
	n := b.g.NumNodes()
	d := make([][]float64, n)
	for i := range d {
		d[i] = make([]float64, n)
		for j := range d[i] {
			d[i][j] = math.Inf(1)
		}
		d[i][i] = 0
	}
	for e := range int32(b.g.NumEdges()) {
		ed := b.g.Edge(e)
		if b.allowed(ed, stepFree) {
			l := float64(ed.LengthM)
			d[ed.From][ed.To] = math.Min(d[ed.From][ed.To], l)
			d[ed.To][ed.From] = math.Min(d[ed.To][ed.From], l)
		}
	}
	for k := range n {
		for i := range n {
			for j := range n {
				d[i][j] = math.Min(d[i][j], d[i][k]+d[k][j])
			}
		}
	}
	return d
}

// snapTo is the nearest node with an edge the need may use (ties: lowest
// index) within maxSnap; -2 when step-free and some node is that near; -1
// off the graph.
func (b *bruteStreets) snapTo(p orb.Point, stepFree bool) (int32, float64) {
	if b.g.NumEdges() == 0 {
		return -1, 0 // no streets at all: straight lines everywhere
	}
	best, bestD, near := int32(-1), math.Inf(1), false
	for n := range int32(b.g.NumNodes()) {
		d := geo.DistanceM(p, b.g.Point(n))
		near = near || d <= b.maxSnap
		usable := false
		for e := range int32(b.g.NumEdges()) {
			ed := b.g.Edge(e)
			usable = usable || (ed.From == n || ed.To == n) && b.allowed(ed, stepFree)
		}
		if usable && d < bestD {
			best, bestD = n, d
		}
	}
	switch {
	case best >= 0 && bestD <= b.maxSnap:
		return best, bestD
	case stepFree && near:
		return -2, 0
	}
	return -1, 0
}

// walk is the graph walk from stop i to stop j for need k within limit
// metres, snap lines included.
func (b *bruteStreets) walk(k int, i, j int32, limit float64) (float64, bool) {
	ni, nj := b.node[k][i], b.node[k][j]
	if ni < 0 || nj < 0 {
		return 0, false
	}
	m := math.Ceil(b.snap[k][i] + b.dist[k][ni][nj] + b.snap[k][j])
	return m, m <= limit
}

type bruteFoot struct {
	metres   float64
	measured bool
	minSec   int32
}

// feet lists one need's footpaths by pair.
func (b *bruteStreets) feet(k int) map[[2]int32]bruteFoot {
	out := map[[2]int32]bruteFoot{}
	st := b.in.Stops
	for i := range int32(len(st)) {
		for j := range int32(len(st)) {
			ni, nj := b.node[k][i], b.node[k][j]
			switch {
			case i == j || ni == -2 || nj == -2:
			case ni >= 0 && nj >= 0:
				if m, ok := b.walk(k, i, j, b.maxM); ok {
					out[[2]int32{i, j}] = bruteFoot{metres: m, measured: true}
				}
			default:
				if m := math.Ceil(geo.DistanceM(st[i].Point, st[j].Point) * b.detour); m <= b.maxM {
					out[[2]int32{i, j}] = bruteFoot{metres: m}
				}
			}
		}
	}
	b.transfers(k, out)
	return out
}

func (b *bruteStreets) transfers(k int, out map[[2]int32]bruteFoot) {
	for _, t := range b.in.Transfers {
		i, j := b.stopIdx[t.FeedID+"/"+t.FromStopID], b.stopIdx[t.FeedID+"/"+t.ToStopID]
		p := [2]int32{i, j}
		f, ok := out[p]
		if i == j || t.Type != 2 {
			continue
		}
		if !ok {
			if f, ok = b.transferFoot(k, i, j); !ok {
				continue
			}
		}
		f.minSec = max(f.minSec, t.MinSeconds)
		out[p] = f
	}
	for _, t := range b.in.Transfers {
		if t.Type == 3 {
			delete(out, [2]int32{b.stopIdx[t.FeedID+"/"+t.FromStopID], b.stopIdx[t.FeedID+"/"+t.ToStopID]})
		}
	}
}

func (b *bruteStreets) transferFoot(k int, i, j int32) (bruteFoot, bool) {
	a, z := b.in.Stops[i].Point, b.in.Stops[j].Point
	straight := bruteFoot{metres: math.Min(b.maxStore, math.Ceil(geo.DistanceM(a, z)*b.detour))}
	ni, nj := b.node[k][i], b.node[k][j]
	switch {
	case ni == -2 || nj == -2:
		return straight, false
	case ni < 0 || nj < 0:
		return straight, true
	}
	limit := math.Min(b.maxStore, math.Max(b.maxM, 4*geo.DistanceM(a, z)))
	if m, ok := b.walk(k, i, j, limit); ok {
		return bruteFoot{metres: math.Min(b.maxStore, m), measured: true}, true
	}
	if k == 0 {
		return straight, true
	}
	_, barriers := b.walk(0, i, j, limit)
	return straight, !barriers
}

// merged joins the needs: step-free walks as they are; any walker takes
// the shorter of the two.
func merged(all, sf map[[2]int32]bruteFoot) map[[2]int32]bruteFoot {
	out := map[[2]int32]bruteFoot{}
	for p, f := range all {
		out[p] = f
	}
	for p, g := range sf {
		f, ok := out[p]
		if !ok || g.metres < f.metres {
			g.minSec = max(g.minSec, f.minSec)
			out[p] = g
		} else {
			f.minSec = max(f.minSec, g.minSec)
			out[p] = f
		}
	}
	return out
}

// checkFeet compares a need's footpaths, out and in, with the brute force.
func checkFeet(t *rapid.T, s *Snapshot, k int, want map[[2]int32]bruteFoot) {
	fp := s.fp
	got := 0
	for a := range int32(s.NumStops()) {
		for f := fp.off[a]; f < fp.off[a+1]; f++ {
			m := fp.metres[k][f]
			if m == noWalk {
				continue
			}
			got++
			w, ok := want[[2]int32{a, fp.to[f]}]
			var ms int32
			if fp.minSec != nil {
				ms = fp.minSec[f]
			}
			if !ok || float64(m) != w.metres || fp.isMeasured(k, f) != w.measured || ms != w.minSec {
				t.Fatalf("need %d: footpath %d→%d %d m, measured %v, min %d s; brute force %+v (exists %v)",
					k, a, fp.to[f], m, fp.isMeasured(k, f), ms, w, ok)
			}
		}
		for f := fp.inOff[a]; f < fp.inOff[a+1]; f++ {
			if m := fp.inMetres[k][f]; m != noWalk && float64(m) != want[[2]int32{fp.from[f], a}].metres {
				t.Fatalf("need %d: in-footpath %d→%d %d m, out %+v", k, fp.from[f], a, m, want[[2]int32{fp.from[f], a}])
			}
		}
	}
	if got != len(want) {
		t.Fatalf("need %d: %d footpaths, brute force %d", k, got, len(want))
	}
}

func refFeet(m map[[2]int32]bruteFoot) []refFoot {
	var out []refFoot
	for p, f := range m {
		out = append(out, refFoot{from: p[0], to: p[1], metres: f.metres, minSec: f.minSec})
	}
	slices.SortFunc(out, func(x, y refFoot) int { return int(x.from-y.from)*1000 + int(x.to-y.to) })
	return out
}

// TestStreetFootpathsMatchBruteForce builds generated networks on
// generated street graphs and checks every footpath of both needs (metres,
// measured or estimated, minimum time) against brute force, then searches
// (forward, reverse, range, with and without step-free need) against the
// reference Connection Scan walking the brute-force footpaths.
func TestStreetFootpathsMatchBruteForce(t *testing.T) {
	var measured, estimated, anyOnly int
	defer func() {
		t.Logf("footpaths checked: %d measured, %d estimated, %d for any walker only", measured, estimated, anyOnly)
		if measured == 0 || estimated == 0 || anyOnly == 0 {
			t.Error("generated street graphs too dull")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		g := genStreets(t)
		maxSnap := rapid.SampledFrom([]float64{60, 200, 400}).Draw(t, "maxSnap")
		s, err := Build(in, BuildOptions{Streets: g, MaxSnapM: maxSnap})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		bf := newBruteStreets(in, g, maxSnap, 1000)
		all, sf := bf.feet(0), bf.feet(1)
		all = merged(all, sf)
		checkFeet(t, s, 0, all)
		checkFeet(t, s, 1, sf)
		for p, f := range all {
			if f.measured {
				measured++
			} else {
				estimated++
			}
			if _, ok := sf[p]; !ok {
				anyOnly++
			}
		}
		ref := newRefNet(in)
		ref.setFeet(refFeet(all), refFeet(sf))
		searchesAgree(t, s, ref, len(in.Stops))
	})
}

// searchesAgree runs a forward, a reverse and a range search against the
// reference.
func searchesAgree(t *rapid.T, s *Snapshot, ref *refNet, n int) {
	w := NewSearcher(s)
	p := genParams(t)
	ends := genEndpoints(t, n, "ends")
	res, err := w.Forward(ends, p)
	if err != nil {
		t.Fatal(err)
	}
	best, ride := ref.refForward(ends, p)
	agree(t, "forward best", n, res.Time, best, refInf)
	agree(t, "forward ride", n, res.RideTime, ride, refInf)
	res, err = w.Reverse(ends, p)
	if err != nil {
		t.Fatal(err)
	}
	best, ride = ref.refReverse(ends, p)
	agree(t, "reverse best", n, res.Time, best, -refInf)
	agree(t, "reverse ride", n, res.RideTime, ride, -refInf)
	rr, err := w.ForwardRange(ends, p, 3600)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range rr.Times(nil) {
		q := p
		q.Time = tm
		best, _ := ref.refForward(ends, q)
		agree(t, "range best", n, func(v int32) (int32, bool) { return rr.At(v, tm) }, best, refInf)
	}
}
