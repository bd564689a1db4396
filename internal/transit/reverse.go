package transit

// Reverse runs a latest-departure search: for every stop, the latest time
// one can leave it and still reach one of targets (stops with egress
// seconds) by p.Time on p.Date. Result times are departure times.
func (w *Searcher) Reverse(targets []StopAccess, p Params) (*Result, error) {
	return w.search(targets, nil, p, true)
}

// scanReverse mirrors scanForward: it scans pattern p backwards from
// position from in round r, keeping per day slot the latest trip that
// reaches a stop labelled in round r-1 in time, and offers its departures
// at earlier stops, alighting the current trip at the earliest stop it
// can. Labels are negated departure times. As forward, only what a label
// newly reaches is alighted; a trip an old label reaches is dropped.
func (w *Searcher) scanReverse(p, from int32, r int) {
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
	var alight [numSlots]int32
	held := 0
	for i := from; i >= 0; i-- {
		if held == 0 && i < last {
			return
		}
		v := s.patStops[off+i]
		ok := w.stopOK(v)
		if held > 0 && ok && s.patCanOn[off+i] {
			best, bs := int32(-inf), -1
			for sl, j := range cur {
				if j >= 0 {
					if d := s.times[base+int64(j*n+i)*2+1] + slotShift[sl]; d > best {
						best, bs = d, sl
					}
				}
			}
			if -best <= w.limit && -best < w.bound && -best < w.ride[w.idx(r, v)] {
				w.improveRide(r, v, -best, g0+cur[bs], bs, i, alight[bs])
			}
		}
		if !ok || !s.patCanOff[off+i] || prev[v] == inf {
			continue
		}
		t := -prev[v]
		arr := base + int64(i)*2
		if w.scanStamp[v] != w.stamp { // an old label: drop the trips it reaches
			for sl, j := range cur {
				if j >= 0 && t >= s.times[arr+int64(j*n)*2]+slotShift[sl] {
					cur[sl] = -1
					held--
				}
			}
			continue
		}
		t0 := -w.scanOld[v]
		for sl := range numSlots {
			j := cur[sl]
			if !use[sl] || j >= 0 && t < s.times[arr+int64(j*n)*2]+slotShift[sl] {
				continue // the current trip comes too late: so do the later ones
			}
			e := w.alightReverse(p, n, i, sl, t, t0, j)
			switch {
			case e < 0 && j >= 0:
				held--
			case e >= 0 && j < 0:
				held++
			}
			if e >= 0 && e != j {
				w.stats.TripsBoarded++
			}
			cur[sl], alight[sl] = e, i
		}
	}
}

// alightReverse mirrors boardForward: the latest usable trip arriving at
// position i by t (never earlier than j, which is alighted here instead),
// or -1 when the old label's time t0 reached that trip too.
func (w *Searcher) alightReverse(p, n, i int32, sl int, t, t0, j int32) int32 {
	if t0 >= t {
		return -1
	}
	s := w.s
	arr := s.patTimeOff[p] + int64(i)*2
	shift := slotShift[sl]
	nt := s.patTripOff[p+1] - s.patTripOff[p]
	if j < 0 { // the slot's first and last arrivals bound the search
		last := s.times[arr+int64((nt-1)*n)*2] + shift
		if t0 >= last || t < s.times[arr]+shift {
			return -1
		}
		if t >= last {
			return w.newTripReverse(w.lastUsable(p, sl, 0, nt), arr, n, shift, t0)
		}
		return w.newTripReverse(w.latestTrip(p, n, i, sl, t, 0, nt), arr, n, shift, t0)
	}
	if j < nt-1 && t >= s.times[arr+int64((j+1)*n)*2]+shift {
		return w.newTripReverse(w.latestTrip(p, n, i, sl, t, j, nt), arr, n, shift, t0)
	}
	return w.newTripReverse(j, arr, n, shift, t0)
}

// newTripReverse is e unless e is -1 or arrives at or before t0, when the
// old label reached it too.
func (w *Searcher) newTripReverse(e int32, arr int64, n, shift, t0 int32) int32 {
	if e < 0 || w.s.times[arr+int64(e*n)*2]+shift <= t0 {
		return -1
	}
	return e
}

// lastUsable is the last trip in [lo, hi) of pattern p usable on slot sl,
// or -1.
func (w *Searcher) lastUsable(p int32, sl int, lo, hi int32) int32 {
	g0 := w.s.patTripOff[p]
	for j := hi - 1; j >= lo; j-- {
		if w.tripOK(g0+j, sl) {
			return j
		}
	}
	return -1
}

// latestTrip finds the last trip in [lo, nt) of pattern p that arrives at
// position i at or before t on slot sl and may be used, or -1.
func (w *Searcher) latestTrip(p, n, i int32, sl int, t, lo, nt int32) int32 {
	s := w.s
	col := s.patTimeOff[p] + int64(i)*2
	l := s.searchTimes(col, int64(n)*2, lo, nt, t-slotShift[sl]+1) // first arriving after t
	return w.lastUsable(p, sl, lo, l)
}
