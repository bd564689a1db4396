package walk_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// stepsFixture is a square of four nodes about 100 m apart. From A to C a
// walker may take a 20 m flight of steps (A-C); the step-free way goes
// round by B (unsurveyed footway) or D (surveyed, with a curved shape).
//
//	D ---- C
//	|    / |
//	|  /   |   A-C: steps, 20 m
//	A ---- B
func stepsFixture(t testing.TB) (*walk.Graph, map[string]int32) {
	t.Helper()
	b := walk.NewBuilder()
	id := map[string]int32{
		"A": b.AddNode(orb.Point{0, 51}),
		"B": b.AddNode(orb.Point{0.0014, 51}),
		"C": b.AddNode(orb.Point{0.0014, 51.0009}),
		"D": b.AddNode(orb.Point{0, 51.0009}),
	}
	edges := []walk.Edge{
		{From: id["A"], To: id["C"], LengthM: 20, Flags: walk.Steps},
		{From: id["A"], To: id["B"], LengthM: 100, Flags: walk.Unknown},
		{From: id["B"], To: id["C"], LengthM: 100, Flags: walk.Unknown},
		{From: id["A"], To: id["D"], LengthM: 101, Shape: []orb.Point{{-0.0001, 51.0004}}},
		{From: id["C"], To: id["D"], LengthM: 101, Flags: walk.WheelchairYes},
	}
	for _, e := range edges {
		if _, err := b.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build(), id
}

func TestBuilderRejectsBadEdges(t *testing.T) {
	b := walk.NewBuilder()
	a := b.AddNode(orb.Point{0, 51})
	for _, e := range []walk.Edge{
		{From: a, To: 5},
		{From: -1, To: a},
		{From: a, To: a, LengthM: -1},
		{From: a, To: a, LengthM: float32(math.NaN())},
		{From: a, To: a, SpeedMPS: float32(math.Inf(1))},
	} {
		if _, err := b.AddEdge(e); err == nil {
			t.Errorf("AddEdge(%+v) accepted", e)
		}
	}
}

func TestBuilderMeasuresLength(t *testing.T) {
	b := walk.NewBuilder()
	a := b.AddNode(orb.Point{0, 51})
	c := b.AddNode(orb.Point{0, 51.001})
	e, err := b.AddEdge(walk.Edge{From: a, To: c, Shape: []orb.Point{{0.001, 51.0005}}})
	if err != nil {
		t.Fatal(err)
	}
	g := b.Build()
	got := g.Edge(e).LengthM
	// Two legs of about sqrt(70² + 55.6²) = 89 m.
	if got < 170 || got > 190 {
		t.Fatalf("measured %.1f m, want about 179", got)
	}
	if g.NumArcs() != 2 || g.Degree(a) != 1 || g.Degree(c) != 1 {
		t.Fatalf("arcs %d, degrees %d %d", g.NumArcs(), g.Degree(a), g.Degree(c))
	}
}

func TestOnewayHasOneArc(t *testing.T) {
	b := walk.NewBuilder()
	a := b.AddNode(orb.Point{0, 51})
	c := b.AddNode(orb.Point{0, 51.001})
	if _, err := b.AddEdge(walk.Edge{From: a, To: c, LengthM: 100, SpeedMPS: 10, Oneway: true}); err != nil {
		t.Fatal(err)
	}
	g := b.Build()
	s := walk.NewSearch(g)
	car := walk.Params{}
	if err := s.Run([]walk.Source{{Node: a}}, car, 0); err != nil {
		t.Fatal(err)
	}
	if secs, ok := s.Seconds(c); !ok || secs != 10 {
		t.Fatalf("a→c = %v, %v; want 10 s at the edge's own speed", secs, ok)
	}
	if err := s.Run([]walk.Source{{Node: c}}, car, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Seconds(a); ok {
		t.Fatal("travelled a oneway edge backwards")
	}
}

func TestFlagNames(t *testing.T) {
	f := walk.Steps | walk.Unknown
	if f.String() != "steps|unknown" {
		t.Fatalf("got %q", f.String())
	}
	if walk.Flags(0).String() != "" {
		t.Fatal("zero flags not empty")
	}
}
