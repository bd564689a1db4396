// Package geo owns Threshold's geometry vocabulary: points and boxes as orb
// types in [lon, lat] order, great-circle distances, and conversions to and
// from the H3 hexagon grid.
//
// It is the only package that imports h3-go. H3 cells are carried everywhere
// else as int64 (the same bits PostgreSQL stores as bigint) so that no other
// package needs cgo types. Function names that take separate coordinates say
// their axis order (LatLon, LonLat) because the two conventions meet here.
package geo
