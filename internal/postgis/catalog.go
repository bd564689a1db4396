package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// MaxListLimit caps every list the API returns.
const MaxListLimit = 1000

// BBox is an optional [lon, lat] bounding box filter; a zero BBox means
// everywhere.
type BBox = orb.Bound

// SiteRow is a published site with what the API shows of it.
type SiteRow struct {
	Site       heritage.Site
	Governance string
	Size       string
	Subject    string
	Website    string
	Activities int
}

// Sites lists published sites inside bbox (all when zero), by name.
func (db *DB) Sites(ctx context.Context, bbox BBox, limit int) ([]SiteRow, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT s.id, s.name, s.kind, ST_X(s.geom), ST_Y(s.geom), s.step_free_entrance, s.accessible_toilet, s.hearing_loop, s.seating,
       coalesce(s.website, ''), coalesce(s.governance, ''), coalesce(s.size, ''), coalesce(s.subject, ''), s.illustrative,
       coalesce((SELECT json_agg(json_build_object('source', source_id, 'key', source_key) ORDER BY source_id, source_key)
                 FROM site_source ss WHERE ss.site_id = s.id), '[]'),
       coalesce((SELECT json_agg(json_build_object('kind', replace(d.kind, '_', ' '), 'list_entry', d.list_entry, 'grade', d.grade)
                 ORDER BY d.list_entry) FROM designation d WHERE d.site_id = s.id), '[]'),
       (SELECT count(*) FROM activity a WHERE a.site_id = s.id)
FROM site s
WHERE $1::boolean OR s.geom && ST_MakeEnvelope($2, $3, $4, $5, 4326)
ORDER BY s.name, s.id
LIMIT $6`, bbox == BBox{}, bbox.Min[0], bbox.Min[1], bbox.Max[0], bbox.Max[1], clampLimit(limit))
	if err != nil {
		return nil, classify(err, "list sites")
	}
	defer rows.Close()
	var out []SiteRow
	for rows.Next() {
		r, err := scanSite(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, classify(rows.Err(), "list sites")
}

func scanSite(rows pgx.Rows) (SiteRow, error) {
	var r SiteRow
	var id int64
	var kind string
	var acc [4]string
	var keys, desigs []byte
	s := &r.Site
	err := rows.Scan(&id, &s.Name, &kind, &s.Point[0], &s.Point[1], &acc[0], &acc[1], &acc[2], &acc[3],
		&r.Website, &r.Governance, &r.Size, &r.Subject, &s.Illustrative, &keys, &desigs, &r.Activities)
	if err != nil {
		return r, classify(err, "read site")
	}
	s.ID, s.Kind = strconv.FormatInt(id, 10), heritage.SiteKind(kind)
	for i, a := range []*heritage.Access{&s.Access.StepFreeEntrance, &s.Access.AccessibleToilet, &s.Access.HearingLoop, &s.Access.Seating} {
		if *a, err = heritage.ParseAccess(acc[i]); err != nil {
			return r, fmt.Errorf("site %d: %w", id, err)
		}
	}
	if err := json.Unmarshal(keys, &s.SourceKeys); err != nil {
		return r, fmt.Errorf("site %d source keys: %w", id, err)
	}
	if err := json.Unmarshal(desigs, &s.Designations); err != nil {
		return r, fmt.Errorf("site %d designations: %w", id, err)
	}
	return r, nil
}

// ActivityRow is a published activity with its venue.
type ActivityRow struct {
	Activity   heritage.Activity
	SiteID     int64
	SiteName   string
	Point      orb.Point
	Timezone   string
	StepFree   heritage.Access // the venue's entrance, as the activity's source states it
	Toilet     heritage.Access
	SourceID   string
	ImportedAt string
}

// ReachActivities lists every published activity as the reach and
// coverage engines take it: the activity, its site's name and point, and
// the venue's stated step-free entrance and accessible toilet.
func (db *DB) ReachActivities(ctx context.Context) ([]reach.Activity, error) {
	rows, err := db.AllActivities(ctx)
	if err != nil {
		return nil, err
	}
	acts := make([]reach.Activity, len(rows))
	for i, r := range rows {
		acts[i] = reach.Activity{Activity: r.Activity, SiteName: r.SiteName, Venue: r.Point, StepFree: r.StepFree, Toilet: r.Toilet}
	}
	return acts, nil
}

// Activities lists published activities whose venue lies inside bbox.
func (db *DB) Activities(ctx context.Context, bbox BBox, limit int) ([]ActivityRow, error) {
	return db.queryActivities(ctx, `WHERE $1::boolean OR a.geom && ST_MakeEnvelope($2, $3, $4, $5, 4326)
ORDER BY a.name, a.id LIMIT $6`, bbox == BBox{}, bbox.Min[0], bbox.Min[1], bbox.Max[0], bbox.Max[1], clampLimit(limit))
}

// Activity returns one activity, or a not-found error.
func (db *DB) Activity(ctx context.Context, id string) (ActivityRow, error) {
	rows, err := db.queryActivities(ctx, `WHERE a.id = $1`, id)
	if err != nil {
		return ActivityRow{}, err
	}
	if len(rows) == 0 {
		return ActivityRow{}, &Error{Kind: KindNotFound, Msg: fmt.Sprintf("no activity %q", id)}
	}
	return rows[0], nil
}

// AllActivities returns every published activity, for the engine.
func (db *DB) AllActivities(ctx context.Context) ([]ActivityRow, error) {
	return db.queryActivities(ctx, `ORDER BY a.id`)
}

func (db *DB) queryActivities(ctx context.Context, where string, args ...any) ([]ActivityRow, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT a.raw, coalesce(a.site_id, 0), coalesce(s.name, a.location_name, ''), ST_X(a.geom), ST_Y(a.geom), a.timezone,
       a.step_free_venue, a.accessible_toilet, a.source_id, to_char(src.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM activity a
LEFT JOIN site s ON s.id = a.site_id
JOIN source src ON src.id = a.source_id
`+where, args...)
	if err != nil {
		return nil, classify(err, "list activities")
	}
	defer rows.Close()
	var out []ActivityRow
	for rows.Next() {
		var r ActivityRow
		var raw []byte
		var sf, toilet string
		if err := rows.Scan(&raw, &r.SiteID, &r.SiteName, &r.Point[0], &r.Point[1], &r.Timezone, &sf, &toilet, &r.SourceID, &r.ImportedAt); err != nil {
			return nil, classify(err, "read activity")
		}
		if err := json.Unmarshal(raw, &r.Activity); err != nil {
			return nil, fmt.Errorf("activity record: %w", err)
		}
		var perr error
		if r.StepFree, perr = heritage.ParseAccess(sf); perr != nil {
			return nil, perr
		}
		if r.Toilet, perr = heritage.ParseAccess(toilet); perr != nil {
			return nil, perr
		}
		out = append(out, r)
	}
	return out, classify(rows.Err(), "list activities")
}

func clampLimit(n int) int {
	if n <= 0 || n > MaxListLimit {
		return MaxListLimit
	}
	return n
}
