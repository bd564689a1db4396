package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/scenario"
)

// scenarioDB imports the Isle of Wight (areas, the bus feed with its
// declared policy, the illustrative dial-a-ride zone, the museums and the
// illustrative activities) and publishes the walker's coverage, as the
// importer role, which could write: the test shows scenarios do not.
func scenarioDB(t *testing.T) *postgis.DB {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	files, err := postgis.AreaFilesIn("../../geodata/isle-of-wight/areas")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, postgis.ImportSpec{SourceID: "iow-areas", Kind: "areas", Path: "areas", Checksum: "a"}, postgis.AreasLoader(files)); err != nil {
		t.Fatal(err)
	}
	pol, _ := iowPolicy(t)
	for _, f := range []struct {
		id, path string
		policy   json.RawMessage
	}{{"iow-bus", iowGTFS, pol}, {"iow-dial-a-ride", "../../geodata/isle-of-wight/dial-a-ride", nil}} {
		feed, err := gtfs.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Import(ctx, postgis.ImportSpec{SourceID: f.id, Kind: "gtfs", Path: f.path, Checksum: f.id},
			postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: f.policy}))
		feed.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct {
		kind, id, path string
		loader         func(*os.File) postgis.Loader
	}{
		{"museums", "mapping-museums-iow", "../../geodata/isle-of-wight/museums/mapping-museums.csv",
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") }},
		{"openreferral", "iow-activities", iowActivities,
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
	publishCoverage(t, db, "walker")
	return db
}

// scenarioNow is in a week the illustrative activities run in.
func scenarioNow() time.Time { return time.Date(2026, 12, 9, 12, 0, 0, 0, time.UTC) }

func publishCoverage(t *testing.T, db *postgis.DB, id string) {
	t.Helper()
	ctx := context.Background()
	london, _ := time.LoadLocation(coveragedb.Zone)
	in, err := coveragedb.LoadInput(ctx, db, london, coverage.WeekOf(scenarioNow(), london), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := profile.ByID(id)
	r, err := coverage.Compute(ctx, in, p)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := db.CoverageInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCoverage(ctx, postgis.CoverageRun{Result: r, Profile: p, Inputs: inputs}); err != nil {
		t.Fatal(err)
	}
}

// publishedTables are the published data a scenario must leave alone.
var publishedTables = []string{"source", "import_run", "coverage_run", "coverage_cell", "site", "site_source", "designation",
	"activity", "activity_schedule", "cost_option", "gtfs_feed", "gtfs_stop", "gtfs_route", "gtfs_trip", "gtfs_stop_time",
	"gtfs_calendar", "gtfs_calendar_date", "gtfs_frequency", "dar_zone", "h3_cell"}

// checksums is an md5 of every row of each published table, and its row
// count.
func checksums(t *testing.T, db *postgis.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tbl := range publishedTables {
		var sum string
		var n int
		err := db.Pool.QueryRow(context.Background(), fmt.Sprintf(
			`SELECT coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), ''), count(*) FROM %s t`, tbl)).Scan(&sum, &n)
		if err != nil {
			t.Fatalf("checksum %s: %v", tbl, err)
		}
		out[tbl] = fmt.Sprintf("%s/%d", sum, n)
	}
	return out
}

func scenarioRouter(src httpapi.ScenarioSource) http.Handler {
	r := chi.NewRouter()
	httpapi.ScenarioRoutes(r, src)
	return r
}

func TestScenarioEndpoints(t *testing.T) {
	a := loadAPIDoc(t)
	db := scenarioDB(t)
	before := checksums(t, db)
	if before["coverage_cell"] == "/0" || before["gtfs_stop_time"] == "/0" || before["activity"] == "/0" {
		t.Fatalf("a published table is empty: %v", before)
	}
	src, err := coveragedb.New(db, coveragedb.Options{Now: scenarioNow})
	if err != nil {
		t.Fatal(err)
	}
	h := scenarioRouter(src)
	r := a.check(t, h, http.MethodPost, "/api/v1/scenarios", `{"changes":[{"type":"make_free","activity_id":"x"}]}`)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("before the data loads: %d %s", r.status, r.body)
	}
	loaded, err := src.Refresh(context.Background())
	if err != nil || !loaded {
		t.Fatalf("refresh: %v, %v", loaded, err)
	}
	if again, err := src.Refresh(context.Background()); err != nil || again {
		t.Errorf("a second refresh with nothing imported reloaded (%v, %v)", again, err)
	}
	checkScenarioAnswers(t, a, h, src)
	checkSuggestionAnswers(t, a, h)
	checkScenarioErrors(t, a, h)
	if after := checksums(t, db); !equalMaps(before, after) {
		t.Errorf("scenarios changed the published tables:\nbefore %v\nafter  %v", before, after)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// candidateSite is the id of a site with no activity, from /api/v1/sites'
// store.
func candidateSite(t *testing.T, src *coveragedb.Source) string {
	t.Helper()
	s, err := src.Suggest(context.Background(), scenario.SuggestQuery{Profile: mustProfile("walker"), K: 1})
	if err != nil || len(s.Suggestions) == 0 {
		t.Fatalf("no candidate site: %v", err)
	}
	return s.Suggestions[0].SiteID
}

func mustProfile(id string) profile.Profile {
	p, _ := profile.ByID(id)
	return p
}

func checkScenarioAnswers(t *testing.T, a *apiDoc, h http.Handler, src *coveragedb.Source) {
	t.Helper()
	site := candidateSite(t, src)
	add := `{"type":"add_session","site_id":"` + site + `","days":["wed"],"start":"10:30","end":"12:00","price_pence":0}`
	for _, c := range []struct {
		name, body string
		profiles   int
	}{
		{"one profile", `{"profiles":["bus-pass"],"changes":[` + add + `]}`, 1},
		{"all six", `{"changes":[` + add + `]}`, 6},
		{"network changes", `{"max_cells":3,"changes":[{"type":"step_free_network"},{"type":"add_trip","feed_id":"iow-bus","route_id":"352","depart":"18:30"}]}`, 6},
	} {
		start := time.Now()
		r := a.check(t, h, http.MethodPost, "/api/v1/scenarios", c.body)
		took := time.Since(start)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", c.name, r.status, r.body)
		}
		var ans scenario.Answer
		if err := json.Unmarshal(r.body, &ans); err != nil {
			t.Fatal(err)
		}
		if len(ans.Profiles) != c.profiles || ans.Week != "2026-12-07" || ans.DataVersion == "" || r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d profiles, week %s, version %q", c.name, len(ans.Profiles), ans.Week, ans.DataVersion)
		}
		for _, p := range ans.Profiles {
			if len(p.ChangedCells) > 500 || (strings.Contains(c.body, `"max_cells":3`) && len(p.ChangedCells) > 3) {
				t.Errorf("%s, %s: %d cells listed", c.name, p.Profile, len(p.ChangedCells))
			}
		}
		if c.name != "network changes" && ans.Profiles[0].PeopleGained == 0 {
			t.Errorf("%s: a session at a site with none gives %s nobody", c.name, ans.Profiles[0].Profile)
		}
		t.Logf("%s: %v end to end (profiles: %s)", c.name, took.Round(time.Millisecond), profileTimes(ans))
	}
}

func profileTimes(ans scenario.Answer) string {
	var out []string
	for _, p := range ans.Profiles {
		out = append(out, fmt.Sprintf("%s %d ms, %d/%d activities recomputed, +%.0f/-%.0f people", p.Profile, p.MS,
			p.Recomputed.Activities, p.Recomputed.Of, p.PeopleGained, p.PeopleLost))
	}
	return strings.Join(out, "; ")
}

func checkSuggestionAnswers(t *testing.T, a *apiDoc, h http.Handler) {
	t.Helper()
	for _, target := range []string{"/api/v1/suggestions?profile=bus-pass&k=3", "/api/v1/suggestions?profile=walker",
		"/api/v1/suggestions?profile=walker&bbox=-1.60,50.57,-1.06,50.77"} {
		start := time.Now()
		r := a.check(t, h, http.MethodGet, target, "")
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", target, r.status, r.body)
		}
		var s scenario.Suggestions
		if err := json.Unmarshal(r.body, &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Suggestions) == 0 || s.Candidates == 0 {
			t.Fatalf("%s: no suggestion of %d candidates", target, s.Candidates)
		}
		for _, g := range s.Suggestions {
			if g.Illustrative || len(g.Sources) == 0 || !strings.HasPrefix(g.Sources[0].Source, "mapping-museums") || g.PeopleAdded <= 0 {
				t.Errorf("%s: %+v is not a real museum adding people", target, g)
			}
		}
		t.Logf("%s: %v, %s +%.0f", target, time.Since(start).Round(time.Millisecond), s.Suggestions[0].Name, s.Suggestions[0].PeopleAdded)
	}
	r := a.check(t, h, http.MethodGet, "/api/v1/suggestions?profile=walker&bbox=0,0,1,1", "")
	var s scenario.Suggestions
	if err := json.Unmarshal(r.body, &s); err != nil || r.status != http.StatusOK || s.Candidates != 0 || len(s.Suggestions) != 0 {
		t.Errorf("a box with no site: %d %s", r.status, r.body)
	}
}

func checkScenarioErrors(t *testing.T, a *apiDoc, h http.Handler) {
	t.Helper()
	big := `{"changes":[` + strings.Repeat(`{"type":"make_free","activity_id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},`, 1600) + `]}`
	for _, c := range []struct {
		method, target, body string
		status               int
		field                string
	}{
		{"POST", "/api/v1/scenarios", `{"changes":[`, 400, "(body)"},
		{"POST", "/api/v1/scenarios", `{"changes":[{"type":"add_session","site_id":"1","days":["wed"],"start":"10:30","end":"09:00"}]}`, 400, "changes[0].end"},
		{"POST", "/api/v1/scenarios", `{"profiles":["cyclist"],"changes":[{"type":"make_free","activity_id":"a"}]}`, 400, "profiles[0]"},
		{"POST", "/api/v1/scenarios", `{"changes":[{"type":"make_free","activity_id":"a","days":["mon"]}]}`, 400, "changes[0].days"},
		{"POST", "/api/v1/scenarios", big, 413, "(body)"},
		{"POST", "/api/v1/scenarios", `{"changes":[{"type":"make_free","activity_id":"no-such-activity"}]}`, 422, "changes[0].activity_id"},
		{"POST", "/api/v1/scenarios", `{"changes":[{"type":"add_trip","feed_id":"iow-bus","route_id":"352","trip_id":"nope","depart":"18:00"}]}`, 422, "changes[0].trip_id"},
		{"GET", "/api/v1/suggestions?profile=cyclist", "", 400, "profile"},
		{"GET", "/api/v1/suggestions?profile=walker&k=21", "", 400, "k"},
		{"GET", "/api/v1/suggestions?profile=walker&bbox=1,2,3", "", 400, "bbox"},
	} {
		r := a.check(t, h, c.method, c.target, c.body)
		var e struct{ Error, Field string }
		if err := json.Unmarshal(r.body, &e); err != nil || r.status != c.status || e.Field != c.field || e.Error == "" {
			t.Errorf("%s %s %.80s: %d %s, want %d on %s", c.method, c.target, c.body, r.status, r.body, c.status, c.field)
		}
	}
}

// fakeScenarios answers with err, after checking the deadline it got.
type fakeScenarios struct {
	t   *testing.T
	err error
}

func (f fakeScenarios) Scenario(ctx context.Context, _ scenario.Request) (scenario.Answer, error) {
	f.deadline(ctx)
	return scenario.Answer{}, f.err
}

func (f fakeScenarios) Suggest(ctx context.Context, _ scenario.SuggestQuery) (scenario.Suggestions, error) {
	f.deadline(ctx)
	return scenario.Suggestions{}, f.err
}

func (f fakeScenarios) deadline(ctx context.Context) {
	if d, ok := ctx.Deadline(); !ok || time.Until(d) > 30*time.Second {
		f.t.Errorf("the handler gave no deadline of at most 30 s (%v)", d)
	}
}

// Unavailable data, deadlines and failures: 503 with Retry-After, or 500,
// and nothing of the request in the log.
func TestScenarioFailures(t *testing.T) {
	a := loadAPIDoc(t)
	var logs syncBuffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	body := `{"changes":[{"type":"add_session","site":{"name":"Secret Hall","lat":50.7,"lon":-1.3},"days":["wed"],"start":"10:30","end":"12:00"}]}`
	for _, c := range []struct {
		src    httpapi.ScenarioSource
		status int
		retry  bool
	}{
		{nil, 503, true},
		{fakeScenarios{t, scenario.ErrNotLoaded}, 503, true},
		{fakeScenarios{t, context.DeadlineExceeded}, 503, true},
		{fakeScenarios{t, errors.New("disk on fire")}, 500, false},
	} {
		h := scenarioRouter(c.src)
		for _, r := range []response{a.check(t, h, "POST", "/api/v1/scenarios", body), a.check(t, h, "GET", "/api/v1/suggestions?profile=walker", "")} {
			if r.status != c.status || (r.header.Get("Retry-After") != "") != c.retry || bytes.Contains(r.body, []byte("fire")) {
				t.Errorf("%T %v: %d %v %s", c.src, c.src, r.status, r.header, r.body)
			}
		}
	}
	if !strings.Contains(logs.String(), "disk on fire") || strings.Contains(logs.String(), "Secret Hall") || strings.Contains(logs.String(), "50.7") {
		t.Errorf("the log holds the request or misses the failure:\n%s", logs.String())
	}
}
