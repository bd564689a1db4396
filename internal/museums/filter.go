package museums

import (
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// SplitOpen separates museums still open (sites to load) from closed ones
// (for the import report only: a closed museum is not a place to send
// anyone). Order is preserved.
func SplitOpen(ms []Museum) (open, closed []Museum) {
	for _, m := range ms {
		if m.Open() {
			open = append(open, m)
		} else {
			closed = append(closed, m)
		}
	}
	return open, closed
}

// InAdminArea keeps the museums whose admin area path names area at any
// level ("Rutland", "East Midlands", "England"), compared without case.
func InAdminArea(ms []Museum, area string) []Museum {
	area = strings.TrimSpace(area)
	var out []Museum
	for _, m := range ms {
		for _, name := range m.AdminAreaNames() {
			if strings.EqualFold(name, area) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// InBound keeps the museums with a point inside b (edges included). A museum
// without coordinates is never inside: unknown is not yes.
func InBound(ms []Museum, b orb.Bound) []Museum {
	var out []Museum
	for _, m := range ms {
		if m.HasPoint && b.Contains(m.Point) {
			out = append(out, m)
		}
	}
	return out
}

// InPolygon keeps the museums with a point inside region (for example a
// local authority's outline), by planar point-in-polygon on [lon, lat].
func InPolygon(ms []Museum, region orb.MultiPolygon) []Museum {
	b := region.Bound()
	var out []Museum
	for _, m := range ms {
		if m.HasPoint && b.Contains(m.Point) && planar.MultiPolygonContains(region, m.Point) {
			out = append(out, m)
		}
	}
	return out
}
