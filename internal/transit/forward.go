package transit

// Forward runs an earliest-arrival search from origins (stops with access
// seconds) departing at p.Time on p.Date, to every stop.
func (w *Searcher) Forward(origins []StopAccess, p Params) (*Result, error) {
	return w.search(origins, nil, p, false)
}

// search runs one iteration of a forward or reverse search.
func (w *Searcher) search(src, dst []StopAccess, p Params, reverse bool) (*Result, error) {
	if err := w.begin(p, reverse); err != nil {
		return nil, err
	}
	if err := w.setEndpoints(src, dst); err != nil {
		return nil, err
	}
	w.iterate(p.Time)
	w.res = Result{w: w}
	return &w.res, nil
}

// scanForward scans pattern p from position from in round r: it keeps, per
// day slot, the earliest trip catchable so far, alights it at each later
// stop and switches to an earlier trip wherever round r-1 reached a stop in
// time for one. Where the current trip itself can be caught again, it is
// boarded there instead: the same arrivals with the least time on board
// (on a loop, the passenger waits at the stop rather than riding round).
//
// Only what a stop's new label newly catches is boarded. A label that was
// there when an earlier round — or, in a range search, an earlier
// iteration — scanned this pattern has had the rides it catches offered to
// round r's labels already (labels are monotone over rounds and only
// improve over iterations); that holds for every stop not marked for this
// round and for a marked stop's label before the improvement that marked
// it. So a trip such a label catches has nothing new to offer further on:
// the slot holding it drops it. The scan ends once no slot holds a trip and
// no marked stop is left. This keeps the later iterations of a range
// search cheap: most labels there are old, most improvements small.
func (w *Searcher) scanForward(p, from int32, r int) {
	s := w.s
	n := s.patLen(p)
	nt := s.patTripOff[p+1] - s.patTripOff[p]
	use, any := w.usableSlots(p, n, nt)
	if !any {
		return
	}
	off, g0, base := s.patStopOff[p], s.patTripOff[p], s.patTimeOff[p]
	prev := w.tau[w.idx(r-1, 0):w.idx(r, 0)]
	last := w.patLast[p]
	cur := [numSlots]int32{-1, -1, -1}
	var board [numSlots]int32
	held := 0
	for i := from; i < n; i++ {
		if held == 0 && i > last {
			return
		}
		v := s.patStops[off+i]
		ok := w.stopOK(v)
		if held > 0 && ok && s.patCanOff[off+i] {
			best, bs := int32(inf), -1
			for sl, j := range cur {
				if j >= 0 {
					if a := s.times[base+int64(j*n+i)*2] + slotShift[sl]; a < best {
						best, bs = a, sl
					}
				}
			}
			if best <= w.limit && best < w.bound && best < w.ride[w.idx(r, v)] {
				w.improveRide(r, v, best, g0+cur[bs], bs, board[bs], i)
			}
		}
		if !ok || !s.patCanOn[off+i] || prev[v] == inf {
			continue
		}
		t := prev[v]
		dep := base + int64(i)*2 + 1
		if w.scanStamp[v] != w.stamp { // an old label: drop the trips it catches
			for sl, j := range cur {
				if j >= 0 && t <= s.times[dep+int64(j*n)*2]+slotShift[sl] {
					cur[sl] = -1
					held--
				}
			}
			continue
		}
		t0 := w.scanOld[v]
		for sl := range numSlots {
			j := cur[sl]
			if !use[sl] || j >= 0 && t > s.times[dep+int64(j*n)*2]+slotShift[sl] {
				continue // the current trip has left: so have the earlier ones
			}
			e := w.boardForward(p, n, i, sl, t, t0, j)
			switch {
			case e < 0 && j >= 0:
				held--
			case e >= 0 && j < 0:
				held++
			}
			if e >= 0 && e != j {
				w.stats.TripsBoarded++
			}
			cur[sl], board[sl] = e, i
		}
	}
}

// boardForward returns the trip slot sl should hold from position i of
// pattern p (n stops) on when round r-1 reached the stop at t, the label
// before this round's improvement was t0 (t0 == t: not improved), and the
// slot holds trip j (-1 for none) that t can catch: the earliest usable
// trip departing at or after t (never later than j; j itself is boarded
// here instead), or -1 when t0 caught that trip too, so that its rides
// from here on have been offered already.
func (w *Searcher) boardForward(p, n, i int32, sl int, t, t0, j int32) int32 {
	if t0 <= t {
		return -1
	}
	s := w.s
	dep := s.patTimeOff[p] + int64(i)*2 + 1
	shift := slotShift[sl]
	if j < 0 { // the slot's first and last departures bound the search
		nt := s.patTripOff[p+1] - s.patTripOff[p]
		first := s.times[dep] + shift
		if t0 <= first || t > s.times[dep+int64((nt-1)*n)*2]+shift {
			return -1
		}
		if t <= first {
			return w.newTrip(w.firstUsable(p, sl, 0, nt), dep, n, shift, t0)
		}
		return w.newTrip(w.earliestTrip(p, n, i, sl, t, nt), dep, n, shift, t0)
	}
	if j > 0 && t <= s.times[dep+int64((j-1)*n)*2]+shift {
		return w.newTrip(w.earliestTrip(p, n, i, sl, t, j+1), dep, n, shift, t0)
	}
	return w.newTrip(j, dep, n, shift, t0)
}

// newTrip is e unless e is -1 or departs (times[dep+e·n·2] + shift) at or
// after t0, when the old label caught it too.
func (w *Searcher) newTrip(e int32, dep int64, n, shift, t0 int32) int32 {
	if e < 0 || w.s.times[dep+int64(e*n)*2]+shift >= t0 {
		return -1
	}
	return e
}

// firstUsable is the first trip in [lo, hi) of pattern p usable on slot
// sl, or -1.
func (w *Searcher) firstUsable(p int32, sl int, lo, hi int32) int32 {
	g0 := w.s.patTripOff[p]
	for j := lo; j < hi; j++ {
		if w.tripOK(g0+j, sl) {
			return j
		}
	}
	return -1
}

// earliestTrip finds the first trip among the first hi of pattern p that
// departs position i at or after t on slot sl and may be used, or -1.
// Departures at a position never decrease across a pattern's trips, so a
// search finds the first candidate.
func (w *Searcher) earliestTrip(p, n, i int32, sl int, t, hi int32) int32 {
	s := w.s
	col := s.patTimeOff[p] + int64(i)*2 + 1
	lo := s.searchTimes(col, int64(n)*2, 0, hi, t-slotShift[sl])
	return w.firstUsable(p, sl, lo, hi)
}

// searchTimes returns the first j in [lo, hi) with times[col+j·stride] ≥
// want, or hi; those times never decrease with j. It guesses j by
// interpolating between the ends (trips of a pattern tend to keep a steady
// headway), gallops from the guess and bisects what is left, so that a
// regular pattern costs a few probes rather than a binary search's
// cache misses.
func (s *Snapshot) searchTimes(col, stride int64, lo, hi, want int32) int32 {
	if lo >= hi {
		return hi
	}
	at := func(j int32) int32 { return s.times[col+int64(j)*stride] }
	a, b := at(lo), at(hi-1)
	if want <= a {
		return lo
	}
	if want > b {
		return hi
	}
	// at(l) < want ≤ at(h): the answer is in (l, h].
	l, h := lo, hi-1
	g := l + 1 + int32(int64(h-l-1)*int64(want-a)/int64(b-a))
	if at(g) >= want {
		h = g
		for step := int32(1); h-step > l; step *= 2 {
			if at(h-step) < want {
				l = h - step
				break
			}
			h -= step
		}
	} else {
		l = g
		for step := int32(1); l+step < h; step *= 2 {
			if at(l+step) >= want {
				h = l + step
				break
			}
			l += step
		}
	}
	for h-l > 1 {
		m := int32(uint32(l+h) >> 1)
		if at(m) < want {
			l = m
		} else {
			h = m
		}
	}
	return h
}
