package transit

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// metresAt is the point x metres east and y metres north of (-1.30,
// 50.70), for hand-built street tests.
func metresAt(x, y float64) orb.Point {
	const lon0, lat0 = -1.30, 50.70
	perDeg := geo.EarthRadiusM * math.Pi / 180
	return orb.Point{lon0 + x/(perDeg*math.Cos(lat0*math.Pi/180)), lat0 + y/perDeg}
}

// streetTown is a hand-built town: stops A and B 100 m apart across a
// river whose bridge is 400 m away (a 900 m walk), J 1,400 m on from B;
// C and D 50 m apart joined only by steps, each with a level path of its
// own; G and H joined only by steps, with no level path near them; E 500
// m from A, further than MaxSnapM from any path. X, Y, X2 and Y2 are far
// away, for rides to and from the others. Every stop and trip is
// step-free; a transfer of type 2 links A to J (2 minutes) and one of
// type 3 forbids B → A.
func streetTown() (Input, *walk.Graph) {
	in := Input{Feeds: []Feed{{ID: "h", Timezone: time.UTC}}}
	for _, st := range []struct {
		id   string
		x, y float64
	}{
		{"A", 0, 0}, {"B", 0, 100}, {"J", 0, 1500}, {"C", 2000, 0}, {"D", 2000, 50},
		{"G", 3000, 0}, {"H", 3000, 60}, {"E", 0, -500},
		{"X", -5000, 0}, {"Y", 5000, 5000}, {"X2", 2000, -5000}, {"Y2", 8000, 8000},
	} {
		in.Stops = append(in.Stops, Stop{ID: st.id, Name: st.id, FeedID: "h", Point: metresAt(st.x, st.y), Wheelchair: 1})
	}
	in.Routes = []Route{{ID: "R", FeedID: "h"}}
	in.Calendars = []Calendar{{FeedID: "h", ServiceID: "S", Days: 127, Start: genDate - 10, End: genDate + 10}}
	trip := func(id string, calls ...any) {
		in.Trips = append(in.Trips, Trip{ID: id, RouteID: "R", ServiceID: "S", FeedID: "h", Wheelchair: 1})
		for k := 0; k < len(calls); k += 2 {
			t := int32(calls[k+1].(int))
			in.StopTimes = append(in.StopTimes, StopTime{TripID: id, StopID: calls[k].(string), Seq: int32(k), Arr: t, Dep: t})
		}
	}
	trip("xa", "X", 8*3600, "A", 8*3600+300)        // X 8:00 → A 8:05
	trip("by1", "B", 8*3600+600, "Y", 8*3600+1200)  // B 8:10 → Y 8:20
	trip("by2", "B", 8*3600+1800, "Y", 8*3600+2400) // B 8:30 → Y 8:40
	trip("xc", "X2", 9*3600, "C", 9*3600+300)       // X2 9:00 → C 9:05
	trip("dy", "D", 9*3600+600, "Y2", 9*3600+1200)  // D 9:10 → Y2 9:20
	in.Transfers = []Transfer{
		{FeedID: "h", FromStopID: "A", ToStopID: "J", Type: 2, MinSeconds: 120},
		{FeedID: "h", FromStopID: "B", ToStopID: "A", Type: 3},
	}

	b := walk.NewBuilder()
	node := func(x, y float64) int32 { return b.AddNode(metresAt(x, y)) }
	edge := func(a, z int32, f walk.Flags) {
		if _, err := b.AddEdge(walk.Edge{From: a, To: z, Flags: f}); err != nil {
			panic(err)
		}
	}
	a0, a1, b1, b0, j0 := node(0, 0), node(400, 0), node(400, 100), node(0, 100), node(0, 1500)
	edge(a0, a1, 0)
	edge(a1, b1, 0) // the bridge
	edge(b1, b0, 0)
	edge(b0, j0, 0)
	c1, c0, d0, d1 := node(2020, 0), node(2000, 0), node(2000, 50), node(2020, 50)
	edge(c1, c0, 0)
	edge(c0, d0, walk.Steps)
	edge(d0, d1, 0)
	edge(node(3000, 0), node(3000, 60), walk.Steps)
	return in, b.Build()
}

// footpathOf returns the footpath a → b for a need: metres, whether it was
// walked on the graph, and whether it exists.
func footpathOf(s *Snapshot, stepFree bool, a, b int32) (metres int, measured, ok bool) {
	fp, k := s.fp, need(stepFree)
	for f := fp.off[a]; f < fp.off[a+1]; f++ {
		if fp.to[f] == b && fp.metres[k][f] != noWalk {
			return int(fp.metres[k][f]), fp.isMeasured(k, f), true
		}
	}
	return 0, false, false
}

func TestStreetFootpaths(t *testing.T) {
	in, g := streetTown()
	s, err := Build(in, BuildOptions{Streets: g})
	if err != nil {
		t.Fatal(err)
	}
	plain := buildT(t, in)
	stop := func(id string) int32 { v, _ := s.StopIndex("h", id); return v }
	A, B, C, D, G, H, E, J := stop("A"), stop("B"), stop("C"), stop("D"), stop("G"), stop("H"), stop("E"), stop("J")
	type want struct {
		metres   int // 0: no footpath
		measured bool
	}
	cases := []struct {
		name           string
		from, to       int32
		any, stepFree  want
		plainMetres    int
		plainMinSecond int32
	}{
		{"across the river: the walk to the bridge", A, B, want{900, true}, want{900, true}, 130, 0},
		{"type 3 transfer forbids", B, A, want{}, want{}, 0, 0},
		{"joined only by steps", C, D, want{50, true}, want{}, 65, 0},
		{"steps, no level path near either stop", G, H, want{60, true}, want{}, 78, 0},
		{"off the graph: a straight-line estimate", E, A, want{650, false}, want{650, false}, 650, 0},
		{"onto the graph from off it", B, E, want{780, false}, want{780, false}, 780, 0},
		{"covered both ends, no walk within the limit", B, J, want{}, want{}, 0, 0},
		{"type 2 transfer walked on the graph", A, J, want{2300, true}, want{2300, true}, 1950, 120},
	}
	for _, c := range cases {
		for _, sf := range []bool{false, true} {
			w := c.any
			if sf {
				w = c.stepFree
			}
			m, measured, ok := footpathOf(s, sf, c.from, c.to)
			if ok != (w.metres > 0) || ok && (m < w.metres-1 || m > w.metres+1 || measured != w.measured) {
				t.Errorf("%s, step-free %v: %d m, measured %v, exists %v; want %+v", c.name, sf, m, measured, ok, w)
			}
		}
		m, measured, ok := footpathOf(plain, false, c.from, c.to)
		if ok != (c.plainMetres > 0) || ok && (m < c.plainMetres-1 || m > c.plainMetres+1 || measured) {
			t.Errorf("%s, no graph: %d m, measured %v, exists %v; want %d m estimated", c.name, m, measured, ok, c.plainMetres)
		}
	}
	if c := s.Footpaths(false); c.Measured == 0 || c.Measured == c.Total {
		t.Errorf("footpath count %+v: want some measured and some estimated", c)
	}
	if c := plain.Footpaths(true); c.Measured != 0 {
		t.Errorf("no graph: %+v measured", c)
	}
}

// TestStreetFootpathJourneys: the walk across the river costs the 8:10
// connection (a 900 m walk, not 130 m) and says it was walked on the map;
// a step-free traveller cannot change from C to D by the steps, where the
// straight line would have let them.
func TestStreetFootpathJourneys(t *testing.T) {
	in, g := streetTown()
	streets, err := Build(in, BuildOptions{Streets: g})
	if err != nil {
		t.Fatal(err)
	}
	plain := buildT(t, in)
	p := Params{Date: genDate, Time: 7 * 3600, WalkSpeed: 1.2, MaxWalkM: 1000, MaxTransfers: 2}
	route := func(s *Snapshot, from, to string, stepFree bool) (Journey, bool) {
		a, _ := s.StopIndex("h", from)
		b, _ := s.StopIndex("h", to)
		q := p
		q.StepFree = stepFree
		var j Journey
		ok, err := NewSearcher(s).Route([]StopAccess{{Stop: a}}, []StopAccess{{Stop: b}}, q, false, &j)
		if err != nil {
			t.Fatal(err)
		}
		return j, ok
	}
	walkLeg := func(j Journey) Leg {
		for _, l := range j.Legs {
			if l.Kind == LegWalk {
				return l
			}
		}
		return Leg{}
	}
	j, ok := route(plain, "X", "Y", false)
	if l := walkLeg(j); !ok || j.Arrive != 8*3600+1200 || !l.Estimated || l.Metres != 130 {
		t.Errorf("no graph: arrive %d, walk %+v; want 8:20 after a 130 m estimate", j.Arrive, l)
	}
	j, ok = route(streets, "X", "Y", false)
	if l := walkLeg(j); !ok || j.Arrive != 8*3600+2400 || l.Estimated || l.Metres != 900 {
		t.Errorf("streets: arrive %d, walk %+v; want 8:40 after a 900 m walk on the map", j.Arrive, l)
	}
	for _, c := range []struct {
		s        *Snapshot
		stepFree bool
		want     bool
	}{{plain, true, true}, {streets, false, true}, {streets, true, false}} {
		if _, ok := route(c.s, "X2", "Y2", c.stepFree); ok != c.want {
			t.Errorf("X2 → Y2 by the steps, graph %v, step-free %v: found %v", c.s == streets, c.stepFree, ok)
		}
	}
}

func TestStreetBuildOptions(t *testing.T) {
	in, _ := streetTown()
	if _, err := Build(in, BuildOptions{MaxSnapM: -1}); err == nil || !strings.Contains(err.Error(), "max snap") {
		t.Errorf("negative MaxSnapM: %v", err)
	}
	empty, err := Build(in, BuildOptions{Streets: walk.NewBuilder().Build()})
	if err != nil {
		t.Fatal(err)
	}
	if c, want := empty.Footpaths(false), buildT(t, in).Footpaths(false); c != want {
		t.Errorf("empty graph: %+v footpaths, want the straight lines %+v", c, want)
	}
}

// poaStreets builds Porto Alegre's EPTC snapshot on the pedestrian graph
// of testdata/poa/poa_osm.pbf (central Porto Alegre, read by internal/osm).
func poaStreets(t *testing.T) *Snapshot {
	t.Helper()
	ex, err := osm.ReadFile(context.Background(), "../../testdata/poa/poa_osm.pbf", osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := Build(cachedFeed(t, poaPath, "poa", poaPolicy), BuildOptions{Streets: ex.Walk})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("graph %d nodes, %d edges; build with footpaths on it %v", ex.Walk.NumNodes(), ex.Walk.NumEdges(), time.Since(start))
	return s
}

// TestStreetFootpathsPOA: on a real city, every walked footpath is at
// least its straight line, some short straight lines turn into long walks
// (the river, the railway, fenced blocks), step-free walkers lose some
// footpaths or walk further, and the journeys say which walks are
// estimates.
func TestStreetFootpathsPOA(t *testing.T) {
	s := poaStreets(t)
	all, sf := s.Footpaths(false), s.Footpaths(true)
	m := s.Memory()
	t.Logf("footpaths: any walker %+v, step-free %+v; %.1f bytes per stop time, %.1f of them footpaths",
		all, sf, float64(m.Total)/float64(s.NumStopTimes()), float64(m.Footpaths)/float64(s.NumStopTimes()))
	if all.Measured < all.Total/2 || all.Measured == all.Total || sf.Total > all.Total {
		t.Errorf("footpaths: any walker %+v, step-free %+v", all, sf)
	}
	fp := s.fp
	detours, longer, lost := 0, 0, 0
	for a := range int32(s.NumStops()) {
		for f := fp.off[a]; f < fp.off[a+1]; f++ {
			b, walked := fp.to[f], float64(fp.metres[0][f])
			straight := geo.DistanceM(s.stopPoint[a], s.stopPoint[b])
			if fp.isMeasured(0, f) && walked < math.Floor(straight) {
				t.Fatalf("%s → %s: walked %v m, straight line %.1f m", s.stopName[a], s.stopName[b], walked, straight)
			}
			if fp.isMeasured(0, f) && straight < 200 && walked > 3*straight {
				if detours == 0 {
					t.Logf("e.g. %s → %s: %.0f m apart, a %v m walk", s.stopName[a], s.stopName[b], straight, walked)
				}
				detours++
			}
			switch sfM := fp.metres[1][f]; {
			case sfM == noWalk:
				lost++
			case float64(sfM) > walked:
				longer++
			}
		}
	}
	t.Logf("%d footpaths under 200 m in a straight line walk over 3 times that; step-free: %d longer, %d gone", detours, longer, lost)
	if detours == 0 || longer+lost == 0 {
		t.Errorf("no detours (%d) or no step-free difference (%d longer, %d gone)", detours, longer, lost)
	}
	checkPOAWalkLegs(t, s)
}

// checkPOAWalkLegs reconstructs journeys to every stop from a few origins
// and checks each walking transfer against its footpath, estimate or not;
// then that searches on the snapshot still allocate nothing.
func checkPOAWalkLegs(t *testing.T, s *Snapshot) {
	_, stops, p := poaBench(t)
	w := NewSearcher(s)
	var j Journey
	walks := [2]int{}
	for k, o := range stops[:8] {
		q := p
		q.StepFree = k%2 == 1
		res, err := w.Forward([]StopAccess{{Stop: o}}, q)
		if err != nil {
			t.Fatal(err)
		}
		for v := range int32(s.NumStops()) {
			if !res.Journey(v, false, &j) {
				continue
			}
			for _, l := range j.Legs {
				if l.Kind != LegWalk {
					continue
				}
				m, measured, ok := footpathOf(s, q.StepFree, l.From, l.To)
				if !ok || int32(m) != l.Metres || l.Estimated == measured {
					t.Fatalf("walk leg %+v; footpath %d m, measured %v, exists %v", l, m, measured, ok)
				}
				walks[btoi(l.Estimated)]++
			}
		}
	}
	t.Logf("walking transfers on journeys: %d walked on the map, %d estimates", walks[0], walks[1])
	if walks[0] == 0 {
		t.Error("no journey walked a measured footpath")
	}
	from := []StopAccess{{Stop: stops[0]}}
	q := p
	q.StepFree = true
	run := func() {
		w.Forward(from, q)
		w.ForwardRange(from, q, 1800)
	}
	run()
	if a := testing.AllocsPerRun(5, run); a != 0 {
		t.Errorf("%v allocations per step-free search", a)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
