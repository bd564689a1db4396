package reach_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// at is the point e metres east and n metres north of a spot in Oakham.
func at(e, n float64) orb.Point {
	const lat0, lon0 = 52.67, -0.73
	perDeg := geo.EarthRadiusM * math.Pi / 180
	return orb.Point{lon0 + e/(perDeg*math.Cos(lat0*math.Pi/180)), lat0 + n/perDeg}
}

// handGraph is a small street:
//
//	            n5 (100 E, 310 N): a stop at the top of 310 m of steps from n1
//	            |
//	n0 ── n1 ── n2 ── n3 ── n4      100 m apart along the street
//	|                       |
//	n6 (150 m south of n0), joined only to n4 by a 500 m path
//
// Stops: A at n2; B 50 m north of n4; C at n5; D 400 m west of n0 (off
// the graph: no node within 300 m); H at n6, 150 m from n0 as the crow
// flies but 900 m away on foot.
func handGraph(t *testing.T) (*walk.Graph, *transit.Snapshot, map[string]orb.Point) {
	t.Helper()
	b := walk.NewBuilder()
	var n [7]int32
	for i := range 5 {
		n[i] = b.AddNode(at(float64(i)*100, 0))
	}
	n[5] = b.AddNode(at(100, 310))
	n[6] = b.AddNode(at(0, -150))
	edges := []walk.Edge{
		{From: n[0], To: n[1], LengthM: 100, Flags: walk.Unknown}, {From: n[1], To: n[2], LengthM: 100},
		{From: n[2], To: n[3], LengthM: 100}, {From: n[3], To: n[4], LengthM: 100},
		{From: n[1], To: n[5], LengthM: 310, Flags: walk.Steps}, {From: n[4], To: n[6], LengthM: 500},
	}
	for _, e := range edges {
		if _, err := b.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	pts := map[string]orb.Point{"A": g.Point(n[2]), "B": at(400, 50), "C": g.Point(n[5]), "D": at(-400, 0), "H": g.Point(n[6])}
	var in transit.Input
	for _, id := range []string{"A", "B", "C", "D", "H"} {
		in.Stops = append(in.Stops, transit.Stop{ID: id, Name: id, Point: pts[id]})
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return g, snap, pts
}

type access struct {
	stop           string
	metres, second int32
}

func named(snap *transit.Snapshot, as []transit.StopAccess) []access {
	var out []access
	for _, a := range as {
		out = append(out, access{snap.Stop(a.Stop).ID, a.Metres, a.Seconds})
	}
	return out
}

func TestStopAccessOnHandMadeGraph(t *testing.T) {
	g, snap, pts := handGraph(t)
	w := pedestrian.New(g)
	origin := g.Point(0)
	const speed = 1.2
	ok := func(stop string, m float64) access {
		return access{stop, int32(math.Ceil(m)), transit.WalkSeconds(math.Ceil(m), speed)}
	}
	b := 400 + geo.DistanceM(pts["B"], g.Point(4))               // the street, then the snap line
	d := transit.WalkMetres(origin, pts["D"], walk.DetourFactor) // off the graph: straight line × 1.3
	cases := []struct {
		name     string
		stepFree bool
		want     []access
	}{
		// H, 195 m by straight line × 1.3, is 900 m away on foot: left out.
		{"walker", false, []access{ok("A", 200), ok("C", 410), ok("B", b), ok("D", d)}},
		// C is reached only by the steps: a step-free walker cannot get there.
		{"step-free", true, []access{ok("A", 200), ok("B", b), ok("D", d)}},
	}
	for _, c := range cases {
		for range 2 { // the second call uses the snapped stops cached by the first
			got, err := w.StopAccess(snap, origin, walk.Params{SpeedMPS: speed, MaxDistanceM: 600, StepFree: c.stepFree}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(named(snap, got), c.want) {
				t.Errorf("%s: got %v, want %v", c.name, named(snap, got), c.want)
			}
		}
	}
	// The straight-line estimate would have sent the walker to H.
	near := named(snap, snap.StopsNear(origin, 600, speed, nil))
	if !slices.ContainsFunc(near, func(a access) bool { return a.stop == "H" }) {
		t.Errorf("straight-line estimate %v should include H: the test shows nothing", near)
	}
}

func TestStopAccessOffTheGraphIsTheEstimate(t *testing.T) {
	g, snap, pts := handGraph(t)
	for _, w := range []*pedestrian.Walking{pedestrian.New(g), nil} {
		prm := walk.Params{SpeedMPS: 1.2, MaxDistanceM: 600}
		got, err := w.StopAccess(snap, pts["D"], prm, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := snap.StopsNear(pts["D"], 600, 1.2, nil)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("from D (off the graph, walking %v): got %v, want the estimate %v", w != nil, named(snap, got), named(snap, want))
		}
	}
}

func TestNewWalkingWithoutAGraphIsNil(t *testing.T) {
	if pedestrian.New(nil) != nil || pedestrian.New(walk.NewBuilder().Build()) != nil {
		t.Error("an empty graph must mean no graph: walks are estimates")
	}
}

const rutlandPBF = "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf"

// rutland is the Rutland OSM extract's pedestrian graph, loaded through a
// real PostGIS as the service loads it, and the extract's places.
type rutland struct {
	g      *postgis.Graph
	places []osm.Place
}

func loadRutland(t *testing.T) *rutland {
	t.Helper()
	ctx := context.Background()
	x, err := osm.ReadFile(ctx, rutlandPBF, osm.Options{Edges: true})
	if err != nil {
		t.Fatal(err)
	}
	d := pgtest.New(t)
	db, err := postgis.Open(ctx, d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Import(ctx, postgis.ImportSpec{SourceID: "osm-rutland", Kind: "osm", Path: rutlandPBF, Checksum: "x"},
		postgis.OSMLoader(x, "rutland.osm.pbf")); err != nil {
		t.Fatal(err)
	}
	g, err := db.WalkGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &rutland{g: g, places: x.Places}
}

func (r *rutland) node(t *testing.T, osmID int64) int32 {
	t.Helper()
	i := slices.Index(r.g.NodeIDs, osmID)
	if i < 0 {
		t.Fatalf("OSM node %d is not in the walk graph", osmID)
	}
	return int32(i)
}

func (r *rutland) place(t *testing.T, key string) osm.Place {
	t.Helper()
	i := slices.IndexFunc(r.places, func(p osm.Place) bool { return p.Key == key })
	if i < 0 {
		t.Fatalf("place %s is not in the extract", key)
	}
	return r.places[i]
}

// graphMetres is the walk between two nodes by a search of its own.
func graphMetres(t *testing.T, g *walk.Graph, from, to int32, stepFree bool) walk.Leg {
	t.Helper()
	s := walk.NewSearch(g)
	if err := s.RunTo([]walk.Source{{Node: from}}, walk.Params{SpeedMPS: 1, StepFree: stepFree}, to); err != nil {
		t.Fatal(err)
	}
	leg, ok := s.Leg(to)
	if !ok {
		t.Fatalf("no path from node %d to %d (step-free %v)", from, to, stepFree)
	}
	return leg
}

// walkActivity is a weekly Wednesday 10:00–11:00 session at venue, with a
// step-free entrance and an accessible toilet.
func walkActivity(t *testing.T, name string, venue orb.Point) reach.Activity {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=WE")
	if err != nil {
		t.Fatal(err)
	}
	o, _ := heritage.ParseClock("10:00")
	c, _ := heritage.ParseClock("11:00")
	return reach.Activity{
		Activity: heritage.Activity{ID: "test-walk", Name: "Walk-in session (test)", Illustrative: true,
			Schedules: []heritage.Schedule{{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: 12, Day: 2}, OpensAt: o, ClosesAt: c}}},
		SiteName: name, Venue: venue, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
	}
}

// walkThere asks for Wednesday 9 December 2026 with no timetable and no
// roads: the bus fails for want of a timetable, so walking is the only way.
func walkThere(t *testing.T, w *pedestrian.Walking, origin orb.Point, p profile.Profile, act reach.Activity) reach.Answer {
	t.Helper()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	net := reach.Network{Location: london, Walk: w}
	ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: origin, Profile: p,
		Start: time.Date(2026, 12, 9, 0, 0, 0, 0, london), Days: 1}, []reach.Activity{act})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

// walked returns the reachable session's outbound walking leg.
func walked(t *testing.T, ans reach.Answer, who string) (reach.Leg, reach.Item) {
	t.Helper()
	if len(ans.Reachable) != 1 {
		t.Fatalf("%s: reachable %d, near misses %+v", who, len(ans.Reachable), ans.NearMisses)
	}
	it := ans.Reachable[0]
	if it.Out == nil || len(it.Out.Legs) != 1 || it.Out.Legs[0].Mode != "walk" {
		t.Fatalf("%s: out %+v, want one walking leg", who, it.Out)
	}
	return it.Out.Legs[0], it
}

func hasNote(it reach.Item, part string) bool {
	return slices.ContainsFunc(it.AccessNotes, func(n string) bool { return strings.Contains(n, part) })
}

const unsurveyed = "have no surface/kerb survey"

func TestWalkingOnTheRutlandGraph(t *testing.T) {
	r := loadRutland(t)
	w := pedestrian.New(r.g.Graph)
	if w == nil {
		t.Fatal("no walk graph loaded from PostGIS")
	}
	t.Run("step-free walk avoids the Oakham steps", func(t *testing.T) {
		// OSM nodes 1169803500 → 2577022508: a walker's shortest path
		// takes a flight of steps; the step-free path goes round.
		from, to := r.node(t, 1169803500), r.node(t, 2577022508)
		act := walkActivity(t, "the foot of the steps", r.g.Graph.Point(to))
		walker := withOverrides(t, "walker", "")
		wheel := withOverrides(t, "wheelchair", `{"modes": ["bus"]}`) // no taxi: walking or nothing
		wl, wi := walked(t, walkThere(t, w, r.g.Graph.Point(from), walker, act), "walker")
		sl, si := walked(t, walkThere(t, w, r.g.Graph.Point(from), wheel, act), "step-free")
		wantW, wantS := graphMetres(t, r.g.Graph, from, to, false), graphMetres(t, r.g.Graph, from, to, true)
		t.Logf("walker %d m in %d s, step-free %d m in %d s; %.0f m of it unsurveyed", wl.Metres, wl.Seconds, sl.Metres, sl.Seconds, wantS.UnknownM)
		for _, c := range []struct {
			who  string
			leg  reach.Leg
			want walk.Leg
			mps  float64
		}{{"walker", wl, wantW, walker.WalkSpeedMPS}, {"step-free", sl, wantS, wheel.WalkSpeedMPS}} {
			if c.leg.Estimated || math.Abs(float64(c.leg.Metres)-c.want.Metres) > 1 {
				t.Errorf("%s: %d m (estimated %v), want %.0f m on the graph", c.who, c.leg.Metres, c.leg.Estimated, c.want.Metres)
			}
			if secs := math.Ceil(c.want.Metres / c.mps); math.Abs(float64(c.leg.Seconds)-secs) > 1 {
				t.Errorf("%s: %d s, want %.0f s at %v m/s", c.who, c.leg.Seconds, secs, c.mps)
			}
		}
		if !(sl.Metres > wl.Metres+40) {
			t.Errorf("step-free %d m is not longer than the walker's %d m: the steps were not avoided", sl.Metres, wl.Metres)
		}
		if hasNote(si, unsurveyed) != (wantS.UnknownM >= 0.5) || hasNote(wi, unsurveyed) {
			t.Errorf("notes: step-free %q (%.0f m unsurveyed), walker %q", si.AccessNotes, wantS.UnknownM, wi.AccessNotes)
		}
	})
	t.Run("the steps stand in the way when the way round is too far", func(t *testing.T) {
		from, to := r.node(t, 1169803500), r.node(t, 2577022508)
		act := walkActivity(t, "the foot of the steps", r.g.Graph.Point(to))
		walkerM := graphMetres(t, r.g.Graph, from, to, false).Metres
		// Enough for the walker's way over the steps, not for the way round.
		limit := fmt.Sprintf(`{"modes": ["bus"], "max_walk_m": %.0f}`, math.Ceil(walkerM)+5)
		if ans := walkThere(t, w, r.g.Graph.Point(from), withOverrides(t, "walker", limit), act); len(ans.Reachable) != 1 {
			t.Errorf("walker with %s: reachable %d, want 1", limit, len(ans.Reachable))
		}
		// The walk found a route, only over the steps; the bus found
		// nothing (no timetable): the walk got further, so its barrier is
		// the one named.
		ans := walkThere(t, w, r.g.Graph.Point(from), withOverrides(t, "wheelchair", limit), act)
		if len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 {
			t.Fatalf("step-free with %s: reachable %d, near misses %d: want one near miss", limit, len(ans.Reachable), len(ans.NearMisses))
		}
		if b := ans.NearMisses[0].Barriers; len(b) != 1 || b[0].Code != reach.NoStepFreeJourney || !strings.Contains(b[0].Detail, "has steps") {
			t.Errorf("step-free with %s: barriers %+v, want the walk's no_step_free_journey", limit, b)
		}
	})
	museum := r.place(t, "way/101330070")
	castle := r.place(t, "way/417617998")
	if museum.Name != "Rutland County Museum" || castle.Name != "Oakham Castle" {
		t.Fatalf("places %q and %q", museum.Name, castle.Name)
	}
	act := walkActivity(t, museum.Name, museum.Point)
	walker := withOverrides(t, "walker", "")
	straight := geo.DistanceM(castle.Point, museum.Point)
	t.Run("walker from Oakham Castle walks to the museum on the graph", func(t *testing.T) {
		l, _ := walked(t, walkThere(t, w, castle.Point, walker, act), "walker")
		prm := walk.Params{SpeedMPS: walker.WalkSpeedMPS}
		a, da, _ := r.g.Graph.NearestUsable(castle.Point, prm)
		b, db, _ := r.g.Graph.NearestUsable(museum.Point, prm)
		want := da + graphMetres(t, r.g.Graph, a, b, false).Metres + db
		t.Logf("castle → museum: %d m on the graph (%.0f m and %.0f m off it), %.0f m as the crow flies", l.Metres, da, db, straight)
		if l.Estimated || math.Abs(float64(l.Metres)-want) > 1 || float64(l.Metres) < straight {
			t.Errorf("walk %d m (estimated %v), want %.0f m on the graph, at least %.0f m", l.Metres, l.Estimated, want, straight)
		}
	})
	t.Run("a step-free walk counts its snap lines as unsurveyed", func(t *testing.T) {
		wheel := withOverrides(t, "wheelchair", `{"modes": ["bus"], "max_walk_m": 1000}`)
		l, it := walked(t, walkThere(t, w, castle.Point, wheel, act), "step-free")
		if l.Estimated || !hasNote(it, unsurveyed) {
			t.Errorf("walk %d m (estimated %v), notes %q: want a graph walk noting unsurveyed metres", l.Metres, l.Estimated, it.AccessNotes)
		}
		t.Logf("step-free castle → museum %d m; notes %q", l.Metres, it.AccessNotes)
	})
	t.Run("without a graph the same walk is an estimate", func(t *testing.T) {
		l, _ := walked(t, walkThere(t, nil, castle.Point, walker, act), "walker")
		if want := transit.WalkMetres(castle.Point, museum.Point, walk.DetourFactor); !l.Estimated || float64(l.Metres) != want {
			t.Errorf("walk %d m (estimated %v), want the estimate %.0f m", l.Metres, l.Estimated, want)
		}
	})
}

// A bus journey's walks between a place and a stop are estimates only
// where they are straight lines: from Oakham Castle to Oakham Bus Station
// (NaPTAN 268060093, its real position) the walk is on the Rutland graph;
// at the far end, a test stop in Melton Mowbray, off the Rutland extract,
// the walk to a venue 200 m away is the straight-line estimate. The
// timetable is a test one: a bus from Oakham at 09:20, there at 09:40, and
// back at 11:30, in Oakham at 11:50, on Wednesdays (the session is 10:00 to
// 11:00).
func TestBusWalksOnTheRutlandGraph(t *testing.T) {
	r := loadRutland(t)
	w := pedestrian.New(r.g.Graph)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	castle := r.place(t, "way/417617998").Point
	oakham := geo.PointLatLon(52.6697306, -0.7319576) // Bus Station, 268060093
	melton := geo.PointLatLon(52.7661, -0.8867)       // test stop, off the extract
	venue := geo.PointLatLon(52.7661+200/geo.EarthRadiusM*180/math.Pi, -0.8867)
	in := transit.Input{
		Feeds:     []transit.Feed{{ID: "test", Timezone: london}},
		Stops:     []transit.Stop{{ID: "268060093", Name: "Bus Station", Point: oakham, FeedID: "test"}, {ID: "melton", Name: "Melton (test stop)", Point: melton, FeedID: "test"}},
		Routes:    []transit.Route{{ID: "r", ShortName: "T", Type: 3, FeedID: "test"}},
		Trips:     []transit.Trip{{ID: "there", RouteID: "r", ServiceID: "we", FeedID: "test"}, {ID: "back", RouteID: "r", ServiceID: "we", FeedID: "test"}},
		Calendars: []transit.Calendar{{FeedID: "test", ServiceID: "we", Days: transit.Weekdays(time.Wednesday), Start: transit.DateOf(2026, 1, 1), End: transit.DateOf(2027, 1, 1)}},
		StopTimes: []transit.StopTime{
			{TripID: "there", StopID: "268060093", Seq: 1, Arr: 9*3600 + 20*60, Dep: 9*3600 + 20*60},
			{TripID: "there", StopID: "melton", Seq: 2, Arr: 9*3600 + 40*60, Dep: 9*3600 + 40*60},
			{TripID: "back", StopID: "melton", Seq: 1, Arr: 11*3600 + 30*60, Dep: 11*3600 + 30*60},
			{TripID: "back", StopID: "268060093", Seq: 2, Arr: 11*3600 + 50*60, Dep: 11*3600 + 50*60},
		},
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	walker := withOverrides(t, "walker", "")
	prm := walk.Params{SpeedMPS: walker.WalkSpeedMPS, MaxDistanceM: walker.MaxWalkM}
	// The far end is off the graph: the walking layer gives the estimate.
	if got, want := must(w.StopAccess(snap, venue, prm, nil)), snap.StopsNear(venue, prm.MaxDistanceM, prm.SpeedMPS, nil); len(want) != 1 || !slices.Equal(got, want) {
		t.Fatalf("from the venue: %v, want the estimate %v", got, want)
	}
	// The near end by a search of its own: castle → node, graph, node → stop.
	a, da, _ := r.g.Graph.NearestUsable(castle, prm)
	b, db, _ := r.g.Graph.NearestUsable(oakham, prm)
	onGraph := math.Ceil(da + graphMetres(t, r.g.Graph, a, b, false).Metres + db)
	straight := transit.WalkMetres(melton, venue, walk.DetourFactor)

	act := walkActivity(t, "Melton venue (test)", venue)
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	net := reach.Network{Location: london, Transit: snap, Walk: w, Fares: fares}
	ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: castle, Profile: walker,
		Start: time.Date(2026, 12, 9, 0, 0, 0, 0, london), Days: 1}, []reach.Activity{act})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Reachable) != 1 {
		t.Fatalf("reachable %d, near misses %+v", len(ans.Reachable), ans.NearMisses)
	}
	it := ans.Reachable[0]
	type walkLeg struct {
		from, to  string
		metres    int32
		estimated bool
	}
	var got []walkLeg
	for _, l := range append(it.Out.Legs, it.Back.Legs...) {
		if l.Mode == "walk" {
			got = append(got, walkLeg{l.From, l.To, l.Metres, l.Estimated})
		}
	}
	want := []walkLeg{
		{"home", "Bus Station", int32(onGraph), false},
		{"Melton (test stop)", "Melton venue (test)", int32(straight), true},
		{"Melton venue (test)", "Melton (test stop)", int32(straight), true},
		{"Bus Station", "home", int32(onGraph), false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("walks:\n got %+v\nwant %+v", got, want)
	}
	t.Logf("castle → bus station %.0f m on the graph (%.0f m as the crow flies); stop → venue %.0f m estimated", onGraph, geo.DistanceM(castle, oakham), straight)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
