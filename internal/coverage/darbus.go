package coverage

import (
	"math"
	"slices"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Dial-a-ride to the bus, as reach offers it.
//
// Someone living in a dial-a-ride zone may be driven to a stop inside the
// zone for a bus onward, and met at one on the way back. A cell rides in
// each of its zones that runs that day: zones the profile may use (a
// step-free vehicle where needed) with a stop of the network within the
// cell's longest journey by ride (reach's darAccess). The ride to the bus
// must start within the zone's hours and reach the stop by their end,
// DarTransferSlack before the bus leaves; the ride home leaves the stop
// DarTransferSlack after the bus arrives and must be home by the zone's
// closing. The ride's time is dar.RideDuration's, as in reach. The
// session's profiles at the zones' stops are the same range searches the
// walk to the bus reads (transitSession); each cell takes the best stop,
// and each way the quickest of the walk and the rides in its zones, so a
// journey may ride one way and walk the other. Reach takes one zone for
// both ways (the first that carries the person there and home), so where
// two zones overlap on a day coverage may count a journey that rides
// there in one and home in the other, which reach does not offer.

// darHome is one cell's stops by dial-a-ride in one zone of one network:
// the stop's index in the zone's stop list and the ride's seconds.
type darHome struct {
	k    int32
	ride int32
}

// darIndex is, for one network, the stops inside each zone and, per cell,
// the zones it may ride from (in the input's order) with its rides to
// their stops.
type darIndex struct {
	zoneStops [][]int32 // per zone: the network's stops inside it
	// cellZones[ci] lists the usable zones of cell ci (CSR over
	// cellZoneOff); homes[h] its rides in zone cellZones[h].
	cellZoneOff []int32
	cellZones   []int32
	homeOff     []int32 // per entry of cellZones: its rides are homes[homeOff[h]:homeOff[h+1]]
	homes       []darHome
}

// indexDarBus builds, for a profile that rides dial-a-ride to the bus,
// each network's darIndex.
func (c *computation) indexDarBus() {
	c.darNets = nil
	if !c.usesTransit || !c.p.Uses(profile.DialARide) {
		return
	}
	for _, n := range c.nets {
		c.darNets = append(c.darNets, c.darIndexOf(n.net.Snapshot))
	}
}

func (c *computation) darIndexOf(s *transit.Snapshot) *darIndex {
	ix := &darIndex{zoneStops: make([][]int32, len(c.in.Zones)), cellZoneOff: make([]int32, len(c.in.Cells)+1)}
	for zi := range c.in.Zones {
		z := &c.in.Zones[zi]
		if c.p.StepFree && z.StepFree != "yes" {
			continue
		}
		b := z.Area.Bound()
		for v := range int32(s.NumStops()) {
			if pt := s.Stop(v).Point; b.Contains(pt) && z.Contains(pt) {
				ix.zoneStops[zi] = append(ix.zoneStops[zi], v)
			}
		}
	}
	for ci := range c.in.Cells {
		cell := &c.in.Cells[ci]
		maxStraight := reach.DarRideReachM(c.limit(int32(ci))) // reach's darAccess
		for _, zi := range c.cellZones(int32(ci)) {
			start := len(ix.homes)
			for k, v := range ix.zoneStops[zi] {
				pt := s.Stop(v).Point
				if geo.DistanceM(cell.Center, pt) > maxStraight {
					continue
				}
				_, d := dar.RideDuration(cell.Center, pt)
				ix.homes = append(ix.homes, darHome{k: int32(k), ride: int32(math.Ceil(d.Seconds()))})
			}
			if len(ix.homes) == start {
				continue // no stop to ride to: reach passes the zone over
			}
			ix.homeOff = append(ix.homeOff, int32(start))
			ix.cellZones = append(ix.cellZones, zi)
		}
		ix.cellZoneOff[ci+1] = int32(len(ix.cellZones))
	}
	ix.homeOff = append(ix.homeOff, int32(len(ix.homes)))
	return ix
}

// entry is the entry (index into cellZones) of zone zi among cell ci's
// usable zones, or -1.
func (ix *darIndex) entry(ci, zi int32) int32 {
	for h := ix.cellZoneOff[ci]; h < ix.cellZoneOff[ci+1]; h++ {
		if ix.cellZones[h] == zi {
			return h
		}
	}
	return -1
}

// darLeg is one stop's journeys of the session by bus, for the ride's
// side: out, board is the latest boarding at the stop and dur the ride
// to the venue's arrive-by time; back, board is the arrival at the stop
// by a ride and dur from leaving the venue.
type darLeg struct {
	board, dur int32
}

// darSession records, for the cells of the zones that run on the
// session's day, the quickest journey each way that rides dial-a-ride to
// or from the bus, from the session's searches (groups: the current or
// the strict ones) into l.
func (w *worker) darSession(s *session, groups []venueSearch, l *legs) {
	c := w.c
	deadline := s.startS - c.margin
	slack := int32(reach.DarTransferSlack / time.Second)
	for ni, ix := range c.darNets {
		vs := groups[ni]
		outOK, backOK := vs.out != nil && deadline > outFrom, vs.back != nil && s.endS < dayEnd
		if !outOK && !backOK {
			continue
		}
		for zi := range c.in.Zones {
			stops := ix.zoneStops[zi]
			if len(stops) == 0 {
				continue
			}
			z := &c.in.Zones[zi]
			if !z.RunsOn(s.start) || z.WindowEnd <= z.WindowStart {
				continue
			}
			// Per stop: the journeys that fit the zone's hours at the
			// stop's end of the ride, sorted for the cells' search.
			w.darOut = w.darLegsOf(vs.out, stops, outOK, true, deadline, z, slack, w.darOut)
			w.darBack = w.darLegsOf(vs.back, stops, backOK, false, s.endS, z, slack, w.darBack)
			for _, ci := range c.zoneCells[zi] {
				if h := ix.entry(ci, int32(zi)); h >= 0 {
					w.darCell(l, ci, int32(zi), ix.homes[ix.homeOff[h]:ix.homeOff[h+1]], slack)
				}
			}
		}
	}
}

// darCell keeps in l cell ci's quickest ride to and from the bus in zone
// zi over its rides to the zone's stops (homes), from the stops' journeys
// in w.darOut and w.darBack (empty for a way not searched).
func (w *worker) darCell(l *legs, ci, zi int32, homes []darHome, slack int32) {
	z := &w.c.in.Zones[zi]
	out, back := int32(unreached), int32(unreached)
	for _, hm := range homes {
		// Picked up at board - slack - ride, within the hours.
		if d := earliestFit(w.darOut[hm.k], z.WindowStart+slack+hm.ride, true); d < unreached {
			out = min(out, d+slack+hm.ride)
		}
		// Home at board + slack + ride, within the hours.
		if d := earliestFit(w.darBack[hm.k], z.WindowEnd-slack-hm.ride, false); d < unreached {
			back = min(back, d+slack+hm.ride)
		}
	}
	if out < unreached || back < unreached {
		w.markDar(l, ci, zi, out, back)
	}
}

// darLegsOf lists, per zone stop, the session's journeys by bus whose
// stop end fits the zone's hours whatever the ride: out, arriving by the
// deadline and boarding by the zone's end plus the slack (the ride reaches
// the stop in its hours); back, leaving after the end (from) and arriving
// by a ride early enough to be picked up in the hours. Each list is
// sorted so that earliestFit reads a prefix: out by boarding, latest
// first; back by arrival, earliest first; dur becomes the running minimum.
func (w *worker) darLegsOf(r *transit.RangeResult, stops []int32, ok, out bool, from int32, z *dar.Zone, slack int32, dst [][]darLeg) [][]darLeg {
	dst = slices.Grow(dst[:0], len(stops))[:len(stops)]
	for k, v := range stops {
		list := dst[k][:0]
		if ok {
			w.prof = r.Profile(v, w.prof[:0])
			for _, pt := range w.prof {
				switch {
				case !pt.RideOK:
				case out && pt.Ride >= outFrom && pt.Time <= from && pt.Ride-slack <= z.WindowEnd:
					list = append(list, darLeg{board: pt.Ride, dur: pt.Time - pt.Ride})
				case !out && pt.Ride <= dayEnd && pt.Time >= from && pt.Ride+slack >= z.WindowStart:
					list = append(list, darLeg{board: pt.Ride, dur: pt.Ride - pt.Time})
				}
			}
			if out {
				slices.SortFunc(list, func(a, b darLeg) int { return int(b.board - a.board) })
			} else {
				slices.SortFunc(list, func(a, b darLeg) int { return int(a.board - b.board) })
			}
			for i := 1; i < len(list); i++ {
				list[i].dur = min(list[i].dur, list[i-1].dur)
			}
		}
		dst[k] = list
	}
	return dst
}

// earliestFit is the shortest dur among the legs whose board is at least
// (out) or at most (back) bound, or unreached: the legs are sorted so
// that those are a prefix, and dur holds the prefix's minimum.
func earliestFit(legs []darLeg, bound int32, out bool) int32 {
	n, _ := slices.BinarySearchFunc(legs, bound, func(l darLeg, b int32) int {
		fits := l.board >= b
		if !out {
			fits = l.board <= b
		}
		if fits {
			return -1
		}
		return 1
	})
	if n == 0 {
		return unreached
	}
	return legs[n-1].dur
}

// markDar keeps cell ci's quickest rides to and from the bus in l, each
// way with its zone (for the fare), and has the cell judged for the
// session.
func (w *worker) markDar(l *legs, ci, zi, out, back int32) {
	if l.stamp[ci] != w.stamp {
		l.stamp[ci], l.out[ci], l.back[ci] = w.stamp, unreached, unreached
		if l == &w.darBus {
			w.touched = append(w.touched, ci)
		}
	}
	if out < l.out[ci] {
		l.out[ci] = out
		if l == &w.darBus {
			w.darZoneOut[ci] = zi
		}
	}
	if back < l.back[ci] {
		l.back[ci] = back
		if l == &w.darBus {
			w.darZoneBack[ci] = zi
		}
	}
}

// darBusWay is the journey that rides dial-a-ride to or from the bus at
// one end or both, walking to the bus at the other: each way the quicker
// of the ride's (darBus) and the walk's (transit). A journey that walks
// both ways is transitWay's.
func (w *worker) darBusWay(ci int32, s *session, limit int32) (way, bool) {
	out, back, rideOut, rideBack := w.darBusLegs(&w.transit, &w.darBus, ci)
	if !rideOut && !rideBack {
		return way{}, false
	}
	c := w.c
	x := way{travel: out + back, pence: c.floor.journeysPence(), costUnknown: !c.floor.anyPriced}
	// Each ride's fare in its zone, and a companion's (darCost's are both
	// ways).
	for _, r := range []struct {
		rides bool
		zone  int32
	}{{rideOut, w.darZoneOut[ci]}, {rideBack, w.darZoneBack[ci]}} {
		if r.rides {
			fare := darCost(&c.in.Zones[r.zone], c.p.Companion, 0)
			x.pence += fare.pence / 2
			x.costUnknown = x.costUnknown || fare.costUnknown
		}
	}
	if c.p.BudgetPence != nil && !x.costUnknown && s.price.Confidence != heritage.ConfidenceUnknown &&
		x.pence+s.price.Pence <= *c.p.BudgetPence {
		x.ambiguous = true // the floor fits: only the real fares can say
	}
	if c.p.StepFree {
		x.assumed = !c.strictKnown && c.anyAssumes
		if c.strictKnown {
			so, sb, _, _ := w.darBusLegs(&w.strict, &w.strictDar, ci)
			x.assumed = so > limit || sb > limit
		}
	}
	return x, out <= limit && back <= limit
}

// darBusLegs combines the walk's (walked) and the ride's (ridden) legs of
// cell ci: each way the quicker, and which ways ride.
func (w *worker) darBusLegs(walked, ridden *legs, ci int32) (out, back int32, rideOut, rideBack bool) {
	out, back = unreached, unreached
	if walked.stamp != nil && walked.stamp[ci] == w.stamp {
		out, back = walked.out[ci], walked.back[ci]
	}
	if ridden.stamp == nil || ridden.stamp[ci] != w.stamp {
		return out, back, false, false
	}
	if ridden.out[ci] < out {
		out, rideOut = ridden.out[ci], true
	}
	if ridden.back[ci] < back {
		back, rideBack = ridden.back[ci], true
	}
	return out, back, rideOut, rideBack
}
