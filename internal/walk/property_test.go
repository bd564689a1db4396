package walk_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"pgregory.net/rapid"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// randomGraph draws a small graph with random lengths, flags, speeds and
// oneway edges, plus the same edges as a plain list for the reference.
func randomGraph(t *rapid.T) (*walk.Graph, []walk.Edge) {
	n := rapid.IntRange(1, 25).Draw(t, "nodes")
	b := walk.NewBuilder()
	for i := 0; i < n; i++ {
		lon := rapid.Float64Range(-0.01, 0.01).Draw(t, "lon")
		lat := rapid.Float64Range(51, 51.01).Draw(t, "lat")
		b.AddNode(orb.Point{lon, lat})
	}
	m := rapid.IntRange(0, 60).Draw(t, "edges")
	var edges []walk.Edge
	for i := 0; i < m; i++ {
		e := walk.Edge{
			From:    int32(rapid.IntRange(0, n-1).Draw(t, "from")),
			To:      int32(rapid.IntRange(0, n-1).Draw(t, "to")),
			LengthM: float32(rapid.IntRange(1, 500).Draw(t, "len")),
			Flags:   walk.Flags(rapid.IntRange(0, 1<<12-1).Draw(t, "flags")),
			Oneway:  rapid.Bool().Draw(t, "oneway"),
		}
		if rapid.IntRange(0, 3).Draw(t, "hasSpeed") == 0 {
			e.SpeedMPS = float32(rapid.IntRange(1, 30).Draw(t, "speed"))
		}
		if _, err := b.AddEdge(e); err != nil {
			t.Fatal(err)
		}
		edges = append(edges, e)
	}
	return b.Build(), edges
}

// bellmanFord is the reference: shortest seconds by repeated relaxation.
func bellmanFord(n int, edges []walk.Edge, src int32, p walk.Params) []float64 {
	d := make([]float64, n)
	for i := range d {
		d[i] = math.Inf(1)
	}
	d[src] = 0
	for range n {
		for _, e := range edges {
			if p.StepFree && e.Flags&walk.StepFreeForbidden != 0 {
				continue
			}
			speed := p.SpeedMPS
			if e.SpeedMPS > 0 {
				speed = float64(e.SpeedMPS)
			}
			if speed <= 0 {
				continue
			}
			c := float64(e.LengthM) / speed
			d[e.To] = math.Min(d[e.To], d[e.From]+c)
			if !e.Oneway {
				d[e.From] = math.Min(d[e.From], d[e.To]+c)
			}
		}
	}
	return d
}

func TestSearchMatchesBellmanFord(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, edges := randomGraph(t)
		p := walk.Params{
			SpeedMPS: float64(rapid.IntRange(0, 3).Draw(t, "walkSpeed")),
			StepFree: rapid.Bool().Draw(t, "stepFree"),
		}
		if p.SpeedMPS == 0 && !hasSpeeds(edges) {
			p.SpeedMPS = 1
		}
		src := int32(rapid.IntRange(0, g.NumNodes()-1).Draw(t, "src"))
		s := walk.NewSearch(g)
		// Run twice: the second run must not see the first one's labels.
		other := int32(rapid.IntRange(0, g.NumNodes()-1).Draw(t, "other"))
		if err := s.Run([]walk.Source{{Node: other}}, walk.Params{SpeedMPS: 5}, 0); err != nil {
			t.Fatal(err)
		}
		if err := s.Run([]walk.Source{{Node: src}}, p, 0); err != nil {
			t.Fatal(err)
		}
		want := bellmanFord(g.NumNodes(), edges, src, p)
		checkAgainst(t, g, s, want)
	})
}

func hasSpeeds(edges []walk.Edge) bool {
	for _, e := range edges {
		if e.SpeedMPS > 0 {
			return true
		}
	}
	return false
}

func checkAgainst(t *rapid.T, g *walk.Graph, s *walk.Search, want []float64) {
	prev := -1.0
	for _, n := range s.Reached() {
		secs, _ := s.Seconds(n)
		if secs < prev {
			t.Fatalf("reached out of order at node %d", n)
		}
		prev = secs
	}
	for n := range want {
		got, ok := s.Seconds(int32(n))
		if ok != !math.IsInf(want[n], 1) || (ok && math.Abs(got-want[n]) > 1e-6*math.Max(1, want[n])) {
			t.Fatalf("node %d: got %v,%v want %v", n, got, ok, want[n])
		}
		if ok {
			checkPath(t, g, s, int32(n))
		}
	}
}

// checkPath: the path's edges sum to the reported metres and chain up.
func checkPath(t *rapid.T, g *walk.Graph, s *walk.Search, n int32) {
	leg, _ := s.Leg(n)
	sum := 0.0
	for _, e := range s.PathEdges(n, nil) {
		sum += float64(g.Edge(e).LengthM)
	}
	if math.Abs(sum-leg.Metres) > 1e-3*math.Max(1, sum) {
		t.Fatalf("node %d: path edges sum to %v m, leg says %v", n, sum, leg.Metres)
	}
	pts := s.Path(n, nil)
	if len(pts) == 0 || pts[len(pts)-1] != g.Point(n) {
		t.Fatalf("node %d: path %v does not end at the node", n, pts)
	}
}

func TestStepFreeNeverShorter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, _ := randomGraph(t)
		src := []walk.Source{{Node: int32(rapid.IntRange(0, g.NumNodes()-1).Draw(t, "src"))}}
		a, b := walk.NewSearch(g), walk.NewSearch(g)
		if err := a.Run(src, walk.Params{SpeedMPS: 1}, 0); err != nil {
			t.Fatal(err)
		}
		if err := b.Run(src, walk.Params{SpeedMPS: 1, StepFree: true}, 0); err != nil {
			t.Fatal(err)
		}
		for _, n := range b.Reached() {
			free, _ := b.Seconds(n)
			any, ok := a.Seconds(n)
			if !ok || free < any-1e-9 {
				t.Fatalf("node %d: step-free %v beats unrestricted %v (%v)", n, free, any, ok)
			}
			for _, e := range b.PathEdges(n, nil) {
				if g.Edge(e).Flags&walk.StepFreeForbidden != 0 {
					t.Fatalf("step-free path to %d uses forbidden edge %d", n, e)
				}
			}
		}
	})
}

func TestNearestMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, _ := randomGraph(t)
		p := orb.Point{
			rapid.Float64Range(-0.05, 0.05).Draw(t, "qlon"),
			rapid.Float64Range(50.95, 51.05).Draw(t, "qlat"),
		}
		n, d, ok := g.Nearest(p)
		if !ok {
			t.Fatal("no nearest node")
		}
		best := math.Inf(1)
		for i := range g.NumNodes() {
			best = math.Min(best, geo.DistanceM(p, g.Point(int32(i))))
		}
		if d != best || geo.DistanceM(p, g.Point(n)) != d {
			t.Fatalf("nearest %d at %v m, brute force %v m", n, d, best)
		}
		// Within a limit: the same node when it is that close, none when not.
		maxM := rapid.Float64Range(0, 3000).Draw(t, "maxM")
		wn, wd, wok := g.NearestWithin(p, maxM)
		if wok != (best <= maxM) || wok && (wd != best || geo.DistanceM(p, g.Point(wn)) != wd) {
			t.Fatalf("within %v m: node %d at %v m (%v); brute force %v m", maxM, wn, wd, wok, best)
		}
	})
}

// A point in another region, about 100 km from the graph, finds nothing
// within a snapping distance, though Nearest finds a node (after scanning
// every cell; NearestWithin stops after the cells within reach).
func TestNearestWithinFarAway(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, _ := randomGraph(t)
		far := orb.Point{-1.3, 50.7} // the Isle of Wight, from a graph near 0°, 51° N
		if _, _, ok := g.NearestWithin(far, 500); ok {
			t.Fatal("a node within 500 m of a point 200 km away")
		}
		if _, d, ok := g.Nearest(far); !ok || d < 50_000 {
			t.Fatalf("nearest at %v m (%v)", d, ok)
		}
	})
}
