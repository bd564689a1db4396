package plan

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// metresAt is the point x metres east and y metres north of (-1.30,
// 50.70).
func metresAt(x, y float64) orb.Point {
	const lon0, lat0 = -1.30, 50.70
	perDeg := geo.EarthRadiusM * math.Pi / 180
	return orb.Point{lon0 + x/(perDeg*math.Cos(lat0*math.Pi/180)), lat0 + y/perDeg}
}

// bridgeTown is a hand-built town: stops A and B 100 m apart across a
// river whose bridge is 400 m away, so the walk between them on the
// pedestrian graph is 900 m (130 m as a straight-line estimate); X and Y
// far away. Trip xa runs X 08:00 → A 08:05, trip by B 08:30 → Y 08:40,
// every day of 2019. Every stop and trip is step-free.
func bridgeTown() (transit.Input, *walk.Graph) {
	in := transit.Input{Feeds: []transit.Feed{{ID: "h", Timezone: london}}}
	for _, st := range []struct {
		id   string
		x, y float64
	}{{"A", 0, 0}, {"B", 0, 100}, {"X", -5000, 0}, {"Y", 5000, 5000}} {
		in.Stops = append(in.Stops, transit.Stop{ID: st.id, Name: st.id, FeedID: "h", Point: metresAt(st.x, st.y), Wheelchair: 1})
	}
	in.Routes = []transit.Route{{ID: "R", ShortName: "R", Type: 3, FeedID: "h"}}
	in.Calendars = []transit.Calendar{{FeedID: "h", ServiceID: "S", Days: 0x7f, Start: transit.DateOf(2019, 1, 1), End: transit.DateOf(2019, 12, 31)}}
	for _, tr := range []struct {
		id, from, to string
		dep, arr     int32
	}{{"xa", "X", "A", hms(8, 0, 0), hms(8, 5, 0)}, {"by", "B", "Y", hms(8, 30, 0), hms(8, 40, 0)}} {
		in.Trips = append(in.Trips, transit.Trip{ID: tr.id, RouteID: "R", ServiceID: "S", FeedID: "h", Wheelchair: 1})
		in.StopTimes = append(in.StopTimes,
			transit.StopTime{TripID: tr.id, StopID: tr.from, Seq: 1, Arr: tr.dep, Dep: tr.dep},
			transit.StopTime{TripID: tr.id, StopID: tr.to, Seq: 2, Arr: tr.arr, Dep: tr.arr})
	}
	b := walk.NewBuilder()
	node := func(x, y float64) int32 { return b.AddNode(metresAt(x, y)) }
	a0, a1, b1, b0 := node(0, 0), node(400, 0), node(400, 100), node(0, 100)
	for _, e := range [][2]int32{{a0, a1}, {a1, b1}, {b1, b0}} {
		if _, err := b.AddEdge(walk.Edge{From: e[0], To: e[1]}); err != nil {
			panic(err)
		}
	}
	return in, b.Build()
}

// The change at A → B is walked on the pedestrian graph where the snapshot
// has one (900 m over the bridge, not an estimate) and is a straight-line
// estimate where it has none (130 m); the walks from the origin point and
// to the destination point are straight-line estimates either way (the
// planner is given no pedestrian graph here: TestPlaceWalksOnTheGraph).
func TestTransferWalkedOnTheGraphIsNotEstimated(t *testing.T) {
	in, g := bridgeTown()
	for _, c := range []struct {
		name      string
		streets   *walk.Graph
		metres    int32
		estimated bool
	}{{"on the graph", g, 900, false}, {"no graph", nil, 130, true}} {
		s, err := transit.Build(in, transit.BuildOptions{Streets: c.streets})
		if err != nil {
			t.Fatal(err)
		}
		p := New(Options{})
		p.Replace(map[string]*transit.Snapshot{"Europe/London": s})
		from, to := metresAt(-5000, -100), metresAt(5000, 5100)
		wheelchair, err := profile.FromStandard("wheelchair", []byte(`{"max_walk_m": 1000}`))
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range []profile.Profile{std(t, "walker"), wheelchair} {
			prof := pr.ID
			a := planT(t, p, Request{From: PointPlace(from[1], from[0]), To: PointPlace(to[1], to[0]),
				Depart: time.Date(2019, 5, 15, 7, 50, 0, 0, time.UTC), WallClock: true, Profile: pr})
			if !a.Found || len(a.Legs) != 5 {
				t.Fatalf("%s, %s: %+v", c.name, prof, a)
			}
			access, change, egress := a.Legs[0], a.Legs[2], a.Legs[4]
			if change.Type != "walk" || change.From.StopID != "A" || change.To.StopID != "B" ||
				*change.Metres < c.metres-1 || *change.Metres > c.metres+1 || change.Estimated != c.estimated {
				t.Errorf("%s, %s: the change %+v (%d m), want %d m, estimated %v", c.name, prof, change, *change.Metres, c.metres, c.estimated)
			}
			if access.Type != "walk" || !access.Estimated || egress.Type != "walk" || !egress.Estimated {
				t.Errorf("%s, %s: access %+v and egress %+v must be estimates", c.name, prof, access, egress)
			}
			// A step-free answer warns of unchecked walks: the access
			// and egress walks are estimates either way.
			if pr.StepFree && (len(a.Notes) != 1 || a.Notes[0] != noteWalks) {
				t.Errorf("%s: notes %q", c.name, a.Notes)
			}
		}
	}
}

// Walks between a place and a stop, and the direct walk, are on the
// pedestrian graph where one is loaded and covers both ends, as reach
// walks them. In bridgeTown, from 30 m south of A (across the river from
// B) to 50 m north of Y (off the graph), leaving at 08:00: the only bus
// onward leaves B at 08:30, and the walk to B goes over the bridge, 930 m
// on the graph (30 m to the river bank's node, 900 m over the bridge) — not
// the 169 m straight-line estimate — while the walk from Y stays an
// estimate (65 m), flagged. The direct walk from the same origin to 30 m
// north of B is 960 m on the graph: within a walker's 1,000 m, not within
// 900 m, although the estimate (209 m) would be.
func TestPlaceWalksOnTheGraph(t *testing.T) {
	in, g := bridgeTown()
	s, err := transit.Build(in, transit.BuildOptions{Streets: g})
	if err != nil {
		t.Fatal(err)
	}
	origin, far, acrossB := metresAt(0, -30), metresAt(5000, 5050), metresAt(0, 130)
	plan := func(walking *pedestrian.Walking, pr profile.Profile, to orb.Point) Answer {
		p := New(Options{})
		p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": s}, nil, walking)
		return planT(t, p, Request{From: PointPlace(origin[1], origin[0]), To: PointPlace(to[1], to[0]),
			Depart: time.Date(2019, 5, 15, 8, 0, 0, 0, time.UTC), WallClock: true, Profile: pr})
	}
	walker := std(t, "walker")
	for _, c := range []struct {
		name      string
		walking   *pedestrian.Walking
		accessM   int32
		estimated bool
	}{{"on the graph", pedestrian.New(g), 930, false}, {"no graph", nil, 169, true}} {
		a := plan(c.walking, walker, far)
		if !a.Found || len(a.Legs) != 3 {
			t.Fatalf("%s: %+v", c.name, a)
		}
		access, egress := a.Legs[0], a.Legs[2]
		if access.Type != "walk" || access.To.StopID != "B" || *access.Metres != c.accessM || access.Estimated != c.estimated {
			t.Errorf("%s: access %+v (%d m), want %d m to B, estimated %v", c.name, access, *access.Metres, c.accessM, c.estimated)
		}
		if want := transit.WalkSeconds(float64(c.accessM), walker.WalkSpeedMPS); access.Seconds < want {
			t.Errorf("%s: access takes %d s, a %d m walk takes %d s", c.name, access.Seconds, c.accessM, want)
		}
		if egress.Type != "walk" || *egress.Metres != 65 || !egress.Estimated {
			t.Errorf("%s: egress %+v (%d m), want the 65 m estimate", c.name, egress, *egress.Metres)
		}
	}
	a := plan(pedestrian.New(g), walker, acrossB)
	if !a.Found || len(a.Legs) != 1 || a.Legs[0].Type != "walk" || *a.Legs[0].Metres != 960 || a.Legs[0].Estimated {
		t.Errorf("direct walk on the graph: %+v", a)
	}
	short, err := profile.FromStandard("walker", []byte(`{"max_walk_m": 900}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := plan(pedestrian.New(g), short, acrossB); a.Found && a.Legs[0].Type == "walk" {
		t.Errorf("a 960 m walk on the graph is beyond 900 m: %+v", a)
	}
	if a, want := plan(nil, short, acrossB), int32(transit.WalkMetres(origin, acrossB, walk.DetourFactor)); !a.Found ||
		*a.Legs[0].Metres != want || !a.Legs[0].Estimated {
		t.Errorf("without a graph, the direct walk is the %d m estimate: %+v", want, a)
	}
}
