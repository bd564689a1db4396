package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// Two z10 tiles over the island, both with cells.
const (
	tileA = "/tiles/coverage/walker/10/508/343.mvt"
	tileB = "/tiles/coverage/walker/10/508/344.mvt"
)

// TestCoverageTileCache serves the island's walker coverage with the tile
// cache and checks what it answers against tiles drawn without it.
func TestCoverageTileCache(t *testing.T) {
	imp, api := tileCacheDB(t)
	publishWalkerKeeping(t, imp, -1)
	serve := func(o httpapi.CoverageOptions) *httptest.Server {
		r := chi.NewRouter()
		httpapi.CoverageRoutes(r, api, o)
		srv := httptest.NewServer(r)
		t.Cleanup(srv.Close)
		return srv
	}
	cached, uncached := serve(httpapi.CoverageOptions{}), serve(httpapi.CoverageOptions{TileCacheBytes: -1})
	fresh := func(t *testing.T, path string) []byte { // drawn now, from the published run
		t.Helper()
		resp, body := getCoverage(t, uncached, path)
		if resp.StatusCode != http.StatusOK || len(body) < 100 || resp.Header.Get("Tile-Cache") != "" {
			t.Fatalf("%s without a cache: status %d, %d bytes, Tile-Cache %q", path, resp.StatusCode, len(body), resp.Header.Get("Tile-Cache"))
		}
		return body
	}

	t.Run("a hit returns the same bytes and headers", func(t *testing.T) {
		want := fresh(t, tileA)
		first, b1 := getCoverage(t, cached, tileA)
		second, b2 := getCoverage(t, cached, tileA)
		bypass, b3 := getCoverage(t, cached, tileA, "Cache-Control", "no-cache")
		for _, c := range []struct {
			resp  *http.Response
			body  []byte
			cache string
		}{{first, b1, "miss"}, {second, b2, "hit"}, {bypass, b3, "bypass"}} {
			if c.resp.StatusCode != http.StatusOK || c.resp.Header.Get("Tile-Cache") != c.cache || !bytes.Equal(c.body, want) {
				t.Errorf("want a %s: status %d, Tile-Cache %q, %d bytes (drawn: %d)", c.cache, c.resp.StatusCode, c.resp.Header.Get("Tile-Cache"), len(c.body), len(want))
			}
		}
		for _, h := range []string{"ETag", "Cache-Control", "Coverage-Run", "Coverage-Week", "Content-Type", "Content-Length"} {
			if first.Header.Get(h) == "" || second.Header.Get(h) != first.Header.Get(h) {
				t.Errorf("%s: %q on the miss, %q on the hit", h, first.Header.Get(h), second.Header.Get(h))
			}
		}
		again, body := getCoverage(t, cached, tileA, "If-None-Match", `"other", W/`+first.Header.Get("ETag"))
		if again.StatusCode != http.StatusNotModified || len(body) != 0 || again.Header.Get("ETag") != first.Header.Get("ETag") {
			t.Errorf("revalidation: status %d, %d bytes, ETag %q", again.StatusCode, len(body), again.Header.Get("ETag"))
		}
	})

	t.Run("the bound holds", func(t *testing.T) {
		a, b := fresh(t, tileA), fresh(t, tileB)
		// Room for either tile, not both.
		small := serve(httpapi.CoverageOptions{TileCacheBytes: int64(max(len(a), len(b)) + 200)})
		for i, want := range []string{"miss", "hit", "miss", "miss"} {
			path := []string{tileA, tileA, tileB, tileA}[i]
			resp, body := getCoverage(t, small, path)
			if got := resp.Header.Get("Tile-Cache"); got != want || !bytes.Equal(body, fresh(t, path)) {
				t.Errorf("request %d (%s): Tile-Cache %q, want %q; %d bytes", i+1, path, got, want, len(body))
			}
		}
	})

	t.Run("a newly published run is drawn anew", func(t *testing.T) {
		old, oldBody := getCoverage(t, cached, tileA)
		if old.Header.Get("Tile-Cache") != "hit" {
			t.Fatalf("the tile is not cached yet: %q", old.Header.Get("Tile-Cache"))
		}
		publishWalkerKeeping(t, imp, 1) // one activity only: fewer reachable everywhere
		now, body := getCoverage(t, cached, tileA)
		if now.Header.Get("Tile-Cache") != "miss" || now.Header.Get("Coverage-Run") == old.Header.Get("Coverage-Run") ||
			now.Header.Get("ETag") == old.Header.Get("ETag") {
			t.Errorf("after publishing: Tile-Cache %q, run %s (was %s), ETag %s", now.Header.Get("Tile-Cache"),
				now.Header.Get("Coverage-Run"), old.Header.Get("Coverage-Run"), now.Header.Get("ETag"))
		}
		if want := fresh(t, tileA); !bytes.Equal(body, want) || bytes.Equal(body, oldBody) {
			t.Errorf("after publishing: %d bytes; the new run draws %d, the old run drew %d", len(body), len(want), len(oldBody))
		}
		if stale, _ := getCoverage(t, cached, tileA, "If-None-Match", old.Header.Get("ETag")); stale.StatusCode != http.StatusOK {
			t.Errorf("revalidating with the old run's ETag: status %d, want 200", stale.StatusCode)
		}
		if again, _ := getCoverage(t, cached, tileA); again.Header.Get("Tile-Cache") != "hit" {
			t.Errorf("the new run's tile is not cached: %q", again.Header.Get("Tile-Cache"))
		}
	})
}

// tileCacheDB loads the island's areas and activities into a new test
// database and returns it as the importer and as the API role.
func tileCacheDB(t *testing.T) (imp, api *postgis.DB) {
	t.Helper()
	d := pgtest.New(t)
	imp = open(t, d.ImporterURL)
	islandtest.ImportAreas(t, imp)
	islandtest.ImportActivities(t, imp, "activities")
	return imp, open(t, d.APIURL)
}

// publishWalkerKeeping computes and publishes the walker's coverage (on
// foot) from the first keep activities, or from all when keep < 0.
func publishWalkerKeeping(t *testing.T, db *postgis.DB, keep int) {
	t.Helper()
	ctx := context.Background()
	london, _ := time.LoadLocation("Europe/London")
	in := islandtest.CoverageInput(t, db, time.Date(2026, 12, 7, 0, 0, 0, 0, london))
	if keep >= 0 {
		in.Activities = in.Activities[:min(keep, len(in.Activities))]
	}
	p, _ := profile.ByID("walker")
	res, err := coverage.Compute(ctx, in, p)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := db.CoverageInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveCoverage(ctx, postgis.CoverageRun{Result: res, Profile: p, Inputs: inputs}); err != nil {
		t.Fatal(err)
	}
}
