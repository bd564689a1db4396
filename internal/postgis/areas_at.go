package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// AreaInfo is what Threshold knows of the small area around a point.
type AreaInfo struct {
	LSOA       string
	Name       string
	RUC21      string
	Rural      bool
	RuralKnown bool
	IMDDecile  int
	RegionID   string
	// DistanceM is 0 inside the LSOA, or how far offshore the point is.
	DistanceM float64
}

// maxAreaM is how far from every loaded LSOA a point may be and still be
// "in" the loaded data (a point just offshore, on a pier).
const maxAreaM = 2000

// AreaAt returns the LSOA holding p, or the nearest within 2 km; found is
// false when p lies outside the loaded areas.
func (db *DB) AreaAt(ctx context.Context, p orb.Point) (AreaInfo, bool, error) {
	var a AreaInfo
	var ruc, region *string
	var imd *int16
	var rural *bool
	// The LSOA holding the point, found through the geometry index; only
	// when there is none (offshore), the nearest within maxAreaM, measured
	// on the spheroid among candidates the index pre-filters.
	err := db.Pool.QueryRow(ctx, `
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g)
(SELECT l.code, l.name, l.ruc21, l.rural, l.imd_decile, s.region_id, 0::float8 AS d
 FROM lsoa l JOIN source s ON s.id = l.source_id, pt
 WHERE ST_Contains(l.geom, pt.g) ORDER BY l.code LIMIT 1)
UNION ALL
(SELECT * FROM (
   SELECT l.code, l.name, l.ruc21, l.rural, l.imd_decile, s.region_id, ST_Distance(l.geom::geography, pt.g::geography) AS d
   FROM lsoa l JOIN source s ON s.id = l.source_id, pt
   WHERE l.geom && ST_Expand(pt.g, $3 / 60000.0)) near
 WHERE d <= $3 ORDER BY d, code LIMIT 1)
LIMIT 1`, p[0], p[1], float64(maxAreaM)).Scan(&a.LSOA, &a.Name, &ruc, &rural, &imd, &region, &a.DistanceM)
	if errors.Is(err, pgx.ErrNoRows) {
		return AreaInfo{}, false, nil
	}
	if err != nil {
		return AreaInfo{}, false, classify(err, "find the area of a point")
	}
	a.setOptional(ruc, rural, imd, region)
	return a, true, nil
}

// setOptional fills the fields that may be NULL in the database.
func (a *AreaInfo) setOptional(ruc *string, rural *bool, imd *int16, region *string) {
	if ruc != nil {
		a.RUC21 = *ruc
	}
	if rural != nil {
		a.Rural, a.RuralKnown = *rural, true
	}
	if imd != nil {
		a.IMDDecile = int(*imd)
	}
	if region != nil {
		a.RegionID = *region
	}
}

// DataSource describes one published source an answer relied on.
type DataSource struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	ImportedAt   string `json:"imported_at"`
	Illustrative bool   `json:"illustrative"`
	Attribution  string `json:"attribution,omitempty"`
}

// RegionData describes a loaded region for answers: its known limits and
// the sources behind it.
type RegionData struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	KnownLimits []string     `json:"known_limits"`
	Sources     []DataSource `json:"sources"`
}

// RegionData returns the region's description, found false when unknown.
func (db *DB) RegionData(ctx context.Context, id string) (RegionData, bool, error) {
	r := RegionData{ID: id}
	err := db.Pool.QueryRow(ctx, `SELECT name, known_limits FROM region WHERE id = $1`, id).Scan(&r.Name, &r.KnownLimits)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, classify(err, "read region %s", id)
	}
	rows, err := db.Pool.Query(ctx, `
SELECT id, kind, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), illustrative, attribution
FROM source WHERE region_id = $1 ORDER BY kind, id`, id)
	if err != nil {
		return r, false, classify(err, "read sources of %s", id)
	}
	defer rows.Close()
	for rows.Next() {
		var s DataSource
		if err := rows.Scan(&s.ID, &s.Kind, &s.ImportedAt, &s.Illustrative, &s.Attribution); err != nil {
			return r, false, classify(err, "read sources of %s", id)
		}
		r.Sources = append(r.Sources, s)
	}
	return r, true, classify(rows.Err(), "read sources of %s", id)
}
