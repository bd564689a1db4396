package walk_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

var (
	walker     = walk.Params{SpeedMPS: 1.3}
	wheelchair = walk.Params{SpeedMPS: 1.0, StepFree: true}
)

func TestStepFreeAvoidsSteps(t *testing.T) {
	g, id := stepsFixture(t)
	s := walk.NewSearch(g)
	src := []walk.Source{{Node: id["A"]}}

	if err := s.Run(src, walker, 0); err != nil {
		t.Fatal(err)
	}
	leg, _ := s.Leg(id["C"])
	if leg.Metres != 20 || leg.UnknownM != 0 {
		t.Fatalf("walker A→C %+v, want the 20 m of steps", leg)
	}
	if e := s.PathEdges(id["C"], nil); len(e) != 1 || g.Edge(e[0]).Flags&walk.Steps == 0 {
		t.Fatalf("walker path %v does not use the steps", e)
	}

	if err := s.Run(src, wheelchair, 0); err != nil {
		t.Fatal(err)
	}
	leg, ok := s.Leg(id["C"])
	if !ok || leg.Metres != 200 || leg.Seconds != 200 || leg.UnknownM != 200 {
		t.Fatalf("step-free A→C %+v, want 200 m via B, all of it unknown", leg)
	}
	for _, e := range s.PathEdges(id["C"], nil) {
		if g.Edge(e).Flags&walk.StepFreeForbidden != 0 {
			t.Fatalf("step-free path uses edge %d flagged %v", e, g.Edge(e).Flags)
		}
	}
}

func TestUnknownIsNotForbiddenButReported(t *testing.T) {
	g, id := stepsFixture(t)
	s := walk.NewSearch(g)
	if err := s.Run([]walk.Source{{Node: id["A"]}}, wheelchair, 0); err != nil {
		t.Fatal(err)
	}
	b, _ := s.Leg(id["B"])
	d, _ := s.Leg(id["D"])
	if b.UnknownM != 100 || d.UnknownM != 0 {
		t.Fatalf("unknown metres B %v, D %v; want 100 and 0", b.UnknownM, d.UnknownM)
	}
}

func TestPathFollowsShapeBothWays(t *testing.T) {
	g, id := stepsFixture(t)
	s := walk.NewSearch(g)
	bend := orb.Point{-0.0001, 51.0004}
	if err := s.RunTo([]walk.Source{{Node: id["A"]}}, walker, id["D"]); err != nil {
		t.Fatal(err)
	}
	want := []orb.Point{g.Point(id["A"]), bend, g.Point(id["D"])}
	if got := s.Path(id["D"], nil); !equalPoints(got, want) {
		t.Fatalf("A→D path %v, want %v", got, want)
	}
	if err := s.RunTo([]walk.Source{{Node: id["D"]}}, walker, id["A"]); err != nil {
		t.Fatal(err)
	}
	want = []orb.Point{g.Point(id["D"]), bend, g.Point(id["A"])}
	if got := s.Path(id["A"], nil); !equalPoints(got, want) {
		t.Fatalf("D→A path %v, want %v", got, want)
	}
}

func equalPoints(a, b []orb.Point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLimits(t *testing.T) {
	g, id := stepsFixture(t)
	s := walk.NewSearch(g)
	src := []walk.Source{{Node: id["A"], Seconds: 10, Metres: 5}}
	if err := s.Run(src, walk.Params{SpeedMPS: 1, StepFree: true}, 111); err != nil {
		t.Fatal(err)
	}
	if len(s.Reached()) != 3 { // A at 10 s, B at 110 s, D at 111 s
		t.Fatalf("reached %v within 111 s", s.Reached())
	}
	if _, ok := s.Seconds(id["C"]); ok {
		t.Fatal("C reached beyond the time limit")
	}
	capped := walk.Params{SpeedMPS: 1, StepFree: true, MaxDistanceM: 105}
	if err := s.Run(src, capped, 0); err != nil {
		t.Fatal(err)
	}
	if l, ok := s.Leg(id["B"]); !ok || l.Metres != 105 {
		t.Fatalf("B leg %+v, %v; want 105 m, inside the cap", l, ok)
	}
	if _, ok := s.Seconds(id["D"]); ok {
		t.Fatal("D (106 m) reached beyond a 105 m cap")
	}
}

func TestMultiSourceTakesTheCheaperStart(t *testing.T) {
	g, id := stepsFixture(t)
	s := walk.NewSearch(g)
	src := []walk.Source{{Node: id["A"], Seconds: 500}, {Node: id["C"], Seconds: 0}}
	if err := s.Run(src, wheelchair, 0); err != nil {
		t.Fatal(err)
	}
	if secs, _ := s.Seconds(id["B"]); secs != 100 {
		t.Fatalf("B at %v s, want 100 from C", secs)
	}
	if secs, _ := s.Seconds(id["A"]); secs != 200 {
		t.Fatalf("A at %v s, want 200 (via C beats its own 500 s start)", secs)
	}
}

func TestSearchRejectsBadInput(t *testing.T) {
	g, _ := stepsFixture(t)
	s := walk.NewSearch(g)
	if err := s.Run([]walk.Source{{Node: 99}}, walker, 0); err == nil {
		t.Error("accepted a source out of range")
	}
	if err := s.Run([]walk.Source{{Node: 0}}, walk.Params{}, 0); err == nil {
		t.Error("accepted zero speed on a graph without edge speeds")
	}
	if err := s.Run([]walk.Source{{Node: 0, Seconds: math.NaN()}}, walker, 0); err == nil {
		t.Error("accepted NaN seconds")
	}
	if err := s.RunTo([]walk.Source{{Node: 0}}, walker, -1); err == nil {
		t.Error("accepted target -1")
	}
}

func TestEstimate(t *testing.T) {
	a, b := orb.Point{-0.7317, 52.6703}, orb.Point{-0.7226, 52.5895}
	m, secs := walk.EstimateSeconds(a, b, walker)
	if m < 1.3*8900 || m > 1.3*9100 || math.Abs(secs-m/1.3) > 1e-9 {
		t.Fatalf("Oakham–Uppingham estimate %.0f m %.0f s", m, secs)
	}
	l := walk.Estimate(a, b, walk.Params{})
	if !l.Estimated || !math.IsInf(l.Seconds, 1) || l.UnknownM != l.Metres {
		t.Fatalf("estimate with no speed %+v", l)
	}
}
