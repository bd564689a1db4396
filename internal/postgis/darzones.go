package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/threshold-heritage/threshold/internal/dar"
)

// exceptions is SQL for the dates (YYYYMMDD, ascending) that
// calendar_dates adds (typ 1) to or removes (2) from the service named by
// col, in the zone's feed.
func exceptions(col string, typ int) string {
	return fmt.Sprintf(`coalesce((SELECT array_agg(to_char(d.date, 'YYYYMMDD')::int ORDER BY d.date)
         FROM gtfs_calendar_date d WHERE d.feed_id = z.feed_id AND d.service_id = %s AND d.exception_type = %d), '{}')`, col, typ)
}

// DarZones loads the published dial-a-ride zones with their service days
// and their calendar's exceptions, window, booking rule (with its
// calendar's), fare and vehicle access.
func (db *DB) DarZones(ctx context.Context) ([]dar.Zone, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT z.feed_id, z.location_id, coalesce(z.name, z.location_id), ST_AsBinary(z.geom), z.start_s, z.end_s, z.fare_pence,
       z.illustrative, f.timezone,
       coalesce(c.sunday, false), coalesce(c.monday, false), coalesce(c.tuesday, false), coalesce(c.wednesday, false),
       coalesce(c.thursday, false), coalesce(c.friday, false), coalesce(c.saturday, false), c.start_date, c.end_date,
       b.booking_type, b.prior_notice_last_day, b.prior_notice_last_time, b.prior_notice_duration_min,
       CASE WHEN n.service_id IS NULL THEN '{}'::boolean[]
            ELSE ARRAY[n.sunday, n.monday, n.tuesday, n.wednesday, n.thursday, n.friday, n.saturday] END,
       coalesce(b.phone_number, ''), coalesce(b.message, ''),
       `+exceptions("z.service_id", 1)+`, `+exceptions("z.service_id", 2)+`,
       `+exceptions("b.prior_notice_service_id", 1)+`, `+exceptions("b.prior_notice_service_id", 2)+`,
       coalesce((SELECT max(t.wheelchair_accessible) FROM gtfs_trip t WHERE t.feed_id = z.feed_id AND t.service_id = z.service_id), 0)
FROM dar_zone z
JOIN gtfs_feed f ON f.feed_id = z.feed_id
LEFT JOIN gtfs_calendar c ON c.feed_id = z.feed_id AND c.service_id = z.service_id
LEFT JOIN gtfs_booking_rule b ON b.feed_id = z.feed_id AND b.booking_rule_id = z.booking_rule_id
LEFT JOIN gtfs_calendar n ON n.feed_id = b.feed_id AND n.service_id = b.prior_notice_service_id
ORDER BY z.feed_id, z.location_id`)
	if err != nil {
		return nil, classify(err, "read dial-a-ride zones")
	}
	defer rows.Close()
	var out []dar.Zone
	for rows.Next() {
		var z dar.Zone
		var geom []byte
		var start, end *int32
		var fare *int64
		var tz string
		var days [7]bool
		var from, to *time.Time
		var btype *int16
		var lastDay, lastTime, noticeMin *int32
		var noticeDays []bool
		var wheelchair int16
		if err := rows.Scan(&z.FeedID, &z.ID, &z.Name, &geom, &start, &end, &fare, &z.Illustrative, &tz,
			&days[0], &days[1], &days[2], &days[3], &days[4], &days[5], &days[6], &from, &to,
			&btype, &lastDay, &lastTime, &noticeMin, &noticeDays, &z.Phone, &z.Message,
			&z.Added, &z.Removed, &z.NoticeAdded, &z.NoticeRemoved, &wheelchair); err != nil {
			return nil, classify(err, "read dial-a-ride zones")
		}
		g, err := wkb.Unmarshal(geom)
		if err != nil {
			return nil, classify(err, "read zone %s", z.ID)
		}
		if mp, ok := g.(orb.MultiPolygon); ok {
			z.Area = mp
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, classify(err, "zone %s timezone", z.ID)
		}
		for wd, on := range days {
			if on {
				z.Days |= 1 << wd
			}
		}
		if from != nil && to != nil {
			z.Start = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
			z.End = time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, loc)
		}
		if start != nil && end != nil {
			z.WindowStart, z.WindowEnd = *start, *end
		}
		z.FarePence = fare
		z.NoticeDays = -1
		if btype != nil {
			z.NoticeDays, z.NoticeTime = 0, -1
			if *btype == 2 && lastDay != nil {
				z.NoticeDays = int(*lastDay)
			}
			if lastTime != nil {
				z.NoticeTime = *lastTime
			}
			if *btype == 1 && noticeMin != nil {
				z.NoticeMinutes = max(*noticeMin, 0)
			}
			// Prior days count over the rule's service days (its
			// prior_notice_service_id), as the feed reader does.
			for wd, on := range noticeDays {
				if on {
					z.NoticeWeekdays |= 1 << wd
				}
			}
		}
		z.StepFree = map[int16]string{1: "yes", 2: "no"}[wheelchair]
		if z.StepFree == "" {
			z.StepFree = "unknown"
		}
		out = append(out, z)
	}
	return out, classify(rows.Err(), "read dial-a-ride zones")
}
