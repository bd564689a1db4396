package transit

import "slices"

// RangeResult is a view of a finished range search (rRAPTOR), valid until
// the searcher's next search. For every stop it holds a profile: for a
// forward search, departure time from the origins → earliest arrival; for
// a reverse search, arrive-by time at the destinations → latest departure.
type RangeResult struct {
	w      *Searcher
	lo, hi int32 // the window, real times
}

// profileEntry is one profile point in label space, chained per stop from
// the most recent (smallest key) to the oldest.
type profileEntry struct {
	key, best, ride int32
	next            int32
}

// ProfilePoint is one point of a stop's profile. Forward: leaving the
// origins at Time (or later, waiting) reaches the stop at Best, and by a
// ride at Ride. Reverse: to arrive at the destinations by Time, leave the
// stop by Best, or board there by Ride. RideOK is false when no ride-ending
// journey exists.
type ProfilePoint struct {
	Time   int32
	Best   int32
	Ride   int32
	RideOK bool
}

// ForwardRange runs a range search over departures from p.Time to
// p.Time+window (seconds) from origins. It processes the departures that
// can matter — each time a trip leaves an origin stop, less the access
// walk, plus the window's end — latest first, reusing labels between them.
func (w *Searcher) ForwardRange(origins []StopAccess, p Params, window int32) (*RangeResult, error) {
	return w.rangeSearch(origins, p, window, false)
}

// ReverseRange runs a range search over arrive-by times from p.Time to
// p.Time+window towards targets (stops with egress seconds), earliest
// first, reusing labels between them.
func (w *Searcher) ReverseRange(targets []StopAccess, p Params, window int32) (*RangeResult, error) {
	return w.rangeSearch(targets, p, window, true)
}

func (w *Searcher) rangeSearch(src []StopAccess, p Params, window int32, reverse bool) (*RangeResult, error) {
	if window < 0 || window > 86400 {
		return nil, errWindow(window)
	}
	if err := w.begin(p, reverse); err != nil {
		return nil, err
	}
	if err := w.setEndpoints(src, nil); err != nil {
		return nil, err
	}
	w.prof = w.prof[:0]
	w.collectTimes(p.Time, p.Time+window)
	for k := 0; k < len(w.cands); {
		key := w.cands[k].key
		e := k
		for e < len(w.cands) && w.cands[e].key == key {
			e++
		}
		w.deps = append(w.deps, key)
		w.iterateFrom(w.sign*key, w.cands[k:e])
		w.record(key)
		k = e
	}
	w.rng = RangeResult{w: w, lo: p.Time, hi: p.Time + window}
	return &w.rng, nil
}

// candidate is a time worth an iteration (label space) and the source stop
// whose trip makes it so; stop -1 stands for every source.
type candidate struct {
	key, stop int32
}

// collectTimes lists, in label space and best-first order (descending),
// the times worth an iteration within [lo, hi]: the window's far edge (for
// every source) and each time a usable trip leaves (reaches, reversed) a
// source stop, less (plus) its walk.
func (w *Searcher) collectTimes(lo, hi int32) {
	s := w.s
	w.deps, w.cands = w.deps[:0], w.cands[:0]
	edge := hi
	if w.reverse {
		edge = lo
	}
	w.cands = append(w.cands, candidate{w.sign * edge, -1})
	for _, v := range w.srcStops {
		if !w.stopOK(v) {
			continue
		}
		a := w.srcSec[v]
		// A trip that reaches (leaves, reversed) a source beyond the
		// horizon can only make labels beyond it: no candidate.
		tlo, thi := lo+a, hi+a
		if w.reverse {
			tlo, thi = lo-a, hi-a
		}
		if h := w.p.Horizon; h > 0 && w.reverse {
			tlo = max(tlo, h)
		} else if h > 0 {
			thi = min(thi, h)
		}
		for e := s.stopPatOff[v]; e < s.stopPatOff[v+1]; e++ {
			p, i := s.stopPat[e], s.stopPatPos[e]
			if w.reverse && s.patCanOff[s.patStopOff[p]+i] {
				w.addTimes(v, p, i, tlo, thi, a, false)
			} else if !w.reverse && s.patCanOn[s.patStopOff[p]+i] {
				w.addTimes(v, p, i, tlo, thi, -a, true)
			}
		}
	}
	slices.SortFunc(w.cands, func(x, y candidate) int {
		if x.key != y.key {
			return int(y.key - x.key)
		}
		return int(x.stop - y.stop)
	})
	w.cands = slices.Compact(w.cands)
}

// addTimes appends (label space) every departure (dep) or arrival time of
// a usable trip of pattern p at position i within [lo, hi], plus add, as
// candidates of source v.
func (w *Searcher) addTimes(v, p, i, lo, hi, add int32, dep bool) {
	s := w.s
	n := s.patLen(p)
	nt := s.patTripOff[p+1] - s.patTripOff[p]
	g0 := s.patTripOff[p]
	col := s.patTimeOff[p] + int64(i)*2
	if dep {
		col++
	}
	for sl := range numSlots {
		want := lo - slotShift[sl]
		l, h := int32(0), nt
		for l < h {
			m := int32(uint32(l+h) >> 1)
			if s.times[col+int64(m)*int64(n)*2] < want {
				l = m + 1
			} else {
				h = m
			}
		}
		for j := l; j < nt; j++ {
			t := s.times[col+int64(j)*int64(n)*2] + slotShift[sl]
			if t > hi {
				break
			}
			if w.tripOK(g0+j, sl) {
				w.cands = append(w.cands, candidate{w.sign * (t + add), v})
			}
		}
	}
}

// record appends a profile entry for every stop whose last-round labels
// changed in the iteration just run.
func (w *Searcher) record(key int32) {
	for _, v := range w.changed {
		i := w.idx(w.k, v)
		w.prof = append(w.prof, profileEntry{key: key, best: w.tau[i], ride: w.ride[i], next: w.profHead[v]})
		w.profHead[v] = int32(len(w.prof) - 1)
	}
}

// Stats returns the work counters, summed over iterations.
func (r *RangeResult) Stats() Stats { return r.w.stats }

// Times appends to dst the departure (arrive-by, reversed) times iterated,
// in processing order.
func (r *RangeResult) Times(dst []int32) []int32 {
	for _, k := range r.w.deps {
		dst = append(dst, r.w.sign*k)
	}
	return dst
}

// At returns the earliest arrival at stop v leaving the origins at t
// (forward), or the latest departure from v to arrive by t (reverse), for t
// in the window; ok is false when unreachable within the query's limits.
func (r *RangeResult) At(v, t int32) (int32, bool) {
	best, _, ok := r.lookup(v, t)
	return best, ok
}

// RideAt is At over journeys that end (start, reversed) with a ride.
func (r *RangeResult) RideAt(v, t int32) (int32, bool) {
	_, ride, ok := r.lookup(v, t)
	if !ok || ride == inf {
		return 0, false
	}
	return r.w.sign * ride, true
}

// lookup finds v's labels for time t: the entry with the smallest key not
// below t's key, then applies the duration limit of t. Source stops are
// also reached by their own walk at t.
func (r *RangeResult) lookup(v, t int32) (best, ride int32, ok bool) {
	w := r.w
	if v < 0 || v >= w.n || t < r.lo || t > r.hi {
		return 0, 0, false
	}
	key := w.sign * t
	best, ride = inf, inf
	for e := w.profHead[v]; e >= 0; e = w.prof[e].next {
		if w.prof[e].key >= key {
			best, ride = w.prof[e].best, w.prof[e].ride
			break
		}
	}
	if a := w.srcSec[v]; a >= 0 {
		best = min(best, key+a)
	}
	limit := int32(inf - 1)
	if w.p.MaxDuration > 0 {
		limit = key + w.p.MaxDuration
	}
	if h := w.p.Horizon; h > 0 {
		limit = min(limit, w.sign*h)
	}
	if ride > limit {
		ride = inf
	}
	if best > limit || best == inf {
		return 0, ride, false
	}
	return w.sign * best, ride, true
}

// Profile appends v's profile points to dst in increasing Time order
// (forward) or decreasing arrive-by time (reverse), without the duration
// filter At applies.
func (r *RangeResult) Profile(v int32, dst []ProfilePoint) []ProfilePoint {
	w := r.w
	for e := w.profHead[v]; e >= 0; e = w.prof[e].next {
		pe := w.prof[e]
		pt := ProfilePoint{Time: w.sign * pe.key, Best: w.sign * pe.best, RideOK: pe.ride != inf}
		if pt.RideOK {
			pt.Ride = w.sign * pe.ride
		}
		dst = append(dst, pt)
	}
	return dst
}
