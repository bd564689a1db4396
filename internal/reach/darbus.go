package reach

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Dial-a-ride to the bus.
//
// A person whose home is inside a dial-a-ride zone may be driven to a stop
// inside the zone for a bus onward, and met at one on the way back. The
// day's two extra range searches run over the zone's hours from home's
// stops: every stop inside the zone at the ride's estimated time plus
// DarTransferSlack, and the stops within the person's walk, each stop at
// the quicker of the two (darAccess). Departures from home (arrivals home)
// are searched only within the zone's pick-up/drop-off window, so that a
// ride to the first bus starts in it and a ride home ends in it; the
// rebuilt journey's ride is checked against the zone in full (its day and
// both ends of the window) and is shown as its own leg with the booking
// note. A journey of the search that walks at both ends is the bus way's
// and adds nothing.
//
// Where home lies in several zones, each zone that runs that day has its
// own pair of searches (dayDars), and a session takes the first zone (in
// the network's order) whose rides carry the person both there and home:
// zones that run on different days each serve theirs, and an early
// closing zone listed first does not hide a later one. The two ways of
// one journey do not mix zones.
//
// Only home's end: a ride from the bus to a site is not modelled, and nor
// is a ride to the edge of the zone with a walk on.

// darBusMode is the way that rides dial-a-ride to or from the bus.
const darBusMode = "dial_a_ride+bus"

// darBusWay evaluates dial-a-ride and bus for one session, like
// transitWay, from the day's dial-a-ride searches: the first of the day's
// zones (in the network's order) whose rides carry the person there and
// home, or the first zone's reason when none does.
func (q *query) darBusWay(dp *dayProfiles, s *session, venue stopList, venueErr error) way {
	w := way{mode: darBusMode}
	switch {
	case dp == nil || len(dp.dars) == 0:
		w.fail(NoJourney, fmt.Sprintf("dial-a-ride %s does not run on %s", q.darNames(), s.start.Format("Monday 2 January")))
		return w
	case venueErr != nil:
		w.fail(NoJourney, fmt.Sprintf("the walks from the stops to %s could not be worked out", s.siteName))
		return w
	case len(venue.stops) == 0:
		w.fail(NoJourney, fmt.Sprintf("no bus or train stop within %.0f m of %s", q.req.Profile.MaxWalkM, s.siteName))
		return w
	}
	var first way
	for i := range dp.dars {
		w := q.darBusZone(dp, &dp.dars[i], s, venue)
		if len(w.barriers) == 0 {
			return w
		}
		if i == 0 {
			first = w
		}
	}
	return first
}

// darBusZone is darBusWay through one zone's day of rides.
func (q *query) darBusZone(dp *dayProfiles, dd *darDay, s *session, venue stopList) way {
	w := way{mode: darBusMode}
	z := dd.home.zone
	hours := fmt.Sprintf("dial-a-ride %s runs %s to %s", z.Name, clock(z.WindowStart), clock(z.WindowEnd))
	deadline := s.startS - int32(q.margin.Seconds())
	// The window's edges stand for journeys leaving after it closes (or
	// arriving before it opens): no ride fits those.
	dep, arr, okOut := outLookup(dd.out, venue.stops, deadline, z.WindowEnd, q.buf)
	leave, home, last, okBack, lastOK := backLookup(dd.back, venue.stops, s.endS, z.WindowStart, q.buf)
	switch {
	case !okOut:
		w.fail(NoJourney, fmt.Sprintf("no dial-a-ride and bus journey arrives at %s by %s (%s)", s.siteName, clock(deadline), hours))
		return w
	case !okBack && lastOK:
		w.fail(NoReturnJourney, fmt.Sprintf("the last bus home that meets a dial-a-ride leaves %s, the session ends %s (%s)", clock(last), clock(s.endS), hours))
		return w
	case !okBack:
		w.fail(NoReturnJourney, fmt.Sprintf("no bus and dial-a-ride home from %s after the session ends at %s (%s)", s.siteName, clock(s.endS), hours))
		return w
	}
	w.outS, w.backS = arr-dep, home-leave
	// Rebuilt from the departure and the arrival found, not the session's
	// times, so that the journeys stay within the zone's hours.
	w.transit = &transitPlan{day: dp, date: s.day, home: dd.home, venue: venue, outAt: dep, backAt: home, backArriveBy: true}
	return w
}

// place is one end of a journey: its name and point, and its stops.
type place struct {
	name  string
	point orb.Point
	stops *stopList
}

// darNames names the zones home's dial-a-ride searches can use.
func (q *query) darNames() string {
	names := make([]string, len(q.darHomes))
	for i, h := range q.darHomes {
		names[i] = h.zone.Name
	}
	return strings.Join(names, " or ")
}

// darLeg is the dial-a-ride leg in zone z between a point and stop,
// picking up at pickup (seconds on day d), and the ride it books; the
// error says why the zone cannot take it.
func (q *query) darLeg(z *dar.Zone, d transit.Date, ds darStop, home orb.Point, toHome bool, pickup int32, homeName string) (Leg, *dar.Ride, error) {
	stop := q.net.Transit.Stop(ds.stop)
	a, b, from, to := home, stop.Point, homeName, stop.Name
	if toHome {
		a, b, from, to = stop.Point, home, stop.Name, homeName
	}
	r, err := z.Ride(a, b, transit.Instant(d, pickup, q.net.Location))
	if err != nil {
		return Leg{}, nil, err
	}
	return Leg{Mode: "dial_a_ride", Depart: q.at(d, pickup), Arrive: q.at(d, pickup+ds.ride), Seconds: ds.ride,
		Metres: int32(math.Round(ds.metres)), From: from, To: to, Estimated: true, Booking: r.Booking}, &r, nil
}

// darMoney is a dial-a-ride's fare as Money.
func darMoney(r *dar.Ride) Money {
	if r.FarePence == nil {
		return Money{Confidence: "unknown", Note: "the dial-a-ride operator publishes no fare"}
	}
	return known(*r.FarePence)
}

// withDar adds a dial-a-ride's fare to a bus fare, saying so.
func withDar(bus Money, r *dar.Ride) Money {
	if r == nil {
		return bus
	}
	d := darMoney(r)
	m := sum(bus, d)
	m.Note = fmt.Sprintf("dial-a-ride %s (%s) and bus %s (%s)", pounds(d.Pence), d.Confidence, pounds(bus.Pence), bus.Confidence)
	if d.Confidence == "unknown" {
		m.Note = fmt.Sprintf("dial-a-ride fare not published, and bus %s (%s)", pounds(bus.Pence), bus.Confidence)
	}
	if bus.Note != "" {
		m.Note += ": " + bus.Note
	}
	return m
}

// slackNote says why the ride meets the bus early.
func slackNote() string {
	return fmt.Sprintf("dial-a-ride times are estimates: rides to and from a bus are booked to meet it with %d minutes to spare",
		int(DarTransferSlack/time.Minute))
}
