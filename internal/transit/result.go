package transit

// Result is a view of a finished single-time search, valid until the
// searcher's next search. Forward results hold earliest arrivals; reverse
// results hold latest departures.
type Result struct {
	w *Searcher
}

// Stats returns the work counters of the search.
func (r *Result) Stats() Stats { return r.w.stats }

// Reverse reports whether the result is a latest-departure search.
func (r *Result) Reverse() bool { return r.w.reverse }

// Time returns, for stop v, the earliest arrival (forward) or the latest
// departure (reverse) over journeys with at most MaxTransfers+1 rides, the
// last (forward) or first (reverse) leg being a ride or a walking transfer;
// origin stops (destination stops, reversed) hold their access time. ok is
// false when v cannot be reached.
func (r *Result) Time(v int32) (t int32, ok bool) {
	return r.w.real(r.w.tau[r.w.idx(r.w.k, v)])
}

// RideTime is like Time but only over journeys whose last leg (first,
// reversed) is a ride: the time to add an egress (access) walk to.
func (r *Result) RideTime(v int32) (t int32, ok bool) {
	return r.w.real(r.w.ride[r.w.idx(r.w.k, v)])
}

// RoundTime is Time restricted to at most rides rides (0 ≤ rides ≤
// MaxTransfers+1).
func (r *Result) RoundTime(v int32, rides int) (t int32, ok bool) {
	rides = min(max(rides, 0), r.w.k)
	return r.w.real(r.w.tau[r.w.idx(rides, v)])
}

// Journey reconstructs the journey behind Time(v) (rideOnly false) or
// RideTime(v) (rideOnly true) into j, reusing j's slices. It reports false
// when v is unreached.
func (r *Result) Journey(v int32, rideOnly bool, j *Journey) bool {
	if v < 0 || v >= r.w.n {
		return false
	}
	if r.w.reverse {
		return r.w.reverseJourney(v, rideOnly, j)
	}
	return r.w.forwardJourney(v, rideOnly, j)
}

func (w *Searcher) real(label int32) (int32, bool) {
	if label == inf {
		return 0, false
	}
	return w.sign * label, true
}
