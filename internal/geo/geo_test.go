package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDistanceM(t *testing.T) {
	// Shanklin Bus Station to Ryde Pier Head, about 12.3 km apart.
	shanklin := PointLatLon(50.63165, -1.179534)
	ryde := PointLatLon(50.7339, -1.1596)
	d := DistanceM(shanklin, ryde)
	if d < 11000 || d > 12500 {
		t.Fatalf("Shanklin-Ryde = %.0f m, want about 11.5 km", d)
	}
	if DistanceM(shanklin, shanklin) != 0 {
		t.Fatal("distance to itself is not zero")
	}
}

func TestCellRoundTrip(t *testing.T) {
	p := PointLatLon(50.63165, -1.179534)
	c, err := Cell(p, ResOrigin)
	if err != nil {
		t.Fatal(err)
	}
	if CellResolution(c) != ResOrigin || !CellValid(c) {
		t.Fatalf("cell %x: res %d valid %v", c, CellResolution(c), CellValid(c))
	}
	centre, err := CellCenter(c)
	if err != nil {
		t.Fatal(err)
	}
	if d := DistanceM(p, centre); d > 250 {
		t.Fatalf("centre %v is %.0f m from the point", centre, d)
	}
	back, err := ParseCell(CellString(c))
	if err != nil || back != c {
		t.Fatalf("ParseCell(CellString) = %x, %v; want %x", back, err, c)
	}
	poly, err := CellBoundary(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(poly[0]) != 7 || poly[0][0] != poly[0][6] {
		t.Fatalf("boundary ring not a closed hexagon: %v", poly[0])
	}
	if !poly.Bound().Contains(p) {
		t.Fatal("cell boundary does not contain its point")
	}
	parent, err := CellParent(c, 7)
	if err != nil || CellResolution(parent) != 7 {
		t.Fatalf("parent %x, %v", parent, err)
	}
}

func TestPolygonCells(t *testing.T) {
	// A 0.01° box is about 0.8 km²: 7–9 res-9 cells of 0.1 km².
	sq := orb.Polygon{orb.Ring{{-1.18, 50.63}, {-1.17, 50.63}, {-1.17, 50.64}, {-1.18, 50.64}, {-1.18, 50.63}}}
	cs, err := PolygonCells(sq, ResOrigin)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 5 || len(cs) > 12 {
		t.Fatalf("got %d cells", len(cs))
	}
	if _, err := ParseCell("nonsense"); err == nil {
		t.Fatal("ParseCell accepted nonsense")
	}
	if ValidLonLat(orb.Point{math.NaN(), 1}) || ValidLonLat(orb.Point{200, 1}) || !ValidLonLat(orb.Point{-1, 50}) {
		t.Fatal("ValidLonLat wrong")
	}
}
