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
	cur := [numSlots]int32{-1, -1, -1}
	var board [numSlots]int32
	for i := from; i < n; i++ {
		v := s.patStops[off+i]
		ok := w.stopOK(v)
		if ok && s.patCanOff[off+i] {
			best, bs := int32(inf), -1
			for sl, j := range cur {
				if j >= 0 {
					if a := s.times[base+int64(j*n+i)*2] + slotShift[sl]; a < best {
						best, bs = a, sl
					}
				}
			}
			if bs >= 0 && best <= w.limit && best < w.bound {
				w.improveRide(r, v, best, g0+cur[bs], bs, board[bs], i)
			}
		}
		if !ok || !s.patCanOn[off+i] || prev[v] == inf {
			continue
		}
		t := prev[v]
		for sl := range numSlots {
			j := cur[sl]
			if !use[sl] || j >= 0 && t > s.times[base+int64(j*n+i)*2+1]+slotShift[sl] {
				continue
			}
			hi := nt
			if j >= 0 {
				hi = j + 1 // the current trip again: board it here instead
			}
			if e := w.earliestTrip(p, n, i, sl, t, hi); e >= 0 {
				if e != j {
					w.stats.TripsBoarded++
				}
				cur[sl], board[sl] = e, i
			}
		}
	}
}

// earliestTrip finds the first trip among the first hi of pattern p that
// departs position i at or after t on slot sl and may be used, or -1.
// Departures at a position never decrease across a pattern's trips, so a
// binary search finds the first candidate.
func (w *Searcher) earliestTrip(p, n, i int32, sl int, t, hi int32) int32 {
	s := w.s
	base := s.patTimeOff[p] + int64(i)*2 + 1
	want := t - slotShift[sl]
	lo, h := int32(0), hi
	for lo < h {
		m := int32(uint32(lo+h) >> 1)
		if s.times[base+int64(m)*int64(n)*2] < want {
			lo = m + 1
		} else {
			h = m
		}
	}
	g0 := s.patTripOff[p]
	for j := lo; j < hi; j++ {
		if w.tripOK(g0+j, sl) {
			return j
		}
	}
	return -1
}
