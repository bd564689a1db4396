package geo

import (
	"slices"
	"testing"
)

// TestCellNeighbours: a cell's disk of radius k holds 1 + 3k(k+1) distinct
// cells of its resolution, itself included; adjacency is symmetric and
// neighbours' centres lie one cell apart (about 300 m at resolution 9).
func TestCellNeighbours(t *testing.T) {
	c, err := Cell(PointLatLon(50.70, -1.29), 9)
	if err != nil {
		t.Fatal(err)
	}
	centre, _ := CellCenter(c)
	for k, want := range []int{1, 7, 19} {
		ns, err := CellNeighbours(c, k)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, n := range ns {
			if seen[n] || CellResolution(n) != 9 {
				t.Fatalf("k %d: cell %x repeated or not at resolution 9", k, n)
			}
			seen[n] = true
		}
		if len(ns) != want || !seen[c] {
			t.Fatalf("k %d: %d cells (itself included: %v), want %d", k, len(ns), seen[c], want)
		}
	}
	ring, _ := CellNeighbours(c, 1)
	for _, n := range ring {
		if n == c {
			continue
		}
		back, err := CellNeighbours(n, 1)
		if err != nil || !slices.Contains(back, c) {
			t.Errorf("%x is a neighbour of %x but not the other way round (%v)", n, c, err)
		}
		p, _ := CellCenter(n)
		if d := DistanceM(centre, p); d < 250 || d > 360 {
			t.Errorf("neighbour %x is %.0f m away, want about 300", n, d)
		}
	}
}
