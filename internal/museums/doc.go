// Package museums reads the Mapping Museums data (Birkbeck, University of
// London; CC BY 4.0): every UK museum known to have been open between 1960
// and 2021, with governance, size, accreditation, subject, admin area,
// address, WGS84 coordinates and opening and closing years.
//
// # What it reads
//
// The project's CSV with its original header (museum_id, Name_of_museum,
// Address_line_1, Address_line_2, town_or_city, Postcode, Latitude,
// Longitude, Admin_area, Accreditation, Governance, Size, Subject_Matter,
// Year_opened, Year_closed, ...). Columns are found by name without regard to
// order, case, underscores, stray spaces or a byte order mark; the derived
// columns (deprivation, geodemographics, notes) are not kept, because
// Threshold computes deprivation itself from the area data.
//
// museum_id is the stable source key. Year fields are ranges "from:to"
// because the project records the span in which an event is known to have
// happened; Year_closed "9999:9999" means still open. A single year "1990" is
// read as "1990:1990". Year_closed is required: without it the museum cannot
// be called open, and unknown is not yes.
//
// # Open and closed
//
// [SplitOpen] separates open museums (heritage sites) from closed ones, which
// belong in the import report only. [InAdminArea] filters on any level of the
// Admin_area path ("Rutland", "East Midlands"); [InBound] on a box and
// [InPolygon] on an outline such as a local authority's. A museum
// without coordinates is kept (with a warning) but is never inside a box.
//
// Bad rows become [Issue] values and are counted in a [Report]; only an empty
// file, a header without museum_id, Name_of_museum or Year_closed, or broken
// quoting stops a read, with an error naming the file and line.
//
// # Imports
//
// Standard library, orb (with orb/planar) and internal/csvtab (the shared
// header-driven CSV reader that also defines [Issue] and [Report]); no
// database, HTTP or other infrastructure.
// Attribution to show with the data: "Data from the Mapping Museums project,
// Birkbeck, University of London (www.mappingmuseums.org)."
package museums
