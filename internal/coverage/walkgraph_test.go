package coverage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
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
	x, err := osm.ReadFile(ctx, islandtest.Path("../rutland/osm/rutland-2022-07-20.osm.pbf"), osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
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
	centre, err := geo.Cell(castle, 9)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := geo.CellNeighbours(centre, 8)
	if err != nil {
		t.Fatal(err)
	}
	in := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Activities: acts,
		Referred: true, KeepSessions: true, Walk: walking}
	for _, id := range ids {
		c, err := geo.CellCenter(id)
		if err != nil {
			t.Fatal(err)
		}
		in.Cells = append(in.Cells, coverage.Cell{ID: id, Center: c, RuralKnown: true, Population: 1, Age65Plus: 1, Disabled: 1})
	}
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
