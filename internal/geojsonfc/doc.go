// Package geojsonfc streams the features of a GeoJSON FeatureCollection one
// at a time, each with the line it starts on, so that a national file need
// not fit in memory and every problem can be reported by file and line.
//
// [Read] checks the collection itself: the members may come in any order,
// "type" must be FeatureCollection and "features" an array; an old-style
// "crs" member is accepted only when it names WGS84 longitude/latitude
// (CRS84, EPSG:4326), because British National Grid GeoJSON exists and must
// be refused rather than read as degrees. Each [Feature] is handed over as
// raw JSON: decoding its geometry and properties is the caller's business.
//
// Malformed JSON, a truncated file or data after the collection is an error
// naming the file and the line of the offending byte; an error returned by
// the caller's function is passed through, prefixed only with the file.
//
// # Imports
//
// Standard library only. It must not import any other Threshold package,
// pgx, chi or net/http.
package geojsonfc
