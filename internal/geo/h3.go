package geo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// Resolutions used by Threshold: origins and walking at ResOrigin, coarser
// parents for heatmaps and funder views.
const (
	ResOrigin = 9
	ResMin    = 6
)

// Cell returns the H3 cell holding the [lon, lat] point p at resolution res.
func Cell(p orb.Point, res int) (int64, error) {
	c, err := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), res)
	if err != nil {
		return 0, fmt.Errorf("h3 cell of %v at res %d: %w", p, res, err)
	}
	return int64(c), nil
}

// CellCenter returns the centre of an H3 cell as a [lon, lat] point.
func CellCenter(cell int64) (orb.Point, error) {
	ll, err := h3.CellToLatLng(h3.Cell(cell))
	if err != nil {
		return orb.Point{}, fmt.Errorf("h3 centre of %x: %w", cell, err)
	}
	return orb.Point{ll.Lng, ll.Lat}, nil
}

// CellBoundary returns a cell's hexagon (or pentagon) as a closed [lon, lat]
// polygon.
func CellBoundary(cell int64) (orb.Polygon, error) {
	b, err := h3.CellToBoundary(h3.Cell(cell))
	if err != nil {
		return nil, fmt.Errorf("h3 boundary of %x: %w", cell, err)
	}
	ring := make(orb.Ring, 0, len(b)+1)
	for _, ll := range b {
		ring = append(ring, orb.Point{ll.Lng, ll.Lat})
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}, nil
}

// CellParent returns the ancestor of cell at the coarser resolution res.
func CellParent(cell int64, res int) (int64, error) {
	p, err := h3.Cell(cell).Parent(res)
	if err != nil {
		return 0, fmt.Errorf("h3 parent of %x at res %d: %w", cell, res, err)
	}
	return int64(p), nil
}

// CellResolution returns the resolution of an H3 cell.
func CellResolution(cell int64) int { return h3.Cell(cell).Resolution() }

// CellValid reports whether cell is a valid H3 cell index.
func CellValid(cell int64) bool { return h3.Cell(cell).IsValid() }

// CellString returns the hexadecimal form of a cell, the hex_id that deck.gl
// and kepler.gl read.
func CellString(cell int64) string { return h3.Cell(cell).String() }

// ParseCell reads a hexadecimal H3 index such as "89195da49b7ffff".
func ParseCell(s string) (int64, error) {
	c := h3.CellFromString(s)
	if !c.IsValid() {
		return 0, fmt.Errorf("not an h3 cell: %q", s)
	}
	return int64(c), nil
}

// CellNeighbours returns the cells within k grid steps of cell, cell included.
func CellNeighbours(cell int64, k int) ([]int64, error) {
	cs, err := h3.GridDisk(h3.Cell(cell), k)
	if err != nil {
		return nil, fmt.Errorf("h3 disk of %x: %w", cell, err)
	}
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = int64(c)
	}
	return out, nil
}

// PolygonCells returns the cells at res whose centres lie inside the
// [lon, lat] polygon p (outer ring first, then holes).
func PolygonCells(p orb.Polygon, res int) ([]int64, error) {
	if len(p) == 0 {
		return nil, nil
	}
	gp := h3.GeoPolygon{GeoLoop: loopFromRing(p[0])}
	for _, hole := range p[1:] {
		gp.Holes = append(gp.Holes, loopFromRing(hole))
	}
	cs, err := h3.PolygonToCells(gp, res)
	if err != nil {
		return nil, fmt.Errorf("h3 polyfill at res %d: %w", res, err)
	}
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = int64(c)
	}
	return out, nil
}

func loopFromRing(r orb.Ring) h3.GeoLoop {
	loop := make(h3.GeoLoop, 0, len(r))
	for _, pt := range r {
		loop = append(loop, h3.NewLatLng(pt[1], pt[0]))
	}
	return loop
}
