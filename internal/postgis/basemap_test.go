package postgis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// Points the basemap tests look at.
var (
	ryde   = orb.Point{-1.1619, 50.7296}
	oakham = orb.Point{-0.7280, 52.6700}
	solent = orb.Point{-1.2000, 50.7800} // sea between the island and the mainland
)

// basemapRegions imports, as `threshold load` would, the Isle of Wight's
// areas, bus feed (with its declared access policy), NaPTAN stops and
// museums, and Rutland's areas, OpenStreetMap extract, NaPTAN stops and
// museums, and returns the database as the importer and as the API role.
func basemapRegions(t *testing.T) (imp, api *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp = open(t, d.ImporterURL)
	for _, r := range []postgis.Region{{ID: "isle-of-wight", Name: "Isle of Wight"}, {ID: "rutland", Name: "Rutland"}} {
		r.Timezone, r.Manifest = "Europe/London", []byte(`{}`)
		if err := imp.SaveRegion(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	importRegionAreas(t, imp, "iow-areas", "isle-of-wight", iowAreas)
	importRegionAreas(t, imp, "rutland-areas", "rutland", rutlandAreas)
	importIoWBus(t, imp)
	for _, n := range []struct{ id, region, path string }{
		{"naptan-230", "isle-of-wight", "../../geodata/isle-of-wight/naptan/230Stops.csv"},
		{"naptan-268", "rutland", "../../geodata/rutland/naptan/268Stops.csv"},
	} {
		importFile(t, imp, postgis.ImportSpec{SourceID: n.id, Kind: "naptan", RegionID: n.region, Path: n.path, Checksum: "t",
			Attribution: "Contains public sector information licensed under the Open Government Licence v3.0 (NaPTAN, Department for Transport)."},
			func(f *os.File) postgis.Loader { return postgis.NaPTANLoader(f, "stops.csv") })
	}
	for _, m := range []struct{ id, region, path string }{
		{"mm-iow", "isle-of-wight", "../../geodata/isle-of-wight/museums/mapping-museums.csv"},
		{"mm-rutland", "rutland", "../../geodata/rutland/museums/mapping-museums.csv"},
	} {
		importFile(t, imp, postgis.ImportSpec{SourceID: m.id, Kind: "museums", RegionID: m.region, Path: m.path, Checksum: "t"},
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") })
	}
	x, err := osm.ReadFile(ctx, rutlandPBF, osm.Options{Edges: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := imp.Import(ctx, postgis.ImportSpec{SourceID: "osm-rutland", Kind: "osm", RegionID: "rutland", Path: rutlandPBF, Checksum: "t",
		Attribution: "(c) OpenStreetMap contributors, ODbL 1.0; extract by Geofabrik GmbH."}, postgis.OSMLoader(x, "rutland.osm.pbf")); err != nil {
		t.Fatal(err)
	}
	return imp, open(t, d.APIURL)
}

func importRegionAreas(t *testing.T, db *postgis.DB, id, region, dir string) {
	t.Helper()
	files, err := postgis.AreaFilesIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	spec := postgis.ImportSpec{SourceID: id, Kind: "areas", RegionID: region, Path: dir, Checksum: filesChecksum(t, files)}
	if _, err := db.Import(context.Background(), spec, postgis.AreasLoader(files)); err != nil {
		t.Fatal(err)
	}
}

func importFile(t *testing.T, db *postgis.DB, spec postgis.ImportSpec, loader func(*os.File) postgis.Loader) {
	t.Helper()
	f, err := os.Open(spec.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := db.Import(context.Background(), spec, loader(f)); err != nil {
		t.Fatal(err)
	}
}

// importIoWBus imports the island's bus feed with the access policy its
// region manifest declares.
func importIoWBus(t *testing.T, db *postgis.DB) {
	t.Helper()
	b, err := os.ReadFile("../../geodata/isle-of-wight/region.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Imports []struct {
			Source       string          `json:"source"`
			Attribution  string          `json:"attribution"`
			AccessPolicy json.RawMessage `json:"access_policy"`
		} `json:"imports"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(m.Imports, func(im struct {
		Source       string          `json:"source"`
		Attribution  string          `json:"attribution"`
		AccessPolicy json.RawMessage `json:"access_policy"`
	}) bool {
		return im.Source == "iow-bus"
	})
	if i < 0 || len(m.Imports[i].AccessPolicy) == 0 {
		t.Fatal("no iow-bus import with an access policy in the manifest")
	}
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	spec := postgis.ImportSpec{SourceID: "iow-bus", Kind: "gtfs", RegionID: "isle-of-wight", Path: iowGTFS, Checksum: "t",
		Attribution: m.Imports[i].Attribution}
	if _, err := db.Import(context.Background(), spec, postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: m.Imports[i].AccessPolicy})); err != nil {
		t.Fatal(err)
	}
}

// tileAt returns the tile at zoom z holding p.
func tileAt(p orb.Point, z maptile.Zoom) maptile.Tile { return maptile.At(p, z) }

// renderTile renders and decodes a tile, with its features in WGS84.
func renderTile(t *testing.T, db *postgis.DB, tile maptile.Tile) (postgis.BaseTile, map[string]*geojson.FeatureCollection) {
	t.Helper()
	bt, err := db.BaseTile(context.Background(), int(tile.Z), int(tile.X), int(tile.Y))
	if err != nil {
		t.Fatal(err)
	}
	layers, err := mvt.Unmarshal(bt.Data)
	if err != nil {
		t.Fatalf("tile %v is not a vector tile: %v", tile, err)
	}
	names := map[string]bool{}
	for _, l := range layers {
		if names[l.Name] {
			t.Errorf("tile %v: layer %s twice", tile, l.Name)
		}
		names[l.Name] = true
		if !slices.Contains(postgis.BaseLayers(), l.Name) {
			t.Errorf("tile %v: undeclared layer %q", tile, l.Name)
		}
		if len(l.Features) > postgis.MaxBaseFeatures {
			t.Errorf("tile %v: layer %s has %d features, over the cap", tile, l.Name, len(l.Features))
		}
	}
	layers.ProjectToWGS84(tile)
	return bt, layers.ToFeatureCollections()
}

func propValues(fc *geojson.FeatureCollection, key string) []string {
	if fc == nil {
		return nil
	}
	var out []string
	for _, f := range fc.Features {
		out = append(out, fmt.Sprint(f.Properties[key]))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func layerNames(layers map[string]*geojson.FeatureCollection) []string {
	var out []string
	for name, fc := range layers {
		if len(fc.Features) > 0 {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func TestBasemapTiles(t *testing.T) {
	_, api := basemapRegions(t)
	t.Run("island at zoom 10", func(t *testing.T) { checkIslandZ10(t, api) })
	t.Run("island stops at zoom 13", func(t *testing.T) { checkIslandStops(t, api) })
	t.Run("island sites at zoom 13", func(t *testing.T) { checkIslandSites(t, api) })
	t.Run("rutland roads and paths", func(t *testing.T) { checkRutlandRoads(t, api) })
	t.Run("land and sea", func(t *testing.T) { checkLand(t, api) })
	t.Run("outside the data", func(t *testing.T) { checkEmptyTiles(t, api) })
	t.Run("latency", func(t *testing.T) { checkTileLatency(t, api) })
}

// At zoom 10 the island shows land, bus routes and town names, and none of
// the layers that start deeper.
func checkIslandZ10(t *testing.T, api *postgis.DB) {
	_, layers := renderTile(t, api, tileAt(ryde, 10))
	if got, want := layerNames(layers), []string{"land", "places", "routes"}; !slices.Equal(got, want) {
		t.Fatalf("layers %v, want %v", got, want)
	}
	if got := propValues(layers["land"], "region"); !slices.Equal(got, []string{"isle-of-wight"}) {
		t.Errorf("land regions %v", got)
	}
	// The feed has no shapes.txt: every route is drawn stop to stop and
	// says so, with the short names of routes.txt.
	if got := propValues(layers["routes"], "shape"); !slices.Equal(got, []string{"stops"}) {
		t.Errorf("route shapes %v, want only stops", got)
	}
	names := propValues(layers["routes"], "route_short_name")
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	var all []string
	if err := feed.Routes(func(r gtfs.Route) error { all = append(all, r.ShortName); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !slices.Contains(all, n) {
			t.Errorf("route %q is not in routes.txt", n)
		}
	}
	if !slices.Contains(names, "37") { // Ryde - Haylands - Binstead - Ryde
		t.Errorf("route 37 missing from the Ryde tile: %v", names)
	}
	// Rank-1 localities only at zoom 10: Ryde has 49 NaPTAN stops.
	if got := propValues(layers["places"], "rank"); !slices.Equal(got, []string{"1"}) && !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("place ranks %v at zoom 10", got)
	}
	if !slices.Contains(propValues(layers["places"], "name"), "Ryde") {
		t.Errorf("no Ryde label: %v", propValues(layers["places"], "name"))
	}
}

// Every stop of stops.txt inside the tile is in its stops layer, at its
// place, and the feed's silence on wheelchair boarding is shown as the
// declared policy's "assumed", never "yes".
func checkIslandStops(t *testing.T, api *postgis.DB) {
	tile := tileAt(ryde, 13)
	_, layers := renderTile(t, api, tile)
	got := map[string]orb.Point{}
	for _, f := range layers["stops"].Features {
		got[fmt.Sprint(f.Properties["stop_id"])] = f.Geometry.(orb.Point)
		if wb := f.Properties["wheelchair_boarding"]; wb != "assumed" {
			t.Errorf("stop %v: wheelchair_boarding %v, want assumed", f.Properties["stop_id"], wb)
		}
		if f.Properties["feed"] != "iow-bus" || f.Properties["name"] == nil {
			t.Errorf("stop properties %v", f.Properties)
		}
	}
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	bound, inside := tile.Bound(), 0
	err = feed.Stops(func(s gtfs.Stop) error {
		if !bound.Contains(s.Pos) {
			return nil
		}
		inside++
		p, ok := got[s.ID]
		if !ok {
			t.Errorf("stop %s %q is inside the tile but not in it", s.ID, s.Name)
		} else if d := planar.Distance(p, s.Pos); d > 1e-4 {
			t.Errorf("stop %s drawn %.6f degrees from its place", s.ID, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if inside < 5 || len(got) < inside {
		t.Errorf("%d stops inside the tile, %d drawn", inside, len(got))
	}
}

// The sites layer holds what /api/v1/sites lists inside the tile.
func checkIslandSites(t *testing.T, api *postgis.DB) {
	tile := tileAt(orb.Point{-1.2900, 50.7000}, 12) // Newport
	_, layers := renderTile(t, api, tile)
	rows, err := api.Sites(context.Background(), tile.Bound(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range rows {
		want = append(want, r.Site.ID)
	}
	sort.Strings(want)
	gotIDs := propValues(layers["sites"], "id")
	for _, id := range want {
		if !slices.Contains(gotIDs, id) {
			t.Errorf("site %s is listed inside the tile but not drawn (drawn: %v)", id, gotIDs)
		}
	}
	if len(want) == 0 {
		t.Fatal("no sites in Newport's tile: the test shows nothing")
	}
	for _, f := range layers["sites"].Features {
		if fmt.Sprint(f.ID) != f.Properties["id"] {
			t.Errorf("site feature id %v, property %v", f.ID, f.Properties["id"])
		}
	}
}

// Rutland has OpenStreetMap: major roads from zoom 8, minor roads from 12,
// footways and steps from 14; the island has no roads at all.
func checkRutlandRoads(t *testing.T, api *postgis.DB) {
	classes := []string{"motorway", "trunk", "primary", "secondary", "tertiary", "minor", "service"}
	for _, c := range []struct {
		z     maptile.Zoom
		allow []string
		paths bool
	}{
		{10, classes[:4], false},
		{13, classes[:6], false},
		{15, classes, true},
	} {
		_, layers := renderTile(t, api, tileAt(oakham, c.z))
		got := propValues(layers["roads"], "class")
		if len(got) == 0 {
			t.Errorf("z%d: no roads in Oakham", c.z)
		}
		for _, g := range got {
			if !slices.Contains(c.allow, g) {
				t.Errorf("z%d: road class %q drawn", c.z, g)
			}
		}
		if (layers["paths"] != nil) != c.paths {
			t.Errorf("z%d: paths layer present %v, want %v", c.z, layers["paths"] != nil, c.paths)
		}
		if c.z == 15 {
			kinds := propValues(layers["paths"], "kind")
			if !slices.Contains(kinds, "footway") {
				t.Errorf("z15 path kinds %v: no footway in central Oakham", kinds)
			}
			if got := propValues(layers["areas"], "code"); len(got) == 0 || !strings.HasPrefix(got[0], "E01") {
				t.Errorf("z15 areas %v", got)
			}
		}
	}
	_, island := renderTile(t, api, tileAt(ryde, 15))
	if island["roads"] != nil || island["paths"] != nil {
		t.Error("roads or paths drawn on the island, which has no OpenStreetMap extract")
	}
}

// Ryde is on land and the Solent is not, at every zoom's simplification.
func checkLand(t *testing.T, api *postgis.DB) {
	for _, z := range []maptile.Zoom{4, 7, 10, 13} {
		for _, c := range []struct {
			p    orb.Point
			land bool
		}{{ryde, true}, {solent, false}, {oakham, true}} {
			_, layers := renderTile(t, api, tileAt(c.p, z))
			on := false
			if fc := layers["land"]; fc != nil {
				for _, f := range fc.Features {
					on = on || containsPoint(f.Geometry, c.p)
				}
			}
			if on != c.land {
				t.Errorf("z%d: %v on land %v, want %v", z, c.p, on, c.land)
			}
		}
	}
	_, world := renderTile(t, api, maptile.New(0, 0, 0))
	if got := propValues(world["land"], "region"); !slices.Equal(got, []string{"isle-of-wight", "rutland"}) {
		t.Errorf("z0 land regions %v", got)
	}
}

func containsPoint(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}

// A tile far from the data is empty; a tile that does not exist is
// invalid.
func checkEmptyTiles(t *testing.T, api *postgis.DB) {
	ctx := context.Background()
	for _, tile := range []maptile.Tile{tileAt(orb.Point{-30, 45}, 10), tileAt(orb.Point{2.35, 48.85}, 15)} {
		bt, err := api.BaseTile(ctx, int(tile.Z), int(tile.X), int(tile.Y))
		if err != nil || len(bt.Data) != 0 || bt.Version == "" {
			t.Errorf("tile %v: %d bytes, version %q, %v", tile, len(bt.Data), bt.Version, err)
		}
	}
	for _, zxy := range [][3]int{{17, 0, 0}, {-1, 0, 0}, {3, 8, 0}, {3, 0, -1}} {
		if _, err := api.BaseTile(ctx, zxy[0], zxy[1], zxy[2]); postgis.KindOf(err) != postgis.KindInvalid {
			t.Errorf("tile %v: err %v, want invalid", zxy, err)
		}
	}
}

// Tiles render in tens of milliseconds; the test fails only if one takes
// ten times that.
func checkTileLatency(t *testing.T, api *postgis.DB) {
	ctx := context.Background()
	for _, p := range []struct {
		name string
		p    orb.Point
	}{{"Ryde", ryde}, {"Oakham", oakham}} {
		for _, z := range []maptile.Zoom{10, 13, 15} {
			tile := tileAt(p.p, z)
			var times []time.Duration
			size := 0
			for range 15 {
				start := time.Now()
				bt, err := api.BaseTile(ctx, int(tile.Z), int(tile.X), int(tile.Y))
				if err != nil {
					t.Fatal(err)
				}
				times, size = append(times, time.Since(start)), len(bt.Data)
			}
			slices.Sort(times)
			p50 := times[len(times)/2]
			t.Logf("%s z%d %v: p50 %v, max %v, %d bytes", p.name, z, tile, p50.Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), size)
			if p50 > 500*time.Millisecond {
				t.Errorf("%s z%d: p50 %v", p.name, z, p50)
			}
		}
	}
}

// A refresh replaces what a source contributed (re-importing does not
// double it) and changes the version; a failed import changes neither.
func TestBasemapRefreshFollowsImports(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	v0, err := imp.BaseTileVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	naptan := postgis.ImportSpec{SourceID: "naptan-230", Kind: "naptan", Path: "../../geodata/isle-of-wight/naptan/230Stops.csv", Checksum: "a"}
	loader := func(f *os.File) postgis.Loader { return postgis.NaPTANLoader(f, "230Stops.csv") }
	importFile(t, imp, naptan, loader)
	v1, _ := imp.BaseTileVersion(ctx)
	places := count(t, imp, `SELECT count(*) FROM place_name`)
	// 1,331 NaPTAN stops, 70 of them inactive, and their localities.
	if stops := count(t, imp, `SELECT count(*) FROM place_name WHERE kind = 'stop'`); stops != count(t, imp,
		`SELECT count(*) FROM naptan_stop WHERE status IS DISTINCT FROM 'inactive'`) || stops < 1200 {
		t.Errorf("%d stops in place_name", stops)
	}
	naptan.Force = true
	importFile(t, imp, naptan, loader)
	v2, _ := imp.BaseTileVersion(ctx)
	if again := count(t, imp, `SELECT count(*) FROM place_name`); again != places {
		t.Errorf("re-import: %d place names, first %d", again, places)
	}
	if v0 == v1 || v1 == v2 {
		t.Errorf("versions %q, %q, %q: an import did not change it", v0, v1, v2)
	}
	bad := writeFile(t, t.TempDir(), "bad.csv",
		"ATCOCode,NaptanCode,CommonName,Longitude,Latitude,Status\n2300A,x,ok,-1.1,50.6,active\n2300B,x,\"Broken,1,2,active\n")
	naptan.Path = bad
	f, _ := os.Open(bad)
	defer f.Close()
	if _, err := imp.Import(ctx, naptan, postgis.NaPTANLoader(f, "bad.csv")); err == nil {
		t.Fatal("a broken NaPTAN file imported")
	}
	v3, _ := imp.BaseTileVersion(ctx)
	if v3 != v2 || count(t, imp, `SELECT count(*) FROM place_name`) != places {
		t.Errorf("a failed import changed the basemap: version %q → %q", v2, v3)
	}
}

func TestBasemapInfo(t *testing.T) {
	_, api := basemapRegions(t)
	info, err := api.Basemap(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !info.HasBounds || !info.Bounds.Contains(ryde) || !info.Bounds.Contains(oakham) {
		t.Errorf("bounds %v", info.Bounds)
	}
	if len(info.Regions) != 2 {
		t.Fatalf("regions %+v", info.Regions)
	}
	for _, r := range info.Regions {
		want := map[string]orb.Point{"isle-of-wight": ryde, "rutland": oakham}[r.ID]
		other := map[string]orb.Point{"isle-of-wight": oakham, "rutland": ryde}[r.ID]
		if !r.HasBounds || !r.Bounds.Contains(want) || r.Bounds.Contains(other) {
			t.Errorf("region %s bounds %v", r.ID, r.Bounds)
		}
	}
	texts := map[string]postgis.Attribution{}
	for _, a := range info.Attribution {
		if a.Text == "" || a.Licence == "" {
			t.Errorf("attribution %+v", a)
		}
		if _, dup := texts[a.Text]; dup {
			t.Errorf("attribution %q twice", a.Text)
		}
		texts[a.Text] = a
	}
	for source, licence := range map[string]string{"ons": "OGL-UK-3.0", "osm": "ODbL-1.0", "gtfs": "OGL-UK-3.0",
		"naptan": "OGL-UK-3.0", "museums": "CC-BY-4.0"} {
		found := false
		for _, a := range info.Attribution {
			found = found || a.Source == source && a.Licence == licence
		}
		if !found {
			t.Errorf("no %s credit under %s in %+v", source, licence, info.Attribution)
		}
	}
	for _, a := range info.Attribution {
		if a.Source == "gtfs" && !strings.Contains(a.Text, "Operators: FYTBus, more Bus, Southern Vectis.") {
			t.Errorf("the timetable credit does not name the operators: %q", a.Text)
		}
	}
}

func TestSearchPlaces(t *testing.T) {
	_, api := basemapRegions(t)
	ctx := context.Background()
	search := func(q string, limit int) []postgis.PlaceHit {
		t.Helper()
		hits, err := api.SearchPlaces(ctx, q, limit)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return hits
	}
	first := func(q string) postgis.PlaceHit {
		t.Helper()
		hits := search(q, 10)
		if len(hits) == 0 {
			t.Fatalf("%q: nothing found", q)
		}
		return hits[0]
	}
	// An exact locality first, whatever the case; near the stops it is named for.
	for _, q := range []string{"Ryde", "ryde", "RYDE", "  ryde "} {
		if h := first(q); h.Kind != "locality" || h.Name != "Ryde" || h.Detail != "Isle of Wight" || !near(h.Point, ryde, 0.02) {
			t.Errorf("%q: first %+v", q, h)
		}
	}
	// Prefixes, words and sites.
	if h := first("oakham cas"); h.Kind != "site" || h.Name != "Oakham Castle" || !strings.HasPrefix(h.ID, "site:") {
		t.Errorf("oakham cas: %+v", h)
	}
	if h := first("roman villa brading"); h.Name != "Brading Roman Villa" {
		t.Errorf("words in any order: %+v", h)
	}
	if h := first("oakh"); h.Name != "Oakham" || h.Detail != "Rutland" {
		t.Errorf("oakh: %+v", h)
	}
	// A typo still finds the town.
	if h := first("Shanklim"); h.Name != "Shanklin" {
		t.Errorf("Shanklim: %+v", h)
	}
	// Stops: NaPTAN's, named with indicator and locality.
	bay := search("shanklin bus station", 10)
	if len(bay) == 0 || bay[0].Kind != "stop" || !strings.HasPrefix(bay[0].Name, "Shanklin Bus Station") || bay[0].Detail != "bus stop, Shanklin" {
		t.Errorf("shanklin bus station: %+v", bay)
	}
	// A stop of the feed that NaPTAN lacks (a Lymington stop of route
	// C32) comes from the feed; one NaPTAN has comes once, from NaPTAN.
	post := search("main post office", 10)
	if len(post) == 0 || !strings.HasPrefix(post[0].ID, "stop:iow-bus:") {
		t.Errorf("main post office: %+v", post)
	}
	for _, h := range search("Shanklin Bus Station", 50) {
		if strings.HasPrefix(h.ID, "stop:iow-bus:2300000031") {
			t.Errorf("a GTFS stop NaPTAN lists came twice: %+v", h)
		}
	}
	// Limits, wildcards and nothing.
	if n := len(search("bus", 3)); n != 3 {
		t.Errorf("limit 3: %d results", n)
	}
	for _, q := range []string{"%%", "__", "!!", "zzqxj"} {
		if hits := search(q, 10); len(hits) != 0 {
			t.Errorf("%q found %+v", q, hits)
		}
	}
}

func near(a, b orb.Point, deg float64) bool {
	return planar.Distance(a, b) < deg
}

// A route whose trips have shapes is drawn along them. The GTFS import
// does not load shapes.txt yet, so the test gives route 37's trips a shape
// by hand (its stops' line with a detour) and refreshes the feed.
func TestBasemapRouteShapes(t *testing.T) {
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	importIoWBus(t, imp)
	execOrFail(t, imp, `
INSERT INTO gtfs_shape (feed_id, shape_id, geom)
SELECT 'iow-bus', 'detour', ST_AddPoint(ST_MakeLine(s.geom ORDER BY st.stop_sequence), ST_MakePoint(-1.0, 50.8), 1)
FROM gtfs_stop_time st JOIN gtfs_stop s USING (feed_id, stop_id)
WHERE st.feed_id = 'iow-bus' AND st.trip_id = (SELECT min(trip_id) FROM gtfs_trip WHERE feed_id = 'iow-bus' AND route_id = '364')`)
	execOrFail(t, imp, `UPDATE gtfs_trip SET shape_id = 'detour' WHERE feed_id = 'iow-bus' AND route_id = '364'`)
	execOrFail(t, imp, `SELECT refresh_basemap('iow-bus')`)
	if n := count(t, imp, `SELECT count(*) FROM basemap_route r JOIN gtfs_shape s ON s.feed_id = r.source_id
WHERE r.route_id = '364' AND r.shape_from = 'shapes' AND ST_HausdorffDistance(ST_Transform(r.geom, 4326), s.geom) < 1e-7`); n != 1 {
		t.Errorf("route 37 is not drawn along its shape (%d)", n)
	}
	if n := count(t, imp, `SELECT count(*) FROM basemap_route WHERE route_id <> '364' AND shape_from = 'stops'`); n != 7 {
		t.Errorf("%d other routes drawn stop to stop, want 7", n)
	}
}
