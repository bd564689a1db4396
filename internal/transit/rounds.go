package transit

// iterate runs one departure (forward) or arrival (reverse) time t: it sets
// the sources' round-0 labels and runs the rounds.
func (w *Searcher) iterate(t int32) {
	w.iterateFrom(t, nil)
}

// iterateFrom is iterate for one time of a range search. Labels of earlier
// (later-departing) iterations are kept, which is what makes range
// searches cheap. Every source gets its label, but only the sources listed
// in cands (all when one is -1 or cands is empty) are marked: from the
// others no trip leaves between this time and the previous one — each such
// trip would be a candidate itself — so scanning them finds nothing new.
func (w *Searcher) iterateFrom(t int32, cands []candidate) {
	w.iterStamp++
	w.changed = w.changed[:0]
	w.next = w.next[:0]
	w.stamp++
	w.stats.Iterations++
	w.setWindow(t)
	all := len(cands) == 0 || cands[0].stop < 0
	if !all {
		for _, c := range cands { // marked with the label they had
			w.markImproved(c.stop, w.tau[w.idx(0, c.stop)])
		}
	}
	for _, v := range w.srcStops {
		w.setOrigin(v, w.sign*t+w.srcSec[v], all)
	}
	w.runRounds()
}

// setWindow sets the label limit (max duration) and the real-time window
// used to skip day slots that cannot matter.
func (w *Searcher) setWindow(t int32) {
	const far = 30 * 86400
	w.limit = inf - 1
	if w.p.MaxDuration > 0 {
		w.limit = w.sign*t + w.p.MaxDuration
	}
	if h := w.p.Horizon; h > 0 {
		w.limit = min(w.limit, w.sign*h)
	}
	if w.reverse {
		w.winLo, w.winHi = t-far, t
		if w.p.MaxDuration > 0 {
			w.winLo = t - w.p.MaxDuration
		}
		if h := w.p.Horizon; h > 0 {
			w.winLo = max(w.winLo, h)
		}
		return
	}
	w.winLo, w.winHi = t, t+far
	if w.p.MaxDuration > 0 {
		w.winHi = t + w.p.MaxDuration
	}
	if h := w.p.Horizon; h > 0 {
		w.winHi = min(w.winHi, h)
	}
}

// runRounds is RAPTOR's main loop: round r scans every pattern through a
// stop improved in round r-1, then relaxes footpaths from stops a ride
// improved in round r.
func (w *Searcher) runRounds() {
	for r := 1; r <= w.k && len(w.next) > 0; r++ {
		w.stats.Rounds++
		w.marked, w.next = w.next, w.marked[:0]
		w.scanOld, w.nextOld = w.nextOld, w.scanOld
		w.stamp++
		w.rideList = w.rideList[:0]
		w.collectPatterns()
		for _, p := range w.patList {
			w.stats.PatternsScanned++
			if w.reverse {
				w.scanReverse(p, w.patPos[p], r)
			} else {
				w.scanForward(p, w.patPos[p], r)
			}
		}
		w.relax(r)
	}
}

// collectPatterns lists the patterns through marked stops with, for each,
// the first position to scan from and the last marked one: forward the
// least and the greatest marked position, reversed the greatest and the
// least. It stamps the marked stops: only there can boarding find a trip
// whose rides have not been offered already (see scanForward).
func (w *Searcher) collectPatterns() {
	s := w.s
	w.patList = w.patList[:0]
	for _, v := range w.marked {
		w.scanStamp[v] = w.stamp
		for e := s.stopPatOff[v]; e < s.stopPatOff[v+1]; e++ {
			p, pos := s.stopPat[e], s.stopPatPos[e]
			switch {
			case w.patStamp[p] != w.stamp:
				w.patStamp[p], w.patPos[p], w.patLast[p] = w.stamp, pos, pos
				w.patList = append(w.patList, p)
			case !w.reverse && pos < w.patPos[p], w.reverse && pos > w.patPos[p]:
				w.patPos[p] = pos
			case !w.reverse && pos > w.patLast[p], w.reverse && pos < w.patLast[p]:
				w.patLast[p] = pos
			}
		}
	}
}

// usableSlots reports which day slots of pattern p can hold a trip inside
// the window: times of a pattern span from its first trip's first departure
// to its last trip's last arrival, because trips do not overtake.
func (w *Searcher) usableSlots(p, n, nt int32) (use [numSlots]bool, any bool) {
	s := w.s
	base := s.patTimeOff[p]
	minT := s.times[base+1]
	maxT := s.times[base+int64((nt-1)*n+n-1)*2]
	for sl := range numSlots {
		sh := slotShift[sl]
		use[sl] = maxT+sh >= w.winLo && minT+sh <= w.winHi
		any = any || use[sl]
	}
	return use, any
}

// stopOK reports whether a search may board or alight at stop v.
func (w *Searcher) stopOK(v int32) bool {
	return !w.p.StepFree || w.s.stopAccess[v].StepFree()
}

// tripOK reports whether global pattern-trip g runs on slot sl's date and
// suits the search.
func (w *Searcher) tripOK(g int32, sl int) bool {
	s := w.s
	sv := s.ptService[g]
	if w.svc[sl][sv>>6]&(1<<(sv&63)) == 0 {
		return false
	}
	return !w.p.StepFree || s.ptAccess[g].StepFree()
}

// relax walks footpaths from every stop whose ride label improved in round
// r: forward along outgoing footpaths, reversed along incoming ones, at the
// metres of the query's step-free need. Only one walk separates two rides,
// so walks are never chained.
func (w *Searcher) relax(r int) {
	fp := w.fp
	off, other, byM, minSec := fp.off, fp.to, fp.metres, fp.minSec
	if w.reverse {
		off, other, byM, minSec = fp.inOff, fp.from, fp.inMetres, fp.inMinSec
	}
	sorted, metres := byM[0], byM[w.fpNeed]
	row := w.tau[w.idx(r, 0):w.idx(r+1, 0)]
	secs := w.walkSec
	for _, q := range w.rideList {
		a := w.ride[w.idx(r, q)]
		for f := off[q]; f < off[q+1]; f++ {
			if int(sorted[f]) >= len(secs) { // the rest are longer, for every need
				break
			}
			m := int(metres[f])
			if m >= len(secs) { // longer for this need, or noWalk
				continue
			}
			t := a + secs[m]
			if minSec != nil {
				t = a + max(secs[m], minSec[f])
			}
			if v := other[f]; t < row[v] && t <= w.limit && t < w.bound {
				w.improveWalk(r, v, t, q)
			}
		}
	}
}
