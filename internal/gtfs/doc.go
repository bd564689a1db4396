// Package gtfs is Threshold's streaming reader for GTFS static feeds,
// including fares v1 and v2, pathways and levels, and the GTFS-Flex files
// booking_rules.txt and locations.geojson. It owns parsing and row-level
// validation; it knows nothing of databases, routing or HTTP.
//
// # Opening a feed
//
// Open takes a .zip archive or a folder (OpenFS any fs.FS). Has tells
// whether a file is present; Checksum hashes every file's name and bytes
// in name order, so a zip and its unpacked folder agree and an importer can
// skip a feed it has already loaded. Close releases the archive.
//
// # Streaming, one file per method
//
// Each GTFS file has its own Go file here and a method that streams typed
// rows to a callback: Agencies, Stops, Routes, Trips, StopTimes, Calendars,
// CalendarDates, Frequencies, Transfers, FareAttributes, FareRules,
// FareMedia, FareProducts, FareLegRules, FareTransferRules, Areas,
// StopAreas, Timeframes, Pathways, Levels, FeedInfo, BookingRules and
// Locations. Nothing holds a file in memory: CSV is read by encoding/csv
// with a reused record, one row at a time, straight from the zip entry's
// decompressor, so memory does not grow with file size (England's BODS
// feed has 7.8 GB of text). Strings in a row share one allocation per row;
// keep them if you like, but copy a slice that a method says it reuses.
// A callback error stops the pass and comes back wrapped in a *FileError
// naming the file and line.
//
// agency.txt, stops.txt, routes.txt, trips.txt and stop_times.txt are
// required: their absence is an error wrapping fs.ErrNotExist. Every other
// file is optional; when absent its method calls nothing and returns nil.
// A file with no bytes at all has no rows.
//
// # Tolerance
//
// Columns are found by header name, in any order, with a UTF-8 BOM removed
// and spaces around names trimmed (Porto Alegre's Trensurb agency.txt has
// " agency_name"); names are matched case-insensitively and unknown columns
// are ignored. Quoted fields, CRLF line ends and blank lines are accepted;
// values are trimmed of surrounding spaces. Quotes must be well formed:
// encoding/csv runs with LazyQuotes off, so a bare or unclosed quote is an
// error naming its line rather than a row silently merged with the next.
//
// # Issues as values
//
// A bad row is skipped and recorded as an Issue{File, Line, Field, Value,
// Reason, Skipped}; an invalid optional field keeps the row, reads as absent
// and is recorded with Skipped false. The rule: a required field that is
// empty or invalid rejects the row; an optional one is a warning. (Two
// exceptions reject because a default would change meaning: an unknown
// location_type, and an invalid fare transfers count, which read as empty
// would mean unlimited.) A row with more fields than the header is rejected
// (its columns have shifted); a short row reads its missing fields as empty,
// with a warning.
//
// Feed.Report (or FileReport for one file) returns, per file, the counts of
// the latest pass: rows read, loaded and rejected, warnings, and the first
// MaxIssuesPerFile issues (the rest are counted in IssuesDropped). Problems
// that make a file unreadable are errors, not issues, and are *FileError
// values naming file and line: a missing file or required column (line 1),
// a structurally broken CSV such as a bare quote (the line of the fault),
// malformed JSON in locations.geojson.
//
// # Types and invariants
//
//   - Identifiers are strings, as written (trimmed).
//   - Times are int32 seconds since the start of the service day (noon
//     minus 12 h), values past 24:00 kept: "25:10:00" is 90600. An empty
//     time is NoTime (-1).
//   - Dates are Date, the integer yyyymmdd; zero means absent. Date.Time
//     and Date.ServiceDayStart place one in a time zone.
//   - Positions are orb.Point [lon, lat] built with geo.PointLatLon.
//     Stops, stations and entrances must have valid coordinates, and 0,0
//     is rejected as a missing position.
//   - wheelchair_boarding and wheelchair_accessible stay the raw 0/1/2
//     (WheelchairUnknown, WheelchairAccessible, WheelchairNo); an absent
//     column or empty value is 0, "no information". Nothing here turns
//     unknown into yes; a child stop's 0 means "as the parent station",
//     which the caller resolves (ParentStation and LocationType are kept).
//   - Absent optional numbers are -1 for counts and durations, NaN for
//     measurements (Pathway.Length, StopTime.ShapeDistTraveled), never 0.
//   - Money stays decimal text (FareAttribute.Price, FareProduct.Amount);
//     MinorUnits converts it to integer minor units (pence) exactly.
//
// # Trips and interpolation
//
// StopTimes delivers rows in file order. TripStopTimes groups the
// consecutive rows of each trip, sorts them by stop_sequence and drops
// duplicate sequence numbers as issues. It requires stop_times.txt to be
// grouped by trip_id (feeds are, in practice); an interleaved file is not
// sorted externally but stopped with an error wrapping ErrNotGrouped and
// naming the line where a finished trip resumes. It keeps one 8-byte hash
// per trip to notice that, and the rows of one trip.
//
// Many feeds time only some stops: Porto Alegre's EPTC bus feed leaves 96%
// of its stop times empty, timing only each trip's first and last stop.
// InterpolateTimes fills them. Between two timed stops A (departure tA) and
// B (arrival tB), an untimed stop k gets
//
//	t_k = tA + round((tB - tA) * d_k / D)
//
// where d_k is the straight-line distance travelled from A to k along the
// stop sequence (the sum of great-circle hops between consecutive stops,
// geo.DistanceM) and D the same from A to B. When a stop in the run has no
// known position, or D is zero, d_k and D count stops instead. Results are
// non-decreasing along the trip whenever the timed stops are. Filled rows
// have Arrival = Departure, Timepoint 0 and Interpolated true. A row with
// only one of its two times gets the other copied. Trips whose first or
// last stop is untimed, or whose timed stops go back in time, are errors
// for the caller to record; GTFS-Flex trips (pickup windows) are left
// alone. Shape distances (shape_dist_traveled) are not used yet.
//
// # Synthetic feeds
//
// WriteSyntheticGrid and WriteSyntheticGridZip (and cmd/gtfsgen) write a
// SYNTHETIC grid-city feed for tests and benchmarks: Rows x Cols stops with
// one bus route along every row and column in both directions at a fixed
// headway over a service day running past midnight, mixed
// wheelchair_boarding (0, 1, 2, with parent stations) and mixed
// wheelchair_accessible. Its agency, feed_info and every stop carry
// SyntheticNotice, and it sits in the open sea near 0,0 by default, so it
// can never be mistaken for a real network. SyntheticOptions lists the
// parameters for about 400k, 2.5M and 5M stop times. It writes as it
// goes; no table is built in memory.
//
// # Imports
//
// Standard library, github.com/paulmach/orb and internal/geo only. It must
// not import pgx, chi, net/http or any other infrastructure; a test checks.
// No package-level mutable state, no logging.
package gtfs
