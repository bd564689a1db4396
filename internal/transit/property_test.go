package transit

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// unlimited drops the duration limit, which would otherwise (rightly)
// break monotonicity in the departure time.
func unlimited(p Params) Params {
	p.MaxDuration = 0
	return p
}

func times(res *Result, n int) (best, ride []int32) {
	best, ride = make([]int32, n), make([]int32, n)
	for v := range int32(n) {
		b, ok := res.Time(v)
		if !ok {
			b = refInf
		}
		r, ok := res.RideTime(v)
		if !ok {
			r = refInf
		}
		best[v], ride[v] = b, r
	}
	return best, ride
}

// TestPropertyLaterDepartureNeverArrivesEarlier: leaving later can only
// arrive at the same time or later, at every stop.
func TestPropertyLaterDepartureNeverArrivesEarlier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		w := NewSearcher(buildT(t, in))
		p := unlimited(genParams(t))
		origins := genEndpoints(t, len(in.Stops), "origin")
		later := p
		later.Time += int32(rapid.IntRange(1, 4*3600).Draw(t, "delay"))
		res, err := w.Forward(origins, p)
		if err != nil {
			t.Fatal(err)
		}
		b1, r1 := times(res, len(in.Stops))
		if _, err := w.Forward(origins, later); err != nil {
			t.Fatal(err)
		}
		b2, r2 := times(res, len(in.Stops))
		for v := range b1 {
			if b2[v] < b1[v] || r2[v] < r1[v] {
				t.Fatalf("stop %d: leaving at %d arrives %d/%d, leaving at %d arrives %d/%d",
					v, p.Time, b1[v], r1[v], later.Time, b2[v], r2[v])
			}
		}
	})
}

// TestPropertyRemovingATripNeverHelps: without one trip (and its stop
// times), no stop is reached earlier.
func TestPropertyRemovingATripNeverHelps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		p := genParams(t)
		origins := genEndpoints(t, len(in.Stops), "origin")
		drop := int32(rapid.IntRange(0, len(in.Trips)-1).Draw(t, "drop"))
		res, err := NewSearcher(buildT(t, in)).Forward(origins, p)
		if err != nil {
			t.Fatal(err)
		}
		b1, r1 := times(res, len(in.Stops))
		res, err = NewSearcher(buildT(t, withoutTrip(in, drop))).Forward(origins, p)
		if err != nil {
			t.Fatal(err)
		}
		b2, r2 := times(res, len(in.Stops))
		for v := range b1 {
			if b2[v] < b1[v] || r2[v] < r1[v] {
				t.Fatalf("stop %d: with trip %d arrives %d/%d, without %d/%d", v, drop, b1[v], r1[v], b2[v], r2[v])
			}
		}
	})
}

// withoutTrip removes trip d, renumbering stop times and frequencies.
func withoutTrip(in Input, d int32) Input {
	out := in
	out.Trips = slices.Delete(slices.Clone(in.Trips), int(d), int(d)+1)
	out.StopTimes = nil
	for _, st := range in.StopTimes {
		switch {
		case st.TripIndex == d:
			continue
		case st.TripIndex > d:
			st.TripIndex--
		}
		out.StopTimes = append(out.StopTimes, st)
	}
	out.Frequencies = nil
	for _, f := range in.Frequencies {
		if f.TripID != in.Trips[d].ID {
			out.Frequencies = append(out.Frequencies, f)
		}
	}
	return out
}

// TestPropertyStepFreeSubset: whatever a step-free search reaches, the
// unrestricted one reaches no later; on networks built with a step-free
// path, the step-free search reaches a stop beyond its origin.
func TestPropertyStepFreeSubset(t *testing.T) {
	paths := 0
	defer func() {
		t.Logf("%d step-free paths found", paths)
		if paths == 0 {
			t.Error("the step-free path was never checked")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{accessiblePath: true})
		s := buildT(t, in)
		w := NewSearcher(s)
		p := genParams(t)
		p.StepFree = true
		origins := genEndpoints(t, len(in.Stops), "origin")
		if rapid.Bool().Draw(t, "fromPath") {
			s0, _ := s.StopIndex("g", "S0")
			origins = []StopAccess{{Stop: s0}}
			p.Time = int32(rapid.IntRange(6*3600, 8*3600).Draw(t, "before8"))
			p.MaxDuration = 0
		}
		res, err := w.Forward(origins, p)
		if err != nil {
			t.Fatal(err)
		}
		bs, rs := times(res, len(in.Stops))
		p.StepFree = false
		if _, err := w.Forward(origins, p); err != nil {
			t.Fatal(err)
		}
		bu, ru := times(res, len(in.Stops))
		for v := range bs {
			if bs[v] < bu[v] || rs[v] < ru[v] {
				t.Fatalf("stop %d: step-free %d/%d, unrestricted %d/%d", v, bs[v], rs[v], bu[v], ru[v])
			}
		}
		if len(origins) == 1 && origins[0].Stop == 0+stationsOf(in) && p.MaxDuration == 0 {
			s1, _ := s.StopIndex("g", "S1")
			if rs[s1] == refInf {
				t.Fatalf("step-free path S0 → S1 not found from %d", p.Time)
			}
			paths++
		}
	})
}

func stationsOf(in Input) int32 {
	n := int32(0)
	for _, s := range in.Stops {
		if s.ID[0] == 'P' {
			n++
		}
	}
	return n
}

// TestPropertyReverseAgreesWithForward: if the reverse search says the
// latest boarding at S to reach T by A is L, a forward search from S at L
// reaches T by A, and one at L+1 does not.
func TestPropertyReverseAgreesWithForward(t *testing.T) {
	checked := 0
	defer func() {
		if checked == 0 {
			t.Error("no stop had a latest departure")
		}
		t.Logf("%d latest departures checked", checked)
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		w := NewSearcher(buildT(t, in))
		p := unlimited(genParams(t))
		n := len(in.Stops)
		for target := range int32(n) {
			checked += reverseAgrees(t, w, p, target, n)
		}
	})
}

// reverseAgrees checks every stop with a latest departure towards target
// and returns how many it checked.
func reverseAgrees(t *rapid.T, w *Searcher, p Params, target int32, n int) int {
	res, err := w.Reverse([]StopAccess{{Stop: target}}, p)
	if err != nil {
		t.Fatal(err)
	}
	latest := make([]int32, n)
	for v := range int32(n) {
		l, ok := res.RideTime(v)
		latest[v] = l
		if !ok || v == target {
			latest[v] = -1
		}
	}
	checked := 0
	for v, l := range latest {
		if l < 0 {
			continue
		}
		from := []StopAccess{{Stop: int32(v)}}
		q := p
		q.Time = l
		fw, err := w.Forward(from, q)
		if err != nil {
			t.Fatal(err)
		}
		if a, ok := fw.RideTime(target); !ok || a > p.Time {
			t.Fatalf("from %d at latest departure %d: arrival at %d is %d (ok %v), want ≤ %d", v, l, target, a, ok, p.Time)
		}
		q.Time = l + 1
		if _, err := w.Forward(from, q); err != nil {
			t.Fatal(err)
		}
		if a, ok := fw.RideTime(target); ok && a <= p.Time {
			t.Fatalf("from %d one second after latest departure %d: arrival at %d is %d ≤ %d", v, l, target, a, p.Time)
		}
		checked++
	}
	return checked
}
