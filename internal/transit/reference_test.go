package transit

import (
	"testing"

	"pgregory.net/rapid"
)

// agree compares engine and reference labels for every stop; reverse
// labels use -refInf for unreached.
func agree(t interface {
	Helper()
	Fatalf(string, ...any)
}, what string, n int, got func(int32) (int32, bool), want []int32, unreached int32) {
	t.Helper()
	for v := range int32(n) {
		g, ok := got(v)
		if !ok {
			g = unreached
		}
		if g != want[v] {
			t.Fatalf("%s: stop %d: engine %d, reference %d", what, v, g, want[v])
		}
	}
}

func buildT(t interface {
	Helper()
	Fatalf(string, ...any)
}, in Input) *Snapshot {
	t.Helper()
	s, err := Build(in, BuildOptions{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return s
}

// TestForwardMatchesReference compares one-to-all earliest arrivals with
// the connection-scan reference on generated networks, with and without
// the step-free filter.
func TestForwardMatchesReference(t *testing.T) {
	var c coverage
	defer c.require(t)
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		for q := 0; q < 3; q++ {
			p := genParams(t)
			origins := genEndpoints(t, len(in.Stops), "origin")
			res, err := w.Forward(origins, p)
			if err != nil {
				t.Fatalf("forward: %v", err)
			}
			best, ride := ref.refForward(origins, p)
			agree(t, "best", len(in.Stops), res.Time, best, refInf)
			agree(t, "ride", len(in.Stops), res.RideTime, ride, refInf)
			c.add(p, best, ride, false)
			checkAllJourneys(t, in, ref, res, p)
		}
	})
}

// TestReverseMatchesReference does the same for latest departures.
func TestReverseMatchesReference(t *testing.T) {
	var c coverage
	defer c.require(t)
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		for q := 0; q < 3; q++ {
			p := genParams(t)
			targets := genEndpoints(t, len(in.Stops), "target")
			res, err := w.Reverse(targets, p)
			if err != nil {
				t.Fatalf("reverse: %v", err)
			}
			best, ride := ref.refReverse(targets, p)
			agree(t, "best", len(in.Stops), res.Time, best, -refInf)
			agree(t, "ride", len(in.Stops), res.RideTime, ride, -refInf)
			c.add(p, best, ride, true)
			checkAllJourneys(t, in, ref, res, p)
		}
	})
}

// TestRangeMatchesReference checks a range search at every iterated time
// and at random times of the window against single reference searches.
func TestRangeMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		p := genParams(t)
		reverse := rapid.Bool().Draw(t, "reverse")
		window := int32(rapid.IntRange(0, 3*3600).Draw(t, "window"))
		ends := genEndpoints(t, len(in.Stops), "ends")
		// Half the searches have a horizon: a time beyond which (before
		// which, reversed) nothing is wanted. Within it the answers must
		// be the reference's, beyond it there must be none.
		var horizon int32
		if rapid.Bool().Draw(t, "withHorizon") {
			horizon = max(1, p.Time+int32(rapid.IntRange(-3600, 5*3600).Draw(t, "horizon")))
		}
		p.Horizon = horizon
		var res *RangeResult
		var err error
		if reverse {
			res, err = w.ReverseRange(ends, p, window)
		} else {
			res, err = w.ForwardRange(ends, p, window)
		}
		if err != nil {
			t.Fatalf("range: %v", err)
		}
		times := res.Times(nil)
		for k := 0; k < 3; k++ {
			times = append(times, p.Time+int32(rapid.IntRange(0, int(window)).Draw(t, "at")))
		}
		for _, tm := range times {
			q := p
			q.Time, q.Horizon = tm, 0
			at := func(v int32) (int32, bool) { return res.At(v, tm) }
			rideAt := func(v int32) (int32, bool) { return res.RideAt(v, tm) }
			if reverse {
				best, ride := ref.refReverse(ends, q)
				beyondHorizon(best, ride, -refInf, func(x int32) bool { return horizon > 0 && x < horizon })
				agree(t, "range best", len(in.Stops), at, best, -refInf)
				agree(t, "range ride", len(in.Stops), rideAt, ride, -refInf)
			} else {
				best, ride := ref.refForward(ends, q)
				beyondHorizon(best, ride, refInf, func(x int32) bool { return horizon > 0 && x > horizon })
				agree(t, "range best", len(in.Stops), at, best, refInf)
				agree(t, "range ride", len(in.Stops), rideAt, ride, refInf)
			}
		}
	})
}

// beyondHorizon marks the reference's times past the horizon unreached.
func beyondHorizon(best, ride []int32, none int32, past func(int32) bool) {
	for v := range best {
		if best[v] != none && past(best[v]) {
			best[v] = none
		}
		if ride[v] != none && past(ride[v]) {
			ride[v] = none
		}
	}
}

// coverage counts what the compared searches exercised, so that a
// generator gone dull (nothing reachable) fails the test instead of
// passing vacuously.
type coverage struct {
	queries, ridden, walked, stepFreeRidden, nextDay, prevDay int
}

func (c *coverage) add(p Params, best, ride []int32, reverse bool) {
	c.queries++
	for v := range best {
		reached := ride[v] != refInf && ride[v] != -refInf
		if !reached {
			continue
		}
		c.ridden++
		if best[v] != ride[v] {
			c.walked++
		}
		if p.StepFree {
			c.stepFreeRidden++
		}
		if ride[v] >= 86400 {
			c.nextDay++
		}
		if ride[v] < 0 {
			c.prevDay++
		}
	}
}

func (c *coverage) require(t *testing.T) {
	t.Logf("coverage: %+v", *c)
	if c.ridden == 0 || c.walked == 0 || c.stepFreeRidden == 0 || (c.nextDay == 0 && c.prevDay == 0) {
		t.Errorf("generated queries too dull: %+v", *c)
	}
}

// checkAllJourneys reconstructs the journey behind every label of a
// one-to-all result and checks that it ends (forward) or starts (reverse)
// at the label's time, that its legs connect in time and space, and that
// every ride exists in the timetable.
func checkAllJourneys(t *rapid.T, in Input, ref *refNet, res *Result, p Params) {
	var j Journey
	for v := range int32(len(in.Stops)) {
		for _, rideOnly := range []bool{false, true} {
			tm, ok := res.Time(v)
			if rideOnly {
				tm, ok = res.RideTime(v)
			}
			if !ok {
				continue
			}
			if !res.Journey(v, rideOnly, &j) {
				t.Fatalf("stop %d reached at %d but no journey", v, tm)
			}
			end, at := j.Arrive, j.Legs[len(j.Legs)-1].To
			if res.Reverse() {
				end, at = j.Depart, j.Legs[0].From
			}
			if end != tm || at != v {
				t.Fatalf("journey for stop %d at %d ends at stop %d at %d: %+v", v, tm, at, end, j.Legs)
			}
			for i, l := range j.Legs {
				if i > 0 && (l.Depart < j.Legs[i-1].Arrive || l.From != j.Legs[i-1].To) {
					t.Fatalf("legs %d and %d do not connect: %+v", i-1, i, j.Legs)
				}
				if l.Kind == LegRide {
					checkRide(t, in, ref, l, p)
				}
			}
		}
	}
}
