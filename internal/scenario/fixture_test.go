package scenario

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

const iow = "../../geodata/isle-of-wight/"

// island is the Isle of Wight World as read from a real PostGIS (the
// areas, the bus timetable with its access policy, the illustrative
// dial-a-ride zone, the museums and the illustrative activities), for the
// week of 7 December 2026. internal/coveragedb reads the same way; this
// package cannot import it (it imports this one).
func island(t testing.TB) World {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	db, err := postgis.Open(ctx, d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	importAll(t, db)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	in := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Costs: road.DefaultCosts, Referred: true}
	if in.Cells, err = db.CoverageOrigins(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := db.AllActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		in.Activities = append(in.Activities, reach.Activity{Activity: r.Activity, SiteName: r.SiteName, Venue: r.Point, StepFree: r.StepFree, Toilet: r.Toilet})
	}
	if in.Zones, err = db.DarZones(ctx); err != nil {
		t.Fatal(err)
	}
	if in.Fares, err = fare.New(fare.DefaultEngland(), nil); err != nil {
		t.Fatal(err)
	}
	in.Networks = []coverage.Network{{Snapshot: timetable(t, db, true), Strict: timetable(t, db, false)}}
	return World{Input: in, Sites: sites(t, db), Version: "test"}
}

func timetable(t testing.TB, db *postgis.DB, withPolicy bool) *transit.Snapshot {
	t.Helper()
	in, err := db.TimetableInput(context.Background(), []string{"iow-bus"}, withPolicy)
	if err != nil {
		t.Fatal(err)
	}
	s, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sites(t testing.TB, db *postgis.DB) []Site {
	t.Helper()
	rows, err := db.AllSites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []Site
	for _, r := range rows {
		s := r.Site
		out = append(out, Site{ID: s.ID, Name: s.Name, Kind: string(s.Kind), Point: s.Point, StepFree: s.Access.StepFreeEntrance,
			Toilet: s.Access.AccessibleToilet, Illustrative: s.Illustrative, HasActivity: r.Activities > 0,
			Sources: s.SourceKeys, Designations: s.Designations})
	}
	return out
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
		{"museums", "mapping-museums-iow", iow + "museums/mapping-museums.csv",
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

// parse reads a request body or fails the test.
func parse(t testing.TB, body string) Request {
	t.Helper()
	req, err := ParseRequest([]byte(body))
	if err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return req
}

// withoutActivitiesAt is w with the activities of the sites given
// removed and those sites marked as having none: more candidates for
// suggestions, all of them real museums.
func withoutActivitiesAt(w World, siteIDs []string) World {
	out := w
	out.Sites = slices.Clone(w.Sites)
	var names []string
	for i := range out.Sites {
		if slices.Contains(siteIDs, out.Sites[i].ID) {
			out.Sites[i].HasActivity = false
			names = append(names, out.Sites[i].Name)
		}
	}
	// An activity's venue is its site (by name: its SiteID is the source's
	// location id).
	out.Input.Activities = slices.DeleteFunc(slices.Clone(w.Input.Activities), func(a reach.Activity) bool {
		return slices.Contains(names, a.SiteName)
	})
	return out
}
