package reach

import (
	"testing"
)

func failed(mode string, codes ...string) way {
	w := way{mode: mode}
	for _, c := range codes {
		w.fail(c, c)
	}
	return w
}

// The near miss names the way that got furthest, whatever order the ways
// are listed in: no journey < not usable (no step-free journey, or a
// vehicle whose access is unknown) < there but not home < too long; then
// any mode before a walk; then fewer barriers; then the first listed.
func TestCloserPrefersTheWayThatGotFurthest(t *testing.T) {
	cases := []struct {
		name string
		ways []way
		want int // index of the way named; -1 for a tie, the first listed
	}{
		{"a ride home missing beats no journey", []way{failed("walk", NoJourney), failed("bus", NoJourney), failed("dial_a_ride", NoReturnJourney)}, 2},
		{"too long beats no ride home", []way{failed("dial_a_ride", NoReturnJourney), failed("bus", TooLong)}, 1},
		{"no ride home beats not step-free", []way{failed("bus", NoStepFreeJourney), failed("dial_a_ride", NoReturnJourney)}, 1},
		{"not step-free beats no journey", []way{failed("bus", NoJourney), failed("walk", NoStepFreeJourney)}, 1},
		{"an unknown vehicle ties with not step-free: the first stays", []way{failed("bus", NoStepFreeJourney), failed("taxi", UnknownData)}, -1},
		{"a ride's barrier beats a walk's at the same stage", []way{failed("walk", NoJourney), failed("bus", NoJourney)}, 1},
		{"fewer barriers", []way{failed("bus", TooLong, UnknownData), failed("car", TooLong)}, 1},
		{"a way is as far as its worst barrier", []way{failed("bus", TooLong, NoJourney), failed("car", NoJourney)}, 1},
		{"full tie: the first stays", []way{failed("bus", NoJourney), failed("dial_a_ride", NoJourney)}, -1},
	}
	for _, c := range cases {
		for _, order := range [][]int{identity(len(c.ways)), reversed(len(c.ways))} {
			var best *way
			for _, i := range order {
				if best == nil || closer(&c.ways[i], best) {
					best = &c.ways[i]
				}
			}
			want := &c.ways[order[0]]
			if c.want >= 0 {
				want = &c.ways[c.want]
			}
			if best != want {
				t.Errorf("%s (order %v): named %s %v, want %s %v", c.name, order, best.mode, best.barriers, want.mode, want.barriers)
			}
		}
	}
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func reversed(n int) []int {
	out := identity(n)
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func opt(mode string, travel int32, pence int64, confidence string, overBudget bool) option {
	o := option{Item: Item{ActivityName: mode, travel: travel, total: pence, Cost: &Cost{Total: Money{Pence: pence, Confidence: confidence}}}}
	if overBudget {
		o.budget = []Barrier{{OverBudget, "over"}}
	}
	return o
}

// Among ways within budget, the cheapest within 2 × CheaperWayTolerance
// (out and back) of the fastest; an unknown cost is never the cheaper.
func TestChooseTheCheaperWayWithinTolerance(t *testing.T) {
	tol := int32(2 * CheaperWayTolerance.Seconds())
	cases := []struct {
		name string
		opts []option
		want string
	}{
		// Calbourne to the mill: a 381 m walk, 424 s each way, against a
		// 46 s dial-a-ride at £2.50 each way.
		{"a short free walk beats a quicker paid ride", []option{opt("dial_a_ride", 92, 800, "known", false), opt("walk", 848, 300, "known", false)}, "walk"},
		{"just within the tolerance", []option{opt("taxi", 600, 1500, "estimated", false), opt("bus", 600+tol, 600, "estimated", false)}, "bus"},
		{"just beyond it the fastest stays", []option{opt("taxi", 600, 1500, "estimated", false), opt("bus", 601+tol, 600, "estimated", false)}, "taxi"},
		{"the same cost: the faster", []option{opt("bus", 1800, 300, "known", false), opt("walk", 1200, 300, "known", false)}, "walk"},
		{"an unknown fare is not cheaper", []option{opt("dial_a_ride", 600, 300, "unknown", false), opt("taxi", 900, 1400, "estimated", false)}, "taxi"},
		{"over budget never beats within budget", []option{opt("walk", 300, 0, "known", true), opt("car", 3000, 900, "estimated", false)}, "car"},
		{"all over budget: the cheapest", []option{opt("taxi", 300, 2000, "estimated", true), opt("bus", 3000, 900, "estimated", true)}, "bus"},
		{"a cheap slow way does not stretch the tolerance", []option{opt("taxi", 600, 1500, "estimated", false), opt("bus", 600+tol, 900, "estimated", false), opt("walk", 600+2*tol, 0, "known", false)}, "bus"},
	}
	for _, c := range cases {
		got, ok := choose(c.opts)
		if !ok || got.ActivityName != c.want {
			t.Errorf("%s: chose %q, want %q", c.name, got.ActivityName, c.want)
		}
	}
	if _, ok := choose(nil); ok {
		t.Error("chose a way among none")
	}
}
