package transit

import "math"

// inf marks an unreached label. Reverse searches store negated departure
// times in the same arrays so that "better" is always "smaller".
const inf = math.MaxInt32

// Label kinds of the tau arrays.
const (
	kindNone uint8 = iota
	kindOrigin
	kindWalk
	kindRide
	kindInherited
)

// Ride label kinds: rideInherited, or rideSlot+slot for a real ride.
const (
	rideNone uint8 = iota
	rideInherited
	rideSlot
)

// Day slots: the query date's previous day, the day itself and the next one.
const numSlots = 3

var slotShift = [numSlots]int32{-86400, 0, 86400}

// Searcher holds the state of one search at a time over one snapshot: the
// per-round labels, the marks and the parents for reconstruction. Reuse it
// for many queries (no allocation per query once warm); use one per
// goroutine. Results it returns are valid until its next search.
type Searcher struct {
	s *Snapshot
	n int32 // stops

	rounds int // allocated rounds
	k      int // last round of the current query (MaxTransfers+1)

	// Per round r and stop v at r*n+v. tau is the best time with at most r
	// rides ending with a ride or a walk; ride the best ending with a ride.
	tau, ride      []int32
	kind, rideKind []uint8
	walkFrom       []int32
	rideTrip       []int32 // global pattern-trip index
	rideBoard      []uint16
	rideAlight     []uint16

	stamp       uint32
	stopStamp   []uint32 // marked for the next round
	marked      []int32
	scanStamp   []uint32 // == stamp: in marked, boarding there may find something new
	scanOld     []int32  // per marked stop, its label before the improvement that marked it
	nextOld     []int32  // the same for next
	next        []int32
	rideStamp   []uint32 // ride improved this round
	rideList    []int32
	patStamp    []uint32
	patPos      []int32 // first position to scan (forward: least marked, reverse: greatest)
	patLast     []int32 // last marked position (forward: greatest, reverse: least)
	patList     []int32
	touchStamp  []uint32 // labels touched this query
	touched     []int32
	queryStamp  uint32
	changeStamp []uint32 // round-k labels changed this iteration
	changed     []int32

	// sources get round-0 labels (forward: origins with access seconds;
	// reverse: destinations with egress seconds); targets prune (forward:
	// destinations; reverse: origins). Per stop -1 when not one.
	srcSec    []int32
	srcM      []int32
	srcStops  []int32
	dstSec    []int32
	dstM      []int32
	dstStops  []int32
	bound     int32 // best known label at a target, walk included
	sign      int32 // +1 forward, -1 reverse: label = sign * real time
	iterStamp uint32

	reverse   bool
	p         Params
	limit     int32 // labels beyond it are discarded
	winLo     int32 // real-time window of this iteration, for slot skips
	winHi     int32
	svc       [numSlots][]uint64
	svcDate   [numSlots]Date
	svcValid  [numSlots]bool
	fp        *footpathSet // the snapshot's footpaths
	fpNeed    int          // index of the query's step-free need into fp's arrays
	walkSec   []int32      // walkSec[m]: seconds to walk m metres, for m ≤ MaxWalkM
	walkSpeed float64      // the speed walkSec was tabulated at
	stats     Stats
	res       Result
	rng       RangeResult
	deps      []int32 // range iteration times, label space
	cands     []candidate
	prof      []profileEntry
	profHead  []int32
	mc        *mcScratch // multi-criteria state, made by the first ForwardMC (mc.go)
}

// NewSearcher allocates a searcher for s, sized for the default number of
// transfers; it grows on the first query that asks for more.
func NewSearcher(s *Snapshot) *Searcher {
	n := int32(s.NumStops())
	w := &Searcher{s: s, n: n}
	w.stopStamp = make([]uint32, n)
	w.scanStamp = make([]uint32, n)
	w.scanOld, w.nextOld = make([]int32, n), make([]int32, n)
	w.rideStamp = make([]uint32, n)
	w.touchStamp = make([]uint32, n)
	w.changeStamp = make([]uint32, n)
	w.patStamp = make([]uint32, s.NumPatterns())
	w.patPos = make([]int32, s.NumPatterns())
	w.patLast = make([]int32, s.NumPatterns())
	w.srcSec, w.srcM = make([]int32, n), make([]int32, n)
	w.dstSec, w.dstM = make([]int32, n), make([]int32, n)
	w.profHead = make([]int32, n)
	for i := range w.srcSec {
		w.srcSec[i], w.dstSec[i], w.profHead[i] = -1, -1, -1
	}
	w.grow(8 + 1)
	return w
}

// Snapshot returns the snapshot the searcher searches.
func (w *Searcher) Snapshot() *Snapshot { return w.s }

func (w *Searcher) grow(rounds int) {
	if rounds <= w.rounds {
		return
	}
	size := (rounds + 1) * int(w.n)
	w.tau, w.ride = make([]int32, size), make([]int32, size)
	w.kind, w.rideKind = make([]uint8, size), make([]uint8, size)
	w.walkFrom, w.rideTrip = make([]int32, size), make([]int32, size)
	w.rideBoard, w.rideAlight = make([]uint16, size), make([]uint16, size)
	for i := range w.tau {
		w.tau[i], w.ride[i] = inf, inf
	}
	w.rounds = rounds
	w.touched = w.touched[:0]
}

// begin prepares a query: validates, clears what the last query touched and
// loads the services of the three day slots.
func (w *Searcher) begin(p Params, reverse bool) error {
	if err := p.Validate(); err != nil {
		return err
	}
	w.grow(p.MaxTransfers + 1)
	w.clearTouched()
	w.clearEndpoints()
	w.p, w.reverse, w.k = p, reverse, p.MaxTransfers+1
	w.sign = 1
	if reverse {
		w.sign = -1
	}
	w.fp, w.fpNeed = w.s.fp, need(p.StepFree)
	w.walkTable()
	w.stats = Stats{}
	w.bound = inf
	for sl := range numSlots {
		d := p.Date + Date(slotShift[sl]/86400)
		if !w.svcValid[sl] || w.svcDate[sl] != d {
			w.svc[sl] = w.s.activeServices(d, w.svc[sl])
			w.svcDate[sl], w.svcValid[sl] = d, true
		}
	}
	return nil
}

// clearTouched resets every label the previous query wrote.
func (w *Searcher) clearTouched() {
	n := int(w.n)
	for _, v := range w.touched {
		for r := 0; r < w.rounds+1; r++ {
			i := r*n + int(v)
			w.tau[i], w.ride[i], w.kind[i], w.rideKind[i] = inf, inf, kindNone, rideNone
		}
		w.profHead[v] = -1
	}
	w.touched = w.touched[:0]
	w.queryStamp++
}

func (w *Searcher) clearEndpoints() {
	for _, v := range w.dstStops {
		w.dstSec[v] = -1
	}
	w.dstStops = w.dstStops[:0]
	for _, v := range w.srcStops {
		w.srcSec[v] = -1
	}
	w.srcStops = w.srcStops[:0]
}

func (w *Searcher) touch(v int32) {
	if w.touchStamp[v] != w.queryStamp {
		w.touchStamp[v] = w.queryStamp
		w.touched = append(w.touched, v)
	}
}

// setEndpoints records the sources and the targets of a query, keeping
// the shortest walk when a stop is listed twice.
func (w *Searcher) setEndpoints(src, dst []StopAccess) error {
	if err := w.checkStops(src); err != nil {
		return err
	}
	if err := w.checkStops(dst); err != nil {
		return err
	}
	w.srcStops = addEndpoints(w.srcSec, w.srcM, w.srcStops, src)
	w.dstStops = addEndpoints(w.dstSec, w.dstM, w.dstStops, dst)
	return nil
}

func addEndpoints(sec, metres []int32, stops []int32, as []StopAccess) []int32 {
	for _, a := range as {
		e := sec[a.Stop]
		if e < 0 {
			stops = append(stops, a.Stop)
		}
		if e < 0 || a.Seconds < e {
			sec[a.Stop], metres[a.Stop] = a.Seconds, a.Metres
		}
	}
	return stops
}

func (w *Searcher) checkStops(as []StopAccess) error {
	for _, a := range as {
		if a.Stop < 0 || a.Stop >= w.n {
			return errStopRange(a.Stop)
		}
		if a.Seconds < 0 {
			return errWalkSeconds(a.Stop, a.Seconds)
		}
	}
	return nil
}

// idx is the label index of stop v in round r.
func (w *Searcher) idx(r int, v int32) int { return r*int(w.n) + int(v) }

// propagate keeps labels monotone over rounds: after round r improves stop
// v to t, every later round whose label is worse inherits t. It reports
// whether the last round changed.
func (w *Searcher) propagate(lab []int32, kinds []uint8, inherited uint8, r int, v int32, t int32) bool {
	for q := r + 1; q <= w.k; q++ {
		i := w.idx(q, v)
		if lab[i] <= t {
			return false
		}
		lab[i], kinds[i] = t, inherited
	}
	return true
}

// improveRide offers a ride arrival (or, reversed, a ride departure) t at
// stop v in round r, on global trip g of day slot sl, boarding at position
// board and alighting at position alight.
func (w *Searcher) improveRide(r int, v, t, g int32, sl int, board, alight int32) {
	i := w.idx(r, v)
	if t >= w.ride[i] {
		return
	}
	w.touch(v)
	w.ride[i], w.rideKind[i] = t, rideSlot+uint8(sl)
	w.rideTrip[i], w.rideBoard[i], w.rideAlight[i] = g, uint16(board), uint16(alight)
	last := r == w.k || w.propagate(w.ride, w.rideKind, rideInherited, r, v, t)
	if w.rideStamp[v] != w.stamp {
		w.rideStamp[v] = w.stamp
		w.rideList = append(w.rideList, v)
	}
	if e := w.dstSec[v]; e >= 0 && t+e < w.bound {
		w.bound = t + e
	}
	if old := w.tau[i]; t < old {
		w.tau[i], w.kind[i] = t, kindRide
		last = (r == w.k || w.propagate(w.tau, w.kind, kindInherited, r, v, t)) || last
		w.markImproved(v, old)
	}
	if last {
		w.change(v)
	}
	w.stats.LabelsImproved++
}

// improveWalk offers a walk arrival t at v in round r, from stop from.
func (w *Searcher) improveWalk(r int, v, t, from int32) {
	i := w.idx(r, v)
	old := w.tau[i]
	if t >= old {
		return
	}
	w.touch(v)
	w.tau[i], w.kind[i], w.walkFrom[i] = t, kindWalk, from
	if r == w.k || w.propagate(w.tau, w.kind, kindInherited, r, v, t) {
		w.change(v)
	}
	w.markImproved(v, old)
	w.stats.LabelsImproved++
}

// setOrigin sets a round-0 label (an access or egress walk), marking the
// stop for round 1 when mark is set.
func (w *Searcher) setOrigin(v, t int32, mark bool) {
	i := w.idx(0, v)
	old := w.tau[i]
	if t >= old || t > w.limit {
		return
	}
	w.touch(v)
	w.tau[i], w.kind[i] = t, kindOrigin
	if w.propagate(w.tau, w.kind, kindInherited, 0, v, t) {
		w.change(v)
	}
	if mark {
		w.markImproved(v, old)
	}
}

// markImproved marks v, whose label old was just improved, for the next
// round. The first call in a round keeps old — the label at the start of
// the round, whose rides earlier rounds or iterations have offered
// already — so that the next round boards only trips the improvement
// newly catches (see scanForward).
func (w *Searcher) markImproved(v, old int32) {
	if w.stopStamp[v] != w.stamp {
		w.stopStamp[v] = w.stamp
		w.next = append(w.next, v)
		w.nextOld[v] = old
	}
}

// mark marks v for the next round (multi-criteria searches).
func (w *Searcher) mark(v int32) {
	if w.stopStamp[v] != w.stamp {
		w.stopStamp[v] = w.stamp
		w.next = append(w.next, v)
	}
}

// change records that stop v's last-round labels changed in this
// iteration (range searches turn these into profile entries).
func (w *Searcher) change(v int32) {
	if w.changeStamp[v] != w.iterStamp {
		w.changeStamp[v] = w.iterStamp
		w.changed = append(w.changed, v)
	}
}

// walkTable tabulates walking seconds for every whole metre a footpath of
// this query may have (footpaths store whole metres up to 65534).
func (w *Searcher) walkTable() {
	n := int(math.Min(w.p.MaxWalkM, float64(w.fp.maxM[w.fpNeed]))) + 1
	if len(w.walkSec) == n && w.walkSpeed == w.p.WalkSpeed { // the last query's
		return
	}
	w.walkSpeed = w.p.WalkSpeed
	if cap(w.walkSec) < n {
		w.walkSec = make([]int32, n, max(n, 1001))
	}
	w.walkSec = w.walkSec[:n]
	for m := range w.walkSec {
		w.walkSec[m] = WalkSeconds(float64(m), w.p.WalkSpeed)
	}
}

// walkSeconds is the time to walk footpath metres m, at least minSec. It
// divides exactly as WalkSeconds does so that tests can reproduce it.
func (w *Searcher) walkSeconds(m uint16, minSec int32) int32 {
	return max(WalkSeconds(float64(m), w.p.WalkSpeed), minSec)
}
