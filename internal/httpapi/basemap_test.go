package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// iowBasemap loads the island as `threshold load` would for the basemap
// (areas, the bus feed with its policy, NaPTAN, museums) and returns it as
// the API role reads it.
func iowBasemap(t *testing.T) *postgis.DB {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	if err := imp.SaveRegion(ctx, postgis.Region{ID: "isle-of-wight", Name: "Isle of Wight", Timezone: "Europe/London", Manifest: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	files, err := postgis.AreaFilesIn("../../geodata/isle-of-wight/areas")
	if err != nil {
		t.Fatal(err)
	}
	run := func(spec postgis.ImportSpec, l postgis.Loader) {
		t.Helper()
		spec.RegionID, spec.Checksum = "isle-of-wight", "t"
		if _, err := imp.Import(ctx, spec, l); err != nil {
			t.Fatal(err)
		}
	}
	run(postgis.ImportSpec{SourceID: "iow-areas", Kind: "areas", Path: "areas"}, postgis.AreasLoader(files))
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	pol, _ := iowPolicy(t)
	run(postgis.ImportSpec{SourceID: "iow-bus", Kind: "gtfs", Path: iowGTFS}, postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: pol}))
	for _, f := range []struct{ id, kind, path string }{
		{"naptan-230", "naptan", "../../geodata/isle-of-wight/naptan/230Stops.csv"},
		{"mm-iow", "museums", "../../geodata/isle-of-wight/museums/mapping-museums.csv"},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		l := postgis.NaPTANLoader(fh, "230Stops.csv")
		if f.kind == "museums" {
			l = postgis.MuseumsLoader(fh, "mapping-museums.csv", "")
		}
		run(postgis.ImportSpec{SourceID: f.id, Kind: f.kind, Path: f.path}, l)
		fh.Close()
	}
	return open(t, d.APIURL)
}

func basemapRouter(src httpapi.BasemapSource) http.Handler {
	r := chi.NewRouter()
	httpapi.BasemapRoutes(r, src)
	return r
}

// withHeader sends every request to h with one more header.
func withHeader(h http.Handler, key, value string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set(key, value)
		h.ServeHTTP(w, r)
	})
}

var rydePoint = orb.Point{-1.1619, 50.7296}

func TestBasemapEndpoints(t *testing.T) {
	a := loadAPIDoc(t)
	h := basemapRouter(iowBasemap(t))
	t.Run("tiles", func(t *testing.T) { checkBaseTiles(t, a, h) })
	t.Run("description", func(t *testing.T) { checkBasemapInfo(t, a, h) })
	t.Run("places", func(t *testing.T) { checkPlaces(t, a, h) })
	t.Run("unconfigured", func(t *testing.T) {
		bare := basemapRouter(nil)
		for _, target := range []string{"/tiles/base/10/508/344.mvt", "/api/v1/basemap", "/api/v1/places?q=ryde"} {
			if r := a.check(t, bare, "GET", target, ""); r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
				t.Errorf("%s without a source: %d", target, r.status)
			}
		}
	})
	t.Run("busy", func(t *testing.T) {
		busy := basemapRouter(failingBasemap{&postgis.Error{Kind: postgis.KindUnavailable, Msg: "canceling statement due to statement timeout"}})
		broken := basemapRouter(failingBasemap{&postgis.Error{Kind: postgis.KindInternal, Msg: "relation does not exist"}})
		for _, target := range []string{"/tiles/base/10/508/344.mvt", "/api/v1/basemap", "/api/v1/places?q=ryde"} {
			if r := a.check(t, busy, "GET", target, ""); r.status != http.StatusServiceUnavailable {
				t.Errorf("%s timed out: %d", target, r.status)
			}
			if r := a.check(t, broken, "GET", target, ""); r.status != http.StatusInternalServerError || strings.Contains(string(r.body), "relation") {
				t.Errorf("%s broken: %d %s", target, r.status, r.body)
			}
		}
	})
}

func checkBaseTiles(t *testing.T, a *apiDoc, h http.Handler) {
	tile := maptile.At(rydePoint, 10)
	target := "/tiles/base/10/" + strconv.Itoa(int(tile.X)) + "/" + strconv.Itoa(int(tile.Y)) + ".mvt"
	r := a.check(t, h, "GET", target, "")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Fatalf("%s: %d %s", target, r.status, r.header.Get("Content-Type"))
	}
	etag := r.header.Get("ETag")
	if !strings.HasPrefix(etag, `"base-`) || r.header.Get("Cache-Control") != "public, max-age=600" {
		t.Errorf("headers %v", r.header)
	}
	layers, err := mvt.Unmarshal(r.body)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	if !slices.Equal(names, []string{"land", "routes", "places"}) {
		t.Errorf("layers at zoom 10 over Ryde: %v", names)
	}
	// Revalidation: the same ETag is not modified; another is rendered.
	if r := a.check(t, withHeader(h, "If-None-Match", etag), "GET", target, ""); r.status != http.StatusNotModified || len(r.body) != 0 {
		t.Errorf("If-None-Match %s: %d", etag, r.status)
	}
	if r := a.check(t, withHeader(h, "If-None-Match", `"base-0.0"`), "GET", target, ""); r.status != http.StatusOK {
		t.Errorf("a stale ETag: %d", r.status)
	}
	// Nothing loaded there: an empty tile, still cacheable.
	atlantic := maptile.At(orb.Point{-30, 45}, 8)
	if r := a.check(t, h, "GET", "/tiles/base/8/"+strconv.Itoa(int(atlantic.X))+"/"+strconv.Itoa(int(atlantic.Y))+".mvt", ""); r.status != http.StatusNoContent || r.header.Get("ETag") != etag {
		t.Errorf("atlantic: %d %v", r.status, r.header)
	}
	for target, field := range map[string]string{
		"/tiles/base/17/0/0.mvt": "z", "/tiles/base/-1/0/0.mvt": "z", "/tiles/base/a/0/0.mvt": "z",
		"/tiles/base/2/4/0.mvt": "x", "/tiles/base/2/0/4.mvt": "y", "/tiles/base/2/0/1.png": "y", "/tiles/base/2/0/1": "y",
	} {
		r := a.check(t, h, "GET", target, "")
		var body struct{ Field string }
		if err := json.Unmarshal(r.body, &body); err != nil || r.status != http.StatusBadRequest || body.Field != field {
			t.Errorf("%s: %d %s, want 400 on %s", target, r.status, r.body, field)
		}
	}
}

func checkBasemapInfo(t *testing.T, a *apiDoc, h http.Handler) {
	r := a.check(t, h, "GET", "/api/v1/basemap", "")
	var body struct {
		Bounds  []float64
		Regions []struct {
			ID     string
			Bounds []float64
		}
		Tiles       string
		MinZoom     int
		MaxZoom     int
		Layers      []string
		Attribution []struct{ Source, Text, Licence, URL string }
	}
	if err := json.Unmarshal(r.body, &body); err != nil || r.status != http.StatusOK {
		t.Fatalf("%d %s: %v", r.status, r.body, err)
	}
	in := func(b []float64, p orb.Point) bool {
		return len(b) == 4 && b[0] <= p[0] && p[0] <= b[2] && b[1] <= p[1] && p[1] <= b[3]
	}
	if !in(body.Bounds, rydePoint) || len(body.Regions) != 1 || body.Regions[0].ID != "isle-of-wight" || !in(body.Regions[0].Bounds, rydePoint) {
		t.Errorf("bounds %v, regions %+v", body.Bounds, body.Regions)
	}
	if body.Tiles != "/tiles/base/{z}/{x}/{y}.mvt" || body.MinZoom != 0 || body.MaxZoom != 16 || !slices.Equal(body.Layers, postgis.BaseLayers()) {
		t.Errorf("tiles %q zooms %d-%d layers %v", body.Tiles, body.MinZoom, body.MaxZoom, body.Layers)
	}
	var sources []string
	for _, at := range body.Attribution {
		sources = append(sources, at.Source)
	}
	for _, want := range []string{"ons", "gtfs", "naptan", "museums"} {
		if !slices.Contains(sources, want) {
			t.Errorf("no %s credit: %+v", want, body.Attribution)
		}
	}
}

func checkPlaces(t *testing.T, a *apiDoc, h http.Handler) {
	type hit struct {
		ID, Name, Kind, Detail string
		Lat, Lon               float64
	}
	search := func(target string) []hit {
		t.Helper()
		r := a.check(t, h, "GET", target, "")
		var body struct{ Places []hit }
		if err := json.Unmarshal(r.body, &body); err != nil || r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", target, r.status, r.body)
		}
		if r.header.Get("Cache-Control") != "private, max-age=300" {
			t.Errorf("%s: Cache-Control %q", target, r.header.Get("Cache-Control"))
		}
		return body.Places
	}
	hits := search("/api/v1/places?q=Ryde")
	if len(hits) == 0 || hits[0].Name != "Ryde" || hits[0].Kind != "locality" || len(hits) > 10 {
		t.Fatalf("ryde: %+v", hits)
	}
	if d := (orb.Point{hits[0].Lon, hits[0].Lat}); d[0] < -1.2 || d[0] > -1.1 || d[1] < 50.7 || d[1] > 50.75 {
		t.Errorf("Ryde at %v", d)
	}
	kinds := map[string]bool{}
	for _, x := range search("/api/v1/places?q=ryde&limit=50") {
		kinds[x.Kind] = true
	}
	for _, k := range []string{"locality", "place", "site", "stop"} {
		if !kinds[k] {
			t.Errorf("no %s for ryde: %v", k, kinds)
		}
	}
	if n := len(search("/api/v1/places?q=bus+station&limit=2")); n != 2 {
		t.Errorf("limit 2: %d", n)
	}
	if got := search("/api/v1/places?q=%25%25"); len(got) != 0 {
		t.Errorf("%%%%: %+v", got)
	}
	for target, field := range map[string]string{
		"/api/v1/places": "q", "/api/v1/places?q=r": "q", "/api/v1/places?q=+r+": "q",
		"/api/v1/places?q=" + strings.Repeat("a", 101): "q", "/api/v1/places?q=ry%00de": "q",
		"/api/v1/places?q=ryde&limit=0": "limit", "/api/v1/places?q=ryde&limit=51": "limit", "/api/v1/places?q=ryde&limit=x": "limit",
	} {
		r := a.check(t, h, "GET", target, "")
		var body struct{ Error, Field string }
		if err := json.Unmarshal(r.body, &body); err != nil || r.status != http.StatusBadRequest || body.Field != field {
			t.Errorf("%.60s: %d %s, want 400 on %s", target, r.status, r.body, field)
		}
		if strings.Contains(body.Error, "aaaa") || strings.Contains(body.Error, "ry") {
			t.Errorf("the error repeats the query: %q", body.Error)
		}
	}
}

// failingBasemap fails every call with err.
type failingBasemap struct{ err error }

func (f failingBasemap) BaseTileVersion(context.Context) (string, error) { return "", f.err }
func (f failingBasemap) BaseTile(context.Context, int, int, int) (postgis.BaseTile, error) {
	return postgis.BaseTile{}, f.err
}
func (f failingBasemap) Basemap(context.Context) (postgis.BasemapInfo, error) {
	return postgis.BasemapInfo{}, f.err
}
func (f failingBasemap) SearchPlaces(context.Context, string, int) ([]postgis.PlaceHit, error) {
	return nil, f.err
}
