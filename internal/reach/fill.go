package reach

import (
	"fmt"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// fares is what a filled transit way charges: its rides each way and the
// dial-a-ride (if any) each way.
type fares struct {
	out, back       []fare.Ride
	darOut, darBack *dar.Ride
}

// fillTransit rebuilds the outbound journey (for the bus way the latest
// departure arriving by the deadline, then the earliest arrival for that
// departure) and the return (the earliest arrival home leaving after the
// session, then the latest departure for that arrival), and lists their
// rides for the fares. The second search of each pair keeps a journey
// from waiting or walking longer than it must when several share the
// first's answer. A dial-a-ride the zone cannot take rules the way out.
func (q *query) fillTransit(s *session, w *way, it *Item) (fares, error) {
	tp := w.transit
	home := place{"home", q.req.Origin, tp.home}
	site := place{s.siteName, s.venue, &tp.venue}
	var f fares
	params := tp.day.params
	params.Date = tp.date
	if err := q.routePair(tp.home.stops, tp.venue.stops, params, tp.outAt, tp.outArriveBy); err != nil {
		return f, fmt.Errorf("rebuild the journey to %s: %w", s.siteName, err)
	}
	var err error
	if it.Out, f.darOut, err = q.trip(&q.journey, tp.date, home, site); err != nil {
		w.fail(NoJourney, fmt.Sprintf("the dial-a-ride to the bus cannot be booked: %v", err))
		return f, nil
	}
	f.out = q.rides(&q.journey, tp.date)
	q.notes(&q.journey, it)
	if err := q.routePair(tp.venue.stops, tp.home.stops, params, tp.backAt, tp.backArriveBy); err != nil {
		return f, fmt.Errorf("rebuild the journey home from %s: %w", s.siteName, err)
	}
	if it.Back, f.darBack, err = q.trip(&q.journey, tp.date, site, home); err != nil {
		w.fail(NoReturnJourney, fmt.Sprintf("the dial-a-ride home from the bus cannot be booked: %v", err))
		return f, nil
	}
	f.back = q.rides(&q.journey, tp.date)
	q.notes(&q.journey, it)
	if f.darOut != nil || f.darBack != nil {
		it.AccessNotes = append(it.AccessNotes, slackNote())
	}
	return f, nil
}

func (q *query) at(d transit.Date, secs int32) string {
	return transit.Instant(d, secs, q.net.Location).Format(time.RFC3339)
}

// trip writes a journey from one place to another. Walks of no length (a
// stop at the door) are left out; a walk between a place and a stop is an
// estimate only where it is a straight line, transfers always (the
// snapshot's footpaths are straight lines); a stop reached by dial-a-ride
// gets the ride as its leg, which the zone must be able to take: the error
// says why it cannot. It returns the ride booked, if any.
func (q *query) trip(j *transit.Journey, d transit.Date, from, to place) (*Trip, *dar.Ride, error) {
	snap := q.net.Transit
	t := &Trip{Mode: "bus", Depart: q.at(d, j.Depart), Arrive: q.at(d, j.Arrive), Seconds: j.Arrive - j.Depart, Legs: make([]Leg, 0, len(j.Legs))}
	rides := 0
	var ride *dar.Ride
	for _, l := range j.Legs {
		if ds, ok := q.darEnd(l, from, to); ok {
			toHome := l.Kind == transit.LegEgress
			pickup, home := l.Depart, from
			if toHome {
				pickup, home = l.Arrive-ds.ride, to
			}
			leg, r, err := q.darLeg(home.stops.zone, d, ds, home.point, toHome, pickup, home.name)
			if err != nil {
				return nil, nil, err
			}
			t.Legs, ride = append(t.Legs, leg), r
			continue
		}
		if l.Kind != transit.LegRide && l.Metres <= 0 && l.Arrive == l.Depart {
			continue
		}
		leg := Leg{Depart: q.at(d, l.Depart), Arrive: q.at(d, l.Arrive), Seconds: l.Arrive - l.Depart,
			From: q.place(l.From, from.name), To: q.place(l.To, to.name)}
		switch l.Kind {
		case transit.LegRide:
			rides++
			r := snap.Route(l.Route)
			leg.Mode, leg.Route, leg.TripID = string(fare.ModeOfRouteType(r.Type)), l.RouteName, l.TripID
			leg.Access = worst(l.BoardAccess, l.TripAccess, l.AlightAccess).String()
			if leg.Mode == "rail" {
				t.Mode = "rail"
			}
		case transit.LegAccess:
			leg.Mode, leg.Metres, leg.Estimated = "walk", l.Metres, from.stops.estimated(l.To)
		case transit.LegEgress:
			leg.Mode, leg.Metres, leg.Estimated = "walk", l.Metres, to.stops.estimated(l.From)
		default: // a change between stops: measured where walked on the pedestrian graph
			leg.Mode, leg.Metres, leg.Estimated = "walk", l.Metres, l.Estimated
		}
		t.Legs = append(t.Legs, leg)
	}
	t.Changes = max(rides-1, 0)
	if ride != nil {
		t.Mode = "dial_a_ride+" + t.Mode
	}
	return t, ride, nil
}

// darEnd finds the dial-a-ride of an access or egress leg, if that is how
// the place reaches the stop.
func (q *query) darEnd(l transit.Leg, from, to place) (darStop, bool) {
	switch l.Kind {
	case transit.LegAccess:
		return from.stops.darAt(l.To)
	case transit.LegEgress:
		return to.stops.darAt(l.From)
	}
	return darStop{}, false
}

func (q *query) place(stop int32, point string) string {
	if stop < 0 {
		return point
	}
	return q.net.Transit.Stop(stop).Name
}

func worst(as ...transit.Access) transit.Access {
	w := as[0]
	for _, a := range as[1:] {
		w = transit.Worse(w, a)
	}
	return w
}

func (q *query) rides(j *transit.Journey, d transit.Date) []fare.Ride {
	snap := q.net.Transit
	var out []fare.Ride
	for _, l := range j.Legs {
		if l.Kind != transit.LegRide {
			continue
		}
		r := snap.Route(l.Route)
		out = append(out, fare.Ride{RouteType: r.Type, FeedID: r.FeedID, AgencyID: r.AgencyID, RouteID: r.ID,
			BoardStopID: snap.Stop(l.From).ID, AlightStopID: snap.Stop(l.To).ID,
			Board: transit.Instant(d, l.Depart, q.net.Location), Alight: transit.Instant(d, l.Arrive, q.net.Location)})
	}
	return out
}

// notes names every assumed stop and vehicle a journey relied on.
func (q *query) notes(j *transit.Journey, it *Item) {
	for _, e := range j.Assumed {
		it.AccessNotes = append(it.AccessNotes, fmt.Sprintf("%s assumed step-free: %s", e.Name, e.Reason))
	}
}

// routePair runs Route from→to at t (arrive-by or depart-after), then again
// the other way from the time it found, leaving the tightened journey in
// q.journey.
func (q *query) routePair(from, to []transit.StopAccess, p transit.Params, t int32, arriveBy bool) error {
	p.Time = t
	ok, err := q.s.route.Route(from, to, p, arriveBy, &q.journey)
	if err != nil || !ok {
		return fmt.Errorf("found %v, %v", ok, err)
	}
	if arriveBy {
		p.Time = q.journey.Depart
	} else {
		p.Time = q.journey.Arrive
	}
	ok, err = q.s.route.Route(from, to, p, !arriveBy, &q.journey)
	if err != nil || !ok {
		return fmt.Errorf("tighten: found %v, %v", ok, err)
	}
	return nil
}
