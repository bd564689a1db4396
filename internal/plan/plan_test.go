package plan

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

func planT(t *testing.T, p *Planner, r Request) Answer {
	t.Helper()
	a, err := p.Plan(context.Background(), r)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return a
}

type legWant struct {
	typ, from, to, depart, arrive string
	metres                        int32 // walks
	trip                          string
}

func checkLegs(t *testing.T, a Answer, want []legWant) {
	t.Helper()
	if len(a.Legs) != len(want) {
		t.Fatalf("%d legs %+v, want %d", len(a.Legs), a.Legs, len(want))
	}
	id := func(s *Stop) string {
		if s == nil {
			return "-"
		}
		return s.StopID
	}
	for i, w := range want {
		l := a.Legs[i]
		got := legWant{typ: l.Type, from: id(l.From), to: id(l.To), depart: l.Depart, arrive: l.Arrive, trip: l.TripID}
		if l.Metres != nil {
			got.metres = *l.Metres
		}
		if got != w {
			t.Errorf("leg %d: %+v, want %+v", i, got, w)
		}
	}
}

// From 0.001° south of A to 0.001° north of C at 08:50: walk 145 m (121 s)
// to A for t1 at 09:00, ride to C at 09:10, walk 145 m: 08:57:59 to
// 09:12:01 BST. D (868 m, 724 s away) would catch the same bus at
// 09:02:30 but means leaving at 08:50:26: the planner must not choose it.
func TestJourneyBetweenPoints(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: PointPlace(49.999, -1), To: PointPlace(50.021, -1), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")})
	checkLegs(t, a, []legWant{
		{typ: "walk", from: "-", to: "A", depart: "2019-05-15T08:57:59+01:00", arrive: "2019-05-15T09:00:00+01:00", metres: 145},
		{typ: "ride", from: "A", to: "C", depart: "2019-05-15T09:00:00+01:00", arrive: "2019-05-15T09:10:00+01:00", trip: "t1"},
		{typ: "walk", from: "C", to: "-", depart: "2019-05-15T09:10:00+01:00", arrive: "2019-05-15T09:12:01+01:00", metres: 145},
	})
	if !a.Found || a.Depart != "2019-05-15T08:57:59+01:00" || a.Arrive != "2019-05-15T09:12:01+01:00" || a.DurationS != 842 ||
		a.Rides != 1 || a.Timezone != "Europe/London" || a.Profile != "walker" {
		t.Errorf("answer %+v", a)
	}
	if r := a.Legs[1]; r.Route != "1" || r.Mode != "bus" || r.BoardAccess != "unknown" || r.TripAccess != "unknown" {
		t.Errorf("ride %+v", r)
	}
	if !a.Legs[0].Estimated || a.Access != "unknown" || len(a.Assumed) != 0 {
		t.Errorf("walk not estimated or access %q assumed %v", a.Access, a.Assumed)
	}
}

// An instant (not a wall clock) is read in the network's timezone: 07:50
// UTC is 08:50 BST.
func TestInstantDeparture(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"),
		Depart: time.Date(2019, 5, 15, 7, 50, 0, 0, time.UTC), Profile: std(t, "walker")})
	checkLegs(t, a, []legWant{{typ: "ride", from: "A", to: "C", depart: "2019-05-15T09:00:00+01:00", arrive: "2019-05-15T09:10:00+01:00", trip: "t1"}})
}

// Arriving by 10:15 at the point north of C: t2 reaches C at 10:10, plus
// 121 s; leave the point south of A at 09:57:59.
func TestArriveBy(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: PointPlace(49.999, -1), To: PointPlace(50.021, -1), Depart: at(10, 15), WallClock: true, ArriveBy: true, Profile: std(t, "walker")})
	if a.Depart != "2019-05-15T09:57:59+01:00" || a.Arrive != "2019-05-15T10:12:01+01:00" || a.Legs[1].TripID != "t2" || !a.ArriveBy {
		t.Errorf("arrive by 10:15: %+v", a)
	}
}

// From A's position to a point 0.0045° south (651 m walk, 543 s) there is
// no ride (A is the only stop near it): walking. From A to B's position with a 2 km
// walk allowed (1,446 m, 1,205 s), the 09:00 bus (there at 09:05) beats
// walking (09:19:05).
func TestWalkOnlyWhenFaster(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: PointPlace(50, -1), To: PointPlace(49.9955, -1), Depart: at(8, 59), WallClock: true, Profile: std(t, "walker")})
	checkLegs(t, a, []legWant{{typ: "walk", from: "-", to: "-", depart: "2019-05-15T08:59:00+01:00", arrive: "2019-05-15T09:08:03+01:00", metres: 651}})
	if a.Rides != 0 || a.Access != "" || a.DurationS != 543 {
		t.Errorf("walk-only answer %+v", a)
	}
	far, err := profile.FromStandard("walker", []byte(`{"max_walk_m": 2000}`))
	if err != nil {
		t.Fatal(err)
	}
	a = planT(t, p, Request{From: PointPlace(50, -1), To: PointPlace(50.01, -1), Depart: at(8, 59), WallClock: true, Profile: far})
	checkLegs(t, a, []legWant{{typ: "ride", from: "A", to: "B", depart: "2019-05-15T09:00:00+01:00", arrive: "2019-05-15T09:05:00+01:00", trip: "t1"}})
	a = planT(t, p, Request{From: PointPlace(50, -1), To: PointPlace(50.01, -1), Depart: at(9, 1), WallClock: true, Profile: far})
	checkLegs(t, a, []legWant{{typ: "walk", from: "-", to: "-", depart: "2019-05-15T09:01:00+01:00", arrive: "2019-05-15T09:21:05+01:00", metres: 1446}})
}

// Without a policy the step-free search finds nothing and names stop A;
// under a policy the journey is assumed, listing A, t1 and C with the
// reason.
func TestStepFree(t *testing.T) {
	req := Request{From: StopPlace("f", "A"), To: StopPlace("", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "wheelchair")}
	a := planT(t, newPlanner(t, transit.AccessPolicy{}, Options{}), req)
	if a.Found || a.Barrier == nil || a.Barrier.ID != "A" || a.Barrier.Kind != "stop" || a.Barrier.Access != "unknown" ||
		!strings.Contains(a.Reason, "stop A (Alpha)") || len(a.Legs) != 0 {
		t.Errorf("no policy: %+v barrier %+v", a, a.Barrier)
	}
	a = planT(t, newPlanner(t, testPolicy, Options{}), req)
	if !a.Found || a.Access != "assumed" || len(a.Assumed) != 3 {
		t.Fatalf("policy: %+v", a)
	}
	for i, want := range []string{"stop A", "trip t1", "stop C"} {
		if e := a.Assumed[i]; e.Kind+" "+e.ID != want || e.Reason != "test regulation" || e.Access != "assumed" {
			t.Errorf("assumed %d: %+v, want %s", i, e, want)
		}
	}
	if len(a.Notes) != 0 {
		t.Errorf("stop to stop has no walks, notes %v", a.Notes)
	}
	req.From = PointPlace(49.999, -1) // 182 s at 0.8 m/s: a walk, so a note
	if a = planT(t, newPlanner(t, testPolicy, Options{}), req); len(a.Notes) != 1 || a.Legs[0].Seconds != 182 {
		t.Errorf("step-free walk: notes %v legs %+v", a.Notes, a.Legs)
	}
}

func TestFieldErrors(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	good := Request{From: PointPlace(49.999, -1), To: PointPlace(50.021, -1), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")}
	cases := []struct {
		field string
		edit  func(*Request)
	}{
		{"from.lat", func(r *Request) { r.From = PointPlace(91, -1) }},
		{"to.lon", func(r *Request) { r.To = PointPlace(50, 181) }},
		{"depart", func(r *Request) { r.Depart = time.Time{} }},
		{"profile.walk_speed_mps", func(r *Request) { r.Profile.WalkSpeedMPS = 0 }},
		{"profile.id", func(r *Request) { r.Profile.ID = "" }},
		{"from.stop_id", func(r *Request) { r.From = StopPlace("", "nowhere") }},
		{"from.stop_id", func(r *Request) { r.From = StopPlace("g", "B") }},
		{"to.stop_id", func(r *Request) { r.To = StopPlace("", "A") }}, // in feeds f and g
	}
	for _, c := range cases {
		r := good
		c.edit(&r)
		_, err := p.Plan(context.Background(), r)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("want a field error naming %s, got %v", c.field, err)
		}
	}
	r := good
	r.To = StopPlace("", "A")
	if _, err := p.Plan(context.Background(), r); err == nil || !strings.Contains(err.Error(), "f, g") {
		t.Errorf("ambiguous stop: %v, want the feeds named", err)
	}
	r.To = StopPlace("", "f:C") // FEED:ID when no stop is called "f:C"
	if a, err := p.Plan(context.Background(), r); err != nil || a.Legs[len(a.Legs)-1].To.StopID != "C" {
		t.Errorf("f:C: %v", err)
	}
}

func TestOutsideTheData(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	base := Request{From: PointPlace(49.999, -1), To: PointPlace(50.021, -1), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")}
	cases := []struct {
		field string
		edit  func(*Request)
	}{
		{"from", func(r *Request) { r.From = PointPlace(45, -30) }}, // the Atlantic
		{"to", func(r *Request) { r.To = PointPlace(45, -30) }},
		{"to", func(r *Request) { r.To = StopPlace("g", "P") }}, // another timezone
	}
	for _, c := range cases {
		r := base
		c.edit(&r)
		_, err := p.Plan(context.Background(), r)
		var oe *OutsideError
		if !errors.As(err, &oe) || oe.Field != c.field {
			t.Errorf("want an outside error on %s, got %v", c.field, err)
		}
	}
	// 3 km west of A: inside the data, but no stop within a walk.
	r := base
	r.From = PointPlace(50, -1.042)
	a, err := p.Plan(context.Background(), r)
	if err != nil || a.Found || !strings.Contains(a.Reason, "no stop within 1000 m") || !strings.Contains(a.Reason, "origin") {
		t.Errorf("far from stops: %+v %v", a, err)
	}
}

// An origin near Porto Alegre picks the Brazilian network: times carry its
// offset (-03:00) and the route is rail.
func TestPicksTheNetworkOfTheOrigin(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: StopPlace("", "P"), To: PointPlace(-30.011, -51.2), Depart: at(11, 0), WallClock: true, Profile: std(t, "walker")})
	checkLegs(t, a, []legWant{
		{typ: "ride", from: "P", to: "Q", depart: "2019-05-15T12:00:00-03:00", arrive: "2019-05-15T12:10:00-03:00", trip: "u1"},
		{typ: "walk", from: "Q", to: "-", depart: "2019-05-15T12:10:00-03:00", arrive: "2019-05-15T12:12:01-03:00", metres: 145},
	})
	if a.Timezone != "America/Sao_Paulo" || a.Legs[0].Mode != "rail" {
		t.Errorf("answer %+v", a)
	}
}

func TestNoTransitModeAndNoJourney(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{})
	a := planT(t, p, Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "car")})
	if a.Found || !strings.Contains(a.Reason, "neither bus nor rail") {
		t.Errorf("car: %+v", a)
	}
	a = planT(t, p, Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(10, 1), WallClock: true, Profile: std(t, "walker")})
	if a.Found || !strings.Contains(a.Reason, "no journey with at most 3 changes within 180 minutes") {
		t.Errorf("after the last bus: %+v", a)
	}
}

func TestNotLoaded(t *testing.T) {
	_, err := New(Options{}).Plan(context.Background(), Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")})
	if !errors.Is(err, ErrNotLoaded) {
		t.Errorf("err %v, want ErrNotLoaded", err)
	}
}

// With its only worker busy, a query gives up when its context ends.
func TestBusyPlannerHonoursTheDeadline(t *testing.T) {
	p := newPlanner(t, transit.AccessPolicy{}, Options{Workers: 1})
	n := p.pub.Load().nets[1] // Europe/London, after America/Sao_Paulo
	w, err := n.acquire(context.Background())
	if err != nil || n.name != "Europe/London" {
		t.Fatalf("%v %s", err, n.name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = p.Plan(ctx, Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want the deadline", err)
	}
	n.release(w)
	if _, err := p.Plan(context.Background(), Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")}); err != nil {
		t.Errorf("after release: %v", err)
	}
}
