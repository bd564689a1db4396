package osm_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// The real extracts live outside the repository (see their SOURCE.txt).
const (
	rutlandPBF = "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf"
	poaPBF     = "../../testdata/poa/poa_osm.pbf"
)

var (
	walker     = walk.Params{SpeedMPS: 1.3}
	wheelchair = walk.Params{SpeedMPS: 1.0, StepFree: true}
	car        = walk.Params{}

	oakhamMarket    = geo.PointLatLon(52.6697, -0.7283)
	uppinghamMarket = geo.PointLatLon(52.5893, -0.7236)
)

// Town boxes where the steps test looks for a pair.
var towns = []orb.Bound{
	{Min: orb.Point{-0.76, 52.655}, Max: orb.Point{-0.70, 52.690}},  // Oakham
	{Min: orb.Point{-0.745, 52.575}, Max: orb.Point{-0.70, 52.600}}, // Uppingham
}

var rutlandOnce = sync.OnceValues(func() (*osm.Extract, error) {
	return osm.ReadFile(context.Background(), rutlandPBF, osm.Options{Edges: true})
})

func rutland(tb testing.TB) *osm.Extract {
	tb.Helper()
	if _, err := os.Stat(rutlandPBF); err != nil {
		tb.Fatalf("Rutland extract not available: %v", err)
	}
	ex, err := rutlandOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

// TestRutlandStepFreeAvoidsSteps searches the real network for a walk a
// walker makes down a flight of steps in Oakham or Uppingham, then checks
// that the step-free search reaches the same node by a longer way with no
// steps, raised kerb, steep, narrow or wheelchair=no edge.
func TestRutlandStepFreeAvoidsSteps(t *testing.T) {
	ex := rutland(t)
	d, ok := findStepsDetour(ex.Walk)
	if !ok {
		t.Fatal("no steps in Oakham or Uppingham with a step-free way round")
	}
	t.Logf("from OSM node %d to %d: walker %.0f m over steps (way edge %d), step-free %.0f m, %.0f m of it unsurveyed",
		ex.WalkNodeIDs[d.from], ex.WalkNodeIDs[d.to], d.walk.Metres, d.steps, d.free.Metres, d.free.UnknownM)
	s := walk.NewSearch(ex.Walk)
	src := []walk.Source{{Node: d.from}}
	if err := s.RunTo(src, walker, d.to); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(s.PathEdges(d.to, nil), d.steps) {
		t.Fatal("walker's path does not use the steps")
	}
	if err := s.RunTo(src, wheelchair, d.to); err != nil {
		t.Fatal(err)
	}
	free, ok := s.Leg(d.to)
	if !ok || free.Metres <= d.walk.Metres || free.Seconds <= d.walk.Seconds {
		t.Fatalf("step-free leg %+v (%v) not longer than walker's %+v", free, ok, d.walk)
	}
	for _, e := range s.PathEdges(d.to, nil) {
		if f := ex.Walk.Edge(e).Flags; f&walk.StepFreeForbidden != 0 {
			t.Fatalf("step-free path uses edge %d flagged %v", e, f)
		}
	}
	if pts := s.Path(d.to, nil); pts[0] != ex.Walk.Point(d.from) || pts[len(pts)-1] != ex.Walk.Point(d.to) {
		t.Fatal("step-free path does not run from source to target")
	}
}

type detour struct {
	from, to, steps int32
	walk, free      walk.Leg
}

// findStepsDetour: for each steps edge in a town, in edge order, the
// first node at least 100 m from one of its ends that the walker reaches
// down the steps and the step-free search reaches by a way at least 50 m
// longer (a detour worth showing, not a parallel path).
func findStepsDetour(g *walk.Graph) (detour, bool) {
	ws, fs := walk.NewSearch(g), walk.NewSearch(g)
	for e := int32(0); e < int32(g.NumEdges()); e++ {
		ed := g.Edge(e)
		if ed.Flags&walk.Steps == 0 || !inTown(g.Point(ed.From)) {
			continue
		}
		for _, src := range []int32{ed.From, ed.To} {
			if d, ok := detourFrom(g, ws, fs, src, e); ok {
				return d, true
			}
		}
	}
	return detour{}, false
}

func detourFrom(g *walk.Graph, ws, fs *walk.Search, src, steps int32) (detour, bool) {
	from := []walk.Source{{Node: src}}
	near := walker
	near.MaxDistanceM = 400
	if err := ws.Run(from, near, 0); err != nil {
		return detour{}, false
	}
	if err := fs.Run(from, wheelchair, 0); err != nil {
		return detour{}, false
	}
	var path []int32
	for _, n := range ws.Reached() {
		w, _ := ws.Leg(n)
		f, ok := fs.Leg(n)
		if w.Metres < 100 || !ok || f.Metres < w.Metres+50 {
			continue
		}
		if path = ws.PathEdges(n, path[:0]); slices.Contains(path, steps) {
			return detour{from: src, to: n, steps: steps, walk: w, free: f}, true
		}
	}
	return detour{}, false
}

func inTown(p orb.Point) bool {
	for _, b := range towns {
		if b.Contains(p) {
			return true
		}
	}
	return false
}

// TestRutlandCarJourney drives Oakham to Uppingham (about 9 km apart by
// the A6003) and Oakham to the county museum.
func TestRutlandCarJourney(t *testing.T) {
	ex := rutland(t)
	g := ex.Road
	from := snap(t, g, oakhamMarket, car)
	to := snap(t, g, uppinghamMarket, car)
	s := walk.NewSearch(g)
	if err := s.RunTo([]walk.Source{{Node: from}}, car, to); err != nil {
		t.Fatal(err)
	}
	leg, ok := s.Leg(to)
	straight := geo.DistanceM(oakhamMarket, uppinghamMarket)
	t.Logf("Oakham → Uppingham by car: %.1f km in %.1f min (straight line %.1f km)", leg.Metres/1000, leg.Seconds/60, straight/1000)
	if !ok || leg.Seconds < 8*60 || leg.Seconds > 25*60 {
		t.Fatalf("Oakham → Uppingham %+v (%v), want 8–25 minutes", leg, ok)
	}
	if leg.Metres < straight || leg.Metres > 1.6*straight {
		t.Fatalf("road distance %.0f m against %.0f m straight", leg.Metres, straight)
	}
	museum := placeNamed(t, ex, "Rutland County Museum")
	if err := s.RunTo([]walk.Source{{Node: from}}, car, snap(t, g, museum.Point, car)); err != nil {
		t.Fatal(err)
	}
	if l, ok := s.Leg(s.Reached()[len(s.Reached())-1]); !ok || l.Seconds > 5*60 || l.Metres > 3000 {
		t.Fatalf("Oakham market to the county museum %+v", l)
	}
}

func snap(t *testing.T, g *walk.Graph, p orb.Point, prm walk.Params) int32 {
	t.Helper()
	n, d, ok := g.NearestUsable(p, prm)
	if !ok || d > 150 {
		t.Fatalf("no node within 150 m of %v (nearest %.0f m)", p, d)
	}
	return n
}

func placeNamed(t *testing.T, ex *osm.Extract, name string) osm.Place {
	t.Helper()
	for _, p := range ex.Places {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no place named %q", name)
	return osm.Place{}
}

func TestRutlandPlaces(t *testing.T) {
	ex := rutland(t)
	var museums []string
	for _, p := range ex.Places {
		if p.Tourism == "museum" {
			museums = append(museums, p.Key+" "+p.Name)
		}
		if !(orb.Bound{Min: orb.Point{-0.9, 52.5}, Max: orb.Point{-0.4, 52.8}}).Contains(p.Point) {
			t.Errorf("place %s at %v outside Rutland", p.Key, p.Point)
		}
	}
	want := []string{"way/101330070 Rutland County Museum", "way/288207413 Rocks by Rail", "way/288913261 Workshop"}
	if !slices.Equal(museums, want) {
		t.Errorf("museums %q, want %q", museums, want)
	}
	castle := placeNamed(t, ex, "Oakham Castle")
	if castle.Key != "way/417617998" || castle.Historic != "castle" || geo.DistanceM(castle.Point, geo.PointLatLon(52.6710, -0.7274)) > 60 {
		t.Errorf("Oakham Castle %+v", castle)
	}
	if exton := placeNamed(t, ex, "Exton Hall"); exton.Key != "relation/12920204" {
		t.Errorf("Exton Hall %+v, want the multipolygon relation", exton)
	}
	for _, p := range ex.Places {
		if p.Historic == "roman_road" {
			t.Errorf("linear historic feature %s kept as a place", p.Key)
		}
	}
	t.Logf("%d places (%d nodes, %d ways, %d relations)", len(ex.Places), ex.Stats.PlaceNodes, ex.Stats.PlaceWays, ex.Stats.PlaceRels)
}

func TestRutlandGraphs(t *testing.T) {
	ex := rutland(t)
	checkEdgeRecords(t, ex)
	steps, unknown := 0, 0
	for e := int32(0); e < int32(ex.Walk.NumEdges()); e++ {
		f := ex.Walk.Edge(e).Flags
		steps += b2i(f&walk.Steps != 0)
		unknown += b2i(f&walk.Unknown != 0)
	}
	// 22 steps ways; each yields at least one edge.
	if steps < 22 || steps > 40 {
		t.Errorf("%d steps edges for 22 steps ways", steps)
	}
	// From Oakham market a car reaches most of the county's road nodes.
	s := walk.NewSearch(ex.Road)
	if err := s.Run([]walk.Source{{Node: snap(t, ex.Road, oakhamMarket, car)}}, car, 0); err != nil {
		t.Fatal(err)
	}
	if r := float64(len(s.Reached())) / float64(ex.Road.NumNodes()); r < 0.9 {
		t.Errorf("car reaches %.0f%% of road nodes", 100*r)
	}
	t.Logf("walk %d nodes %d edges (%d steps, %d unknown), road %d nodes %d edges; %d missing node refs",
		ex.Walk.NumNodes(), ex.Walk.NumEdges(), steps, unknown, ex.Road.NumNodes(), ex.Road.NumEdges(), ex.Stats.MissingNodes)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPortoAlegreBuilds reads the r5r sample city: a different tagging
// culture (km/h limits, BR: codes, many wheelchair tags).
func TestPortoAlegreBuilds(t *testing.T) {
	if _, err := os.Stat(poaPBF); err != nil {
		t.Fatalf("Porto Alegre extract not available: %v", err)
	}
	ex, err := osm.ReadFile(context.Background(), poaPBF, osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Walk.NumEdges() < 10000 || ex.Road.NumEdges() < 10000 {
		t.Fatalf("walk %d, road %d edges", ex.Walk.NumEdges(), ex.Road.NumEdges())
	}
	centre := geo.PointLatLon(-30.0277, -51.2287) // Praça da Alfândega
	s := walk.NewSearch(ex.Walk)
	n := snap(t, ex.Walk, centre, wheelchair)
	if err := s.Run([]walk.Source{{Node: n}}, wheelchair, 900); err != nil {
		t.Fatal(err)
	}
	if len(s.Reached()) < 100 {
		t.Fatalf("15 min step-free from the centre reaches %d nodes", len(s.Reached()))
	}
}

func BenchmarkReadRutland(b *testing.B) {
	if _, err := os.Stat(rutlandPBF); err != nil {
		b.Fatalf("Rutland extract not available: %v", err)
	}
	b.ReportAllocs()
	var ex *osm.Extract
	for b.Loop() {
		var err error
		if ex, err = osm.ReadFile(context.Background(), rutlandPBF, osm.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ex.Walk.SizeBytes()+ex.Road.SizeBytes())/1e6, "graph-MB")
	b.ReportMetric(retainedMB(func() any {
		ex, _ := osm.ReadFile(context.Background(), rutlandPBF, osm.Options{})
		return ex
	}), "retained-MB")
}

// retainedMB measures the live heap a value keeps after a collection.
func retainedMB(f func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / 1e6
}

// BenchmarkIsochrone15minWheelchair: everything a wheelchair user reaches
// in 15 minutes from Oakham market place on the real network.
func BenchmarkIsochrone15minWheelchair(b *testing.B) {
	ex := rutland(b)
	n, _, ok := ex.Walk.NearestUsable(oakhamMarket, wheelchair)
	if !ok {
		b.Fatal("no start node")
	}
	s := walk.NewSearch(ex.Walk)
	src := []walk.Source{{Node: n}}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Run(src, wheelchair, 15*60); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.Reached())), "nodes")
}
