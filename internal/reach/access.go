package reach

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// stopList is the stops a place reaches without a bus, with how each was
// reached: on foot on the pedestrian graph, on foot by the straight-line
// estimate, or (from home only) by dial-a-ride.
type stopList struct {
	stops []transit.StopAccess
	// allEst: every walk is a straight-line estimate (no graph covers
	// the place); est, sorted, lists the stops whose walk is one where a
	// graph covers the place but not the stop.
	allEst bool
	est    []int32
	// dar, sorted by stop, lists the stops reached by dial-a-ride in
	// zone, where the ride (with DarTransferSlack) is quicker than any walk.
	dar  []darStop
	zone *dar.Zone
}

// darStop is a stop reached by dial-a-ride: the ride's seconds (rounded
// up) and metres; its StopAccess seconds add DarTransferSlack.
type darStop struct {
	stop, ride int32
	metres     float64
}

// DarTransferSlack is how long before a bus a dial-a-ride is booked to
// drop the person at the stop, and how long after a bus it is booked to
// pick them up: ride times are estimates, and a minibus cannot hold a bus.
const DarTransferSlack = 10 * time.Minute

// estimated says whether the walk between the place and stop is a
// straight-line estimate.
func (l *stopList) estimated(stop int32) bool {
	if l.allEst {
		return true
	}
	_, ok := slices.BinarySearch(l.est, stop)
	return ok
}

// darAt finds the dial-a-ride to stop, if that is how the place reaches it.
func (l *stopList) darAt(stop int32) (darStop, bool) {
	i, ok := slices.BinarySearchFunc(l.dar, stop, func(d darStop, v int32) int { return cmp.Compare(d.stop, v) })
	if !ok {
		return darStop{}, false
	}
	return l.dar[i], true
}

// zoneHomes lists, for each dial-a-ride zone that contains home and whose
// vehicle the person can use, in order, home's stops on foot or by a ride
// in it (darAccess), leaving out zones whose rides reach no stop.
func (q *query) zoneHomes() []stopList {
	var out []stopList
	for i := range q.net.Zones {
		z := &q.net.Zones[i]
		if (!q.req.Profile.StepFree || z.StepFree == "yes") && z.Contains(q.req.Origin) {
			if l := q.darAccess(z, q.home); len(l.dar) > 0 {
				out = append(out, l)
			}
		}
	}
	return out
}

// dayDars is home's stops by dial-a-ride in each of those zones that
// runs on t's day and gives hours, in the network's order.
func (q *query) dayDars(t time.Time) []*stopList {
	var out []*stopList
	for i := range q.darHomes {
		if z := q.darHomes[i].zone; z.RunsOn(t) && z.WindowEnd > z.WindowStart {
			out = append(out, &q.darHomes[i])
		}
	}
	return out
}

// DarRideReachM is how far, in a straight line, a stop may be from home
// for a ride to it (at dar.RideDuration's speed and detour, with
// DarTransferSlack) to fit a journey of at most maxS seconds.
func DarRideReachM(maxS int32) float64 {
	speed := dar.SpeedKPH / 3.6
	return float64(maxS-int32(DarTransferSlack/time.Second)) * speed / dar.DetourFactor
}

// darAccess is home's stops for a bus journey that may begin or end with
// a dial-a-ride: every stop inside z that a ride reaches within the
// longest journey, at the ride's time plus DarTransferSlack, merged with
// the walks in walked (each stop keeps the quicker).
func (q *query) darAccess(z *dar.Zone, walked stopList) stopList {
	slack := int32(DarTransferSlack / time.Second)
	maxStraight := DarRideReachM(q.maxS)
	if maxStraight <= 0 {
		return walked
	}
	out := stopList{allEst: walked.allEst, est: walked.est, zone: z}
	walkSecs := make(map[int32]int32, len(walked.stops))
	for _, a := range walked.stops {
		walkSecs[a.Stop] = a.Seconds
	}
	bound := z.Area.Bound()
	far := 0.0 // the furthest the zone reaches from home
	for _, c := range []orb.Point{bound.Min, bound.Max, {bound.Min[0], bound.Max[1]}, {bound.Max[0], bound.Min[1]}} {
		far = max(far, geo.DistanceM(q.req.Origin, c))
	}
	// StopsNear counts metres × the snapshot's detour factor; twice the
	// straight line is more than any factor in use, and the rides are
	// measured again below.
	for _, a := range q.net.Transit.StopsNear(q.req.Origin, 2*min(maxStraight, far), 1, nil) {
		pt := q.net.Transit.Stop(a.Stop).Point
		if !bound.Contains(pt) || !z.Contains(pt) || geo.DistanceM(q.req.Origin, pt) > maxStraight {
			continue
		}
		m, d := dar.RideDuration(q.req.Origin, pt)
		ride := int32(math.Ceil(d.Seconds()))
		secs := ride + slack
		if w, ok := walkSecs[a.Stop]; ok && w <= secs {
			continue
		}
		delete(walkSecs, a.Stop)
		out.stops = append(out.stops, transit.StopAccess{Stop: a.Stop, Seconds: secs, Metres: int32(math.Round(m))})
		out.dar = append(out.dar, darStop{stop: a.Stop, ride: ride, metres: m})
	}
	for _, a := range walked.stops {
		if _, ok := walkSecs[a.Stop]; ok {
			out.stops = append(out.stops, a)
		}
	}
	slices.SortFunc(out.dar, func(a, b darStop) int { return cmp.Compare(a.stop, b.stop) })
	return out
}
