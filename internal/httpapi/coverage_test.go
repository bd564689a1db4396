package httpapi_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
)

// coverageServer loads the island's areas and activities (tileCacheDB), publishes the
// walker's coverage (on foot: the API does not care how it was computed)
// and serves the coverage routes as the API role.
func coverageServer(t *testing.T) *httptest.Server {
	t.Helper()
	imp, api := tileCacheDB(t)
	publishWalker(t, imp)
	r := chi.NewRouter()
	httpapi.CoverageRoutes(r, api)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// publishWalker computes and publishes the walker's coverage (on foot)
// from every activity.
func publishWalker(t *testing.T, db *postgis.DB) {
	t.Helper()
	publishWalkerKeeping(t, db, -1)
}

func getCoverage(t *testing.T, srv *httptest.Server, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

type cellJSON struct {
	HexID             string   `json:"hex_id"`
	Activities        *int     `json:"activities"`
	SessionsPerWeek   *float64 `json:"sessions_per_week"`
	Population        float64  `json:"population"`
	ProfilePopulation *float64 `json:"profile_population"`
	RUC21             *string  `json:"ruc21"`
	IMDDecile         *int     `json:"imd_decile"`
	UnknownShare      *float64 `json:"unknown_share"`
	AssumedShare      *float64 `json:"assumed_share"`
}

func TestCoverageAPI(t *testing.T) {
	srv := coverageServer(t)
	t.Run("cells at res 8 are H3 cells", func(t *testing.T) {
		resp, body := getCoverage(t, srv, "/api/v1/coverage?profile=walker&res=8")
		var cells []cellJSON
		if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &cells) != nil || len(cells) == 0 {
			t.Fatalf("status %d, %d cells: %.200s", resp.StatusCode, len(cells), body)
		}
		pop, covered := 0.0, 0
		for _, c := range cells {
			cell, err := geo.ParseCell(c.HexID)
			if err != nil || geo.CellResolution(cell) != 8 || geo.CellString(cell) != c.HexID {
				t.Fatalf("hex_id %q is not a res-8 H3 cell in H3's own spelling", c.HexID)
			}
			if c.Activities == nil || c.SessionsPerWeek == nil || c.ProfilePopulation == nil || c.UnknownShare == nil || c.AssumedShare == nil {
				t.Fatalf("cell %s lacks a field: %+v", c.HexID, c)
			}
			pop += c.Population
			if *c.Activities > 0 {
				covered++
			}
		}
		if math.Abs(pop-140464) > 140464*0.005 || covered == 0 || covered == len(cells) {
			t.Errorf("res 8: %.0f people, %d of %d cells covered", pop, covered, len(cells))
		}
		if resp.Header.Get("ETag") == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
			t.Errorf("cache headers: %v", resp.Header)
		}
	})
	t.Run("bbox narrows", func(t *testing.T) {
		_, all := getCoverage(t, srv, "/api/v1/coverage?profile=walker&res=9")
		_, west := getCoverage(t, srv, "/api/v1/coverage?profile=walker&res=9&bbox=-1.6,50.5,-1.4,50.8")
		var a, w []cellJSON
		if json.Unmarshal(all, &a) != nil || json.Unmarshal(west, &w) != nil || len(w) == 0 || len(w) >= len(a) {
			t.Errorf("bbox: %d of %d cells", len(w), len(a))
		}
	})
	t.Run("csv", func(t *testing.T) {
		resp, body := getCoverage(t, srv, "/api/v1/coverage?profile=walker&res=7&format=csv")
		recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
		want := "hex_id,activities,sessions_per_week,population,profile_population,ruc21,imd_decile,unknown_share,assumed_share"
		if err != nil || len(recs) < 2 || strings.Join(recs[0], ",") != want || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %v, %d records, header %v", err, len(recs), recs[:min(1, len(recs))])
		}
		if _, err := geo.ParseCell(recs[1][0]); err != nil {
			t.Errorf("first hex_id %q: %v", recs[1][0], err)
		}
	})
	t.Run("totals by ruc add up to the region", func(t *testing.T) { checkTotals(t, srv) })
	t.Run("tiles", func(t *testing.T) { checkTile(t, srv) })
	t.Run("bad requests name the field", func(t *testing.T) { checkBadRequests(t, srv) })
}

type totalsJSON struct {
	Groups []postgis.CoverageTotal `json:"groups"`
	Total  postgis.CoverageTotal   `json:"total"`
}

func checkTotals(t *testing.T, srv *httptest.Server) {
	read := func(by string) totalsJSON {
		resp, body := getCoverage(t, srv, "/api/v1/coverage/totals?profile=walker&by="+by)
		var tj totalsJSON
		if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &tj) != nil || len(tj.Groups) == 0 {
			t.Fatalf("by %s: status %d: %.200s", by, resp.StatusCode, body)
		}
		return tj
	}
	region, ruc := read("region"), read("ruc")
	var people, covered float64
	for _, g := range ruc.Groups {
		people += g.Population
		covered += g.CoveredPopulation
	}
	if len(region.Groups) != 1 || len(ruc.Groups) < 2 || math.Abs(people-region.Groups[0].Population) > 1 ||
		math.Abs(covered-region.Groups[0].CoveredPopulation) > 1 || covered <= 0 || covered >= people {
		t.Errorf("by ruc: %.0f covered of %.0f; by region: %+v", covered, people, region.Groups)
	}
	for _, by := range []string{"imd", "lsoa", "ward"} {
		if tj := read(by); math.Abs(tj.Total.CoveredPopulation-region.Total.CoveredPopulation) > 1 {
			t.Errorf("by %s the total covered is %.0f, by region %.0f", by, tj.Total.CoveredPopulation, region.Total.CoveredPopulation)
		}
	}
	_, body := getCoverage(t, srv, "/api/v1/coverage/totals?profile=walker&by=lsoa&format=csv")
	recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || len(recs) != 89+2 || recs[0][0] != "group" || recs[len(recs)-1][0] != "total" {
		t.Errorf("totals csv: %v, %d records (want a header, 89 LSOAs and the total)", err, len(recs))
	}
}

func checkTile(t *testing.T, srv *httptest.Server) {
	resp, body := getCoverage(t, srv, "/tiles/coverage/walker/10/508/343.mvt")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" || len(body) < 100 {
		t.Fatalf("tile: status %d, %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	if !strings.Contains(string(body), "hex_id") || !strings.Contains(string(body), "coverage") {
		t.Error("the tile lacks the coverage layer or its hex_id property")
	}
	again, _ := getCoverage(t, srv, "/tiles/coverage/walker/10/508/343.mvt", "If-None-Match", resp.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", again.StatusCode)
	}
	if resp, body := getCoverage(t, srv, "/tiles/coverage/walker/10/0/0.mvt"); resp.StatusCode != http.StatusOK || len(body) != 0 {
		t.Errorf("empty tile: status %d, %d bytes", resp.StatusCode, len(body))
	}
}

func checkBadRequests(t *testing.T, srv *httptest.Server) {
	for _, c := range []struct {
		path, field string
		status      int
	}{
		{"/api/v1/coverage?profile=jogger", "profile", 400},
		{"/api/v1/coverage?res=8", "profile", 400},
		{"/api/v1/coverage?profile=walker&res=5", "res", 400},
		{"/api/v1/coverage?profile=walker&res=ten", "res", 400},
		{"/api/v1/coverage?profile=walker&bbox=1,2,3", "bbox", 400},
		{"/api/v1/coverage?profile=walker&bbox=10,50,0,51", "bbox", 400},
		{"/api/v1/coverage?profile=walker&format=xml", "format", 400},
		{"/api/v1/coverage/totals?profile=walker&by=county", "by", 400},
		{"/api/v1/coverage/totals?profile=walker&format=xlsx", "format", 400},
		{"/tiles/coverage/jogger/10/508/343.mvt", "profile", 400},
		{"/tiles/coverage/walker/23/0/0.mvt", "z", 400},
		{"/tiles/coverage/walker/2/4/0.mvt", "x", 400},
		{"/tiles/coverage/walker/2/0/-1.mvt", "y", 400},
		{"/api/v1/coverage?profile=car", "", 404},
		{"/tiles/coverage/wheelchair/10/508/343.mvt", "", 404},
	} {
		resp, body := getCoverage(t, srv, c.path)
		var e struct{ Error, Field string }
		if resp.StatusCode != c.status || json.Unmarshal(body, &e) != nil || e.Field != c.field || e.Error == "" {
			t.Errorf("%s: status %d, %s; want %d naming %q", c.path, resp.StatusCode, body, c.status, c.field)
		}
	}
}

// TestCoverageOpenAPI validates the coverage endpoints' responses, good
// and bad, against the OpenAPI document.
func TestCoverageOpenAPI(t *testing.T) {
	srv := coverageServer(t)
	h := srv.Config.Handler
	a := loadAPIDoc(t)
	for target, want := range map[string]int{
		"/api/v1/coverage?profile=walker":                                200,
		"/api/v1/coverage?profile=walker&res=9&bbox=-1.6,50.5,-1.4,50.8": 200,
		"/api/v1/coverage?profile=walker&res=7&format=csv":               200,
		"/api/v1/coverage?profile=walker&res=5":                          400,
		"/api/v1/coverage?profile=walker&format=xml":                     400,
		"/api/v1/coverage?profile=walker&bbox=north":                     400,
		"/api/v1/coverage?profile=skater":                                400,
		"/api/v1/coverage?profile=car":                                   404,
		"/api/v1/coverage/totals?profile=walker":                         200,
		"/api/v1/coverage/totals?profile=walker&by=imd&format=csv":       200,
		"/api/v1/coverage/totals?profile=walker&by=county":               400,
		"/api/v1/coverage/totals?profile=car":                            404,
		"/tiles/coverage/walker/10/507/347.mvt":                          200,
		"/tiles/coverage/walker/23/0/0.mvt":                              400,
		"/tiles/coverage/skater/10/507/347.mvt":                          400,
		"/tiles/coverage/car/10/507/347.mvt":                             404,
	} {
		if got := a.check(t, h, "GET", target, "").status; got != want {
			t.Errorf("%s: %d, want %d", target, got, want)
		}
	}
	// Revalidating a tile with its ETag is a documented 304.
	tile := "/tiles/coverage/walker/10/507/347.mvt"
	first := a.check(t, h, "GET", tile, "")
	req := httptest.NewRequest("GET", tile, nil)
	req.Header.Set("If-None-Match", first.header.Get("ETag"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	route, params := a.route("GET", req.URL.Path)
	if err := a.validate(req, route, params, response{rec.Code, rec.Header(), rec.Body.Bytes()}); err != nil || rec.Code != http.StatusNotModified {
		t.Errorf("revalidated tile: %d, %v", rec.Code, err)
	}
	// A failing store is a 500 that says nothing of the failure.
	failing := chi.NewRouter()
	httpapi.CoverageRoutes(failing, failingCoverage{})
	for _, target := range []string{"/api/v1/coverage?profile=walker", "/api/v1/coverage/totals?profile=walker", tile} {
		if got := a.check(t, failing, "GET", target, ""); got.status != 500 || strings.Contains(string(got.body), "reset") {
			t.Errorf("%s with a failing store: %d %s", target, got.status, got.body)
		}
	}
	bare := chi.NewRouter()
	httpapi.CoverageRoutes(bare, nil)
	for _, target := range []string{"/api/v1/coverage?profile=walker", "/api/v1/coverage/totals?profile=walker", "/tiles/coverage/walker/10/507/347.mvt"} {
		if got := a.check(t, bare, "GET", target, "").status; got != 503 {
			t.Errorf("%s without a database: %d, want 503", target, got)
		}
	}
}

// failingCoverage is a store whose every read fails.
type failingCoverage struct{}

var errReset = errors.New("connection reset by peer")

func (failingCoverage) CoverageCells(context.Context, string, int, postgis.BBox, int) (postgis.CoverageRunInfo, []postgis.CoverageRow, bool, error) {
	return postgis.CoverageRunInfo{}, nil, false, errReset
}

func (failingCoverage) CoverageTotals(context.Context, string, string) (postgis.CoverageRunInfo, []postgis.CoverageTotal, postgis.CoverageTotal, error) {
	return postgis.CoverageRunInfo{}, nil, postgis.CoverageTotal{}, errReset
}

func (failingCoverage) CoverageTile(context.Context, string, int, int, int, int) (postgis.CoverageRunInfo, []byte, error) {
	return postgis.CoverageRunInfo{}, nil, errReset
}
