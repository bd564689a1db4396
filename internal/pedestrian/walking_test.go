package pedestrian_test

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// A Fan's walks are Route's: from Oakham Castle to 400 random points
// within 1.5 km, on Rutland's graph, for a walker and a step-free profile
// — found, not found and not covered alike, with the same metres,
// seconds and unsurveyed metres.
func TestFanIsRoute(t *testing.T) {
	path, err := filepath.Abs("../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	x, err := osm.ReadFile(context.Background(), path, osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := pedestrian.New(x.Walk)
	castle := geo.PointLatLon(52.6711, -0.7270) // Oakham Castle
	rng := rand.New(rand.NewPCG(5, 5))
	perDeg := geo.EarthRadiusM * math.Pi / 180
	var counts [3]int
	for _, prm := range []walk.Params{{SpeedMPS: 1.2, MaxDistanceM: 1000}, {SpeedMPS: 0.8, MaxDistanceM: 400, StepFree: true}} {
		fan, err := w.FanFrom(walk.NewSearch(x.Walk), w.SnapPoint(castle, prm), prm)
		if err != nil {
			t.Fatal(err)
		}
		for range 400 {
			dx, dy := (rng.Float64()*2-1)*1500, (rng.Float64()*2-1)*1500
			p := orb.Point{castle[0] + dx/(perDeg*math.Cos(castle[1]*math.Pi/180)), castle[1] + dy/perDeg}
			want, wres, err := w.Route(castle, p, prm)
			if err != nil {
				t.Fatal(err)
			}
			got, gres := fan.To(w.SnapPoint(p, prm))
			if gres != wres || math.Abs(got.Metres-want.Metres) > 1e-6 || math.Abs(got.Seconds-want.Seconds) > 1e-6 ||
				math.Abs(got.UnknownM-want.UnknownM) > 1e-6 {
				t.Fatalf("%+v to %v: fan %+v (%d), route %+v (%d)", prm, p, got, gres, want, wres)
			}
			counts[wres]++
		}
	}
	t.Logf("not covered %d, not found %d, found %d", counts[pedestrian.NotCovered], counts[pedestrian.NotFound], counts[pedestrian.Found])
	if counts[pedestrian.Found] == 0 || counts[pedestrian.NotFound] == 0 {
		t.Error("the points do not try both found and not found walks")
	}
}
