package road

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/osm"
)

// A car journey on Rutland's real road network: from Uppingham Market
// Place to Rutland County Museum in Oakham (Catmos Street).
func TestDriveToRutlandCountyMuseum(t *testing.T) {
	x, err := osm.ReadFile(context.Background(), "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf", osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var museum *osm.Place
	for i, p := range x.Places {
		if p.Key == "way/101330070" {
			museum = &x.Places[i]
		}
	}
	if museum == nil || museum.Tourism != "museum" {
		t.Fatal("Rutland County Museum (way/101330070) not among the places")
	}
	uppingham := geo.PointLatLon(52.5889, -0.7234)
	r := NewRouter(x.Road)
	leg, err := r.Drive(uppingham, museum.Point)
	if err != nil {
		t.Fatal(err)
	}
	crow := geo.DistanceM(uppingham, museum.Point)
	if leg.Estimated || leg.Metres < crow || leg.Metres > 1.6*crow {
		t.Errorf("drive %.0f m (crow %.0f m), estimated %v", leg.Metres, crow, leg.Estimated)
	}
	if leg.Seconds < 8*60 || leg.Seconds > 25*60 {
		t.Errorf("drive takes %.1f min, want 8–25", leg.Seconds/60)
	}
	if len(leg.Path) < 10 {
		t.Errorf("drawn path has %d points", len(leg.Path))
	}
	// Without a network, the estimate is longer than the crow flies and
	// flagged as such; the rural speed is faster than the urban one.
	est := Estimate(uppingham, museum.Point, true)
	if !est.Estimated || est.Metres <= crow || Estimate(uppingham, museum.Point, false).Seconds <= est.Seconds {
		t.Errorf("estimate %+v", est)
	}
	if _, err := r.Drive(geo.PointLatLon(50.7, -1.3), museum.Point); err != ErrOffNetwork {
		t.Errorf("a point on the Isle of Wight drove to Rutland: %v", err)
	}
}

func TestCosts(t *testing.T) {
	c := DefaultCosts
	if got := c.CarPence(MetresPerMile * 10); got != 450 {
		t.Errorf("10 miles by car = %dp, want 450p", got)
	}
	if got := c.TaxiPence(MetresPerMile * 5); got != 320+1200 {
		t.Errorf("5 miles by taxi = %dp, want 1520p", got)
	}
	if c.TaxiPence(0) != 320 {
		t.Error("a taxi's flag fall is charged even for no distance")
	}
}

// BenchmarkDriveOffNetwork is a car question from the Isle of Wight when
// Rutland's roads are loaded too: answered ErrOffNetwork after a few cells
// of the snapping grid: 27 µs, against 1.36 ms when it scanned them all.
func BenchmarkDriveOffNetwork(b *testing.B) {
	x, err := osm.ReadFile(context.Background(), "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf", osm.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := NewRouter(x.Road)
	ryde, oakham := geo.PointLatLon(50.7296, -1.1619), geo.PointLatLon(52.6708, -0.7316)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Drive(ryde, oakham); err != ErrOffNetwork {
			b.Fatal(err)
		}
	}
}
