package postgis

import "context"

// AllSites returns every published site with its access, sources,
// designations and number of activities, by id: the venues what-if
// scenarios may add sessions at, and (those with no activity) the
// candidates for suggested ones. Unlike Sites it is not capped: the
// engine holds them all.
func (db *DB) AllSites(ctx context.Context) ([]SiteRow, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT s.id, s.name, s.kind, ST_X(s.geom), ST_Y(s.geom), s.step_free_entrance, s.accessible_toilet, s.hearing_loop, s.seating,
       coalesce(s.website, ''), coalesce(s.governance, ''), coalesce(s.size, ''), coalesce(s.subject, ''), s.illustrative,
       coalesce((SELECT json_agg(json_build_object('source', source_id, 'key', source_key) ORDER BY source_id, source_key)
                 FROM site_source ss WHERE ss.site_id = s.id), '[]'),
       coalesce((SELECT json_agg(json_build_object('kind', replace(d.kind, '_', ' '), 'list_entry', d.list_entry, 'grade', d.grade)
                 ORDER BY d.list_entry) FROM designation d WHERE d.site_id = s.id), '[]'),
       (SELECT count(*) FROM activity a WHERE a.site_id = s.id)
FROM site s
ORDER BY s.id`)
	if err != nil {
		return nil, classify(err, "list all sites")
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
	return out, classify(rows.Err(), "list all sites")
}
