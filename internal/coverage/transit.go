package coverage

import (
	"fmt"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// The day's journeys, as reach bounds them: leaving from 05:00, home by
// midnight; at most three changes.
const (
	outFrom      = 5 * 3600
	dayEnd       = 24 * 3600
	maxTransfers = 3
	unreached    = int32(1 << 30)
)

// legs holds, per cell, the shortest journey there and back found so far
// for the current session (seconds door to door), valid where stamp is
// the worker's current stamp.
type legs struct {
	out, back []int32
	stamp     []uint32
}

func newLegs(n int) legs {
	return legs{out: make([]int32, n), back: make([]int32, n), stamp: make([]uint32, n)}
}

// ok reports whether cell i has a journey each way within limit.
func (l *legs) ok(i int32, stamp uint32, limit int32) bool {
	return l.stamp[i] == stamp && l.out[i] <= limit && l.back[i] <= limit
}

// transitSession runs one session's two range searches on every network
// with stops near the venue, and records the best door-to-door journey
// each way for every cell those stops serve. strict selects the
// policy-free snapshots (for step-free profiles, to tell assumed).
func (w *worker) transitSession(s *session, strict bool) error {
	l := &w.transit
	if strict {
		l = &w.strict
	}
	for ni := range w.c.nets {
		n := &w.c.nets[ni]
		sr := w.search[ni]
		if strict {
			if n.net.Strict == nil {
				continue
			}
			sr = w.strictSearch[ni]
		}
		if err := w.transitNet(n, sr, s, l); err != nil {
			return err
		}
	}
	return nil
}

func (w *worker) transitNet(n *netIndex, sr *transit.Searcher, s *session, l *legs) error {
	p := w.c.p
	venue := sr.Snapshot().StopsNear(s.act.Venue, p.MaxWalkM, p.WalkSpeedMPS, w.venueBuf[:0])
	w.venueBuf = venue
	if len(venue) == 0 {
		return nil
	}
	params := transit.Params{Date: s.day, WalkSpeed: p.WalkSpeedMPS, MaxWalkM: p.MaxWalkM, StepFree: p.StepFree,
		MaxTransfers: maxTransfers, MaxDuration: w.c.maxDur}
	deadline := s.startS - w.c.margin
	if deadline > outFrom {
		params.Time = outFrom
		r, err := sr.ReverseRange(venue, params, deadline-outFrom)
		if err != nil {
			return fmt.Errorf("journeys to %s on %s: %w", s.act.SiteName, s.day, err)
		}
		w.searches++
		w.spread(n.sc, l, true, func(v int32) int32 { return w.shortestOut(r, v) })
	}
	if s.endS < dayEnd {
		params.Time = s.endS
		r, err := sr.ForwardRange(venue, params, dayEnd-s.endS)
		if err != nil {
			return fmt.Errorf("journeys home from %s on %s: %w", s.act.SiteName, s.day, err)
		}
		w.searches++
		w.spread(n.sc, l, false, func(v int32) int32 { return w.shortestBack(r, v) })
	}
	return nil
}

// shortestOut is the shortest ride from stop v to the venue in time:
// arrive-by time less the latest boarding, over the profile's points.
func (w *worker) shortestOut(r *transit.RangeResult, v int32) int32 {
	best := unreached
	w.prof = r.Profile(v, w.prof[:0])
	for _, pt := range w.prof {
		if pt.RideOK && pt.Ride >= outFrom {
			best = min(best, pt.Time-pt.Ride)
		}
	}
	return best
}

// shortestBack is the shortest ride home to stop v leaving the venue after
// the session: arrival by a ride less the departure from the venue.
func (w *worker) shortestBack(r *transit.RangeResult, v int32) int32 {
	best := unreached
	w.prof = r.Profile(v, w.prof[:0])
	for _, pt := range w.prof {
		if pt.RideOK && pt.Ride <= dayEnd {
			best = min(best, pt.Ride-pt.Time)
		}
	}
	return best
}

// spread hands each served stop's shortest ride to the cells it serves,
// adding their walks, keeping each cell's best.
func (w *worker) spread(sc *stopCells, l *legs, out bool, shortest func(v int32) int32) {
	for _, v := range sc.stops {
		d := shortest(v)
		if d >= unreached {
			continue
		}
		for k := sc.off[v]; k < sc.off[v+1]; k++ {
			ci := sc.cell[k]
			if l.stamp[ci] != w.stamp {
				l.stamp[ci], l.out[ci], l.back[ci] = w.stamp, unreached, unreached
				if l == &w.transit {
					w.touched = append(w.touched, ci)
				}
			}
			t := d + sc.secs[k]
			if out {
				l.out[ci] = min(l.out[ci], t)
			} else {
				l.back[ci] = min(l.back[ci], t)
			}
		}
	}
}
