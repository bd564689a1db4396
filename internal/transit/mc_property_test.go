package transit

import (
	"testing"

	"pgregory.net/rapid"
)

// genFares draws a fare per route (with unknown ones when unknown is set)
// and a per-stop-step charge.
func genFares(t *rapid.T, in Input, s *Snapshot, ref *refNet, unknown bool) *testFares {
	f := &testFares{s: s, check: newRideCheck(in, ref), base: map[string]int32{}}
	for _, r := range in.Routes {
		b := int32(rapid.IntRange(0, 600).Draw(t, "fare"))
		if unknown && rapid.IntRange(0, 4).Draw(t, "unknownFare") == 0 {
			b = -1
		}
		f.base[r.ID] = b
	}
	f.step = int32(rapid.IntRange(0, 3).Draw(t, "step")) * 25
	return f
}

// genMCQuery draws parameters and origins; three times in four the
// origin is a stop some trip calls at, shortly before it leaves, so that
// the small generated networks are actually ridden.
func genMCQuery(t *rapid.T, in Input) (Params, []StopAccess) {
	p := genParams(t)
	if rapid.IntRange(0, 3).Draw(t, "anchored") == 0 {
		return p, genEndpoints(t, len(in.Stops), "origin")
	}
	st := rapid.SampledFrom(in.StopTimes).Draw(t, "anchor")
	p.Time = max(0, st.Dep-int32(rapid.IntRange(0, 1800).Draw(t, "early")))
	if rapid.Bool().Draw(t, "prevDay") && p.Time >= 86400 {
		p.Time -= 86400 // the query date is the run's next day
		p.Date++
	}
	for i, s := range in.Stops {
		if s.ID == st.StopID {
			return p, []StopAccess{{Stop: int32(i), Metres: -1}}
		}
	}
	return p, genEndpoints(t, len(in.Stops), "origin")
}

// genModel wraps f as one of four models: plain; with a peak surcharge
// until 09:30 declared through FareChanges; with a fare floor; or per route
// only, with a floor and RouteFares.
func genModel(t *rapid.T, f *testFares) FareModel {
	switch rapid.IntRange(0, 3).Draw(t, "model") {
	case 1:
		f.peak = int32(rapid.IntRange(1, 300).Draw(t, "peakPence"))
		return bandedFares{f}
	case 2:
		return flooredFares{f}
	case 3:
		f.step, f.peak = 0, 0
		return routeLevelFares{flooredFares{f}}
	}
	return f
}

func genBudget(t *rapid.T, label string) int32 {
	switch rapid.IntRange(0, 3).Draw(t, label+"Kind") {
	case 0:
		return 0
	case 1:
		return NoBudget
	}
	return int32(rapid.IntRange(0, 1500).Draw(t, label))
}

func forwardMC(t *rapid.T, w *Searcher, origins []StopAccess, p Params, fm FareModel, budget int32) *MCResult {
	res, err := w.ForwardMC(origins, p, fm, budget)
	if err != nil {
		t.Fatalf("forward mc: %v", err)
	}
	return res
}

// TestMCMatchesReference compares every stop's Pareto front over (arrival,
// fare, last leg a ride) with the multi-criteria connection scan, under
// fares per route (some unknown) and per stop step, sometimes with a peak
// surcharge until 09:30 declared through FareChanges.
func TestMCMatchesReference(t *testing.T) {
	var c mcCoverage
	defer c.require(t)
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		f := genFares(t, in, s, ref, true)
		fm := genModel(t, f)
		var buf []MCLabel
		for range 2 {
			p, origins := genMCQuery(t, in)
			budget := genBudget(t, "budget")
			res := forwardMC(t, w, origins, p, fm, budget)
			want := ref.refMC(origins, p, f.refFare(ref, p), budget)
			for v := range int32(len(in.Stops)) {
				buf = res.Labels(v, buf[:0])
				got, exp := frontOf(buf), sortFront(want[v])
				if !slicesEqual(got, exp) {
					t.Fatalf("stop %d, budget %d: engine front %v, reference %v", v, budget, got, exp)
				}
				c.add(p, got)
			}
			if f.bad != "" {
				t.Fatalf("bad ride: %s", f.bad)
			}
		}
	})
}

// mcCoverage counts what the compared fronts exercised.
type mcCoverage struct {
	fronts, tradeOffs, unknown, walked, stepFree, otherDay int
}

func (c *mcCoverage) add(p Params, front []refMCLabel) {
	if len(front) == 0 {
		return
	}
	c.fronts++
	if len(front) > 1 && front[0].fare != front[len(front)-1].fare {
		c.tradeOffs++
	}
	for _, l := range front {
		switch {
		case l.fare == refInf:
			c.unknown++
		case !l.ride && l.fare > 0:
			c.walked++
		}
		if l.ride && p.StepFree {
			c.stepFree++
		}
		if l.ride && (l.arr < 0 || l.arr >= 86400) {
			c.otherDay++
		}
	}
}

func (c *mcCoverage) require(t *testing.T) {
	t.Logf("coverage: %+v", *c)
	if c.tradeOffs == 0 || c.unknown == 0 || c.walked == 0 || c.stepFree == 0 || c.otherDay == 0 {
		t.Errorf("generated queries too dull: %+v", *c)
	}
}

func slicesEqual(a, b []refMCLabel) bool {
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

// mcBest copies the best arrivals (any last leg, last leg a ride) per stop
// within budget; refInf when none.
func mcBest(res *MCResult, n int, budget int32) (best, ride []int32) {
	best, ride = filled(n, refInf), filled(n, refInf)
	for v := range int32(n) {
		if l, ok := res.Best(v, budget); ok {
			best[v] = l.Arrive
		}
		if l, ok := res.BestRide(v, budget); ok {
			ride[v] = l.Arrive
		}
	}
	return best, ride
}

// TestMCPropertyBudgetMonotone: a lower budget never reaches a stop a
// higher one does not, and never arrives earlier; and the higher budget's
// search answers the lower budget exactly as the lower budget's search.
func TestMCPropertyBudgetMonotone(t *testing.T) {
	differ := 0
	defer func() {
		t.Logf("%d stops where the lower budget arrives later or not at all", differ)
		if differ == 0 {
			t.Error("budgets never made a difference")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		w := NewSearcher(s)
		f := genFares(t, in, s, newRefNet(in), true)
		fm := genModel(t, f)
		p, origins := genMCQuery(t, in)
		b1, b2 := genBudget(t, "b1"), genBudget(t, "b2")
		b1, b2 = min(b1, b2), max(b1, b2)
		n := len(in.Stops)
		low, lowRide := mcBest(forwardMC(t, w, origins, p, fm, b1), n, b1)
		res := forwardMC(t, w, origins, p, fm, b2)
		high, highRide := mcBest(res, n, b2)
		again, againRide := mcBest(res, n, b1)
		for v := range n {
			if low[v] < high[v] || lowRide[v] < highRide[v] {
				t.Fatalf("stop %d: budget %d arrives %d/%d, budget %d %d/%d", v, b1, low[v], lowRide[v], b2, high[v], highRide[v])
			}
			if again[v] != low[v] || againRide[v] != lowRide[v] {
				t.Fatalf("stop %d: Best(%d) of a budget %d search %d/%d, of a budget %d search %d/%d",
					v, b1, b2, again[v], againRide[v], b1, low[v], lowRide[v])
			}
			if low[v] != high[v] {
				differ++
			}
		}
		if f.bad != "" {
			t.Fatalf("bad ride: %s", f.bad)
		}
	})
}

// TestMCPropertyNoBudgetIsForward: with no budget the earliest arrival at
// every stop (any last leg, and by a ride) is Forward's, whether or not
// some fares are unknown; and with a flat fare per ride, a budget of k
// fares arrives exactly when Forward does with at most k rides.
func TestMCPropertyNoBudgetIsForward(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		w := NewSearcher(s)
		fm := genFares(t, in, s, newRefNet(in), rapid.Bool().Draw(t, "unknown"))
		p, origins := genMCQuery(t, in)
		n := len(in.Stops)
		fw, err := w.Forward(origins, p)
		if err != nil {
			t.Fatal(err)
		}
		best, ride := times(fw, n)
		flat := int32(rapid.IntRange(1, 500).Draw(t, "flat"))
		budget := int32(rapid.IntRange(0, 6*int(flat)).Draw(t, "flatBudget"))
		rides := min(int(budget/flat), p.MaxTransfers+1)
		within := make([]int32, n)
		for v := range int32(n) {
			a, ok := fw.RoundTime(v, rides)
			within[v] = map[bool]int32{true: a, false: refInf}[ok]
		}
		mb, mr := mcBest(forwardMC(t, w, origins, p, fm, NoBudget), n, NoBudget)
		fb, _ := mcBest(forwardMC(t, w, origins, p, flatFare{flat}, budget), n, budget)
		for v := range n {
			if mb[v] != best[v] || mr[v] != ride[v] {
				t.Fatalf("stop %d: no budget %d/%d, forward %d/%d", v, mb[v], mr[v], best[v], ride[v])
			}
			if fb[v] != within[v] {
				t.Fatalf("stop %d: flat %d, budget %d: %d; forward with ≤ %d rides %d", v, flat, budget, fb[v], rides, within[v])
			}
		}
	})
}

// TestMCPropertyJourneys reconstructs every label at every stop: the
// journey is feasible on the Input, ends at the stop at the label's
// arrival with its number of rides and kind of last leg, and its fare
// recomputed from its rides is the label's (unknown when a ride's is).
func TestMCPropertyJourneys(t *testing.T) {
	checked := 0
	defer func() {
		t.Logf("%d journeys checked", checked)
		if checked == 0 {
			t.Error("no journey checked")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		f := genFares(t, in, s, ref, true)
		fm := genModel(t, f)
		p, origins := genMCQuery(t, in)
		budget := genBudget(t, "budget")
		res := forwardMC(t, w, origins, p, fm, budget)
		var buf []MCLabel
		var j Journey
		for v := range int32(len(in.Stops)) {
			buf = res.Labels(v, buf[:0])
			for _, l := range buf {
				if !res.Journey(l, &j) {
					t.Fatalf("stop %d: label %+v has no journey", v, l)
				}
				checkMCJourney(t, in, ref, f, &j, l, v, p, budget)
				checked++
			}
		}
	})
}

func checkMCJourney(t *rapid.T, in Input, ref *refNet, f *testFares, j *Journey, l MCLabel, v int32, p Params, budget int32) {
	legs := j.Legs
	last := legs[len(legs)-1]
	if legs[0].Kind != LegAccess || last.To != v || last.Arrive != l.Arrive || j.Rides() != l.Rides ||
		(last.Kind == LegRide) != l.Ride || l.Rides > p.MaxTransfers+1 {
		t.Fatalf("journey %+v does not match label %+v at stop %d", legs, l, v)
	}
	for i, g := range legs {
		if i > 0 && (g.From != legs[i-1].To || g.Depart < legs[i-1].Arrive) {
			t.Fatalf("leg %d does not follow leg %d: %+v", i, i-1, legs)
		}
		switch g.Kind {
		case LegRide:
			checkRide(t, in, ref, g, p)
			for _, a := range []Access{ref.stopAccess[g.From], ref.stopAccess[g.To], tripAccess(in, g.TripID)} {
				if p.StepFree && !a.StepFree() {
					t.Fatalf("step-free journey uses %v element: %+v", a, g)
				}
			}
		case LegWalk:
			if legs[i-1].Kind != LegRide || float64(g.Metres) > p.MaxWalkM || g.Arrive-g.Depart != g.Seconds {
				t.Fatalf("walk leg %d: %+v", i, legs)
			}
		}
	}
	fare := f.fareOf(j, p)
	want := l.Fare
	if !l.FareKnown {
		want = refInf
	}
	if fare != want || fare > budget {
		t.Fatalf("journey fare %d, label %+v, budget %d: %+v", fare, l, budget, legs)
	}
}
