package area

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// wardGrid is the number of sample points per side of an LSOA's bounding
// box used to estimate which ward holds most of it.
const wardGrid = 24

// WardOf returns the ward holding the largest part of area, and that part
// as a share (0..1) of the sample points inside area.
//
// Method: a wardGrid × wardGrid lattice of points over the area's bounding
// box; the points inside the area vote for the ward containing them
// (orb/planar point-in-polygon, lon/lat treated as planar, which over an
// LSOA's few kilometres scales every area by the same cos(latitude) and so
// preserves which overlap is largest). Ties go to the lower ward code. An
// area so thin that no lattice point falls inside votes with its centroid.
// LSOAs 2021 mostly nest in wards, so the share is usually 1; a lower share
// flags an LSOA split between wards (common after ward reviews). The code is
// "" when no ward contains any sample point.
func WardOf(area orb.MultiPolygon, wards []Ward) (code string, share float64) {
	bounds := make([]orb.Bound, len(wards))
	for i, w := range wards {
		bounds[i] = w.Polygon.Bound()
	}
	return wardOf(area, wards, bounds)
}

func wardOf(area orb.MultiPolygon, wards []Ward, bounds []orb.Bound) (string, float64) {
	votes := make([]int, len(wards))
	inside := 0
	for _, p := range lattice(area.Bound(), wardGrid) {
		if planar.MultiPolygonContains(area, p) {
			inside++
			vote(p, wards, bounds, votes)
		}
	}
	if inside == 0 {
		c, _ := planar.CentroidArea(area)
		inside = 1
		vote(c, wards, bounds, votes)
	}
	best := -1
	for i, v := range votes {
		if v > 0 && (best < 0 || v > votes[best] || (v == votes[best] && wards[i].Code < wards[best].Code)) {
			best = i
		}
	}
	if best < 0 {
		return "", 0
	}
	return wards[best].Code, float64(votes[best]) / float64(inside)
}

func vote(p orb.Point, wards []Ward, bounds []orb.Bound, votes []int) {
	for i, w := range wards {
		if bounds[i].Contains(p) && planar.MultiPolygonContains(w.Polygon, p) {
			votes[i]++
			return
		}
	}
}

// lattice returns n × n points at the centres of an n × n division of b.
func lattice(b orb.Bound, n int) []orb.Point {
	out := make([]orb.Point, 0, n*n)
	dx, dy := (b.Max[0]-b.Min[0])/float64(n), (b.Max[1]-b.Min[1])/float64(n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			out = append(out, orb.Point{b.Min[0] + (float64(i)+0.5)*dx, b.Min[1] + (float64(j)+0.5)*dy})
		}
	}
	return out
}
