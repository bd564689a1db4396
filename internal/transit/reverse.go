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
// can. Labels are negated departure times.
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
	cur := [numSlots]int32{-1, -1, -1}
	var alight [numSlots]int32
	for i := from; i >= 0; i-- {
		v := s.patStops[off+i]
		ok := w.stopOK(v)
		if ok && s.patCanOn[off+i] {
			best, bs := int32(-inf), -1
			for sl, j := range cur {
				if j >= 0 {
					if d := s.times[base+int64(j*n+i)*2+1] + slotShift[sl]; d > best {
						best, bs = d, sl
					}
				}
			}
			if bs >= 0 && -best <= w.limit && -best < w.bound {
				w.improveRide(r, v, -best, g0+cur[bs], bs, i, alight[bs])
			}
		}
		if !ok || !s.patCanOff[off+i] || prev[v] == inf {
			continue
		}
		t := -prev[v]
		for sl := range numSlots {
			j := cur[sl]
			if !use[sl] || j >= 0 && t < s.times[base+int64(j*n+i)*2]+slotShift[sl] {
				continue
			}
			lo := int32(0)
			if j >= 0 {
				lo = j // the current trip again: alight it here instead
			}
			if e := w.latestTrip(p, n, i, sl, t, lo, nt); e >= 0 {
				if e != j {
					w.stats.TripsBoarded++
				}
				cur[sl], alight[sl] = e, i
			}
		}
	}
}

// latestTrip finds the last trip in [lo, nt) of pattern p that arrives at
// position i at or before t on slot sl and may be used, or -1.
func (w *Searcher) latestTrip(p, n, i int32, sl int, t, lo, nt int32) int32 {
	s := w.s
	base := s.patTimeOff[p] + int64(i)*2
	want := t - slotShift[sl]
	l, h := lo, nt
	for l < h { // first trip arriving after want
		m := int32(uint32(l+h) >> 1)
		if s.times[base+int64(m)*int64(n)*2] <= want {
			l = m + 1
		} else {
			h = m
		}
	}
	g0 := s.patTripOff[p]
	for j := l - 1; j >= lo; j-- {
		if w.tripOK(g0+j, sl) {
			return j
		}
	}
	return -1
}
