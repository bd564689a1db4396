package postgis

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/nhle"
)

// attachWithinM is how near (metres) a site's point must be to a list
// entry's point for the entry to be attached to that site.
const attachWithinM = 50.0

// attachBoxDeg is a bounding-box margin in degrees that holds every point
// within attachWithinM anywhere in England (50 m is under 0.0009° of
// longitude up to 56°N), so the spatial index can prefilter candidates.
const attachBoxDeg = 0.002

// NHLELoader replaces the import source's designations with the NHLE
// entries read from r (CSV in British National Grid, or GeoJSON in WGS84
// when geojson is set), all of designation d.
//
// A list entry is a designation, not a venue: it is stored in designation
// and attached to an existing site where one is at that place (see
// AttachDesignations), never made a site of its own. A site is created only
// from a source that says the place can be visited; NHLE never does, so
// this loader creates none.
//
// CSV points are transformed by PostGIS (ST_Transform from SRID 27700, with
// its grid shift); GeoJSON points are used as given and polygons become the
// footprint. An entry with several parts (gate piers) is stored at its
// first point.
//
// Conservation areas have no list entry number (their key is "ca:<ref>"):
// they are stored with list_entry = -ref, negative so they can never
// collide with a real list entry; one whose reference is not a positive
// whole number is rejected.
func NHLELoader(r io.Reader, file string, d nhle.Designation, geojson bool) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		kind, err := designationKind(d)
		if err != nil {
			return err
		}
		es, nr, err := readNHLE(r, file, d, geojson)
		if err != nil {
			return err
		}
		reportNHLE(rep, file, nr)
		if _, err := tx.Exec(ctx, sqlClearDesignations, rep.SourceID); err != nil {
			return classify(err, "clear designations of %s", rep.SourceID)
		}
		if _, err := tx.Exec(ctx, sqlStageDesignations); err != nil {
			return classify(err, "stage designations")
		}
		if err := stageDesignations(ctx, tx, rep, file, kind, es); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, sqlPublishDesignations, rep.SourceID)
		if err != nil {
			return classify(err, "publish designations")
		}
		rep.File(file).Loaded = tag.RowsAffected()
		attached, err := AttachDesignations(ctx, tx, rep.SourceID)
		if err != nil {
			return err
		}
		return designationFacts(ctx, tx, rep, attached)
	}
}

func designationKind(d nhle.Designation) (string, error) {
	switch d {
	case nhle.ListedBuilding:
		return "listed_building", nil
	case nhle.ScheduledMonument:
		return "scheduled_monument", nil
	case nhle.ConservationArea:
		return "conservation_area", nil
	}
	return "", &Error{Kind: KindInvalid, Msg: fmt.Sprintf("unknown NHLE designation %q", d)}
}

func readNHLE(r io.Reader, file string, d nhle.Designation, geojson bool) ([]nhle.Entry, nhle.Report, error) {
	if geojson {
		return nhle.ReadGeoJSON(r, file, d)
	}
	return nhle.ReadCSV(r, file, d)
}

func reportNHLE(rep *Report, file string, nr nhle.Report) {
	rep.File(file).Read = int64(nr.Read)
	warnings := 0
	for _, is := range nr.Issues {
		if is.Warning {
			warnings++
			continue
		}
		rep.Reject(Rejection{File: is.File, Line: is.Line, Field: is.Field, Reason: is.Reason})
	}
	rep.Fact("rows_merged", nr.Merged)
	rep.Fact("warnings", warnings)
}

const sqlClearDesignations = `DELETE FROM designation WHERE source_id = $1`

const sqlStageDesignations = `
CREATE TEMP TABLE stage_designation (list_entry integer, kind text, name text, grade text,
  lon double precision, lat double precision, easting double precision, northing double precision,
  footprint text, url text) ON COMMIT DROP`

func stageDesignations(ctx context.Context, tx pgx.Tx, rep *Report, file, kind string, es []nhle.Entry) error {
	cols := []string{"list_entry", "kind", "name", "grade", "lon", "lat", "easting", "northing", "footprint", "url"}
	_, err := copyStream(ctx, tx, "stage_designation", cols, func(emit func([]any) error) error {
		for _, e := range es {
			row, reason, err := designationRow(e, kind)
			if err != nil {
				return err
			}
			if reason != "" {
				rep.Reject(Rejection{File: file, Field: "reference", Reason: reason})
				continue
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// designationRow is one staged entry; reason is set when it cannot be
// stored (a conservation area reference that is not a number).
func designationRow(e nhle.Entry, kind string) (row []any, reason string, err error) {
	n, reason := listEntryOf(e)
	if reason != "" {
		return nil, reason, nil
	}
	var lon, lat, east, north, footprint any
	switch {
	case e.HasPoint:
		lon, lat = e.Point[0], e.Point[1]
	case e.HasGrid:
		east, north = e.Easting, e.Northing
	}
	if len(e.Polygon) > 0 {
		s, err := geoJSONText(e.Polygon)
		if err != nil {
			return nil, "", fmt.Errorf("encode footprint of list entry %s: %w", e.Key, err)
		}
		footprint = s
	}
	return []any{n, kind, e.Name, nullStr(e.Grade), lon, lat, east, north, footprint, nullStr(e.URL)}, "", nil
}

// listEntryOf is the stored list_entry: the NHLE number, or minus a
// conservation area's numeric reference.
func listEntryOf(e nhle.Entry) (int32, string) {
	if e.ListEntry > 0 {
		return int32(e.ListEntry), ""
	}
	ref, ok := strings.CutPrefix(e.Key, "ca:")
	n, err := strconv.ParseInt(ref, 10, 32)
	if !ok || err != nil || n <= 0 {
		return 0, fmt.Sprintf("%s: conservation area reference is not a positive whole number; not stored", e.Key)
	}
	return int32(-n), ""
}

// sqlPublishDesignations places grid references with ST_Transform from
// British National Grid (27700) and repairs invalid footprints.
const sqlPublishDesignations = `
INSERT INTO designation (source_id, list_entry, kind, name, grade, geom, footprint, url)
SELECT $1, list_entry, kind, name, grade,
  CASE WHEN lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326)
       WHEN easting IS NOT NULL THEN ST_Transform(ST_SetSRID(ST_MakePoint(easting, northing), 27700), 4326) END,
  CASE WHEN footprint IS NOT NULL THEN
    ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(footprint), 4326)), 3)) END,
  url
FROM stage_designation`

// AttachDesignations sets site_id on the source's listed buildings and
// scheduled monuments (every source's when source is ""): the site whose
// point lies within 50 m of the entry's point or inside its footprint,
// the nearest to the entry's point when several do (lowest id on a tie);
// NULL when none. Conservation areas are never attached: an area holds many
// sites and one site_id would single one out. Site loaders may call it
// after creating sites so that designations imported earlier find them.
// It returns how many designations are attached.
func AttachDesignations(ctx context.Context, tx pgx.Tx, source string) (int64, error) {
	if _, err := tx.Exec(ctx, sqlAttachDesignations, source, attachWithinM, attachBoxDeg); err != nil {
		return 0, classify(err, "attach designations to sites")
	}
	var n int64
	err := tx.QueryRow(ctx, sqlCountAttached, source).Scan(&n)
	return n, classify(err, "count attached designations")
}

const sqlAttachDesignations = `
WITH d AS (
  SELECT source_id, list_entry, geom, footprint FROM designation
  WHERE ($1 = '' OR source_id = $1) AND kind <> 'conservation_area'
), near AS (
  SELECT DISTINCT ON (d.source_id, d.list_entry) d.source_id, d.list_entry, s.id
  FROM d JOIN site s ON
       (d.geom IS NOT NULL AND s.geom && ST_Expand(d.geom, $3)
        AND ST_DWithin(s.geom::geography, d.geom::geography, $2))
    OR (d.footprint IS NOT NULL AND ST_Contains(d.footprint, s.geom))
  ORDER BY d.source_id, d.list_entry,
           ST_Distance(s.geom::geography, coalesce(d.geom, ST_PointOnSurface(d.footprint))::geography), s.id
)
UPDATE designation x SET site_id = near.id
FROM d LEFT JOIN near USING (source_id, list_entry)
WHERE x.source_id = d.source_id AND x.list_entry = d.list_entry AND x.site_id IS DISTINCT FROM near.id`

const sqlCountAttached = `
SELECT count(*) FROM designation WHERE ($1 = '' OR source_id = $1) AND site_id IS NOT NULL`

func designationFacts(ctx context.Context, tx pgx.Tx, rep *Report, attached int64) error {
	rows, err := tx.Query(ctx, sqlDesignationGrades, rep.SourceID)
	if err != nil {
		return classify(err, "count designations")
	}
	grades, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var g string
		var n int64
		err := r.Scan(&g, &n)
		return fmt.Sprintf("%s: %d", g, n), err
	})
	if err != nil {
		return classify(err, "count designations")
	}
	rep.Fact("grades", grades)
	rep.Fact("attached_to_sites", attached)
	rep.Fact("sites_created", 0)
	rep.Notes = append(rep.Notes, fmt.Sprintf("list entries are designations, not venues: %d attached to an existing site within %.0f m (or inside the footprint); no site was created from them",
		attached, attachWithinM))
	return nil
}

const sqlDesignationGrades = `
SELECT coalesce(grade, 'ungraded'), count(*) FROM designation WHERE source_id = $1 GROUP BY 1 ORDER BY 1`
