package dar

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Dial-a-ride to a stop for onward travel.
//
// A person inside a zone may be driven to a stop inside it to catch a bus,
// or met at one after a bus and driven on. The ride is modelled as every
// ride is (RideDuration) and is booked to meet the bus with TransferSlack
// to spare: a search counts the ride plus the slack as the time between
// the place and the stop (MergeAccess), and the ride itself runs from the
// pick-up to the drop-off, the slack spent waiting at the stop.

// TransferSlack is how long before a bus a dial-a-ride is booked to drop
// the person at the stop, and how long after a bus it is booked to pick
// them up: ride times are estimates, and a minibus cannot hold a bus.
const TransferSlack = 10 * time.Minute

// StopRide is a ride between a point and a stop of a timetable snapshot:
// the stop's index, the ride's seconds (rounded up) and metres, slack not
// included.
type StopRide struct {
	Stop    int32
	Seconds int32
	Metres  float64
}

// StopRides appends to dst a ride between p and every stop of s inside the
// zone whose ride takes at most maxS seconds, and returns it sorted by
// stop. Whether the zone runs, and when, is for Ride to say of the ride
// actually booked.
func (z *Zone) StopRides(s *transit.Snapshot, p orb.Point, maxS int32, dst []StopRide) []StopRide {
	if maxS <= 0 || s == nil {
		return dst
	}
	maxStraight := float64(maxS) * (SpeedKPH / 3.6) / DetourFactor
	bound := z.Area.Bound()
	far := 0.0 // the furthest the zone reaches from p
	for _, c := range []orb.Point{bound.Min, bound.Max, {bound.Min[0], bound.Max[1]}, {bound.Max[0], bound.Min[1]}} {
		far = max(far, geo.DistanceM(p, c))
	}
	start := len(dst)
	// StopsNear counts metres × the snapshot's detour factor; twice the
	// straight line is more than any factor in use, and every ride is
	// measured again below.
	for _, a := range s.StopsNear(p, 2*min(maxStraight, far), 1, nil) {
		pt := s.Stop(a.Stop).Point
		if !bound.Contains(pt) || !z.Contains(pt) {
			continue
		}
		m, d := RideDuration(p, pt)
		if secs := int32(math.Ceil(d.Seconds())); secs <= maxS {
			dst = append(dst, StopRide{Stop: a.Stop, Seconds: secs, Metres: m})
		}
	}
	slices.SortFunc(dst[start:], func(a, b StopRide) int { return cmp.Compare(a.Stop, b.Stop) })
	return dst
}

// MergeAccess appends to dst the stops a place reaches on foot (walks) or
// by dial-a-ride (rides, sorted by stop), each stop once, at the quicker:
// a ride counts its seconds plus TransferSlack. It returns dst and the
// rides kept — those quicker than any walk to their stop — reusing rides'
// array.
func MergeAccess(walks []transit.StopAccess, rides []StopRide, dst []transit.StopAccess) ([]transit.StopAccess, []StopRide) {
	slack := int32(TransferSlack / time.Second)
	kept := rides[:0]
	for _, r := range rides {
		secs := r.Seconds + slack
		if i := slices.IndexFunc(walks, func(a transit.StopAccess) bool { return a.Stop == r.Stop }); i >= 0 && walks[i].Seconds <= secs {
			continue
		}
		kept = append(kept, r)
		dst = append(dst, transit.StopAccess{Stop: r.Stop, Seconds: secs, Metres: int32(math.Round(r.Metres))})
	}
	for _, a := range walks {
		if _, ok := FindRide(kept, a.Stop); !ok {
			dst = append(dst, a)
		}
	}
	return dst, kept
}

// FindRide finds the ride to stop in rides sorted by stop.
func FindRide(rides []StopRide, stop int32) (StopRide, bool) {
	i, ok := slices.BinarySearchFunc(rides, stop, func(r StopRide, v int32) int { return cmp.Compare(r.Stop, v) })
	if !ok {
		return StopRide{}, false
	}
	return rides[i], true
}
