package postgis

import (
	"context"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/naptan"
)

// NaPTANLoader replaces the NaPTAN stops of the import's source with the
// CSV read from r, then links every published GTFS stop whose stop_id is an
// ATCO code and reports, per feed, how many matched and how many of those
// are active, and which did not match.
func NaPTANLoader(r io.Reader, file string) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		if _, err := tx.Exec(ctx, `DELETE FROM naptan_stop WHERE source_id = $1`, rep.SourceID); err != nil {
			return classify(err, "clear naptan")
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE stage_naptan (atco_code text, naptan_code text, name text, indicator text,
 locality text, street text, lon double precision, lat double precision, easting double precision, northing double precision,
 stop_type text, bus_stop_type text, status text) ON COMMIT DROP`); err != nil {
			return classify(err, "stage naptan")
		}
		var nr naptan.Report
		_, err := copyStream(ctx, tx, "stage_naptan", []string{"atco_code", "naptan_code", "name", "indicator", "locality",
			"street", "lon", "lat", "easting", "northing", "stop_type", "bus_stop_type", "status"},
			func(emit func([]any) error) error {
				var err error
				nr, err = naptan.Read(r, file, func(s naptan.Stop) error {
					var lon, lat, e, n any
					if s.HasPoint {
						lon, lat = s.Point[0], s.Point[1]
					}
					if s.HasGrid {
						e, n = s.Easting, s.Northing
					}
					return emit([]any{naptan.NormaliseATCO(s.ATCO), nullStr(s.NaptanCode), s.CommonName, nullStr(s.Indicator),
						nullStr(s.Locality), nullStr(s.Street), lon, lat, e, n, nullStr(s.StopType), nullStr(s.BusStopType), nullStr(s.Status)})
				})
				return err
			})
		if err != nil {
			return err
		}
		fc := rep.File(file)
		fc.Read = int64(nr.Read)
		for _, is := range nr.Issues {
			if !is.Warning {
				rep.Reject(Rejection{File: is.File, Line: is.Line, Field: is.Field, Reason: is.Reason})
			}
		}
		// Stops without longitude and latitude are placed from the British
		// National Grid by PostGIS.
		tag, err := tx.Exec(ctx, `
INSERT INTO naptan_stop (source_id, atco_code, naptan_code, name, indicator, locality, street, geom, stop_type, bus_stop_type, status)
SELECT DISTINCT ON (atco_code) $1, atco_code, naptan_code, name, indicator, locality, street,
       CASE WHEN lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326)
            WHEN easting IS NOT NULL THEN ST_Transform(ST_SetSRID(ST_MakePoint(easting, northing), 27700), 4326) END,
       stop_type, bus_stop_type, status
FROM stage_naptan ORDER BY atco_code`, rep.SourceID)
		if err != nil {
			return classify(err, "publish naptan")
		}
		fc.Loaded = tag.RowsAffected()
		return linkATCO(ctx, tx, rep)
	}
}

// linkATCO sets gtfs_stop.atco_code wherever a stop_id is a published ATCO
// code, and reports the match per feed.
func linkATCO(ctx context.Context, tx pgx.Tx, rep *Report) error {
	if err := setATCO(ctx, tx); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `
SELECT g.feed_id, count(*), count(n.atco_code), count(n.atco_code) FILTER (WHERE n.status = 'active'),
       coalesce(array_agg(g.stop_id ORDER BY g.stop_id) FILTER (WHERE n.atco_code IS NULL), '{}')
FROM gtfs_stop g
LEFT JOIN naptan_stop n ON n.source_id = $1 AND n.atco_code = upper(btrim(g.stop_id))
GROUP BY g.feed_id
HAVING count(n.atco_code) > 0
ORDER BY g.feed_id`, rep.SourceID)
	if err != nil {
		return classify(err, "report naptan match")
	}
	defer rows.Close()
	for rows.Next() {
		var feed string
		var total, matched, active int64
		var unmatched []string
		if err := rows.Scan(&feed, &total, &matched, &active, &unmatched); err != nil {
			return classify(err, "report naptan match")
		}
		rep.Fact("gtfs:"+feed, map[string]any{"stops": total, "matched": matched, "active_matched": active, "unmatched": unmatched})
		rep.Notes = append(rep.Notes, fmt.Sprintf("GTFS feed %s: %d of %d stops matched in NaPTAN, %d of them active; %d unmatched",
			feed, matched, total, active, len(unmatched)))
	}
	return classify(rows.Err(), "report naptan match")
}

// setATCO links published GTFS stops to NaPTAN by ATCO code, whichever of
// the two was imported first.
func setATCO(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
UPDATE gtfs_stop g SET atco_code = n.atco_code
FROM naptan_stop n WHERE n.atco_code = upper(btrim(g.stop_id)) AND g.atco_code IS DISTINCT FROM n.atco_code`)
	return classify(err, "link gtfs stops to naptan")
}
