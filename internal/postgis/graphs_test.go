package postgis_test

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/walk"
)

const rutlandPBF = "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf"

// The pedestrian graph loaded back from PostGIS is the graph the importer
// read from the PBF, barriers included: the step-free walk in Oakham that
// avoids a flight of steps comes out the same from both.
func TestWalkGraphRoundTripsThroughPostGIS(t *testing.T) {
	ctx := context.Background()
	x, err := osm.ReadFile(ctx, rutlandPBF, osm.Options{Edges: true})
	if err != nil {
		t.Fatal(err)
	}
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	f, err := os.Open(rutlandPBF)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := db.Import(ctx, postgis.ImportSpec{SourceID: "osm-rutland", Kind: "osm", Path: rutlandPBF, Checksum: "x"},
		postgis.OSMLoader(x, "rutland.osm.pbf")); err != nil {
		t.Fatal(err)
	}
	g, err := db.WalkGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g.Graph.NumEdges() != x.Walk.NumEdges() {
		t.Fatalf("edges: postgis %d, pbf %d", g.Graph.NumEdges(), x.Walk.NumEdges())
	}
	// OSM nodes 1169803500 → 2577022508 in Oakham: a walker's shortest path
	// takes steps (107 m); the step-free path is longer (164 m).
	walker, stepFree := pathLengths(t, g.Graph, g.NodeIDs, 1169803500, 2577022508)
	pbfWalker, pbfStepFree := pathLengths(t, x.Walk, x.WalkNodeIDs, 1169803500, 2577022508)
	if math.Abs(walker-pbfWalker) > 1 || math.Abs(stepFree-pbfStepFree) > 1 {
		t.Errorf("postgis graph gives %.0f / %.0f m, pbf graph %.0f / %.0f m", walker, stepFree, pbfWalker, pbfStepFree)
	}
	if !(stepFree > walker+40) {
		t.Errorf("step-free %.0f m is not longer than the walker's %.0f m: the steps were not avoided", stepFree, walker)
	}
	road, err := db.RoadGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if road.Graph.NumEdges() != x.Road.NumEdges() {
		t.Errorf("road edges: postgis %d, pbf %d", road.Graph.NumEdges(), x.Road.NumEdges())
	}
}

func pathLengths(t *testing.T, g *walk.Graph, ids []int64, fromOSM, toOSM int64) (walker, stepFree float64) {
	t.Helper()
	from, to := int32(-1), int32(-1)
	for i, id := range ids {
		switch id {
		case fromOSM:
			from = int32(i)
		case toOSM:
			to = int32(i)
		}
	}
	if from < 0 || to < 0 {
		t.Fatalf("nodes %d and %d not in the graph", fromOSM, toOSM)
	}
	s := walk.NewSearch(g)
	lengths := make([]float64, 2)
	for i, sf := range []bool{false, true} {
		if err := s.RunTo([]walk.Source{{Node: from}}, walk.Params{SpeedMPS: 1, MaxDistanceM: 2000, StepFree: sf}, to); err != nil {
			t.Fatal(err)
		}
		leg, ok := s.Leg(to)
		if !ok {
			t.Fatalf("no path (step-free %v)", sf)
		}
		lengths[i] = leg.Metres
	}
	return lengths[0], lengths[1]
}
