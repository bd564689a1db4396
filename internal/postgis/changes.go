package postgis

import "context"

// TimetableVersions returns, per timezone (a routing group, as FeedGroups
// has them), a token that changes whenever a GTFS feed of that timezone is
// imported again, added or removed: the feed ids with the import runs that
// published them. The server polls it to know when to rebuild a snapshot;
// comparing tokens needs no clock and survives a feed being deleted.
func (db *DB) TimetableVersions(ctx context.Context) (map[string]string, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT f.timezone,
       string_agg(f.feed_id || '@' || coalesce(s.run_id::text, '-'), ',' ORDER BY f.feed_id)
FROM gtfs_feed f JOIN source s ON s.id = f.feed_id
GROUP BY f.timezone`)
	if err != nil {
		return nil, classify(err, "read timetable versions")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var tz, v string
		if err := rows.Scan(&tz, &v); err != nil {
			return nil, classify(err, "read timetable versions")
		}
		out[tz] = v
	}
	return out, classify(rows.Err(), "read timetable versions")
}
