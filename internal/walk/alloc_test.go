package walk_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// lattice builds a side×side grid of streets 50 m apart; every seventh
// edge is steps and every fifth unsurveyed, so both profiles have work.
func lattice(tb testing.TB, side int) *walk.Graph {
	tb.Helper()
	b := walk.NewBuilder()
	const step = 0.00045 // about 50 m of latitude
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			b.AddNode(orb.Point{float64(x) * step * 1.6, 52 + float64(y)*step})
		}
	}
	k := 0
	add := func(a, c int) {
		k++
		e := walk.Edge{From: int32(a), To: int32(c), LengthM: 50}
		if k%7 == 0 {
			e.Flags |= walk.Steps
		}
		if k%5 == 0 {
			e.Flags |= walk.Unknown
		}
		if _, err := b.AddEdge(e); err != nil {
			tb.Fatal(err)
		}
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			if x+1 < side {
				add(y*side+x, y*side+x+1)
			}
			if y+1 < side {
				add(y*side+x, (y+1)*side+x)
			}
		}
	}
	return b.Build()
}

func TestSearchAllocatesNothingInSteadyState(t *testing.T) {
	g := lattice(t, 60)
	s := walk.NewSearch(g)
	src := []walk.Source{{Node: 1830}}
	path := make([]orb.Point, 0, 1024)
	edges := make([]int32, 0, 1024)
	allocs := testing.AllocsPerRun(20, func() {
		if err := s.Run(src, wheelchair, 900); err != nil {
			t.Fatal(err)
		}
		last := s.Reached()[len(s.Reached())-1]
		path = s.Path(last, path[:0])
		edges = s.PathEdges(last, edges[:0])
		if err := s.RunTo(src, walker, 0); err != nil {
			t.Fatal(err)
		}
		g.NearestUsable(orb.Point{0.01, 52.01}, wheelchair)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per query", allocs)
	}
}

func BenchmarkIsochroneLattice15minWheelchair(b *testing.B) {
	g := lattice(b, 200)
	s := walk.NewSearch(g)
	src := []walk.Source{{Node: 100*200 + 100}}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Run(src, wheelchair, 15*60); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.Reached())), "nodes")
}

func BenchmarkNearest(b *testing.B) {
	g := lattice(b, 200)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		g.Nearest(orb.Point{float64(i%97) * 0.0005, 52 + float64(i%89)*0.0004})
	}
}
