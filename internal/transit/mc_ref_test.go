package transit

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// This file holds the multi-criteria reference and the fare models of the
// tests. The reference is a layered connection scan like refForward, but
// with, per stop, the Pareto set of (arrival, fare, last leg a ride) of
// journeys with at most k rides after round k. Unlike the engine it boards
// every run a label can catch (not only the earliest), so it is exact for
// any fare model that depends on the ride alone, and it knows nothing of
// patterns, day slots or bags.

type refMCLabel struct {
	arr, fare int32
	ride      bool
}

// refFare prices a ride of run from call a to call b; ok false is unknown.
type refFare func(run refRun, a, b int) (int32, bool)

// refMC returns per stop the Pareto set of labels with fare ≤ budget.
func (r *refNet) refMC(origins []StopAccess, p Params, fare refFare, budget int32) [][]refMCLabel {
	n := len(r.in.Stops)
	limit := int32(refInf - 1)
	if p.MaxDuration > 0 {
		limit = p.Time + p.MaxDuration
	}
	prev := make([][]refMCLabel, n)
	for _, o := range origins {
		prev[o.Stop] = refPareto(prev[o.Stop], refMCLabel{arr: p.Time + o.Seconds})
	}
	runs := r.runs(p.Date)
	for k := 1; k <= p.MaxTransfers+1; k++ {
		rides := r.refMCRound(runs, prev, p, fare, budget, limit)
		cur := make([][]refMCLabel, n)
		for v := range n {
			cur[v] = slices.Clone(prev[v])
			for _, l := range rides[v] {
				cur[v] = refPareto(cur[v], l)
			}
		}
		for v := range n {
			for _, l := range rides[v] {
				for _, f := range r.out[v] { // one walk after a ride
					if f.metres > p.MaxWalkM {
						continue
					}
					t := l.arr + max(int32(math.Ceil(f.metres/p.WalkSpeed)), f.minSec)
					if t <= limit {
						cur[f.to] = refPareto(cur[f.to], refMCLabel{t, l.fare, false})
					}
				}
			}
		}
		prev = cur
	}
	return prev
}

// refMCRound boards every label of prev on every run it can catch and
// returns the ride arrivals per stop.
func (r *refNet) refMCRound(runs []refRun, prev [][]refMCLabel, p Params, fare refFare, budget, limit int32) [][]refMCLabel {
	out := make([][]refMCLabel, len(r.in.Stops))
	ok := func(v int32) bool { return !p.StepFree || r.stopAccess[v].StepFree() }
	for _, run := range runs {
		if p.StepFree && !run.acc.StepFree() {
			continue
		}
		feed := r.in.Trips[run.trip].FeedID
		for a, ca := range run.calls {
			from := r.stopOf(ca, feed)
			if ca.PickupType == 1 || !ok(from) {
				continue
			}
			for _, l := range prev[from] {
				if l.arr > ca.Dep+run.shift {
					continue
				}
				for b := a + 1; b < len(run.calls); b++ {
					cb := run.calls[b]
					to := r.stopOf(cb, feed)
					if cb.DropOffType == 1 || !ok(to) || cb.Arr+run.shift > limit {
						continue
					}
					pence, known := fare(run, a, b)
					if f := refAddFare(l.fare, pence, known); f <= budget {
						out[to] = refPareto(out[to], refMCLabel{cb.Arr + run.shift, f, true})
					}
				}
			}
		}
	}
	return out
}

// refAddFare: unknown (refInf) absorbs, negative is unknown.
func refAddFare(sum, ride int32, known bool) int32 {
	if !known || ride < 0 || sum == refInf {
		return refInf
	}
	return int32(min(int64(sum)+int64(ride), refInf-1))
}

func refDominates(a, b refMCLabel) bool {
	return a.arr <= b.arr && a.fare <= b.fare && (a.ride || !b.ride)
}

// refPareto adds l to set unless dominated, dropping what l dominates.
func refPareto(set []refMCLabel, l refMCLabel) []refMCLabel {
	for _, o := range set {
		if refDominates(o, l) {
			return set
		}
	}
	set = slices.DeleteFunc(set, func(o refMCLabel) bool { return refDominates(l, o) })
	return append(set, l)
}

// frontOf projects engine labels onto (arrival, fare, ride), keeps the
// Pareto set and sorts it; unknown fares become refInf.
func frontOf(ls []MCLabel) []refMCLabel {
	var set []refMCLabel
	for _, l := range ls {
		f := l.Fare
		if !l.FareKnown {
			f = refInf
		}
		set = refPareto(set, refMCLabel{l.Arrive, f, l.Ride})
	}
	return sortFront(set)
}

func sortFront(set []refMCLabel) []refMCLabel {
	slices.SortFunc(set, func(a, b refMCLabel) int {
		if c := cmp.Compare(a.arr, b.arr); c != 0 {
			return c
		}
		if c := cmp.Compare(a.fare, b.fare); c != 0 {
			return c
		}
		return cmp.Compare(b2i(a.ride), b2i(b.ride))
	})
	return set
}

// testFares prices a ride as its route's base fare (negative: unknown),
// plus step pence per stop index between boarding and alighting stop, plus
// peak pence when boarding before 09:30 (time of day, whatever the service
// date's frame). It checks every RideRef it is given against the Input and
// keeps the first problem in bad.
type testFares struct {
	s     *Snapshot
	check *rideCheck
	base  map[string]int32
	step  int32
	peak  int32
	bad   string
	calls int
}

// peakEnd is 09:30, when the test fares' peak surcharge ends.
const peakEnd = 9*3600 + 1800

func (f *testFares) price(route string, a, b int32, abs int64) (int32, bool) {
	base := f.base[route]
	if base < 0 {
		return 0, false
	}
	fare := base + f.step*max(a-b, b-a)
	if f.peak > 0 && abs%86400 < peakEnd {
		fare += f.peak
	}
	return fare, true
}

func (f *testFares) RideFare(r RideRef) (int32, bool) {
	f.calls++
	if f.bad == "" && f.check != nil {
		f.bad = f.check.check(f.s, r)
	}
	route := f.s.Route(r.Route).ID
	return f.price(route, r.BoardStop, r.AlightStop, int64(r.Date)*86400+int64(r.BoardTime))
}

// refFare prices a reference ride the same way from the Input.
func (f *testFares) refFare(ref *refNet, p Params) refFare {
	return func(run refRun, a, b int) (int32, bool) {
		tr := ref.in.Trips[run.trip]
		ca, cb := run.calls[a], run.calls[b]
		abs := int64(p.Date)*86400 + int64(ca.Dep+run.shift)
		return f.price(tr.RouteID, ref.stopOf(ca, tr.FeedID), ref.stopOf(cb, tr.FeedID), abs)
	}
}

// fareOf recomputes a reconstructed journey's fare from its ride legs.
func (f *testFares) fareOf(j *Journey, p Params) int32 {
	sum := int32(0)
	for _, l := range j.Legs {
		if l.Kind == LegRide {
			pence, ok := f.price(l.RouteID, l.From, l.To, int64(p.Date)*86400+int64(l.Depart))
			sum = refAddFare(sum, pence, ok)
		}
	}
	return sum
}

// bandedFares declares the 09:30 fare falls to the search.
type bandedFares struct{ *testFares }

func (bandedFares) FareChangeTimes(Date) []int32 {
	return []int32{peakEnd - 86400, peakEnd, peakEnd + 86400, peakEnd + 2*86400}
}

// rideCheck validates RideRefs against the Input: the trip belongs to the
// route, runs on the date, calls at the boarding stop before the
// alighting stop, and leaves the boarding stop at BoardTime in the service
// date's frame (for a frequency run, at a time its frequency produces).
type rideCheck struct {
	ref   *refNet
	calls map[string][]StopTime
	freq  map[string][]Frequency
}

func newRideCheck(in Input, ref *refNet) *rideCheck {
	c := &rideCheck{ref: ref, calls: map[string][]StopTime{}, freq: map[string][]Frequency{}}
	for _, st := range in.StopTimes {
		id := in.Trips[st.TripIndex].ID
		c.calls[id] = append(c.calls[id], st)
	}
	for _, cs := range c.calls {
		slices.SortStableFunc(cs, func(a, b StopTime) int { return int(a.Seq - b.Seq) })
	}
	for _, f := range in.Frequencies {
		c.freq[f.TripID] = append(c.freq[f.TripID], f)
	}
	return c
}

func (c *rideCheck) check(s *Snapshot, r RideRef) string {
	tr := s.Trip(r.Trip)
	if s.Route(r.Route).ID != tr.RouteID {
		return fmt.Sprintf("%+v: trip %s is not on route %s", r, tr.ID, s.Route(r.Route).ID)
	}
	if !c.ref.serviceRuns(tr.FeedID, tr.ServiceID, r.Date) {
		return fmt.Sprintf("%+v: trip %s does not run on %v", r, tr.ID, r.Date)
	}
	calls := c.calls[tr.ID]
	bs, as := s.Stop(r.BoardStop).ID, s.Stop(r.AlightStop).ID
	for a := range calls {
		for b := a + 1; b < len(calls); b++ {
			if calls[a].StopID == bs && calls[b].StopID == as && c.timeOK(tr.ID, calls, a, r.BoardTime) {
				return ""
			}
		}
	}
	return fmt.Sprintf("%+v: trip %s has no such ride", r, tr.ID)
}

func (c *rideCheck) timeOK(trip string, calls []StopTime, a int, t int32) bool {
	fs := c.freq[trip]
	if len(fs) == 0 {
		return calls[a].Dep == t
	}
	x := t - calls[a].Dep + calls[0].Dep // the run's first departure
	for _, f := range fs {
		if x >= f.Start && x < f.End && (x-f.Start)%f.Headway == 0 {
			return true
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// flooredFares declares the cheapest known base fare as a floor (step and
// peak only add to it).
type flooredFares struct{ *testFares }

func (f flooredFares) MinRideFare() int32 {
	low := int32(-1)
	for _, b := range f.base {
		if b >= 0 && (low < 0 || b < low) {
			low = b
		}
	}
	return max(low, 0)
}

// routeLevelFares is a floored model with no step and no peak, which
// says its fares ignore the boarding.
type routeLevelFares struct{ flooredFares }

func (routeLevelFares) FareIgnoresBoarding() bool { return true }
