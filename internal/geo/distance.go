package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadiusM is the mean Earth radius used for all distances, in metres.
const EarthRadiusM = 6371008.8

// DistanceM is the great-circle (haversine) distance between two [lon, lat]
// points in metres.
func DistanceM(a, b orb.Point) float64 {
	lat1, lat2 := rad(a[1]), rad(b[1])
	dLat := lat2 - lat1
	dLon := rad(b[0] - a[0])
	s := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(s)))
}

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// PointLatLon builds an orb point from a latitude and longitude, the order
// people write them in; the result is [lon, lat].
func PointLatLon(lat, lon float64) orb.Point { return orb.Point{lon, lat} }

// ValidLonLat reports whether p holds finite WGS84 coordinates in range.
func ValidLonLat(p orb.Point) bool {
	lon, lat := p[0], p[1]
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return false
	}
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// ExpandBound grows b by m metres on every side (approximately, using the
// latitude of b's centre), for "within walking distance" pre-filters.
func ExpandBound(b orb.Bound, m float64) orb.Bound {
	dLat := m / EarthRadiusM * 180 / math.Pi
	c := b.Center()
	dLon := dLat / math.Max(0.01, math.Cos(rad(c[1])))
	return orb.Bound{
		Min: orb.Point{b.Min[0] - dLon, b.Min[1] - dLat},
		Max: orb.Point{b.Max[0] + dLon, b.Max[1] + dLat},
	}
}
