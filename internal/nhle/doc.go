// Package nhle reads Historic England's National Heritage List for England
// (NHLE) downloads: listed buildings, scheduled monuments, and the
// conservation areas Historic England publishes alongside them.
//
// # A list entry is a designation, not a venue
//
// An [Entry] records that something is legally protected: a church, a
// terrace, a pair of gate piers, a milestone, a buried motte. It says nothing
// about whether anyone can visit, when, at what price, or whether there is a
// step-free way in. Threshold uses entries to describe and locate heritage
// sites and to merge them with other sources (Mapping Museums, OSM); it must
// not present an entry as somewhere a person can be sent without an activity
// or site record saying so.
//
// # What it reads
//
//   - [ReadCSV]: the NHLE CSV export (ListEntry, Name, Grade, ListDate,
//     AmendDate, hyperlink, NGR, Easting, Northing, ...). Coordinates are
//     British National Grid and are kept as numbers (Easting, Northing,
//     SRID 27700): the transform to WGS84 happens in PostGIS
//     (ST_Transform), which applies the OSTN15 grid shift correctly; this
//     package does no projection maths.
//   - [ReadGeoJSON]: GeoJSON in WGS84 (CRS84): listed building points, and
//     scheduled monument and conservation area polygons (site_name,
//     list_entry_number, list_entry_url, lon, lat). A "crs" member naming
//     anything else (British National Grid GeoJSON exists) is refused.
//     Features are decoded one at a time, so a national file need not fit in
//     memory as text.
//
// The caller says which [Designation] a file holds; the exports do not. Column
// and property names are matched without regard to case, order, spaces,
// underscores or a byte order mark.
//
// # Keys and merging
//
// The key is the list entry number. Some exports repeat an entry on several
// rows, one per part (Trafford's 1389616, gate piers and walls to Timperley
// Lodge, has four rows): rows that agree on name and grade are merged into one
// Entry whose Points (or Polygon) hold every part, and counted as Merged;
// rows that disagree are rejected. So Trafford's 265 rows give 262 entries.
// Conservation areas are not on the List and have no entry number; their key
// is "ca:" + the reference Historic England gives (UID or
// risk_survey_reference).
//
// Multi-line names (alternative names on separate lines) are joined with
// "; ". A polygon's representative point is the lon/lat its properties give,
// else its planar centroid in degrees.
//
// # Issues
//
// Bad rows (no entry number, no name, an unknown grade, unparsable or
// off-grid coordinates, an unsupported or invalid geometry) become [Issue]
// values; rows kept with something missing (no grade, no date, no location)
// get warnings. An empty file, a missing key column, broken CSV quoting,
// malformed JSON or something other than a FeatureCollection stops the read
// with an error naming the file and line. For JSON syntax errors the line is
// that of the offending byte.
//
// # Imports
//
// Standard library, orb (orb/geojson, orb/planar) and the shared readers
// internal/csvtab (CSV by column name; [Issue]) and internal/geojsonfc
// (streamed FeatureCollections): no database, HTTP or projection library. Attribution: "(c) Historic England. Contains
// Ordnance Survey data (c) Crown copyright and database right."
package nhle
