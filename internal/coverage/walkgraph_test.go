package coverage_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// TestWalksOnTheRutlandGraph: with Rutland's pedestrian graph loaded,
// coverage walks to venues on it as reach does. Around Oakham (every
// resolution-9 cell within eight rings of the castle) and for three
// Wednesday sessions — at Rutland County Museum, at Oakham Castle and at
// the foot of a flight of steps a step-free walk must go round — every
// cell's sessions are exactly those reach finds from the cell's centre
// with the same graph, for each standard profile that walks; and the
// graph changes the answer of some cells against the straight-line
// estimates coverage would otherwise use.
func TestWalksOnTheRutlandGraph(t *testing.T) {
	ctx := context.Background()
	x := rutlandExtract(t)
	walking := pedestrian.New(x.Walk)
	place := func(key string) orb.Point {
		i := slices.IndexFunc(x.Places, func(p osm.Place) bool { return p.Key == key })
		if i < 0 {
			t.Fatalf("place %s is not in the extract", key)
		}
		return x.Places[i].Point
	}
	steps := slices.Index(x.WalkNodeIDs, 2577022508) // the foot of the Oakham steps (reach's test)
	if steps < 0 {
		t.Fatal("the foot of the steps is not in the walk graph")
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	castle := place("way/417617998")
	acts := []reach.Activity{
		testSession(t, "test-museum", "Rutland County Museum", place("way/101330070"), "WE", "10:00", "11:00"),
		testSession(t, "test-castle", "Oakham Castle", castle, "WE", "10:00", "11:00"),
		testSession(t, "test-steps", "the foot of the steps", x.Walk.Point(int32(steps)), "WE", "10:00", "11:00"),
	}
	in := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Activities: acts,
		Referred: true, KeepSessions: true, Walk: walking, Cells: cellsAround(t, castle, 8)}
	net := reach.Network{Location: london, Walk: walking}
	changed := 0
	for _, id := range []string{"walker", "bus-pass", "wheelchair"} {
		onGraph := sessionSets(compute(t, in, id), len(in.Cells))
		estimates := in
		estimates.Walk = nil
		straight := sessionSets(compute(t, estimates, id), len(in.Cells))
		p, _ := profile.ByID(id)
		same, reached := 0, 0
		for i, c := range in.Cells {
			ans, err := reach.New(net).Reach(ctx, reach.Request{Origin: c.Center, Profile: p, Start: in.Week, Days: 7,
				RuralKnown: true, Referred: true}, acts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, it := range ans.Reachable {
				got[it.ActivityID+"@"+it.SessionStart] = true
			}
			if !subset(got, onGraph[i]) || !subset(onGraph[i], got) {
				t.Errorf("%s from %s: coverage counts %v, reach finds %v", id, geo.CellString(c.ID), keys(onGraph[i]), keys(got))
			}
			if len(got) > 0 {
				reached++
			}
			if subset(straight[i], onGraph[i]) && subset(onGraph[i], straight[i]) {
				same++
			} else {
				changed++
			}
		}
		t.Logf("%s: %d of %d cells reach a session on foot; the straight-line estimate gives %d of them another answer",
			id, reached, len(in.Cells), len(in.Cells)-same)
		if reached == 0 {
			t.Errorf("%s: no cell walks to any session: the test shows nothing", id)
		}
	}
	if changed == 0 {
		t.Error("the graph changes no cell's answer: the test cannot tell it from the estimates")
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// rutlandExtract reads the Rutland OSM extract (its pedestrian graph and
// heritage places).
func rutlandExtract(t *testing.T) *osm.Extract {
	t.Helper()
	x, err := osm.ReadFile(context.Background(), islandtest.Path("../rutland/osm/rutland-2022-07-20.osm.pbf"), osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// cellsAround is every resolution-9 cell within k rings of p's, one
// urban resident in each (aged 65 and disabled, for every profile).
func cellsAround(t *testing.T, p orb.Point, k int) []coverage.Cell {
	t.Helper()
	centre, err := geo.Cell(p, 9)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := geo.CellNeighbours(centre, k)
	if err != nil {
		t.Fatal(err)
	}
	var out []coverage.Cell
	for _, id := range ids {
		c, err := geo.CellCenter(id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, coverage.Cell{ID: id, Center: c, RuralKnown: true, Population: 1, Age65Plus: 1, Disabled: 1})
	}
	return out
}

// TestBusWalksOnTheRutlandGraph: walks between cells and the bus, and
// between the bus and a venue, are on the graph too. A test timetable on
// Wednesdays (reach's test of the same name, with buses the other way
// added): Oakham Bus Station (NaPTAN 268060093, its real position) 09:20
// → a test stop in Melton Mowbray, off the extract, 09:40, back 11:30 →
// 11:50; and Melton 09:20 → Oakham 09:40, back 11:30 → 11:50; every stop
// and bus step-free. Sessions are 10:00–11:00: one 200 m from the Melton
// stop, for the cells within eight rings of Oakham Castle, and one at
// Oakham's Buttercross, for the cells within four rings of the Melton
// stop — 346 m from the bus station as a straight-line estimate, but
// further than a wheelchair user's 400 m by a step-free way on the graph.
// From every cell, coverage counts the sessions exactly when reach finds
// them with the same graph; and the graph changes some cells' answers at
// each end.
func TestBusWalksOnTheRutlandGraph(t *testing.T) {
	ctx := context.Background()
	x := rutlandExtract(t)
	walking := pedestrian.New(x.Walk)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	oakham := geo.PointLatLon(52.6697306, -0.7319576)
	melton := geo.PointLatLon(52.7661, -0.8867)
	venue := geo.PointLatLon(52.7661+200/geo.EarthRadiusM*180/math.Pi, -0.8867)
	in := transit.Input{
		Feeds: []transit.Feed{{ID: "test", Timezone: london}},
		Stops: []transit.Stop{{ID: "268060093", Name: "Bus Station", Point: oakham, FeedID: "test", Wheelchair: 1},
			{ID: "melton", Name: "Melton (test stop)", Point: melton, FeedID: "test", Wheelchair: 1}},
		Routes:    []transit.Route{{ID: "r", ShortName: "T", Type: 3, FeedID: "test"}},
		Calendars: []transit.Calendar{{FeedID: "test", ServiceID: "we", Days: transit.Weekdays(time.Wednesday), Start: transit.DateOf(2026, 1, 1), End: transit.DateOf(2027, 1, 1)}},
	}
	for _, tr := range []struct{ id, from, to string }{
		{"there", "268060093", "melton"}, {"back", "melton", "268060093"}, {"in", "melton", "268060093"}, {"out", "268060093", "melton"},
	} {
		dep := int32(9*3600 + 20*60)
		if tr.id == "back" || tr.id == "out" {
			dep = 11*3600 + 30*60
		}
		in.Trips = append(in.Trips, transit.Trip{ID: tr.id, RouteID: "r", ServiceID: "we", FeedID: "test", Wheelchair: 1})
		in.StopTimes = append(in.StopTimes, transit.StopTime{TripID: tr.id, StopID: tr.from, Seq: 1, Arr: dep, Dep: dep},
			transit.StopTime{TripID: tr.id, StopID: tr.to, Seq: 2, Arr: dep + 20*60, Dep: dep + 20*60})
	}
	snap, err := transit.Build(in, transit.BuildOptions{Streets: x.Walk})
	if err != nil {
		t.Fatal(err)
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(x.Places, func(p osm.Place) bool { return p.Key == "way/101764599" })
	if i < 0 || x.Places[i].Name != "Buttercross" {
		t.Fatal("no Buttercross in the extract")
	}
	for _, c := range []struct {
		end      string
		act      reach.Activity
		cells    []coverage.Cell
		profiles []string
	}{
		{"home", testSession(t, "test-melton", "Melton venue (test)", venue, "WE", "10:00", "11:00"), cellsAround(t, oakham, 8), []string{"walker"}},
		{"venue", testSession(t, "test-buttercross", "Buttercross", x.Places[i].Point, "WE", "10:00", "11:00"), cellsAround(t, melton, 4), []string{"walker", "wheelchair"}},
	} {
		cin := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Activities: []reach.Activity{c.act},
			Fares: fares, Referred: true, KeepSessions: true, Walk: walking, Cells: c.cells, Networks: []coverage.Network{{Snapshot: snap}}}
		estimates := cin
		estimates.Walk = nil
		reached, changed := 0, 0
		for _, id := range c.profiles {
			onGraph := sessionSets(compute(t, cin, id), len(cin.Cells))
			straight := sessionSets(compute(t, estimates, id), len(cin.Cells))
			p, _ := profile.ByID(id)
			net := reach.Network{Location: london, Transit: snap, Walk: walking, Fares: fares}
			for i, cell := range cin.Cells {
				ans, err := reach.New(net).Reach(ctx, reach.Request{Origin: cell.Center, Profile: p, Start: cin.Week, Days: 7,
					RuralKnown: true, Referred: true}, cin.Activities)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, it := range ans.Reachable {
					got[it.ActivityID+"@"+it.SessionStart] = true
				}
				if !subset(got, onGraph[i]) {
					t.Errorf("%s from %s: reach finds %v, coverage counts %v", id, geo.CellString(cell.ID), keys(got), keys(onGraph[i]))
				}
				checkExtra(t, p.ID, cell, onGraph[i], ans)
				if len(got) > 0 {
					reached++
				}
				if len(straight[i]) != len(onGraph[i]) {
					changed++
				}
			}
		}
		t.Logf("walks at the %s end: %d cells × profiles get there by bus; straight-line walks change %d answers", c.end, reached, changed)
		if reached == 0 || changed == 0 {
			t.Errorf("walks at the %s end: the test shows nothing (no cell gets there, or the graph changes nothing)", c.end)
		}
	}
}
