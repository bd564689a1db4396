package transit

import (
	"fmt"
	"math"
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

// footpath is one directed walking transfer during Build.
type footpath struct {
	from, to int32
	metres   uint16
	minSec   int32
}

// footpaths links every pair of distinct stops within MaxFootpathM walking
// metres, then applies GTFS transfers (type 3 removes, type 2 adds or sets a
// minimum time), and stores both directions' adjacency in CSR form.
func (b *builder) footpaths() error {
	s := b.s
	grid := newStopGrid(s.stopPoint, s.opt.MaxFootpathM/s.opt.DetourFactor)
	var fps []footpath
	var near []int32
	for i := range s.stopPoint {
		near = grid.near(s.stopPoint, s.stopPoint[i], s.opt.MaxFootpathM/s.opt.DetourFactor, near[:0])
		for _, j := range near {
			if j == int32(i) {
				continue
			}
			m := WalkMetres(s.stopPoint[i], s.stopPoint[j], s.opt.DetourFactor)
			if m <= s.opt.MaxFootpathM {
				fps = append(fps, footpath{from: int32(i), to: j, metres: uint16(m)})
			}
		}
	}
	fps, err := b.applyTransfers(fps)
	if err != nil {
		return err
	}
	slices.SortFunc(fps, func(x, y footpath) int {
		if x.from != y.from {
			return int(x.from - y.from)
		}
		if x.metres != y.metres {
			return int(x.metres) - int(y.metres)
		}
		return int(x.to - y.to)
	})
	s.fpOff, s.fpTo, s.fpMetres, s.fpMinSec = csr(len(s.stopID), fps, false)
	for _, f := range fps {
		s.fpMaxM = max(s.fpMaxM, f.metres)
	}
	slices.SortFunc(fps, func(x, y footpath) int {
		if x.to != y.to {
			return int(x.to - y.to)
		}
		if x.metres != y.metres {
			return int(x.metres) - int(y.metres)
		}
		return int(x.from - y.from)
	})
	s.fpInOff, s.fpFrom, s.fpInMetres, s.fpInMinSec = csr(len(s.stopID), fps, true)
	return nil
}

func csr(n int, fps []footpath, byTo bool) (off, other []int32, metres []uint16, minSec []int32) {
	off = make([]int32, n+1)
	other = make([]int32, len(fps))
	metres = make([]uint16, len(fps))
	hasMin := false
	for i, f := range fps {
		k, o := f.from, f.to
		if byTo {
			k, o = f.to, f.from
		}
		off[k+1]++
		other[i], metres[i] = o, f.metres
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

// applyTransfers folds GTFS transfers into the footpaths.
func (b *builder) applyTransfers(fps []footpath) ([]footpath, error) {
	if len(b.in.Transfers) == 0 {
		return fps, nil
	}
	s := b.s
	type pair struct{ from, to int32 }
	at := make(map[pair]int, len(fps))
	for i, f := range fps {
		at[pair{f.from, f.to}] = i
	}
	removed := map[pair]bool{}
	for _, t := range b.in.Transfers {
		f, err := b.feed(t.FeedID, "transfer "+t.FromStopID+"→"+t.ToStopID)
		if err != nil {
			return nil, err
		}
		from, ok1 := b.stopIdx[key{f, t.FromStopID}]
		to, ok2 := b.stopIdx[key{f, t.ToStopID}]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("transfer %q→%q: unknown stop", t.FromStopID, t.ToStopID)
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
				m := math.Min(65535, WalkMetres(s.stopPoint[from], s.stopPoint[to], s.opt.DetourFactor))
				i = len(fps)
				at[p] = i
				fps = append(fps, footpath{from: from, to: to, metres: uint16(m)})
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
