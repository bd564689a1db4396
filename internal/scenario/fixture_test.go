package scenario

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// island is the Isle of Wight World as read from a real PostGIS (the
// areas, the bus timetable with its access policy, the illustrative
// dial-a-ride zone, the museums and the illustrative activities), for the
// week of 7 December 2026. internal/coveragedb reads the same way; this
// package cannot import it (it imports this one).
func island(t testing.TB) World {
	t.Helper()
	ctx := context.Background()
	db := islandtest.DB(t)
	islandtest.ImportAll(t, db)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	in := coverage.Input{Location: london, Week: time.Date(2026, 12, 7, 0, 0, 0, 0, london), Costs: road.DefaultCosts, Referred: true}
	if in.Cells, err = db.CoverageOrigins(ctx); err != nil {
		t.Fatal(err)
	}
	if in.Activities, err = db.ReachActivities(ctx); err != nil {
		t.Fatal(err)
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
	return islandtest.Snapshot(t, islandtest.Timetable(t, db, withPolicy))
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
