package postgis

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/paulmach/orb/planar"
)

// AreaIndex holds every loaded LSOA in memory so that the area of a
// point inside one is found without a round trip to the database: a
// link worker's question starts with it. Areas are kept in code order
// with their bounding boxes; a lookup tests the boxes, then the polygons
// of those that hold the point. A loaded region has a few hundred LSOAs
// (England has 33,755, some 400 MB of full-resolution boundaries: past a
// few regions the boxes would want a grid).
type AreaIndex struct {
	areas []indexedArea
}

type indexedArea struct {
	info  AreaInfo
	bound orb.Bound
	geom  orb.Geometry
}

// LoadAreaIndex reads every LSOA with what AreaAt reports of it.
func (db *DB) LoadAreaIndex(ctx context.Context) (*AreaIndex, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT l.code, l.name, l.ruc21, l.rural, l.imd_decile, s.region_id, ST_AsBinary(l.geom)
FROM lsoa l JOIN source s ON s.id = l.source_id ORDER BY l.code`)
	if err != nil {
		return nil, classify(err, "read the areas")
	}
	defer rows.Close()
	ix := &AreaIndex{}
	for rows.Next() {
		var a AreaInfo
		var ruc, region *string
		var imd *int16
		var rural *bool
		var b []byte
		if err := rows.Scan(&a.LSOA, &a.Name, &ruc, &rural, &imd, &region, &b); err != nil {
			return nil, classify(err, "read the areas")
		}
		a.setOptional(ruc, rural, imd, region)
		g, err := wkb.Unmarshal(b)
		if err != nil {
			return nil, fmt.Errorf("area %s: %w", a.LSOA, err)
		}
		ix.areas = append(ix.areas, indexedArea{info: a, bound: g.Bound(), geom: g})
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err, "read the areas")
	}
	return ix, nil
}

// Len is the number of areas held.
func (ix *AreaIndex) Len() int { return len(ix.areas) }

// Containing returns the area whose boundary holds p (the first by code
// when boundaries overlap), as AreaAt does; ok is false when none does —
// offshore, or outside the loaded data — where AreaAt looks for the
// nearest within 2 km.
func (ix *AreaIndex) Containing(p orb.Point) (AreaInfo, bool) {
	for i := range ix.areas {
		a := &ix.areas[i]
		if !a.bound.Contains(p) {
			continue
		}
		switch g := a.geom.(type) {
		case orb.Polygon:
			if planar.PolygonContains(g, p) {
				return a.info, true
			}
		case orb.MultiPolygon:
			if planar.MultiPolygonContains(g, p) {
				return a.info, true
			}
		}
	}
	return AreaInfo{}, false
}
