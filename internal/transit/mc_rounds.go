package transit

// mcHints reads what the fare model's optional interfaces tell the
// search: when fares may fall on each day slot's service date, the least a
// ride costs and whether fares ignore the boarding.
func (w *Searcher) mcHints(fm FareModel) {
	m := w.mc
	fc, ok := fm.(FareChanges)
	for sl := range numSlots {
		m.changes[sl] = nil
		if ok {
			m.changes[sl] = fc.FareChangeTimes(w.p.Date + Date(slotShift[sl]/86400))
		}
	}
	m.floor, m.blind = 0, false
	if f, ok := fm.(FareFloor); ok {
		m.floor = max(f.MinRideFare(), 0)
	}
	if r, ok := fm.(RouteFares); ok {
		m.blind = r.FareIgnoresBoarding()
	}
}

// mcIterate gives the origins their labels and runs the rounds: round r
// scans the patterns through stops that gained a label with r−1 rides,
// then walks from the stops a ride reached in round r.
func (w *Searcher) mcIterate(t int32) {
	m := w.mc
	w.iterStamp++
	w.next = w.next[:0]
	w.stamp++
	w.stats.Iterations++
	w.setWindow(t)
	for _, v := range w.srcStops {
		if m.insert(mcLabel{arr: t + w.srcSec[v], parent: -1, stop: v, trip: -1, kind: mcOrigin}) >= 0 {
			w.mark(v)
		}
	}
	for r := 1; r <= w.k && len(w.next) > 0; r++ {
		w.stats.Rounds++
		w.marked, w.next = w.next, w.marked[:0]
		w.stamp++
		w.rideList = w.rideList[:0]
		w.collectPatterns()
		for _, p := range w.patList {
			w.stats.PatternsScanned++
			w.scanMC(p, w.patPos[p], r)
		}
		w.relaxMC(r)
	}
}

// scanMC scans pattern p from position from in round r: at each stop the
// route bag's entries alight first (so a label never alights where it
// boarded), then the stop's labels with r−1 rides board.
func (w *Searcher) scanMC(p, from int32, r int) {
	s, m := w.s, w.mc
	n := s.patLen(p)
	nt := s.patTripOff[p+1] - s.patTripOff[p]
	use, any := w.usableSlots(p, n, nt)
	if !any {
		return
	}
	off := s.patStopOff[p]
	m.rb = m.rb[:0]
	for i := from; i < n; i++ {
		v := s.patStops[off+i]
		if !w.stopOK(v) {
			continue
		}
		if s.patCanOff[off+i] && len(m.rb) > 0 {
			w.alightMC(p, n, i, v, r)
		}
		if s.patCanOn[off+i] {
			w.boardMC(p, n, nt, i, v, r, use)
		}
	}
}

// alightMC offers every route bag entry's arrival at stop v (position i)
// to v's bag, the latest boarding first so that on equal labels the
// shorter ride (on a loop: waiting, not riding round) is kept.
func (w *Searcher) alightMC(p, n, i, v int32, r int) {
	s, m := w.s, w.mc
	g0 := s.patTripOff[p]
	for k := len(m.rb) - 1; k >= 0; k-- {
		e := m.rb[k]
		arr := s.times[s.timeBase(p, e.trip, n)+int64(i)*2] + slotShift[e.slot]
		if arr > w.limit {
			continue
		}
		c := mcLabel{arr: arr, fare: e.fare, parent: e.parent, stop: v, trip: g0 + e.trip,
			board: uint16(e.board), alight: uint16(i), rides: uint8(r), kind: mcRide, slot: uint8(e.slot)}
		if m.dominated(&c) { // not even a free ride would be kept
			continue
		}
		pence, ok := m.fm.RideFare(w.rideRef(p, n, &c))
		if c.fare = addFare(e.fare, pence, ok); c.fare > m.budget {
			continue
		}
		if m.insert(c) >= 0 {
			w.stats.LabelsImproved++
			w.mark(v)
			if w.rideStamp[v] != w.stamp {
				w.rideStamp[v] = w.stamp
				w.rideList = append(w.rideList, v)
			}
		}
	}
}

// rideRef describes ride label c on pattern p (n stops) for the fare
// model, in its service date's own time frame.
func (w *Searcher) rideRef(p, n int32, c *mcLabel) RideRef {
	s := w.s
	t := s.ptMeta[c.trip]
	base := s.timeBase(p, c.trip-s.patTripOff[p], n)
	return RideRef{
		Trip: t, Route: s.tripRoute[t],
		BoardStop: s.patStops[s.patStopOff[p]+int32(c.board)], AlightStop: c.stop,
		BoardTime: s.times[base+int64(c.board)*2+1],
		Date:      w.p.Date + Date(slotShift[c.slot]/86400),
	}
}

// boardMC puts the labels of stop v (position i) with r−1 rides on the
// runs they can catch, on every usable day slot.
func (w *Searcher) boardMC(p, n, nt, i, v int32, r int, use [numSlots]bool) {
	m := w.mc
	start := len(m.rb)
	for l := m.head(v); l >= 0; l = m.labels[l].next {
		if int(m.labels[l].rides) != r-1 || !m.affords(m.labels[l].fare) {
			continue
		}
		for sl := range numSlots {
			if use[sl] {
				w.boardRuns(p, n, nt, i, sl, l, start)
			}
		}
	}
}

// boardRuns boards label l at position i on slot sl: the earliest run it
// can catch, and the earliest leaving at or after each later time at which
// the fare model says fares may fall. Entries from start on board at i.
func (w *Searcher) boardRuns(p, n, nt, i int32, sl int, l int32, start int) {
	s, m := w.s, w.mc
	arr, fare := m.labels[l].arr, m.labels[l].fare
	e := w.earliestTrip(p, n, i, sl, arr, nt)
	if e < 0 {
		return
	}
	w.addRoute(routeLabel{parent: l, fare: fare, trip: e, board: i, slot: int32(sl)}, start)
	if len(m.changes[sl]) == 0 {
		return
	}
	dep := s.times[s.timeBase(p, e, n)+int64(i)*2+1] + slotShift[sl]
	for _, c := range m.changes[sl] {
		t := c + slotShift[sl]
		if t <= dep || t > w.limit {
			continue
		}
		if e2 := w.earliestTrip(p, n, i, sl, t, nt); e2 >= 0 {
			w.addRoute(routeLabel{parent: l, fare: fare, trip: e2, board: i, slot: int32(sl)}, start)
		}
	}
}

// affords reports whether a label with this fare can pay for one more
// ride: always with no budget (unknown fares included), else when the
// cheapest ride still fits.
func (m *mcScratch) affords(fare int32) bool {
	return m.budget == NoBudget || int64(fare)+int64(m.floor) <= int64(m.budget)
}

// addRoute adds entry e to the route bag unless an entry boarding the same
// run at the same position (from start on) is no dearer; a dearer one is
// replaced. The ride's fare is then the same for both, wherever they alight.
// When fares ignore the boarding, entries of the whole bag compete.
func (w *Searcher) addRoute(e routeLabel, start int) {
	m := w.mc
	if m.blind {
		w.addRouteBlind(e)
		return
	}
	for k := start; k < len(m.rb); k++ {
		if o := &m.rb[k]; o.trip == e.trip && o.slot == e.slot {
			if e.fare < o.fare {
				*o = e
			}
			return
		}
	}
	m.rb = append(m.rb, e)
	w.stats.TripsBoarded++
}

// addRouteBlind keeps the route bag Pareto-optimal per day slot over (run,
// fare so far): an entry on an earlier or the same run that paid no more
// arrives no later and pays the same from here on. On a tie the newcomer,
// which boarded later, wins: the same arrivals with less time on board.
func (w *Searcher) addRouteBlind(e routeLabel) {
	m := w.mc
	keep := m.rb[:0]
	for _, o := range m.rb {
		switch {
		case o.slot != e.slot:
		case e.trip <= o.trip && e.fare <= o.fare:
			continue // e beats o: drop o
		case o.trip <= e.trip && o.fare <= e.fare:
			return // o beats e; by transitivity nothing was dropped
		}
		keep = append(keep, o)
	}
	m.rb = append(keep, e)
	w.stats.TripsBoarded++
}

// relaxMC walks footpaths from the ride labels of round r: one walk
// between two rides, never two.
func (w *Searcher) relaxMC(r int) {
	fp, m := w.fp, w.mc
	secs := w.walkSec
	for _, q := range w.rideList {
		for l := m.head(q); l >= 0; l = m.labels[l].next {
			lab := m.labels[l] // a copy: inserting may move the arena
			if lab.kind != mcRide || int(lab.rides) != r {
				continue
			}
			for f := fp.off[q]; f < fp.off[q+1]; f++ {
				if int(fp.metres[0][f]) >= len(secs) { // the rest are longer, for every need
					break
				}
				mm := int(fp.metres[w.fpNeed][f])
				if mm >= len(secs) { // longer for this need, or noWalk
					continue
				}
				t := lab.arr + secs[mm]
				if fp.minSec != nil {
					t = lab.arr + max(secs[mm], fp.minSec[f])
				}
				u := fp.to[f]
				if t > w.limit || u == q {
					continue
				}
				c := mcLabel{arr: t, fare: lab.fare, parent: l, stop: u, trip: -1, rides: lab.rides, kind: mcWalk}
				if m.insert(c) >= 0 {
					w.stats.LabelsImproved++
					w.mark(u)
				}
			}
		}
	}
}
