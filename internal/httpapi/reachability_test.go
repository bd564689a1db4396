package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/reachdb"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// iowReacher loads the Isle of Wight region (areas, timetable with its
// policy, museums, activities, the region's known limits) into a fresh
// database and returns the reachability service the server would run.
func iowReacher(t testing.TB) httpapi.Reacher {
	t.Helper()
	r, _, _ := iowReacherDB(t)
	return r
}

// iowReacherDB loads the island (areas, bus timetable, museums,
// activities) into a fresh database and returns the reachability service
// over it with the database as the importer and as the API role.
func iowReacherDB(t testing.TB) (httpapi.Reacher, *postgis.DB, *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	files, err := postgis.AreaFilesIn("../../geodata/isle-of-wight/areas")
	if err != nil {
		t.Fatal(err)
	}
	spec := func(id, kind string) postgis.ImportSpec {
		return postgis.ImportSpec{SourceID: id, Kind: kind, Path: id, Checksum: id, RegionID: "isle-of-wight"}
	}
	if _, err := imp.Import(ctx, spec("iow-areas", "areas"), postgis.AreasLoader(files)); err != nil {
		t.Fatal(err)
	}
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	pol, _ := iowPolicy(t)
	if _, err := imp.Import(ctx, spec("iow-bus", "gtfs"), postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: pol})); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		id, kind, path string
		loader         func(*os.File) postgis.Loader
	}{
		{"mm-iow", "museums", "../../geodata/isle-of-wight/museums/mapping-museums.csv",
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") }},
		{"iow-activities", "openreferral", iowActivities,
			func(f *os.File) postgis.Loader { return postgis.OpenReferralLoader(f, "activities.json", true) }},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = imp.Import(ctx, spec(f.id, f.kind), f.loader(fh))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	var manifest struct {
		KnownLimits []string `json:"known_limits"`
	}
	b, err := os.ReadFile("../../geodata/isle-of-wight/region.json")
	if err != nil || json.Unmarshal(b, &manifest) != nil {
		t.Fatalf("region manifest: %v", err)
	}
	if err := imp.SaveRegion(ctx, postgis.Region{ID: "isle-of-wight", Name: "Isle of Wight", Timezone: "Europe/London",
		KnownLimits: manifest.KnownLimits, Manifest: b}); err != nil {
		t.Fatal(err)
	}
	api := open(t, d.APIURL)
	in, err := api.TimetableInput(ctx, []string{"iow-bus"}, true)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pl := plan.New(plan.Options{})
	pl.Replace(map[string]*transit.Snapshot{"Europe/London": snap})
	src, err := reachdb.New(ctx, api, pl)
	if err != nil {
		t.Fatal(err)
	}
	return &reach.Service{Catalog: src, Areas: src, Networks: src, Describer: src, Now: func() time.Time { return december }}, imp, api
}

func reachBody(origin, profile, extra string) string {
	return `{"origin": ` + origin + `, "profile": ` + profile + `, "start_date": "2026-12-07"` + extra + `}`
}

func postTo(t *testing.T, h http.Handler, path, body string) response {
	t.Helper()
	return a0(t).check(t, h, "POST", path, body)
}

// a0 is a validator for tests outside TestOpenAPI: every response checked
// against the document too.
func a0(t *testing.T) *apiDoc { return loadAPIDoc(t) }

func TestReachabilityEndpoint(t *testing.T) {
	var logBuf syncBuffer
	h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(&logBuf, nil)), Reacher: iowReacher(t)})
	rydeHome := `{"lat": 50.7296, "lon": -1.1619}`
	r := postTo(t, h, "/api/v1/reachability", reachBody(rydeHome, `"walker"`, ""))
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var ans struct {
		Reachable  []map[string]any `json:"reachable"`
		NearMisses []map[string]any `json:"near_misses"`
		Data       struct {
			Region struct {
				KnownLimits []string `json:"known_limits"`
			} `json:"region"`
			MaxJourneySource string `json:"max_journey_source"`
		} `json:"data"`
	}
	if err := json.Unmarshal(r.body, &ans); err != nil {
		t.Fatal(err)
	}
	if len(ans.Reachable) == 0 || len(ans.NearMisses) == 0 {
		t.Fatalf("%d reachable, %d near misses", len(ans.Reachable), len(ans.NearMisses))
	}
	for _, it := range append(ans.Reachable, ans.NearMisses...) {
		if it["illustrative"] != true || it["activity_id"] == "" || !strings.Contains(it["session_start"].(string), "T") {
			t.Errorf("item %v", it)
		}
	}
	if !strings.Contains(strings.Join(ans.Data.Region.KnownLimits, " "), "2019 subset of 8 local bus routes") {
		t.Errorf("data does not state the timetable's known limit: %v", ans.Data.Region.KnownLimits)
	}
	if !strings.Contains(ans.Data.MaxJourneySource, "RUC 2021") {
		t.Errorf("max journey source %q: the home area's rurality was not used", ans.Data.MaxJourneySource)
	}

	for _, c := range []struct {
		body, field string
		status      int
	}{
		{reachBody(`{"lat": 95, "lon": -1.16}`, `"walker"`, ""), "origin", 400},
		{`{"profile": "walker"}`, "origin", 400},
		{reachBody(rydeHome, `"jogger"`, ""), "profile", 400},
		{reachBody(rydeHome, `{"base_id": "walker", "max_walk_m": -5}`, ""), "profile.max_walk_m", 400},
		{reachBody(rydeHome, `"walker"`, `, "days": 40`), "days", 400},
		{`{"origin": ` + rydeHome + `, "profile": "walker", "start_date": "7/12/2026"}`, "start_date", 400},
		{`{"origin": ` + rydeHome + `, "profile": "walker", "colour": "blue"}`, "colour", 400},
		{`{"origin": `, "(body)", 400},
		{reachBody(`{"lat": 50.0, "lon": -20.0}`, `"walker"`, ""), "origin", 422},
	} {
		r := postTo(t, h, "/api/v1/reachability", c.body)
		var e struct{ Error, Field string }
		_ = json.Unmarshal(r.body, &e)
		if r.status != c.status || e.Field != c.field {
			t.Errorf("%.70s: %d %s, want %d naming %q", c.body, r.status, r.body, c.status, c.field)
		}
	}
	// Nothing of a request reaches the log: coordinates, profile ids.
	for _, b := range []string{
		reachBody(`{"lat": 50.712345678, "lon": -1.198765432}`, `"wheelchair"`, ""),
		reachBody(`{"lat": 49.123456789, "lon": -20.987654321}`, `"bus-pass"`, ""),
		reachBody(`{"lat": 95.123456789, "lon": -1.987654321}`, `"walker"`, ""),
	} {
		postTo(t, h, "/api/v1/reachability", b)
	}
	out := logBuf.String()
	if !strings.Contains(out, `"path":"/api/v1/reachability"`) {
		t.Fatalf("no access log lines: %s", out)
	}
	for _, s := range []string{"712345678", "198765432", "123456789", "987654321", "wheelchair", "bus-pass", "walker"} {
		if strings.Contains(out, s) {
			t.Errorf("the log holds %q", s)
		}
	}
}

func TestReachabilityDeadlineIs503(t *testing.T) {
	h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Reacher: slowReacher{}, ReachTimeout: 20 * time.Millisecond})
	r := postTo(t, h, "/api/v1/reachability", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"walker"`, ""))
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

// slowReacher stands in for a computation past its deadline.
type slowReacher struct{}

func (slowReacher) Answer(ctx context.Context, _ reach.Query) (reach.Response, error) {
	<-ctx.Done()
	return reach.Response{}, ctx.Err()
}

// TestReachabilityQueueIsBounded: with one answer computed at a time, a
// request that waits past its deadline for its turn gets 503 with
// Retry-After without being computed at all, and the next request after
// the place is freed is answered.
func TestReachabilityQueueIsBounded(t *testing.T) {
	hold := &holdingReacher{entered: make(chan struct{}), release: make(chan struct{})}
	h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Reacher: hold,
		ReachTimeout: 200 * time.Millisecond, ReachConcurrency: 1})
	body := reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"walker"`, "")
	first := make(chan int)
	go func() { first <- postTo(t, h, "/api/v1/reachability", body).status }()
	<-hold.entered // the first request holds the only place
	r := postTo(t, h, "/api/v1/reachability", body)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Fatalf("a request queued past its deadline: %d %q %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	if n := hold.calls.Load(); n != 1 {
		t.Fatalf("%d answers computed, want only the first", n)
	}
	close(hold.release)
	if s := <-first; s != http.StatusOK {
		t.Fatalf("the first request: %d", s)
	}
	if r := postTo(t, h, "/api/v1/reachability", body); r.status != http.StatusOK || hold.calls.Load() != 2 {
		t.Fatalf("after the place was freed: %d, %d answers computed", r.status, hold.calls.Load())
	}
}

// holdingReacher answers only once release is closed, whatever its
// deadline says, announcing its first call on entered.
type holdingReacher struct {
	calls   atomic.Int32
	entered chan struct{}
	release chan struct{}
}

func (h *holdingReacher) Answer(context.Context, reach.Query) (reach.Response, error) {
	if h.calls.Add(1) == 1 {
		close(h.entered)
	}
	<-h.release
	return reach.Response{Reachable: []reach.Item{}, NearMisses: []reach.Item{}, Data: map[string]any{}}, nil
}
