package plan

import (
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// usesDar reports whether the profile may book dial-a-ride.
func (q *query) usesDar() bool { return q.req.Profile.Uses(profile.DialARide) }

// instant is the time secs after the query date's midnight.
func (q *query) instant(secs int32) time.Time { return transit.Instant(q.p.Date, secs, q.n.loc) }

// darWhy says why no dial-a-ride was offered.
func (q *query) darWhy() string {
	if q.darReason != "" {
		return q.darReason
	}
	return "no dial-a-ride zone holds both places, or one of them and a stop with a journey on"
}

// usable says why the person cannot book zone z on the query's day, or "".
func (q *query) unusable(z *dar.Zone) string {
	t := q.instant(q.p.Time)
	switch {
	case q.req.Profile.StepFree && z.StepFree != "yes":
		return fmt.Sprintf("dial-a-ride %s: the vehicle's step-free access is %s", z.Name, z.StepFree)
	case !z.RunsOn(t):
		return fmt.Sprintf("dial-a-ride %s does not run on %s", z.Name, t.Format("Monday 2 January 2006"))
	case z.WindowEnd <= z.WindowStart:
		return fmt.Sprintf("dial-a-ride %s gives no hours", z.Name)
	}
	return ""
}

// zonesAt appends to dst the zones holding p that the person can book
// that day.
func (q *query) zonesAt(p orb.Point, dst []*dar.Zone) []*dar.Zone {
	for i := range q.zones {
		z := &q.zones[i]
		if !z.Contains(p) {
			continue
		}
		if why := q.unusable(z); why != "" {
			q.darReason = why
			continue
		}
		dst = append(dst, z)
	}
	return dst
}

// directRide is a dial-a-ride from the origin to the destination.
type directRide struct {
	zone      *dar.Zone
	dep, secs int32
	metres    float64
}

// darDirect finds a ride from door to door: both places in one zone, the
// whole ride in its hours — from the time asked, or its opening when that
// is later (to arrive by the time asked, or its closing when that is
// earlier).
func (q *query) darDirect() (directRide, bool) {
	if !q.usesDar() {
		return directRide{}, false
	}
	m, d := dar.RideDuration(q.from, q.to)
	secs := int32(math.Ceil(d.Seconds()))
	for i := range q.zones {
		z := &q.zones[i]
		if !z.Contains(q.from) || !z.Contains(q.to) {
			continue
		}
		if why := q.unusable(z); why != "" {
			q.darReason = why
			continue
		}
		if secs > q.p.MaxDuration {
			q.darReason = fmt.Sprintf("the dial-a-ride would take longer than %d minutes", q.p.MaxDuration/60)
			continue
		}
		dep := max(q.p.Time, z.WindowStart)
		if q.req.ArriveBy {
			dep = min(q.p.Time, z.WindowEnd) - secs
		}
		if _, err := z.Ride(q.from, q.to, q.instant(dep)); err != nil {
			q.darReason = err.Error()
			continue
		}
		return directRide{zone: z, dep: dep, secs: secs, metres: m}, true
	}
	return directRide{}, false
}

// darRoute searches for a journey by bus or rail that begins with a
// dial-a-ride from the origin to a stop in its zone, or ends with one from
// a stop to the destination, or both, into w.jd: through every zone the
// person can book at each end (zones may overlap, with other hours or
// vehicles), keeping the journey that arrives first (leaves last,
// arriving by), then fewer rides. A journey that rides at neither end is
// the bus journey's and is not reported.
func (q *query) darRoute() (bool, error) {
	q.darFrom, q.darTo = nil, nil
	if !q.usesDar() || !q.usesTransit() {
		return false, nil
	}
	w := q.w
	w.zonesFrom, w.zonesTo = w.zonesFrom[:0], w.zonesTo[:0]
	if q.fromStop < 0 {
		w.zonesFrom = q.zonesAt(q.from, w.zonesFrom)
	}
	if q.toStop < 0 {
		w.zonesTo = q.zonesAt(q.to, w.zonesTo)
	}
	if len(w.zonesFrom) == 0 {
		w.zonesFrom = append(w.zonesFrom, nil)
	}
	if len(w.zonesTo) == 0 {
		w.zonesTo = append(w.zonesTo, nil)
	}
	if len(w.zonesFrom)*len(w.zonesTo) == 1 { // the usual case: one search
		if w.zonesFrom[0] == nil && w.zonesTo[0] == nil {
			return false, nil
		}
		return q.darRouteVia(w.zonesFrom[0], w.zonesTo[0])
	}
	found := false
	var bestFrom, bestTo *dar.Zone
	for _, zf := range w.zonesFrom {
		for _, zt := range w.zonesTo {
			if zf == nil && zt == nil {
				continue
			}
			ok, err := q.darRouteVia(zf, zt)
			if err != nil {
				return false, err
			}
			if !ok || found && !q.darBetter(&w.jd, &w.jdBest) {
				continue
			}
			found, bestFrom, bestTo = true, zf, zt
			w.jdBest.Depart, w.jdBest.Arrive, w.jdBest.Access = w.jd.Depart, w.jd.Arrive, w.jd.Access
			w.jdBest.Legs = append(w.jdBest.Legs[:0], w.jd.Legs...)
			w.jdBest.Assumed = append(w.jdBest.Assumed[:0], w.jd.Assumed...)
			w.rideFromBest = append(w.rideFromBest[:0], w.rideFrom...)
			w.rideToBest = append(w.rideToBest[:0], w.rideTo...)
		}
	}
	if !found {
		q.darFrom, q.darTo = nil, nil
		return false, nil
	}
	// The last search may not have been the best.
	w.jd.Depart, w.jd.Arrive, w.jd.Access = w.jdBest.Depart, w.jdBest.Arrive, w.jdBest.Access
	w.jd.Legs = append(w.jd.Legs[:0], w.jdBest.Legs...)
	w.jd.Assumed = append(w.jd.Assumed[:0], w.jdBest.Assumed...)
	w.rideFrom = append(w.rideFrom[:0], w.rideFromBest...)
	w.rideTo = append(w.rideTo[:0], w.rideToBest...)
	q.darFrom, q.darTo = bestFrom, bestTo
	return true, nil
}

// darBetter reports whether journey a beats b: it arrives earlier (leaves
// later, arriving by), or as early with fewer rides.
func (q *query) darBetter(a, b *transit.Journey) bool {
	switch {
	case q.req.ArriveBy && a.Depart != b.Depart:
		return a.Depart > b.Depart
	case !q.req.ArriveBy && a.Arrive != b.Arrive:
		return a.Arrive < b.Arrive
	}
	return a.Rides() < b.Rides()
}

// darRouteVia searches, into w.jd, for a journey that begins with a ride
// in zf or ends with one in zt (nil: no ride at that end). The search
// starts no earlier than the origin zone's opening (ends no later than the
// destination zone's closing, arriving by), and only rides that fit the
// zone's hours from there are offered; the rides of the journey found are
// then checked against their zone in full. It leaves q.darFrom and
// q.darTo set to the zones of a journey found that rides.
func (q *query) darRouteVia(zf, zt *dar.Zone) (bool, error) {
	q.darFrom, q.darTo = nil, nil
	w, p := q.w, q.p
	w.rideFrom, w.rideTo = w.rideFrom[:0], w.rideTo[:0]
	maxRide := p.MaxDuration - int32(dar.TransferSlack/time.Second)
	if zf != nil && !q.req.ArriveBy {
		p.Time = max(p.Time, zf.WindowStart)
	}
	if zt != nil && q.req.ArriveBy {
		p.Time = min(p.Time, zt.WindowEnd)
	}
	if zf != nil {
		limit := maxRide
		if !q.req.ArriveBy {
			limit = min(limit, zf.WindowEnd-p.Time)
		}
		w.rideFrom = zf.StopRides(q.n.snap, q.from, limit, w.rideFrom)
	}
	if zt != nil {
		limit := maxRide
		if q.req.ArriveBy {
			limit = min(limit, p.Time-zt.WindowStart)
		}
		w.rideTo = zt.StopRides(q.n.snap, q.to, limit, w.rideTo)
	}
	name := zoneNames(zf, zt)
	if len(w.rideFrom)+len(w.rideTo) == 0 {
		q.darReason = fmt.Sprintf("no stop of dial-a-ride %s can be reached by a ride within its hours", name)
		return false, nil
	}
	w.darFrom, w.rideFrom = dar.MergeAccess(w.from, w.rideFrom, w.darFrom[:0])
	w.darTo, w.rideTo = dar.MergeAccess(w.to, w.rideTo, w.darTo[:0])
	ok := false
	if len(w.darFrom) > 0 && len(w.darTo) > 0 {
		var err error
		if ok, err = q.search(w.darFrom, w.darTo, p, &w.jd); err != nil {
			return false, err
		}
	}
	if !ok {
		q.darReason = q.limits(fmt.Sprintf("no journey by dial-a-ride %s and bus or train", name))
		return false, nil
	}
	q.darFrom, q.darTo = zf, zt
	rides := 0
	for _, l := range w.jd.Legs {
		z, r, ok := q.rideOf(l)
		if !ok {
			continue
		}
		rides++
		pickup, a, b := q.rideEnds(l, r)
		if _, err := z.Ride(a, b, q.instant(pickup)); err != nil {
			q.darReason = err.Error()
			q.darFrom, q.darTo = nil, nil
			return false, nil
		}
	}
	if rides == 0 {
		q.darFrom, q.darTo = nil, nil
	}
	return rides > 0, nil
}

// zoneNames names the zones of a journey's ends.
func zoneNames(from, to *dar.Zone) string {
	switch {
	case from == nil:
		return to.Name
	case to == nil || to == from:
		return from.Name
	}
	return from.Name + " and " + to.Name
}

// rideOf finds the dial-a-ride of an access or egress leg of w.jd, if
// that is how its stop is reached.
func (q *query) rideOf(l transit.Leg) (*dar.Zone, dar.StopRide, bool) {
	switch {
	case l.Kind == transit.LegAccess && q.darFrom != nil:
		r, ok := dar.FindRide(q.w.rideFrom, l.To)
		return q.darFrom, r, ok
	case l.Kind == transit.LegEgress && q.darTo != nil:
		r, ok := dar.FindRide(q.w.rideTo, l.From)
		return q.darTo, r, ok
	}
	return nil, dar.StopRide{}, false
}

// rideEnds is the pick-up time and the two ends of the ride that stands
// for an access or egress leg: to the stop the slack before the bus, from
// it the slack after.
func (q *query) rideEnds(l transit.Leg, r dar.StopRide) (pickup int32, a, b orb.Point) {
	if l.Kind == transit.LegAccess {
		return l.Depart, q.from, q.n.snap.Stop(l.To).Point
	}
	return l.Arrive - r.Seconds, q.n.snap.Stop(l.From).Point, q.to
}

// rideLeg writes a ride of zone z from a to b, picking up at pickup.
func (q *query) rideLeg(z *dar.Zone, a, b orb.Point, pickup, secs int32, metres float64, from, to *Stop) (Leg, error) {
	r, err := z.Ride(a, b, q.instant(pickup))
	if err != nil {
		return Leg{}, err
	}
	m := int32(math.Round(metres))
	l := Leg{Type: "ride", Mode: "dial_a_ride", Depart: q.at(pickup), Arrive: q.at(pickup + secs), Seconds: secs,
		From: from, To: to, Metres: &m, Estimated: true, Zone: z.Name, ZoneID: z.ID, TripAccess: z.StepFree,
		Booking: r.Booking, Notice: z.Notice(), Illustrative: z.Illustrative,
		Fare: &Fare{Pence: r.FarePence, Confidence: "known"}}
	if r.FarePence == nil {
		l.Fare = &Fare{Confidence: "unknown", Note: "the dial-a-ride operator publishes no fare"}
	}
	if !r.BookBy.IsZero() {
		l.BookBy = r.BookBy.Format(time.RFC3339)
	}
	return l, nil
}

// rideAnswer writes the ride from door to door.
func (q *query) rideAnswer(d directRide) (Answer, error) {
	leg, err := q.rideLeg(d.zone, q.from, q.to, d.dep, d.secs, d.metres, q.placeStop(q.fromStop), q.placeStop(q.toStop))
	if err != nil {
		return Answer{}, fmt.Errorf("plan dial-a-ride: %w", err)
	}
	a := q.base()
	a.Found, a.Rides, a.Access = true, 1, d.zone.StepFree
	a.Depart, a.Arrive, a.DurationS = leg.Depart, leg.Arrive, d.secs
	a.Legs = append(a.Legs, leg)
	a.Notes = append(a.Notes, noteRideTimes)
	a.Notes = darNotes(a.Notes, d.zone)
	return a, nil
}

// darNotes adds what a person booking zone z must know.
func darNotes(dst []string, z *dar.Zone) []string {
	if z.Illustrative {
		dst = append(dst, fmt.Sprintf("the dial-a-ride zone %q is ILLUSTRATIVE: invented for demonstration, not a real service", z.Name))
	}
	return dst
}

// vehicleAccess reads a zone's vehicle access value.
func vehicleAccess(z *dar.Zone) transit.Access {
	var a transit.Access // unknown unless the feed says
	_ = a.UnmarshalText([]byte(z.StepFree))
	return a
}

const noteRideTimes = "dial-a-ride times are estimates (straight line × 1.3 at 30 km/h): the operator confirms the pick-up when the ride is booked"

var noteRideSlack = fmt.Sprintf("dial-a-ride to and from a bus is booked to meet it with %d minutes to spare", int(dar.TransferSlack/time.Minute))
