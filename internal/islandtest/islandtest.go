// Package islandtest imports the bundled Isle of Wight region, or the
// parts of it a test needs, into a test PostGIS (see postgis/pgtest), with
// the source IDs region.json gives them. It is for the tests of the
// packages that answer over the island — plan, reach, coverage, scenario,
// coveragedb — which used to carry a copy each.
package islandtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Policy is the access policy the tests give the bus feed: region.json's
// (trips accessible and stops boardable where the feed says nothing),
// with a short reason that the tests' expected notes quote.
var Policy = json.RawMessage(`{"assume_trips_accessible": true, "assume_stops_boardable": true, "reason": "PSV Accessibility Regulations"}`)

// Path is rel inside the region's folder, geodata/isle-of-wight of the
// module a test runs in (found from its working directory, its package's
// folder).
func Path(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "geodata", "isle-of-wight", rel)
		}
		up := filepath.Dir(dir)
		if up == dir {
			panic("islandtest: no go.mod above " + dir)
		}
		dir = up
	}
}

// DB opens, as the importer, a fresh test database (pgtest.New), closed
// when the test ends.
func DB(t testing.TB) *postgis.DB {
	t.Helper()
	d := pgtest.New(t)
	db, err := postgis.Open(context.Background(), d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

// ImportAll imports the areas, the bus feed with Policy, the illustrative
// dial-a-ride feed, the museums and the illustrative activities.
func ImportAll(t testing.TB, db *postgis.DB) {
	t.Helper()
	ImportAreas(t, db)
	ImportBus(t, db)
	ImportDialARide(t, db)
	ImportMuseums(t, db)
	ImportActivities(t, db, "activities")
}

// ImportAreas imports the LSOA boundaries with their ONS tables.
func ImportAreas(t testing.TB, db *postgis.DB) {
	t.Helper()
	files, err := postgis.AreaFilesIn(Path("areas"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: "iow-areas", Kind: "areas", Path: "areas", Checksum: "areas"},
		postgis.AreasLoader(files)); err != nil {
		t.Fatal(err)
	}
}

// ImportBus imports the 2019 bus feed as source iow-bus, with Policy.
func ImportBus(t testing.TB, db *postgis.DB) {
	t.Helper()
	importGTFS(t, db, "iow-bus", Path("gtfs/iow-bus-gtfs.zip"), postgis.GTFSOptions{AccessPolicy: Policy})
}

// ImportDialARide imports the illustrative West Wight dial-a-ride feed as
// source iow-dial-a-ride, marked illustrative as region.json marks it.
func ImportDialARide(t testing.TB, db *postgis.DB) {
	t.Helper()
	importGTFS(t, db, "iow-dial-a-ride", Path("dial-a-ride"), postgis.GTFSOptions{Illustrative: true})
}

func importGTFS(t testing.TB, db *postgis.DB, id, path string, opt postgis.GTFSOptions) {
	t.Helper()
	feed, err := gtfs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	if _, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: id, Kind: "gtfs", Path: path, Checksum: id, Illustrative: opt.Illustrative},
		postgis.GTFSLoader(feed, opt)); err != nil {
		t.Fatal(err)
	}
}

// ImportMuseums imports the Mapping Museums extract as source
// mapping-museums-iow.
func ImportMuseums(t testing.TB, db *postgis.DB) {
	t.Helper()
	ImportFile(t, db, "museums", "mapping-museums-iow", Path("museums/mapping-museums.csv"), "museums",
		func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") })
}

// ImportActivities imports the illustrative activities (Open Referral UK)
// as source iow-activities; a checksum other than the last one's makes it
// a new import of the same source.
func ImportActivities(t testing.TB, db *postgis.DB, checksum string) {
	t.Helper()
	ImportFile(t, db, "openreferral", "iow-activities", Path("activities.json"), checksum,
		func(f *os.File) postgis.Loader { return postgis.OpenReferralLoader(f, "activities.json", true) })
}

// ImportFile imports the file at path with the loader made from it.
func ImportFile(t testing.TB, db *postgis.DB, kind, id, path, checksum string, loader func(*os.File) postgis.Loader) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: id, Kind: kind, Path: path, Checksum: checksum}, loader(f)); err != nil {
		t.Fatal(err)
	}
}

// CoverageInput reads back the coverage origins and the published
// activities for the week starting week, people taken as referred: what
// a coverage run on foot or by car needs (no timetable, zones or fares).
func CoverageInput(t testing.TB, db *postgis.DB, week time.Time) coverage.Input {
	t.Helper()
	ctx := context.Background()
	cells, err := db.CoverageOrigins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := db.ReachActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return coverage.Input{Location: week.Location(), Week: week, Cells: cells, Activities: acts, Referred: true}
}

// Timetable reads the bus feed's timetable back, with or without its
// access policy applied.
func Timetable(t testing.TB, db *postgis.DB, withPolicy bool) transit.Input {
	t.Helper()
	in, err := db.TimetableInput(context.Background(), []string{"iow-bus"}, withPolicy)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// Snapshot builds in.
func Snapshot(t testing.TB, in transit.Input) *transit.Snapshot {
	t.Helper()
	s, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
