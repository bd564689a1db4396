package plan

import (
	"fmt"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Answer is a planned journey, ready to be written as JSON.
type Answer struct {
	// Found is false when there is no journey; Reason says why and, for a
	// step-free profile, Barrier names the stop or vehicle that stopped it.
	Found   bool     `json:"found"`
	Reason  string   `json:"reason,omitempty"`
	Barrier *Element `json:"barrier,omitempty"`
	// Timezone is the timetable's; every time is RFC 3339 with its offset.
	Timezone string `json:"timezone"`
	Profile  string `json:"profile"`
	ArriveBy bool   `json:"arrive_by"`
	// Depart and Arrive bound the whole journey, walks included.
	Depart    string `json:"depart,omitempty"`
	Arrive    string `json:"arrive,omitempty"`
	DurationS int32  `json:"duration_s"`
	Rides     int    `json:"rides"`
	// Access is the worst access value of the stops boarded and alighted
	// at and the vehicles ridden: yes, assumed, unknown or no; empty for a
	// walk-only journey. Assumed lists what a declared policy filled.
	Access  string    `json:"access,omitempty"`
	Assumed []Element `json:"assumed"`
	Legs    []Leg     `json:"legs"`
	Notes   []string  `json:"notes,omitempty"`
}

// Element is a stop or a trip's vehicle with its access value; Reason is
// the policy's reason for an assumed value.
type Element struct {
	Kind   string `json:"kind"` // stop or trip
	FeedID string `json:"feed_id,omitempty"`
	ID     string `json:"id"`
	Name   string `json:"name"` // a trip's route short name
	Access string `json:"access"`
	Reason string `json:"reason,omitempty"`
}

// Leg is a walk or a ride.
type Leg struct {
	Type    string `json:"type"` // walk or ride
	Depart  string `json:"depart"`
	Arrive  string `json:"arrive"`
	Seconds int32  `json:"seconds"`
	// From and To are stops; nil for the origin or destination point.
	From *Stop `json:"from,omitempty"`
	To   *Stop `json:"to,omitempty"`

	// Walks and dial-a-rides: the metres, and whether they are an
	// estimate (a straight line × 1.3) rather than walked on the OSM
	// pedestrian graph. Dial-a-rides are always estimates.
	Metres    *int32 `json:"metres,omitempty"`
	Estimated bool   `json:"estimated,omitempty"`

	// Rides.
	Mode         string `json:"mode,omitempty"` // bus, rail, tram, ... from the GTFS route type; dial_a_ride
	Route        string `json:"route,omitempty"`
	RouteID      string `json:"route_id,omitempty"`
	TripID       string `json:"trip_id,omitempty"`
	BoardAccess  string `json:"board_access,omitempty"`
	TripAccess   string `json:"vehicle_access,omitempty"`
	AlightAccess string `json:"alight_access,omitempty"`

	// Dial-a-rides: the zone, the fare, when to book (Booking, the
	// deadline for this ride in words; BookBy, that deadline; Notice, the
	// zone's rule) and whether the zone is illustrative.
	Zone         string `json:"zone,omitempty"`
	ZoneID       string `json:"zone_id,omitempty"`
	Fare         *Fare  `json:"fare,omitempty"`
	Booking      string `json:"booking,omitempty"`
	BookBy       string `json:"book_by,omitempty"`
	Notice       string `json:"notice,omitempty"`
	Illustrative bool   `json:"illustrative,omitempty"`
}

// Fare is what a leg costs: Pence when known; unknown (no Pence) when
// the operator publishes no fare.
type Fare struct {
	Pence      *int64 `json:"pence,omitempty"`
	Confidence string `json:"confidence"` // known or unknown
	Note       string `json:"note,omitempty"`
}

// Stop is a stop a leg starts or ends at.
type Stop struct {
	FeedID string  `json:"feed_id"`
	StopID string  `json:"stop_id"`
	Name   string  `json:"name"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

const noteWalks = "walks marked estimated are straight lines × 1.3: no street map was consulted for them, so their step-free routes were not checked"

// base is the part of every answer that does not depend on the journey.
func (q *query) base() Answer {
	return Answer{Timezone: q.n.loc.String(), Profile: q.req.Profile.ID, ArriveBy: q.req.ArriveBy,
		Assumed: []Element{}, Legs: []Leg{}}
}

// at formats seconds since the query date's midnight.
func (q *query) at(secs int32) string {
	return transit.Instant(q.p.Date, secs, q.n.loc).Format(time.RFC3339)
}

// walkAnswer is the direct walk.
func (q *query) walkAnswer() Answer {
	w := q.walkLeg // worked out by run
	secs := int32(w.Seconds)
	dep := q.p.Time
	if q.req.ArriveBy {
		dep -= secs
	}
	m := int32(w.Metres)
	a := q.base()
	a.Found = true
	a.Depart, a.Arrive, a.DurationS = q.at(dep), q.at(dep+secs), secs
	leg := Leg{Type: "walk", Depart: a.Depart, Arrive: a.Arrive, Seconds: secs, Metres: &m, Estimated: w.Estimated,
		From: q.placeStop(q.fromStop), To: q.placeStop(q.toStop)}
	a.Legs = append(a.Legs, leg)
	a.Notes = q.notes(a.Notes, w.Estimated)
	return a
}

func (q *query) placeStop(v int32) *Stop {
	if v < 0 {
		return nil
	}
	return q.stop(v)
}

// journeyAnswer writes a journey with at least one ride; withDar, the
// journey in w.jd, whose access or egress may be a dial-a-ride.
func (q *query) journeyAnswer(j *transit.Journey, withDar bool) (Answer, error) {
	a := q.base()
	a.Found, a.Rides = true, j.Rides()
	a.Depart, a.Arrive, a.DurationS = q.at(j.Depart), q.at(j.Arrive), j.Arrive-j.Depart
	access := j.Access
	for _, e := range j.Assumed {
		a.Assumed = append(a.Assumed, q.element(e.Kind, e.Index, e.Reason))
	}
	estimated := false
	var first, last *dar.Zone // the zones ridden from the origin and to the destination
	for _, l := range j.Legs {
		if withDar {
			if z, r, ok := q.rideOf(l); ok {
				pickup, from, to := q.rideEnds(l, r)
				leg, err := q.rideLeg(z, from, to, pickup, r.Seconds, r.Metres, q.placeStop(l.From), q.placeStop(l.To))
				if err != nil {
					return Answer{}, fmt.Errorf("plan dial-a-ride: %w", err)
				}
				a.Legs = append(a.Legs, leg)
				a.Rides++
				access = transit.Worse(access, vehicleAccess(z))
				if l.Kind == transit.LegAccess {
					first = z
				} else {
					last = z
				}
				continue
			}
		}
		if l.Kind != transit.LegRide && l.Seconds == 0 && l.Metres <= 0 {
			continue // a stop place needs no walk
		}
		leg := q.leg(l)
		estimated = estimated || leg.Estimated
		a.Legs = append(a.Legs, leg)
	}
	a.Access = access.String()
	a.Notes = q.notes(a.Notes, estimated)
	if first != nil || last != nil {
		a.Notes = append(a.Notes, noteRideTimes, noteRideSlack)
	}
	if first != nil {
		a.Notes = darNotes(a.Notes, first)
	}
	if last != nil && last != first {
		a.Notes = darNotes(a.Notes, last)
	}
	return a, nil
}

// notes adds, for a step-free profile, that walks marked estimated were
// not checked for step-free routes.
func (q *query) notes(dst []string, estimated bool) []string {
	if q.req.Profile.StepFree && estimated {
		dst = append(dst, noteWalks)
	}
	return dst
}

// leg writes one engine leg. An access or egress walk is a straight-line
// estimate unless it was walked on the pedestrian graph (see near); a
// walking transfer is one only where the snapshot's footpath is
// (Leg.Estimated), not where it was walked on the graph.
func (q *query) leg(l transit.Leg) Leg {
	out := Leg{Depart: q.at(l.Depart), Arrive: q.at(l.Arrive), Seconds: l.Arrive - l.Depart,
		From: q.placeStop(l.From), To: q.placeStop(l.To)}
	if l.Kind != transit.LegRide {
		m := max(l.Metres, 0)
		out.Type, out.Metres = "walk", &m
		switch l.Kind {
		case transit.LegAccess:
			out.Estimated = q.w.fromWalks.IsEstimated(l.To)
		case transit.LegEgress:
			out.Estimated = q.w.toWalks.IsEstimated(l.From)
		default:
			out.Estimated = l.Estimated
		}
		return out
	}
	r := q.n.snap.Route(l.Route)
	out.Type, out.Mode, out.Route, out.RouteID, out.TripID = "ride", mode(r.Type), l.RouteName, l.RouteID, l.TripID
	out.BoardAccess, out.TripAccess, out.AlightAccess = l.BoardAccess.String(), l.TripAccess.String(), l.AlightAccess.String()
	return out
}

func (q *query) stop(v int32) *Stop {
	s := q.n.snap.Stop(v)
	return &Stop{FeedID: s.FeedID, StopID: s.ID, Name: s.Name, Lat: s.Point[1], Lon: s.Point[0]}
}

// element describes a stop or trip of the network.
func (q *query) element(kind transit.ElementKind, i int32, reason string) Element {
	if kind == transit.ElementTrip {
		t := q.n.snap.Trip(i)
		return Element{Kind: "trip", FeedID: t.FeedID, ID: t.ID, Name: t.ShortName, Access: t.Access.String(), Reason: reason}
	}
	s := q.n.snap.Stop(i)
	return Element{Kind: "stop", FeedID: s.FeedID, ID: s.ID, Name: s.Name, Access: s.Access.String(), Reason: reason}
}

// mode names a GTFS route type, basic or extended.
func mode(t int) string {
	switch {
	case t == 0 || t == 5 || t >= 900 && t < 1000:
		return "tram"
	case t == 1 || t >= 400 && t < 500:
		return "metro"
	case t == 2 || t >= 100 && t < 200:
		return "rail"
	case t == 3 || t == 11 || t >= 700 && t < 900:
		return "bus"
	case t >= 200 && t < 300:
		return "coach"
	case t == 4 || t >= 1000 && t < 1300:
		return "ferry"
	case t == 6 || t == 7 || t >= 1300 && t < 1500:
		return "cable"
	}
	return "transit"
}
