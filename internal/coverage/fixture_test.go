package coverage_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

const iow = "../../geodata/isle-of-wight/"

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
	d := pgtest.New(t)
	db, err := postgis.Open(ctx, d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	importAll(t, db)
	cells, err := db.CoverageOrigins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.AllActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acts := make([]reach.Activity, len(rows))
	for i, r := range rows {
		acts[i] = reach.Activity{Activity: r.Activity, SiteName: r.SiteName, Venue: r.Point, StepFree: r.StepFree, Toilet: r.Toilet}
	}
	zones, err := db.DarZones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	withPolicy, err := db.TimetableInput(ctx, []string{"iow-bus"}, true)
	if err != nil {
		t.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	w := &island{db: db, timetable: withPolicy, in: coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london),
		Cells: cells, Activities: acts, Zones: zones, Fares: fares, Costs: road.DefaultCosts, Referred: true}}
	w.in.Networks = []coverage.Network{{Snapshot: build(t, withPolicy), Strict: build(t, readTimetable(t, db, false))}}
	return w
}

func readTimetable(t testing.TB, db *postgis.DB, withPolicy bool) transit.Input {
	t.Helper()
	in, err := db.TimetableInput(context.Background(), []string{"iow-bus"}, withPolicy)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func build(t testing.TB, in transit.Input) *transit.Snapshot {
	t.Helper()
	s, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func importAll(t testing.TB, db *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	files, err := postgis.AreaFilesIn(iow + "areas")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, postgis.ImportSpec{SourceID: "iow-areas", Kind: "areas", Path: "areas", Checksum: "areas"},
		postgis.AreasLoader(files)); err != nil {
		t.Fatal(err)
	}
	policy := json.RawMessage(`{"assume_trips_accessible": true, "assume_stops_boardable": true, "reason": "PSV Accessibility Regulations"}`)
	importFeed(t, db, "iow-bus", iow+"gtfs/iow-bus-gtfs.zip", policy)
	importFeed(t, db, "iow-dial-a-ride", iow+"dial-a-ride", nil)
	for _, f := range []struct {
		kind, id, path string
		loader         func(*os.File) postgis.Loader
	}{
		{"museums", "mm-iow", iow + "museums/mapping-museums.csv",
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") }},
		{"openreferral", "iow-activities", iow + "activities.json",
			func(f *os.File) postgis.Loader { return postgis.OpenReferralLoader(f, "activities.json", true) }},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Import(ctx, postgis.ImportSpec{SourceID: f.id, Kind: f.kind, Path: f.path, Checksum: f.path}, f.loader(fh))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

func importFeed(t testing.TB, db *postgis.DB, id, path string, policy json.RawMessage) {
	t.Helper()
	feed, err := gtfs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	if _, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: id, Kind: "gtfs", Path: path, Checksum: id},
		postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: policy})); err != nil {
		t.Fatal(err)
	}
}

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
