package coverage

import (
	"fmt"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
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

// Sessions of one activity share their range searches when their days
// run the same services (transit.Snapshot.DayKey): one reverse search
// over the arrive-by times up to the latest deadline among them, one
// forward search over the departures from the earliest end, and each
// session reads only its own part of the profiles — the times up to its
// deadline, from its end. A range search processes its window from one
// edge (arrive-by times earliest first, departures latest first) and only
// adds to the profiles as it goes, so the part a session reads is exactly
// what its own, narrower search would have produced.

// venueSearch is one network's shared searches for a group of sessions:
// out (arrive by, towards the venue) and back (leave after, from it); nil
// when no session of the group needs it or no stop is near the venue.
type venueSearch struct {
	out, back *transit.RangeResult
}

// transitGroup runs the shared searches of sessions ss (one activity,
// days with the same services) on every network with stops near the
// venue; strict selects the policy-free snapshots (for step-free
// profiles, to tell assumed).
func (w *worker) transitGroup(ss []session, strict bool) error {
	for ni := range w.c.nets {
		n := &w.c.nets[ni]
		out, back := w.search[ni], w.searchBack[ni]
		vs := &w.groups[ni]
		if strict {
			if n.net.Strict == nil {
				w.strictGroups[ni] = venueSearch{}
				continue
			}
			out, back, vs = w.strictSearch[ni], w.strictBack[ni], &w.strictGroups[ni]
		}
		var err error
		if *vs, err = w.searchGroup(out, back, ss); err != nil {
			return err
		}
	}
	return nil
}

func (w *worker) searchGroup(out, back *transit.Searcher, ss []session) (venueSearch, error) {
	var vs venueSearch
	p := w.c.p
	a := ss[0].act
	// The venue's stops, on the pedestrian graph where it covers them.
	venue, err := w.c.in.Walk.StopAccess(out.Snapshot(), a.Venue, pedestrian.ParamsFor(w.c.p), w.venueBuf[:0])
	if err != nil {
		return vs, fmt.Errorf("walks from %s to its stops: %w", a.SiteName, err)
	}
	w.venueBuf = venue
	if len(venue) == 0 {
		return vs, nil
	}
	lastDeadline, firstEnd := int32(-1), int32(dayEnd)
	for i := range ss {
		lastDeadline = max(lastDeadline, ss[i].startS-w.c.margin)
		firstEnd = min(firstEnd, ss[i].endS)
	}
	params := transit.Params{Date: ss[0].day, WalkSpeed: p.WalkSpeedMPS, MaxWalkM: p.MaxWalkM, StepFree: p.StepFree,
		MaxTransfers: maxTransfers, MaxDuration: w.c.maxDur}
	if lastDeadline > outFrom {
		params.Time = outFrom
		if vs.out, err = out.ReverseRange(venue, params, lastDeadline-outFrom); err != nil {
			return vs, fmt.Errorf("journeys to %s on %s: %w", a.SiteName, ss[0].day, err)
		}
		w.searches++
	}
	if firstEnd < dayEnd {
		params.Time = firstEnd
		if vs.back, err = back.ForwardRange(venue, params, dayEnd-firstEnd); err != nil {
			return vs, fmt.Errorf("journeys home from %s on %s: %w", a.SiteName, ss[0].day, err)
		}
		w.searches++
	}
	return vs, nil
}

// transitSession records, from its group's searches, the best door-to-door
// journey each way of session s for every cell the venue's stops serve.
func (w *worker) transitSession(s *session, strict bool) {
	l, groups := &w.transit, w.groups
	if strict {
		l, groups = &w.strict, w.strictGroups
	}
	deadline := s.startS - w.c.margin
	for ni := range w.c.nets {
		vs := groups[ni]
		if vs.out != nil && deadline > outFrom {
			w.spread(w.c.nets[ni].sc, l, true, func(v int32) int32 { return w.shortestOut(vs.out, v, deadline) })
		}
		if vs.back != nil && s.endS < dayEnd {
			w.spread(w.c.nets[ni].sc, l, false, func(v int32) int32 { return w.shortestBack(vs.back, v, s.endS) })
		}
	}
}

// shortestOut is the shortest ride from stop v to the venue in time:
// arrive-by time (by the deadline) less the latest boarding, over the
// profile's points.
func (w *worker) shortestOut(r *transit.RangeResult, v, deadline int32) int32 {
	best := unreached
	w.prof = r.Profile(v, w.prof[:0])
	for _, pt := range w.prof {
		if pt.RideOK && pt.Ride >= outFrom && pt.Time <= deadline {
			best = min(best, pt.Time-pt.Ride)
		}
	}
	return best
}

// shortestBack is the shortest ride home to stop v leaving the venue after
// the session ends: arrival by a ride less the departure from the venue.
func (w *worker) shortestBack(r *transit.RangeResult, v, end int32) int32 {
	best := unreached
	w.prof = r.Profile(v, w.prof[:0])
	for _, pt := range w.prof {
		if pt.RideOK && pt.Ride <= dayEnd && pt.Time >= end {
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
