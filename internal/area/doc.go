// Package area reads the ONS small-area data behind `threshold import
// areas`: LSOA 2021 and ward boundaries, the 2021 Rural-Urban
// Classification, the English Indices of Deprivation 2025, Census 2021
// disability (TS038) and population by age, and joins them into one [LSOA]
// record per area, with the [Ward] outlines beside them.
//
// # What it reads
//
//   - Boundaries ([ReadBoundaries]): GeoJSON FeatureCollections in CRS84 from
//     the ONS Open Geography portal. LSOA files carry LSOA21CD/LSOA21NM; ward
//     files WDyyCD/WDyyNM for whatever vintage yy (the samples are 2025
//     wards). LSOA 2011 files are refused: every table is keyed by LSOA 2021.
//     Features are decoded one at a time.
//   - National tables, read streaming and filtered to a [CodeSet] (the
//     region's LSOAs) so that nothing national is held in memory:
//     [ReadRUC] (ruc21_lsoa21.csv), [ReadIMD] (imd2025_england_lsoa21.csv:
//     decile, rank, score), [ReadDisability] (TS038 long form: disabled =
//     n of "Disabled under the Equality Act", residents = total_residents),
//     [ReadPopulation] (mid-2020 LSOA 2011 estimates, ages 0..89 and 90+) and
//     [ReadLookup] (LSOA 2011 → 2021 with change codes U, S, M, X).
//
// Columns are found by name (order, case, spaces, underscores, quotes and a
// byte order mark do not matter). Bad rows become [Issue] values counted in
// a [Report] (Read = Loaded + Rejected + Skipped); an empty file, a missing
// column, broken quoting or malformed JSON is an error naming the file and
// line. [Load] reads a region's files in order and adds the issues found
// joining them (an LSOA missing from a table).
//
// # Age bands across the 2011 → 2021 change
//
// Ages come from mid-2020 estimates on LSOA 2011 and are carried to LSOA
// 2021 by [CarryAges]: each LSOA 2011 is shared among its LSOA 2021 children
// in proportion to the children's Census 2021 residents. That one rule
// handles U (passed whole), S (split: every child gets the parent's age
// profile), M (merged: the parents' counts are summed) and X (complex: each
// child mixes the shares it receives). The carried profile gives the shape;
// the bands 0–15, 16–64, 65–74 and 75+ are then scaled to the Census 2021
// residents by largest remainder, so bands are whole people summing exactly
// to Residents (Age65plus = 65–74 + 75+). Scaling to 2021 keeps residents,
// disability and age on one base; the age shape is a year older than the
// census, which is the best published by single year at LSOA level here.
//
// # Wards and H3 cells
//
// [WardOf] names the ward holding the largest share of an LSOA, estimated on
// a 24 × 24 lattice of points over the LSOA's bounding box with orb/planar
// point-in-polygon; LSOAs 2021 do not nest in the 2025 wards (on the Isle of
// Wight about 36 of 89 have over 5% outside their main ward), so the share is
// kept as WardShare. [CandidateCells] lists the H3 cells that may overlap an
// LSOA (polyfill plus the 1-ring of cells along the boundary walked at half a
// cell edge), a superset of the overlapping cells; PostGIS computes the exact
// overlap areas used to give cells their people.
//
// # Unknown is not yes
//
// An LSOA missing from a table keeps that part unknown (HasRUC, HasIMD,
// HasCensus, HasAge false) rather than zero, and the gap is reported; Welsh
// LSOAs, for instance, have no English IMD.
//
// # Imports
//
// Standard library, orb (geojson, planar), internal/geo for H3 (this
// package never imports h3-go itself) and the shared readers
// internal/csvtab (CSV by column name; [Issue]) and internal/geojsonfc
// (streamed FeatureCollections). It must not import pgx, chi, net/http
// or any storage code. Attribution: "Source: Office for National Statistics
// licensed under the Open Government Licence v3.0. Contains OS data (c) Crown
// copyright and database right." and for IMD "Ministry of Housing,
// Communities and Local Government, English Indices of Deprivation 2025".
package area
