package transit

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// WalkMetres is the walking distance the engine assumes between two points:
// the great-circle distance times the detour factor, rounded up to a whole
// metre. Footpaths store it; queries turn it into seconds at their own
// walking speed.
func WalkMetres(a, b orb.Point, detour float64) float64 {
	return math.Ceil(geo.DistanceM(a, b) * detour)
}

// WalkSeconds is the time to walk m metres at speed m/s, rounded up.
func WalkSeconds(m float64, speed float64) int32 {
	return int32(math.Ceil(m / speed))
}

// footpath is one directed walking transfer during Build. A set of one
// need fills metres and measured; merging the needs fills the step-free
// fields.
type footpath struct {
	from, to   int32
	metres     uint16
	sfMetres   uint16 // step-free walkers; noWalk when they may not walk it
	minSec     int32
	measured   bool // walked on the street graph, not a straight-line estimate
	sfMeasured bool
}

// noWalk marks a footpath a step-free walker may not take. Footpaths are
// at most maxFootpathM metres, so it is never a length.
const (
	noWalk       = math.MaxUint16
	maxFootpathM = noWalk - 1
)

// footpathSet holds the walking transfers in CSR form, out (from → to) and
// in (to ← from), each stop's list sorted by the metres of any walker.
// Index [0] of metres, maxM and measured is for any walker, [1] for
// step-free walkers: without a street graph both share one slice; with
// one, the step-free metres are at least the others (a walk a step-free
// walker may take, anyone may) or noWalk.
type footpathSet struct {
	off, to     []int32
	metres      [2][]uint16
	minSec      []int32 // nil when no GTFS transfer sets a minimum
	inOff, from []int32
	inMetres    [2][]uint16
	inMinSec    []int32
	maxM        [2]uint16   // longest walkable footpath
	measured    [2][]uint64 // bit f: out-footpath f was walked on the graph; nil when none was
}

// need is the index of a step-free need into footpathSet's arrays.
func need(stepFree bool) int {
	if stepFree {
		return 1
	}
	return 0
}

// isMeasured reports whether out-footpath f was walked on the street graph
// for need k.
func (fs *footpathSet) isMeasured(k int, f int32) bool {
	m := fs.measured[k]
	return m != nil && m[f>>6]&(1<<(f&63)) != 0
}

// footpaths builds the snapshot's footpaths: with a street graph, a list
// per step-free need (see streets.go), merged; without one, straight lines
// for both needs. GTFS transfers apply to each list (type 3 removes, type
// 2 adds or sets a minimum time).
func (b *builder) footpaths() error {
	n := len(b.s.stopID)
	if b.streets == nil {
		fps, err := b.footpathList(nil)
		if err != nil {
			return err
		}
		b.s.fp = newFootpathSet(n, fps, false)
		return nil
	}
	var lists [2][]footpath
	for k, stepFree := range []bool{false, true} {
		var err error
		if lists[k], err = b.footpathList(b.snapStops(stepFree)); err != nil {
			return err
		}
	}
	b.s.fp = newFootpathSet(n, mergeNeeds(lists[0], lists[1]), true)
	return nil
}

// footpathList lists the footpaths for one need: straight lines between
// stops the graph does not cover (all stops when st is nil), walks on the
// graph between stops it covers, then the GTFS transfers.
func (b *builder) footpathList(st *streetStops) ([]footpath, error) {
	fps := b.straightFootpaths(st)
	if st != nil {
		var err error
		if fps, err = b.streetFootpaths(st, fps); err != nil {
			return nil, err
		}
	}
	return b.applyTransfers(fps, st)
}

// straightFootpaths links every pair of distinct stops within MaxFootpathM
// walking metres by a straight line × DetourFactor, except pairs the graph
// covers at both ends and pairs with a stop the graph blocks.
func (b *builder) straightFootpaths(st *streetStops) []footpath {
	s := b.s
	r := s.opt.MaxFootpathM / s.opt.DetourFactor
	grid := newStopGrid(s.stopPoint, r)
	var fps []footpath
	var near []int32
	for i := range int32(len(s.stopPoint)) {
		if st.blocked(i) {
			continue
		}
		near = grid.near(s.stopPoint, s.stopPoint[i], r, near[:0])
		for _, j := range near {
			if j == i || st.blocked(j) || st.covered(i) && st.covered(j) {
				continue
			}
			if m := WalkMetres(s.stopPoint[i], s.stopPoint[j], s.opt.DetourFactor); m <= s.opt.MaxFootpathM {
				fps = append(fps, footpath{from: i, to: j, metres: uint16(m)})
			}
		}
	}
	return fps
}

// mergeNeeds joins the lists of the two needs into one: a pair keeps the
// step-free walk (or noWalk) and, for any walker, the shorter of the two
// walks — a way a step-free walker may take, anyone may; snapping to
// different nodes can make it the shorter.
func mergeNeeds(all, sf []footpath) []footpath {
	byPair := func(x, y footpath) int { return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to)) }
	slices.SortFunc(all, byPair)
	slices.SortFunc(sf, byPair)
	out := make([]footpath, 0, len(all))
	i, j := 0, 0
	for i < len(all) || j < len(sf) {
		var c int
		switch {
		case i == len(all):
			c = 1
		case j == len(sf):
			c = -1
		default:
			c = byPair(all[i], sf[j])
		}
		switch {
		case c < 0:
			f := all[i]
			f.sfMetres = noWalk
			out = append(out, f)
			i++
		case c > 0:
			f := sf[j]
			f.sfMetres, f.sfMeasured = f.metres, f.measured
			out = append(out, f)
			j++
		default:
			f, g := all[i], sf[j]
			if g.metres < f.metres {
				f.metres, f.measured = g.metres, g.measured
			}
			f.sfMetres, f.sfMeasured, f.minSec = g.metres, g.measured, max(f.minSec, g.minSec)
			out = append(out, f)
			i, j = i+1, j+1
		}
	}
	return out
}

// newFootpathSet sorts fps and lays them out in both directions; twoNeeds
// keeps the step-free metres apart (otherwise they are the metres).
func newFootpathSet(n int, fps []footpath, twoNeeds bool) *footpathSet {
	fs := &footpathSet{}
	slices.SortFunc(fps, func(x, y footpath) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.metres, y.metres), cmp.Compare(x.to, y.to))
	})
	fs.off, fs.to, fs.metres, fs.minSec = csr(n, fps, false, twoNeeds)
	for k, f := range fps {
		fs.maxM[0] = max(fs.maxM[0], f.metres)
		fs.measured[0] = setBit(fs.measured[0], len(fps), k, f.measured)
		if twoNeeds {
			if f.sfMetres != noWalk {
				fs.maxM[1] = max(fs.maxM[1], f.sfMetres)
			}
			fs.measured[1] = setBit(fs.measured[1], len(fps), k, f.sfMeasured)
		}
	}
	if !twoNeeds {
		fs.maxM[1], fs.measured[1] = fs.maxM[0], fs.measured[0]
	}
	slices.SortFunc(fps, func(x, y footpath) int {
		return cmp.Or(cmp.Compare(x.to, y.to), cmp.Compare(x.metres, y.metres), cmp.Compare(x.from, y.from))
	})
	fs.inOff, fs.from, fs.inMetres, fs.inMinSec = csr(n, fps, true, twoNeeds)
	return fs
}

// setBit sets bit k of a bitset of n bits when on, allocating it on the
// first bit set.
func setBit(bits []uint64, n, k int, on bool) []uint64 {
	if !on {
		return bits
	}
	if bits == nil {
		bits = make([]uint64, (n+63)/64)
	}
	bits[k>>6] |= 1 << (k & 63)
	return bits
}

func csr(n int, fps []footpath, byTo, twoNeeds bool) (off, other []int32, metres [2][]uint16, minSec []int32) {
	off = make([]int32, n+1)
	other = make([]int32, len(fps))
	metres[0] = make([]uint16, len(fps))
	metres[1] = metres[0]
	if twoNeeds {
		metres[1] = make([]uint16, len(fps))
	}
	hasMin := false
	for i, f := range fps {
		k, o := f.from, f.to
		if byTo {
			k, o = f.to, f.from
		}
		off[k+1]++
		other[i], metres[0][i] = o, f.metres
		if twoNeeds {
			metres[1][i] = f.sfMetres
		}
		hasMin = hasMin || f.minSec > 0
	}
	for i := 0; i < n; i++ {
		off[i+1] += off[i]
	}
	if hasMin {
		minSec = make([]int32, len(fps))
		for i, f := range fps {
			minSec[i] = f.minSec
		}
	}
	return off, other, metres, minSec
}

// applyTransfers folds GTFS transfers into one set's footpaths. A type 2
// transfer between stops with no footpath yet adds one, walked on the
// graph where it covers both stops (see transferWalk).
func (b *builder) applyTransfers(fps []footpath, st *streetStops) ([]footpath, error) {
	if len(b.in.Transfers) == 0 {
		return fps, nil
	}
	type pair struct{ from, to int32 }
	at := make(map[pair]int, len(fps))
	for i, f := range fps {
		at[pair{f.from, f.to}] = i
	}
	removed := map[pair]bool{}
	for _, t := range b.in.Transfers {
		from, to, err := b.transferStops(t)
		if err != nil {
			return nil, err
		}
		if from == to {
			continue
		}
		p := pair{from, to}
		switch t.Type {
		case 3:
			removed[p] = true
		case 2:
			i, ok := at[p]
			if !ok {
				f, walkable, err := b.transferWalk(st, from, to)
				if err != nil {
					return nil, err
				}
				if !walkable {
					continue
				}
				i = len(fps)
				at[p] = i
				fps = append(fps, f)
			}
			fps[i].minSec = max(fps[i].minSec, t.MinSeconds)
		}
	}
	kept := fps[:0]
	for _, f := range fps {
		if !removed[pair{f.from, f.to}] {
			kept = append(kept, f)
		}
	}
	return kept, nil
}

func (b *builder) transferStops(t Transfer) (from, to int32, err error) {
	f, err := b.feed(t.FeedID, "transfer "+t.FromStopID+"→"+t.ToStopID)
	if err != nil {
		return 0, 0, err
	}
	from, ok1 := b.stopIdx[key{f, t.FromStopID}]
	to, ok2 := b.stopIdx[key{f, t.ToStopID}]
	if !ok1 || !ok2 {
		return 0, 0, fmt.Errorf("transfer %q→%q: unknown stop", t.FromStopID, t.ToStopID)
	}
	return from, to, nil
}

// FootpathCount counts the walking transfers a search of one step-free
// need may take: all of them and those walked on the street graph (the
// rest are straight-line estimates).
type FootpathCount struct {
	Total, Measured int
}

// Footpaths counts the footpaths for step-free walkers or for any walker.
func (s *Snapshot) Footpaths(stepFree bool) FootpathCount {
	k := need(stepFree)
	var c FootpathCount
	for _, m := range s.fp.metres[k] {
		if m != noWalk {
			c.Total++
		}
	}
	for _, word := range s.fp.measured[k] {
		c.Measured += bits.OnesCount64(word)
	}
	return c
}
