package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// The routing snapshots walk their footpaths on the OSM pedestrian graph,
// so an OSM import must rebuild them even when no timetable changed; a
// poll that finds nothing new keeps them.
func TestSnapshotsAreRebuiltAfterAnOSMImport(t *testing.T) {
	d := pgtest.New(t)
	ctx := context.Background()
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL})
	if code, _, stderr := runMain(t, ctx, getenv, "load", iowBusRegion(t)); code != 0 {
		t.Fatalf("load: %d %s", code, stderr)
	}
	db, err := postgis.Open(ctx, d.APIURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	pl := plan.New(plan.Options{Workers: 1})
	seen := refreshTimetables(ctx, log, db, pl, map[string]string{})
	first := pl.Snapshot("Europe/London")
	if first == nil {
		t.Fatalf("nothing loaded: %v", seen)
	}
	seen = refreshTimetables(ctx, log, db, pl, seen)
	if pl.Snapshot("Europe/London") != first {
		t.Error("rebuilt although nothing was imported")
	}
	if code, _, stderr := runMain(t, ctx, getenv, "import", "--source", "osm-poa", "osm", "../../testdata/poa/poa_osm.pbf"); code != 0 {
		t.Fatalf("import osm: %d %s", code, stderr)
	}
	next := refreshTimetables(ctx, log, db, pl, seen)
	if pl.Snapshot("Europe/London") == first {
		t.Errorf("not rebuilt after the OSM import: versions %v, then %v", seen, next)
	}
	if v := next["Europe/London"]; !strings.Contains(v, "osm-poa@") {
		t.Errorf("version %q does not name the OSM import", v)
	}
}
