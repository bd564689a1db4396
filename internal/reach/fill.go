package reach

import (
	"fmt"
	"time"

	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// fillTransit rebuilds the outbound journey (the latest departure arriving
// by the deadline, then the earliest arrival for that departure) and the
// return (the earliest arrival home leaving after the session, then the
// latest departure for that arrival), and lists their rides for the fares.
// The second search of each pair keeps a journey from waiting or walking
// longer than it must when several share the first's answer.
func (q *query) fillTransit(s *session, w *way, it *Item) (out, back []fare.Ride, err error) {
	tp := w.transit
	if err := q.routePair(q.home, tp.venue, tp.day.params, tp.deadline, true); err != nil {
		return nil, nil, fmt.Errorf("rebuild the journey to %s: %w", s.siteName, err)
	}
	it.Out, out = q.trip(&q.journey, tp.day.date, "home", s.siteName), q.rides(&q.journey, tp.day.date)
	q.notes(&q.journey, it)
	if err := q.routePair(tp.venue, q.home, tp.day.params, tp.ready, false); err != nil {
		return nil, nil, fmt.Errorf("rebuild the journey home from %s: %w", s.siteName, err)
	}
	it.Back, back = q.trip(&q.journey, tp.day.date, s.siteName, "home"), q.rides(&q.journey, tp.day.date)
	q.notes(&q.journey, it)
	return out, back, nil
}

func (q *query) at(d transit.Date, secs int32) string {
	return transit.Instant(d, secs, q.net.Location).Format(time.RFC3339)
}

func (q *query) trip(j *transit.Journey, d transit.Date, from, to string) *Trip {
	snap := q.net.Transit
	t := &Trip{Mode: "bus", Depart: q.at(d, j.Depart), Arrive: q.at(d, j.Arrive), Seconds: j.Arrive - j.Depart}
	rides := 0
	for _, l := range j.Legs {
		leg := Leg{Depart: q.at(d, l.Depart), Arrive: q.at(d, l.Arrive), Seconds: l.Arrive - l.Depart,
			From: q.place(l.From, from), To: q.place(l.To, to)}
		if l.Kind == transit.LegRide {
			rides++
			r := snap.Route(l.Route)
			leg.Mode, leg.Route, leg.TripID = string(fare.ModeOfRouteType(r.Type)), l.RouteName, l.TripID
			leg.Access = worst(l.BoardAccess, l.TripAccess, l.AlightAccess).String()
			if leg.Mode == "rail" {
				t.Mode = "rail"
			}
		} else {
			leg.Mode, leg.Metres, leg.Estimated = "walk", l.Metres, true
		}
		t.Legs = append(t.Legs, leg)
	}
	t.Changes = max(rides-1, 0)
	return t
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
