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
	"github.com/threshold-heritage/threshold/internal/heritage"
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
		wednesday(t, "test-museum", "Rutland County Museum", place("way/101330070")),
		wednesday(t, "test-castle", "Oakham Castle", castle),
		wednesday(t, "test-steps", "the foot of the steps", x.Walk.Point(int32(steps))),
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

// wednesday is a free activity at venue on Wednesdays 10:00–11:00.
func wednesday(t *testing.T, id, site string, venue orb.Point) reach.Activity {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=WE")
	if err != nil {
		t.Fatal(err)
	}
	opens, _ := heritage.ParseClock("10:00")
	closes, _ := heritage.ParseClock("11:00")
	free := heritage.CostOption{Amount: new(int64), Confidence: heritage.ConfidenceKnown}
	return reach.Activity{
		Activity: heritage.Activity{ID: id, Name: site + " (test session)", Kind: "object_handling", Illustrative: true,
			Costs:     []heritage.CostOption{free},
			Schedules: []heritage.Schedule{{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: 12, Day: 2}, OpensAt: opens, ClosesAt: closes}}},
		SiteName: site, Venue: venue, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
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

// TestBusWalksOnTheRutlandGraph: walks from cells to the bus are on the
// graph too. A test timetable (reach's test of the same name): a bus from
// Oakham Bus Station (NaPTAN 268060093, its real position) at 09:20 to a
// test stop in Melton Mowbray, off the extract, at 09:40, and back at
// 11:30, on Wednesdays, for a session 200 m from the Melton stop at 10:00.
// From every cell within eight rings of Oakham Castle, coverage counts
// the session exactly when reach finds it with the same graph; and the
// graph changes some cells' answers against straight-line walks to the
// bus station.
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
		Feeds:     []transit.Feed{{ID: "test", Timezone: london}},
		Stops:     []transit.Stop{{ID: "268060093", Name: "Bus Station", Point: oakham, FeedID: "test"}, {ID: "melton", Name: "Melton (test stop)", Point: melton, FeedID: "test"}},
		Routes:    []transit.Route{{ID: "r", ShortName: "T", Type: 3, FeedID: "test"}},
		Trips:     []transit.Trip{{ID: "there", RouteID: "r", ServiceID: "we", FeedID: "test"}, {ID: "back", RouteID: "r", ServiceID: "we", FeedID: "test"}},
		Calendars: []transit.Calendar{{FeedID: "test", ServiceID: "we", Days: transit.Weekdays(time.Wednesday), Start: transit.DateOf(2026, 1, 1), End: transit.DateOf(2027, 1, 1)}},
		StopTimes: []transit.StopTime{
			{TripID: "there", StopID: "268060093", Seq: 1, Arr: 9*3600 + 20*60, Dep: 9*3600 + 20*60},
			{TripID: "there", StopID: "melton", Seq: 2, Arr: 9*3600 + 40*60, Dep: 9*3600 + 40*60},
			{TripID: "back", StopID: "melton", Seq: 1, Arr: 11*3600 + 30*60, Dep: 11*3600 + 30*60},
			{TripID: "back", StopID: "268060093", Seq: 2, Arr: 11*3600 + 50*60, Dep: 11*3600 + 50*60},
		},
	}
	snap, err := transit.Build(in, transit.BuildOptions{Streets: x.Walk})
	if err != nil {
		t.Fatal(err)
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	acts := []reach.Activity{wednesday(t, "test-melton", "Melton venue (test)", venue)}
	cin := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Activities: acts, Fares: fares,
		Referred: true, KeepSessions: true, Walk: walking, Cells: cellsAround(t, oakham, 8),
		Networks: []coverage.Network{{Snapshot: snap}}}
	onGraph := sessionSets(compute(t, cin, "walker"), len(cin.Cells))
	estimates := cin
	estimates.Walk = nil
	straight := sessionSets(compute(t, estimates, "walker"), len(cin.Cells))
	p, _ := profile.ByID("walker")
	net := reach.Network{Location: london, Transit: snap, Walk: walking, Fares: fares}
	reached, changed := 0, 0
	for i, c := range cin.Cells {
		ans, err := reach.New(net).Reach(ctx, reach.Request{Origin: c.Center, Profile: p, Start: cin.Week, Days: 7,
			RuralKnown: true, Referred: true}, acts)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, it := range ans.Reachable {
			got[it.ActivityID+"@"+it.SessionStart] = true
		}
		if !subset(got, onGraph[i]) {
			t.Errorf("from %s: reach finds %v, coverage counts %v", geo.CellString(c.ID), keys(got), keys(onGraph[i]))
		}
		checkExtra(t, p.ID, c, onGraph[i], ans)
		if len(got) > 0 {
			reached++
		}
		if len(straight[i]) != len(onGraph[i]) {
			changed++
		}
	}
	t.Logf("%d of %d cells get to Melton by bus; straight-line walks to the bus station change %d of them", reached, len(cin.Cells), changed)
	if reached == 0 || changed == 0 {
		t.Error("the test shows nothing: no cell gets there, or the graph changes no cell")
	}
}
