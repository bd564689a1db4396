// Package naptan reads the National Public Transport Access Nodes stops CSV
// published by the Department for Transport, and joins GTFS stop_ids to it.
//
// # What it reads
//
// The NaPTAN CSV in its version-2 column names (ATCOCode, NaptanCode,
// CommonName, Street, Indicator, NptgLocalityCode, LocalityName, Easting,
// Northing, Longitude, Latitude, StopType, BusStopType, Status, ...). Columns
// are found by name, so their order may change; names are compared without
// case, spaces, underscores or a byte order mark. Values are trimmed.
//
// Read streams one [Stop] at a time to a callback, because the national file
// holds some 430,000 stops and the loader COPYs them as they come; ReadAll
// collects a slice for small areas and tests.
//
// # Issues, not failures
//
// A bad row (empty ATCOCode or CommonName, a duplicate ATCOCode, a number
// that does not parse, coordinates out of range, a row whose field count
// differs from the header) is skipped and recorded as an [Issue] with file,
// line and field; [Report] counts rows read, loaded and rejected. A stop
// without Longitude/Latitude is kept with HasPoint false and a warning: its
// Easting/Northing (EPSG:27700) are kept as numbers so PostGIS can place it.
// This package does not convert British National Grid itself.
//
// Only structural breakage stops a read with an error naming the file and
// line: an empty file, a header without ATCOCode or CommonName, or broken
// quoting (quotes are parsed strictly so that one stray quote cannot swallow
// the rest of the file silently).
//
// # Matching
//
// [Match] joins GTFS stop_ids to ATCO codes after trimming and upper-casing
// both (NaPTAN is upper case; hand-made feeds are not always). On the Isle of
// Wight sample the normalisation changes nothing: 278 of 315 stop_ids match,
// 274 of them active. A stop whose status is absent does not count as active.
// NaPTAN carries no accessibility data, so nothing here says whether a stop
// is step-free.
//
// # Imports
//
// Standard library, orb and internal/csvtab (the shared header-driven CSV
// reader that also defines [Issue] and [Report]). It must not import pgx,
// chi, net/http or any other Threshold package; it touches no database.
package naptan
