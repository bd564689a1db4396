package coverage_test

import (
	"context"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// island is the Isle of Wight as coverage reads it from a real PostGIS:
// areas, the bus timetable with its access policy, the illustrative
// dial-a-ride zone, the museums and the illustrative activities.
type island struct {
	db *postgis.DB
	in coverage.Input
	// timetable is the bus feed's input with its policy, for variants.
	timetable transit.Input
}

func loadIsland(t testing.TB) *island {
	t.Helper()
	ctx := context.Background()
	db := islandtest.DB(t)
	islandtest.ImportAll(t, db)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	in := islandtest.CoverageInput(t, db, time.Date(2026, 12, 7, 0, 0, 0, 0, london))
	zones, err := db.DarZones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	withPolicy := islandtest.Timetable(t, db, true)
	in.Zones, in.Fares, in.Costs = zones, fares, road.DefaultCosts
	w := &island{db: db, timetable: withPolicy, in: in}
	w.in.Networks = []coverage.Network{{Snapshot: build(t, withPolicy), Strict: build(t, islandtest.Timetable(t, db, false))}}
	return w
}

// build is islandtest.Snapshot, short for the tests that vary a timetable.
func build(t testing.TB, in transit.Input) *transit.Snapshot { return islandtest.Snapshot(t, in) }

// compute runs one standard profile over the island.
func compute(t testing.TB, in coverage.Input, id string) coverage.Result {
	t.Helper()
	p, ok := profile.ByID(id)
	if !ok {
		t.Fatalf("no standard profile %q", id)
	}
	r, err := coverage.Compute(context.Background(), in, p)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return r
}

// sessionSets turns a result's reached sessions into one set per cell
// index, keyed activity@start as reach's items are.
func sessionSets(r coverage.Result, cells int) []map[string]bool {
	out := make([]map[string]bool, cells)
	for i := range out {
		out[i] = map[string]bool{}
	}
	for _, s := range r.Reached {
		k := s.ActivityID + "@" + s.Start.Format(time.RFC3339)
		for _, ci := range s.Cells {
			out[ci][k] = true
		}
	}
	return out
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// testSession is a free, illustrative test activity at venue with one
// weekly session (see weekly), named site plus " (test session)".
func testSession(t *testing.T, id, site string, venue orb.Point, day, opens, closes string) reach.Activity {
	t.Helper()
	free := heritage.CostOption{Amount: new(int64), Confidence: heritage.ConfidenceKnown}
	return reach.Activity{
		Activity: heritage.Activity{ID: id, Name: site + " (test session)", Kind: "object_handling", Illustrative: true,
			Costs: []heritage.CostOption{free}, Schedules: []heritage.Schedule{weekly(t, day, opens, closes)}},
		SiteName: site, Venue: venue, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
	}
}
