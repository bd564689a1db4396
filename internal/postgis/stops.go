package postgis

import (
	"context"

	"github.com/paulmach/orb"
)

// StopHit is a published GTFS stop near a point.
type StopHit struct {
	FeedID    string
	StopID    string
	Name      string
	Point     orb.Point
	DistanceM float64
	StepFree  string
}

// NearestStops returns up to limit stops within radiusM metres of p, nearest
// first. The index finds candidates in degrees; the distance is on the
// spheroid, so it is metres anywhere on Earth.
func (db *DB) NearestStops(ctx context.Context, p orb.Point, radiusM float64, limit int) ([]StopHit, error) {
	const q = `
SELECT feed_id, stop_id, coalesce(name, ''), ST_X(geom), ST_Y(geom),
       ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS d,
       step_free
FROM gtfs_stop
WHERE geom IS NOT NULL
  AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
ORDER BY d, feed_id, stop_id
LIMIT $4`
	rows, err := db.Pool.Query(ctx, q, p[0], p[1], radiusM, limit)
	if err != nil {
		return nil, classify(err, "find nearest stops")
	}
	defer rows.Close()
	var out []StopHit
	for rows.Next() {
		var h StopHit
		if err := rows.Scan(&h.FeedID, &h.StopID, &h.Name, &h.Point[0], &h.Point[1], &h.DistanceM, &h.StepFree); err != nil {
			return nil, classify(err, "read nearest stops")
		}
		out = append(out, h)
	}
	return out, classify(rows.Err(), "read nearest stops")
}
