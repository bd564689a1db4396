package transit

import (
	"math"
	"slices"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// This file is a deliberately simple reference: a layered Connection Scan
// written from the Input alone (it shares no code with Build or the
// Searcher). Round k scans all connections of the day in time order once,
// boarding a trip where round k-1 reached a stop in time; then walks one
// footpath from every stop a ride reached. It implements the same rules as
// the engine, restated from the documentation:
//   - services: calendar weekday and range, calendar_dates add (1) /
//     remove (2); trips of D-1, D and D+1 with times shifted by ∓86400;
//   - frequencies expand their template trip; trips with fewer than two
//     stop times or times running backwards are ignored;
//   - footpaths: ceil(great-circle metres × 1.3) ≤ 1000 between distinct
//     stops; transfers type 3 remove one, type 2 add one (metres capped at
//     65534) and set a minimum time; walk seconds = ceil(metres / speed);
//     a query uses footpaths of at most MaxWalkM metres, one between rides,
//     none right after the access walk;
//   - step-free: board and alight only where the stop (wheelchair 0
//     inherited from the parent, then the feed policy) and the trip (then
//     the policy) are yes or assumed; pickup/drop-off type 1 forbids;
//   - at most MaxTransfers+1 rides; labels later than departure +
//     MaxDuration (earlier than arrive-by - MaxDuration, reversed) dropped.

type refConn struct {
	from, to    int32
	dep, arr    int32
	run, seq    int32
	onOK, offOK bool
}

type refFoot struct {
	from, to int32
	metres   float64
	minSec   int32
}

type refNet struct {
	in         Input
	connCache  map[[2]int32][]refConn // (date, step-free) → connections, unsorted
	sorted     map[[3]int32]sortedConns
	stopIdx    map[[2]string]int32
	stopAccess []Access
	feet       []refFoot
	out, in_   [][]refFoot // feet by from stop and by to stop
	sfOut      [][]refFoot // the same for step-free queries
	sfIn       [][]refFoot
}

func newRefNet(in Input) *refNet {
	r := &refNet{in: in, stopIdx: map[[2]string]int32{}}
	for i, s := range in.Stops {
		r.stopIdx[[2]string{s.FeedID, s.ID}] = int32(i)
	}
	policy := map[string]AccessPolicy{}
	for _, f := range in.Feeds {
		policy[f.ID] = f.Policy
	}
	for _, s := range in.Stops {
		v := s.Wheelchair
		if v == 0 && s.ParentID != "" {
			v = in.Stops[r.stopIdx[[2]string{s.FeedID, s.ParentID}]].Wheelchair
		}
		a := [...]Access{AccessUnknown, AccessYes, AccessNo}[v]
		if a == AccessUnknown && policy[s.FeedID].AssumeStopsBoardable {
			a = AccessAssumed
		}
		r.stopAccess = append(r.stopAccess, a)
	}
	r.buildFeet()
	r.out, r.in_ = byStop(len(in.Stops), r.feet)
	r.sfOut, r.sfIn = r.out, r.in_
	return r
}

// byStop lists feet by from stop and by to stop.
func byStop(n int, feet []refFoot) (out, in [][]refFoot) {
	out, in = make([][]refFoot, n), make([][]refFoot, n)
	for _, f := range feet {
		out[f.from] = append(out[f.from], f)
		in[f.to] = append(in[f.to], f)
	}
	return out, in
}

// setFeet replaces the footpaths of any walker and of step-free walkers
// (a snapshot built on a street graph has one set each; how they are
// built is checked on its own, against brute force).
func (r *refNet) setFeet(all, stepFree []refFoot) {
	r.out, r.in_ = byStop(len(r.in.Stops), all)
	r.sfOut, r.sfIn = byStop(len(r.in.Stops), stepFree)
}

func (r *refNet) buildFeet() {
	st := r.in.Stops
	for i := range st {
		for j := range st {
			if i == j {
				continue
			}
			m := math.Ceil(geo.DistanceM(st[i].Point, st[j].Point) * 1.3)
			if m <= 1000 {
				r.feet = append(r.feet, refFoot{from: int32(i), to: int32(j), metres: m})
			}
		}
	}
	for _, t := range r.in.Transfers {
		a, b := r.stopIdx[[2]string{t.FeedID, t.FromStopID}], r.stopIdx[[2]string{t.FeedID, t.ToStopID}]
		if a == b {
			continue
		}
		k := slices.IndexFunc(r.feet, func(f refFoot) bool { return f.from == a && f.to == b })
		switch t.Type {
		case 3:
			if k >= 0 {
				r.feet = slices.Delete(r.feet, k, k+1)
			}
		case 2:
			if k < 0 {
				m := math.Min(65534, math.Ceil(geo.DistanceM(st[a].Point, st[b].Point)*1.3))
				r.feet = append(r.feet, refFoot{from: a, to: b, metres: m})
				k = len(r.feet) - 1
			}
			r.feet[k].minSec = max(r.feet[k].minSec, t.MinSeconds)
		}
	}
	// a later type 3 row for a pair already removed is a no-op, and a
	// type 2 row after a type 3 row for the same pair: the engine applies
	// removals last, so do the same.
	for _, t := range r.in.Transfers {
		if t.Type != 3 {
			continue
		}
		a, b := r.stopIdx[[2]string{t.FeedID, t.FromStopID}], r.stopIdx[[2]string{t.FeedID, t.ToStopID}]
		r.feet = slices.DeleteFunc(r.feet, func(f refFoot) bool { return f.from == a && f.to == b })
	}
}

func (r *refNet) serviceRuns(feed, svc string, d Date) bool {
	active := false
	for _, c := range r.in.Calendars {
		if c.FeedID == feed && c.ServiceID == svc {
			active = d >= c.Start && d <= c.End && c.Days&(1<<d.Weekday()) != 0
		}
	}
	for _, x := range r.in.ServiceDates {
		if x.FeedID == feed && x.ServiceID == svc && x.Date == d {
			active = x.Exception == 1
		}
	}
	return active
}

// refRun is one run of a trip on one day slot: its stop times (sorted),
// the time shift and whether a step-free search may use it.
type refRun struct {
	trip  int
	calls []StopTime
	shift int32
	acc   Access
}

func (r *refNet) runs(d Date) []refRun {
	byTrip := map[int][]StopTime{}
	tripIdx := map[[2]string]int{}
	for i, t := range r.in.Trips {
		tripIdx[[2]string{t.FeedID, t.ID}] = i
	}
	for _, st := range r.in.StopTimes {
		t := int(st.TripIndex)
		if st.TripID != "" {
			for i, tr := range r.in.Trips {
				if tr.ID == st.TripID {
					t = i
				}
			}
		}
		byTrip[t] = append(byTrip[t], st)
	}
	policy := map[string]AccessPolicy{}
	for _, f := range r.in.Feeds {
		policy[f.ID] = f.Policy
	}
	freqs := map[int][]Frequency{}
	for _, f := range r.in.Frequencies {
		t := int(f.TripIndex)
		if f.TripID != "" {
			t = tripIdx[[2]string{f.FeedID, f.TripID}]
		}
		freqs[t] = append(freqs[t], f)
	}
	var out []refRun
	for day := -1; day <= 1; day++ {
		for ti, t := range r.in.Trips {
			if !r.serviceRuns(t.FeedID, t.ServiceID, d+Date(day)) {
				continue
			}
			calls := slices.Clone(byTrip[ti])
			slices.SortStableFunc(calls, func(a, b StopTime) int { return int(a.Seq - b.Seq) })
			if !refValid(calls) {
				continue
			}
			acc := [...]Access{AccessUnknown, AccessYes, AccessNo}[t.Wheelchair]
			if acc == AccessUnknown && policy[t.FeedID].AssumeTripsAccessible {
				acc = AccessAssumed
			}
			base := int32(day) * 86400
			if fs, ok := freqs[ti]; ok {
				for _, f := range fs {
					for s := f.Start; s < f.End; s += f.Headway {
						out = append(out, refRun{ti, calls, base + s - calls[0].Dep, acc})
					}
				}
				continue
			}
			out = append(out, refRun{ti, calls, base, acc})
		}
	}
	return out
}

func refValid(calls []StopTime) bool {
	if len(calls) < 2 {
		return false
	}
	for i, c := range calls {
		if c.Arr < 0 || c.Dep < c.Arr || i > 0 && c.Arr < calls[i-1].Dep {
			return false
		}
	}
	return true
}

func (r *refNet) stopOf(st StopTime, feed string) int32 {
	if st.StopID != "" {
		return r.stopIdx[[2]string{feed, st.StopID}]
	}
	return st.StopIndex
}

func (r *refNet) conns(d Date, stepFree bool) []refConn {
	k := [2]int32{int32(d), 0}
	if stepFree {
		k[1] = 1
	}
	if cs, ok := r.connCache[k]; ok {
		return slices.Clone(cs)
	}
	if r.connCache == nil {
		r.connCache = map[[2]int32][]refConn{}
	}
	var cs []refConn
	defer func() { r.connCache[k] = slices.Clone(cs) }()
	for ri, run := range r.runs(d) {
		if stepFree && !run.acc.StepFree() {
			continue
		}
		feed := r.in.Trips[run.trip].FeedID
		for i := 0; i+1 < len(run.calls); i++ {
			a, b := run.calls[i], run.calls[i+1]
			cs = append(cs, refConn{
				from: r.stopOf(a, feed), to: r.stopOf(b, feed),
				dep: a.Dep + run.shift, arr: b.Arr + run.shift,
				run: int32(ri), seq: int32(i),
				onOK: a.PickupType != 1, offOK: b.DropOffType != 1,
			})
		}
	}
	return cs
}

const refInf = math.MaxInt32

type sortedConns struct {
	cs   []refConn
	runs int
}

// sortedConns returns the day's connections by departure (forward) or by
// arrival descending (reverse), and the number of runs.
func (r *refNet) sortedConns(d Date, stepFree, reverse bool) ([]refConn, int) {
	k := [3]int32{int32(d), 0, 0}
	if stepFree {
		k[1] = 1
	}
	if reverse {
		k[2] = 1
	}
	if c, ok := r.sorted[k]; ok {
		return c.cs, c.runs
	}
	cs := r.conns(d, stepFree)
	if reverse {
		slices.SortFunc(cs, func(a, b refConn) int {
			if a.arr != b.arr {
				return int(b.arr - a.arr)
			}
			if a.run != b.run {
				return int(a.run - b.run)
			}
			return int(b.seq - a.seq)
		})
	} else {
		slices.SortFunc(cs, func(a, b refConn) int {
			if a.dep != b.dep {
				return int(a.dep - b.dep)
			}
			if a.run != b.run {
				return int(a.run - b.run)
			}
			return int(a.seq - b.seq)
		})
	}
	runs := 0
	for _, c := range cs {
		runs = max(runs, int(c.run)+1)
	}
	if r.sorted == nil {
		r.sorted = map[[3]int32]sortedConns{}
	}
	r.sorted[k] = sortedConns{cs, runs}
	return cs, runs
}

// refForward returns, per stop, the earliest arrival (any last leg) and
// the earliest arrival by a ride.
func (r *refNet) refForward(origins []StopAccess, p Params) (best, ride []int32) {
	n := len(r.in.Stops)
	cs, runs := r.sortedConns(p.Date, p.StepFree, false)
	limit := int32(refInf - 1)
	if p.MaxDuration > 0 {
		limit = p.Time + p.MaxDuration
	}
	ok := func(v int32) bool { return !p.StepFree || r.stopAccess[v].StepFree() }
	prev := filled(n, refInf)
	for _, o := range origins {
		prev[o.Stop] = min(prev[o.Stop], p.Time+o.Seconds)
	}
	ride = filled(n, refInf)
	for k := 1; k <= p.MaxTransfers+1; k++ {
		got := filled(n, refInf)
		on := make([]bool, runs)
		for _, c := range cs {
			if !on[c.run] && c.onOK && ok(c.from) && prev[c.from] <= c.dep {
				on[c.run] = true
			}
			if on[c.run] && c.offOK && ok(c.to) && c.arr <= limit {
				got[c.to] = min(got[c.to], c.arr)
			}
		}
		cur := slices.Clone(prev)
		for v := range n {
			cur[v] = min(cur[v], got[v])
			ride[v] = min(ride[v], got[v])
			if got[v] == refInf {
				continue
			}
			out := r.out
			if p.StepFree {
				out = r.sfOut
			}
			for _, f := range out[v] { // one walk after a ride
				if f.metres > p.MaxWalkM {
					continue
				}
				t := got[v] + max(int32(math.Ceil(f.metres/p.WalkSpeed)), f.minSec)
				if t <= limit {
					cur[f.to] = min(cur[f.to], t)
				}
			}
		}
		prev = cur
	}
	return prev, ride
}

// refReverse returns, per stop, the latest departure (any first leg) and
// the latest departure boarding a ride there, to reach targets by p.Time;
// unreached stops hold -refInf.
func (r *refNet) refReverse(targets []StopAccess, p Params) (best, ride []int32) {
	n := len(r.in.Stops)
	cs, runs := r.sortedConns(p.Date, p.StepFree, true)
	low := int32(-refInf + 1)
	if p.MaxDuration > 0 {
		low = p.Time - p.MaxDuration
	}
	ok := func(v int32) bool { return !p.StepFree || r.stopAccess[v].StepFree() }
	prev := filled(n, -refInf)
	for _, t := range targets {
		prev[t.Stop] = max(prev[t.Stop], p.Time-t.Seconds)
	}
	ride = filled(n, -refInf)
	for k := 1; k <= p.MaxTransfers+1; k++ {
		got := filled(n, -refInf)
		on := make([]bool, runs)
		for _, c := range cs {
			if !on[c.run] && c.offOK && ok(c.to) && prev[c.to] >= c.arr {
				on[c.run] = true
			}
			if on[c.run] && c.onOK && ok(c.from) && c.dep >= low {
				got[c.from] = max(got[c.from], c.dep)
			}
		}
		cur := slices.Clone(prev)
		for v := range n {
			cur[v] = max(cur[v], got[v])
			ride[v] = max(ride[v], got[v])
			if got[v] == -refInf {
				continue
			}
			in := r.in_
			if p.StepFree {
				in = r.sfIn
			}
			for _, f := range in[v] { // one walk before a ride
				if f.metres > p.MaxWalkM {
					continue
				}
				t := got[v] - max(int32(math.Ceil(f.metres/p.WalkSpeed)), f.minSec)
				if t >= low {
					cur[f.from] = max(cur[f.from], t)
				}
			}
		}
		prev = cur
	}
	return prev, ride
}

func filled(n int, v int32) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = v
	}
	return s
}
