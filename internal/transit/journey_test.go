package transit

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestRouteJourneysAreFeasible reconstructs point-to-point journeys both
// ways on generated networks and checks them against the Input: every ride
// exists on a trip running that day between those stops at those times,
// walks are footpaths within the limit, legs are chronological, access is
// the worst of the elements, and the arrival (departure) matches the
// reference.
func TestRouteJourneysAreFeasible(t *testing.T) {
	found := 0
	defer func() {
		t.Logf("%d journeys checked", found)
		if found == 0 {
			t.Error("no journey found")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		ref := newRefNet(in)
		w := NewSearcher(s)
		for range 4 {
			found += checkRoute(t, in, ref, s, w)
		}
	})
}

func checkRoute(t *rapid.T, in Input, ref *refNet, s *Snapshot, w *Searcher) int {
	{
		p := genParams(t)
		from := genEndpoints(t, len(in.Stops), "from")
		to := genEndpoints(t, len(in.Stops), "to")
		arriveBy := rapid.Bool().Draw(t, "arriveBy")
		var j Journey
		ok, err := w.Route(from, to, p, arriveBy, &j)
		if err != nil {
			t.Fatal(err)
		}
		want, wantOK := refRoute(ref, from, to, p, arriveBy)
		if ok != wantOK {
			t.Fatalf("journey found %v, reference %v (%d)", ok, wantOK, want)
		}
		if !ok {
			return 0
		}
		got := j.Arrive
		if arriveBy {
			got = j.Depart
		}
		if got != want {
			t.Fatalf("journey %d, reference %d: %+v", got, want, j.Legs)
		}
		checkJourney(t, in, ref, s, &j, p)
		return 1
	}
}

// refRoute is the best arrival (departure) at (from) the destination
// (origin) point by the reference.
func refRoute(ref *refNet, from, to []StopAccess, p Params, arriveBy bool) (int32, bool) {
	if arriveBy {
		_, ride := ref.refReverse(to, p)
		best := int32(-refInf)
		for _, o := range from {
			if ride[o.Stop] != -refInf {
				best = max(best, ride[o.Stop]-o.Seconds)
			}
		}
		ok := best != -refInf && (p.MaxDuration == 0 || best >= p.Time-p.MaxDuration)
		return best, ok
	}
	_, ride := ref.refForward(from, p)
	best := int32(refInf)
	for _, d := range to {
		if ride[d.Stop] != refInf {
			best = min(best, ride[d.Stop]+d.Seconds)
		}
	}
	ok := best != refInf && (p.MaxDuration == 0 || best <= p.Time+p.MaxDuration)
	return best, ok
}

func checkJourney(t *rapid.T, in Input, ref *refNet, s *Snapshot, j *Journey, p Params) {
	legs := j.Legs
	if legs[0].Kind != LegAccess || legs[len(legs)-1].Kind != LegEgress {
		t.Fatalf("journey does not start with access and end with egress: %+v", legs)
	}
	rides, access := 0, AccessYes
	for i, l := range legs {
		if i > 0 && l.Depart < legs[i-1].Arrive {
			t.Fatalf("leg %d departs %d before leg %d arrives %d", i, l.Depart, i-1, legs[i-1].Arrive)
		}
		if i > 0 && l.From != legs[i-1].To {
			t.Fatalf("leg %d starts at %d, leg %d ended at %d", i, l.From, i-1, legs[i-1].To)
		}
		switch l.Kind {
		case LegRide:
			rides++
			checkRide(t, in, ref, l, p)
			for _, a := range []Access{ref.stopAccess[l.From], ref.stopAccess[l.To], tripAccess(in, l.TripID)} {
				access = Worse(access, a)
				if p.StepFree && !a.StepFree() {
					t.Fatalf("step-free journey uses %v element: %+v", a, l)
				}
			}
		case LegWalk:
			if i == 0 || legs[i-1].Kind != LegRide || legs[i+1].Kind != LegRide {
				t.Fatalf("walk leg %d not between rides", i)
			}
			if float64(l.Metres) > p.MaxWalkM || l.Arrive-l.Depart != l.Seconds ||
				l.Seconds < int32(math.Ceil(float64(l.Metres)/p.WalkSpeed)) {
				t.Fatalf("walk leg %+v exceeds %v m or has wrong time", l, p.MaxWalkM)
			}
		}
	}
	if rides == 0 || rides > p.MaxTransfers+1 {
		t.Fatalf("%d rides, limit %d", rides, p.MaxTransfers+1)
	}
	if j.Access != access {
		t.Fatalf("journey access %v, elements give %v", j.Access, access)
	}
	for _, e := range j.Assumed {
		if e.Access != AccessAssumed || e.Reason != "test policy" {
			t.Fatalf("assumed element %+v", e)
		}
	}
}

func tripAccess(in Input, id string) Access {
	for _, tr := range in.Trips {
		if tr.ID == id {
			a := [...]Access{AccessUnknown, AccessYes, AccessNo}[tr.Wheelchair]
			if a == AccessUnknown && in.Feeds[0].Policy.AssumeTripsAccessible {
				a = AccessAssumed
			}
			return a
		}
	}
	return AccessNo
}

// checkRide finds the ride among the reference's runs of the day.
func checkRide(t *rapid.T, in Input, ref *refNet, l Leg, p Params) {
	for _, run := range ref.runs(p.Date) {
		if in.Trips[run.trip].ID != l.TripID {
			continue
		}
		for a := range run.calls {
			for b := a + 1; b < len(run.calls); b++ {
				ca, cb := run.calls[a], run.calls[b]
				if ref.stopOf(ca, "g") == l.From && ref.stopOf(cb, "g") == l.To &&
					ca.Dep+run.shift == l.Depart && cb.Arr+run.shift == l.Arrive &&
					ca.PickupType != 1 && cb.DropOffType != 1 {
					return
				}
			}
		}
	}
	t.Fatalf("ride %+v does not exist on %s", l, p.Date)
}

func TestAccessWorse(t *testing.T) {
	order := []Access{AccessYes, AccessAssumed, AccessUnknown, AccessNo}
	for i, a := range order {
		for k, b := range order {
			want := order[max(i, k)]
			if got := Worse(a, b); got != want {
				t.Errorf("Worse(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
