package osm_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/walk"
)

func readFixture(t *testing.T) *osm.Extract {
	t.Helper()
	ex, err := osm.ReadFile(context.Background(), "testdata/junction.osm", osm.Options{Edges: true})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

type edgeKey struct {
	net      osm.Network
	way      int64
	from, to int64
}

func edgesByKey(ex *osm.Extract) map[edgeKey]osm.EdgeRecord {
	m := map[edgeKey]osm.EdgeRecord{}
	for _, e := range ex.Edges {
		m[edgeKey{e.Network, e.WayID, e.FromNode, e.ToNode}] = e
	}
	return m
}

// TestFixtureWalkEdges pins the tag table's effect on every walk edge of
// the hand-made junction (testdata/junction.osm explains the layout).
func TestFixtureWalkEdges(t *testing.T) {
	ex := readFixture(t)
	got := edgesByKey(ex)
	want := map[edgeKey]walk.Flags{
		{osm.NetworkWalk, 100, 1, 3}:   0, // road split at the crossing node, no kerb on the carriageway
		{osm.NetworkWalk, 100, 3, 4}:   0,
		{osm.NetworkWalk, 101, 10, 3}:  walk.Crossing,                   // dropped kerb at node 10
		{osm.NetworkWalk, 101, 3, 11}:  walk.Crossing | walk.RaisedKerb, // raised kerb at node 11
		{osm.NetworkWalk, 102, 20, 11}: 0,                               // pavement meets the kerb node: not across it
		{osm.NetworkWalk, 102, 11, 21}: 0,                               //
		{osm.NetworkWalk, 103, 21, 30}: walk.Steps,                      //
		{osm.NetworkWalk, 104, 21, 30}: 0,                               // 5% ramp, surveyed
		{osm.NetworkWalk, 105, 30, 32}: walk.Steep,                      // -12%
		{osm.NetworkWalk, 106, 32, 33}: walk.Unknown,                    // bare highway=path
		{osm.NetworkWalk, 107, 33, 35}: walk.Barrier | walk.Rough,       // stile inside, grass
		{osm.NetworkWalk, 109, 4, 41}:  0,                               // oneway does not bind walkers
		{osm.NetworkWalk, 111, 42, 43}: 0,                               // trunk with a pavement
		{osm.NetworkWalk, 112, 43, 44}: 0,                               // cut at the missing node
		{osm.NetworkWalk, 112, 45, 46}: 0,                               //
		{osm.NetworkWalk, 116, 35, 36}: walk.WheelchairNo,               //
		{osm.NetworkWalk, 117, 36, 37}: walk.Unknown,                    // incline=up: gradient unknown
	}
	for k, f := range want {
		e, ok := got[k]
		if !ok {
			t.Errorf("missing walk edge %+v", k)
			continue
		}
		if e.Flags != f {
			t.Errorf("edge %+v flags %v, want %v", k, e.Flags, f)
		}
	}
	if n := ex.Walk.NumEdges(); n != len(want) {
		t.Errorf("%d walk edges, want %d (foot=no service road and bare trunks excluded)", n, len(want))
	}
	if ex.Stats.MissingNodes != 1 {
		t.Errorf("missing nodes %d, want 1", ex.Stats.MissingNodes)
	}
}

func TestFixtureRoadEdges(t *testing.T) {
	ex := readFixture(t)
	got := edgesByKey(ex)
	mph := func(e osm.EdgeRecord) float64 { return e.SpeedKPH / 1.609344 }
	cases := []struct {
		key    edgeKey
		mph    float64
		oneway bool
	}{
		{edgeKey{osm.NetworkRoad, 100, 1, 4}, 24, false},   // not split at the crossing: no road meets there
		{edgeKey{osm.NetworkRoad, 108, 4, 40}, 10, false},  // foot=no still drivable
		{edgeKey{osm.NetworkRoad, 109, 41, 4}, 25, true},   // oneway=-1 runs against the way
		{edgeKey{osm.NetworkRoad, 110, 41, 42}, 48, false}, // 80% of the 60 mph national limit
		{edgeKey{osm.NetworkRoad, 111, 42, 43}, 60, false},
		{edgeKey{osm.NetworkRoad, 114, 44, 45}, 60, false},
	}
	for _, c := range cases {
		e, ok := got[c.key]
		if !ok {
			t.Errorf("missing road edge %+v", c.key)
			continue
		}
		if math.Abs(mph(e)-c.mph) > 0.01 || e.Oneway != c.oneway {
			t.Errorf("road edge %+v: %.2f mph oneway %v, want %.2f %v", c.key, mph(e), e.Oneway, c.mph, c.oneway)
		}
	}
	s := walk.NewSearch(ex.Road)
	from, to := nodeIndex(t, ex.RoadNodeIDs, 4), nodeIndex(t, ex.RoadNodeIDs, 41)
	if err := s.Run([]walk.Source{{Node: from}}, walk.Params{}, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Seconds(to); ok {
		t.Error("drove the oneway=-1 street along the way")
	}
}

func nodeIndex(t *testing.T, ids []int64, osmID int64) int32 {
	t.Helper()
	for i, id := range ids {
		if id == osmID {
			return int32(i)
		}
	}
	t.Fatalf("OSM node %d not in graph", osmID)
	return -1
}

func TestFixtureStepFreeTakesTheRamp(t *testing.T) {
	ex := readFixture(t)
	g := ex.Walk
	a, z := nodeIndex(t, ex.WalkNodeIDs, 20), nodeIndex(t, ex.WalkNodeIDs, 30)
	s := walk.NewSearch(g)
	if err := s.RunTo([]walk.Source{{Node: a}}, walk.Params{SpeedMPS: 1.3}, z); err != nil {
		t.Fatal(err)
	}
	byFoot, _ := s.Leg(z)
	if err := s.RunTo([]walk.Source{{Node: a}}, walk.Params{SpeedMPS: 1, StepFree: true}, z); err != nil {
		t.Fatal(err)
	}
	stepFree, ok := s.Leg(z)
	if !ok || stepFree.Metres <= byFoot.Metres {
		t.Fatalf("step-free %+v (%v) not longer than on foot %+v", stepFree, ok, byFoot)
	}
	path := s.Path(z, nil)
	if !containsPoint(path, orb.Point{0.0035, 52.0003}) {
		t.Fatalf("step-free path %v does not follow the ramp's bend", path)
	}
	// Past the steep path nothing is step-free.
	far := nodeIndex(t, ex.WalkNodeIDs, 33)
	if err := s.RunTo([]walk.Source{{Node: a}}, walk.Params{SpeedMPS: 1, StepFree: true}, far); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Seconds(far); ok {
		t.Fatal("step-free search climbed the 12% path")
	}
}

func containsPoint(ps []orb.Point, p orb.Point) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func TestFixturePlaces(t *testing.T) {
	ex := readFixture(t)
	want := map[string]orb.Point{
		"node/50":      {0, 52.001},
		"relation/200": {0.001, 52.005},
		"way/113":      {0.0005, 52.0025},
	}
	if len(ex.Places) != len(want) {
		t.Fatalf("places %+v, want the memorial, museum and hall only", ex.Places)
	}
	for _, p := range ex.Places {
		w, ok := want[p.Key]
		if !ok {
			t.Errorf("unexpected place %+v", p)
			continue
		}
		if d := geo.DistanceM(p.Point, w); d > 1 {
			t.Errorf("%s at %v, %.1f m from %v", p.Key, p.Point, d, w)
		}
	}
	if p := ex.Places[2]; p.Tourism != "museum" || p.Website != "https://example.org/museum" || p.Wheelchair != "" {
		t.Errorf("museum fields %+v", p)
	}
	if p := ex.Places[0]; p.Name != "War Memorial" || p.Wheelchair != "yes" || p.Historic != "memorial" {
		t.Errorf("memorial fields %+v", p)
	}
}

func TestEdgeRecordsMatchGraphs(t *testing.T) {
	ex := readFixture(t)
	checkEdgeRecords(t, ex)
}

func checkEdgeRecords(t *testing.T, ex *osm.Extract) {
	t.Helper()
	if len(ex.Edges) != ex.Walk.NumEdges()+ex.Road.NumEdges() {
		t.Fatalf("%d records for %d+%d edges", len(ex.Edges), ex.Walk.NumEdges(), ex.Road.NumEdges())
	}
	for _, r := range ex.Edges {
		g, ids := ex.Walk, ex.WalkNodeIDs
		if r.Network == osm.NetworkRoad {
			g, ids = ex.Road, ex.RoadNodeIDs
		}
		e := g.Edge(r.Edge)
		if ids[e.From] != r.FromNode || ids[e.To] != r.ToNode || e.Flags != r.Flags {
			t.Fatalf("record %+v disagrees with graph edge %+v", r, e)
		}
		n := len(r.Geometry)
		if r.Geometry[0] != g.Point(e.From) || r.Geometry[n-1] != g.Point(e.To) || len(e.Shape) != n-2 {
			t.Fatalf("record %d geometry does not match its graph edge", r.Edge)
		}
		if math.Abs(float64(e.LengthM)-r.LengthM) > 1e-3 {
			t.Fatalf("record %d length %v, graph %v", r.Edge, r.LengthM, e.LengthM)
		}
	}
}
