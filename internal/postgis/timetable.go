package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// FeedGroups returns the published GTFS feeds grouped by timezone: a
// routing snapshot holds the feeds of one timezone (service-day seconds are
// local), so Porto Alegre's bus and metro form one network and the Isle of
// Wight another.
func (db *DB) FeedGroups(ctx context.Context) (map[string][]string, error) {
	rows, err := db.Pool.Query(ctx, `SELECT timezone, feed_id FROM gtfs_feed ORDER BY timezone, feed_id`)
	if err != nil {
		return nil, classify(err, "list feeds")
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var tz, id string
		if err := rows.Scan(&tz, &id); err != nil {
			return nil, classify(err, "list feeds")
		}
		out[tz] = append(out[tz], id)
	}
	return out, classify(rows.Err(), "list feeds")
}

// accessPolicyJSON is the stored form of a feed's declared policy.
type accessPolicyJSON struct {
	AssumeTripsAccessible bool   `json:"assume_trips_accessible"`
	AssumeStopsBoardable  bool   `json:"assume_stops_boardable"`
	Reason                string `json:"reason"`
}

// TimetableInput reads the published feeds into the routing engine's input
// in one repeatable-read transaction, so the snapshot never mixes two
// imports. Untimed stops were interpolated at import.
func (db *DB) TimetableInput(ctx context.Context, feedIDs []string, withPolicies bool) (transit.Input, error) {
	var in transit.Input
	err := pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		for _, step := range []func(context.Context, pgx.Tx, []string, *transit.Input, bool) error{
			readFeeds, readStops, readRoutes, readTrips, readStopTimes, readCalendars, readFrequencies, readTransfers,
		} {
			if err := step(ctx, tx, feedIDs, &in, withPolicies); err != nil {
				return err
			}
		}
		return nil
	})
	return in, err
}

func readFeeds(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, withPolicies bool) error {
	rows, err := tx.Query(ctx, `SELECT feed_id, timezone, coalesce(access_policy, 'null') FROM gtfs_feed WHERE feed_id = ANY($1) ORDER BY feed_id`, ids)
	if err != nil {
		return classify(err, "read feeds")
	}
	defer rows.Close()
	for rows.Next() {
		var id, tz string
		var pol []byte
		if err := rows.Scan(&id, &tz, &pol); err != nil {
			return classify(err, "read feeds")
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return fmt.Errorf("feed %s timezone %q: %w", id, tz, err)
		}
		f := transit.Feed{ID: id, Timezone: loc}
		var p *accessPolicyJSON
		if err := json.Unmarshal(pol, &p); err != nil {
			return fmt.Errorf("feed %s access policy: %w", id, err)
		}
		if p != nil && withPolicies {
			f.Policy = transit.AccessPolicy{AssumeTripsAccessible: p.AssumeTripsAccessible, AssumeStopsBoardable: p.AssumeStopsBoardable, Reason: p.Reason}
		}
		in.Feeds = append(in.Feeds, f)
	}
	return classify(rows.Err(), "read feeds")
}

func readStops(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `
SELECT feed_id, stop_id, coalesce(name, ''), coalesce(ST_X(geom), 0), coalesce(ST_Y(geom), 0), wheelchair_boarding, coalesce(parent_station, '')
FROM gtfs_stop WHERE feed_id = ANY($1) ORDER BY feed_id, stop_id`, ids)
	if err != nil {
		return classify(err, "read stops")
	}
	defer rows.Close()
	for rows.Next() {
		var s transit.Stop
		var wb int16
		if err := rows.Scan(&s.FeedID, &s.ID, &s.Name, &s.Point[0], &s.Point[1], &wb, &s.ParentID); err != nil {
			return classify(err, "read stops")
		}
		s.Wheelchair = uint8(wb)
		in.Stops = append(in.Stops, s)
	}
	return classify(rows.Err(), "read stops")
}

func readRoutes(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `
SELECT feed_id, route_id, coalesce(short_name, ''), coalesce(long_name, ''), route_type, coalesce(agency_id, '')
FROM gtfs_route WHERE feed_id = ANY($1) ORDER BY feed_id, route_id`, ids)
	if err != nil {
		return classify(err, "read routes")
	}
	defer rows.Close()
	for rows.Next() {
		var r transit.Route
		if err := rows.Scan(&r.FeedID, &r.ID, &r.ShortName, &r.LongName, &r.Type, &r.AgencyID); err != nil {
			return classify(err, "read routes")
		}
		in.Routes = append(in.Routes, r)
	}
	return classify(rows.Err(), "read routes")
}

func readTrips(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `
SELECT feed_id, trip_id, route_id, service_id, wheelchair_accessible
FROM gtfs_trip WHERE feed_id = ANY($1) ORDER BY feed_id, trip_id`, ids)
	if err != nil {
		return classify(err, "read trips")
	}
	defer rows.Close()
	for rows.Next() {
		var t transit.Trip
		var wa int16
		if err := rows.Scan(&t.FeedID, &t.ID, &t.RouteID, &t.ServiceID, &wa); err != nil {
			return classify(err, "read trips")
		}
		t.Wheelchair = uint8(wa)
		in.Trips = append(in.Trips, t)
	}
	return classify(rows.Err(), "read trips")
}

// readStopTimes reads in trip order and gives the engine dense indices
// instead of string ids, so a national feed's stop times cost no strings.
func readStopTimes(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	tripIdx := make(map[[2]string]int32, len(in.Trips))
	for i, t := range in.Trips {
		tripIdx[[2]string{t.FeedID, t.ID}] = int32(i)
	}
	stopIdx := make(map[[2]string]int32, len(in.Stops))
	for i, s := range in.Stops {
		stopIdx[[2]string{s.FeedID, s.ID}] = int32(i)
	}
	rows, err := tx.Query(ctx, `
SELECT feed_id, trip_id, stop_id, stop_sequence, arrival_s, departure_s, pickup_type, drop_off_type
FROM gtfs_stop_time WHERE feed_id = ANY($1) ORDER BY feed_id, trip_id, stop_sequence`, ids)
	if err != nil {
		return classify(err, "read stop times")
	}
	defer rows.Close()
	var feed, trip, stop string
	for rows.Next() {
		var st transit.StopTime
		var pu, do int16
		if err := rows.Scan(&feed, &trip, &stop, &st.Seq, &st.Arr, &st.Dep, &pu, &do); err != nil {
			return classify(err, "read stop times")
		}
		ti, ok1 := tripIdx[[2]string{feed, trip}]
		si, ok2 := stopIdx[[2]string{feed, stop}]
		if !ok1 || !ok2 {
			return &Error{Kind: KindInternal, Msg: fmt.Sprintf("stop time of %s/%s refers to a missing trip or stop", feed, trip)}
		}
		st.TripIndex, st.StopIndex = ti, si
		st.PickupType, st.DropOffType = uint8(pu), uint8(do)
		in.StopTimes = append(in.StopTimes, st)
	}
	return classify(rows.Err(), "read stop times")
}

func readCalendars(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `
SELECT feed_id, service_id, sunday, monday, tuesday, wednesday, thursday, friday, saturday, start_date, end_date
FROM gtfs_calendar WHERE feed_id = ANY($1) ORDER BY feed_id, service_id`, ids)
	if err != nil {
		return classify(err, "read calendars")
	}
	for rows.Next() {
		var c transit.Calendar
		var days [7]bool
		var start, end time.Time
		if err := rows.Scan(&c.FeedID, &c.ServiceID, &days[0], &days[1], &days[2], &days[3], &days[4], &days[5], &days[6], &start, &end); err != nil {
			rows.Close()
			return classify(err, "read calendars")
		}
		for wd, on := range days {
			if on {
				c.Days |= 1 << wd
			}
		}
		c.Start, c.End = transit.DateFromTime(start), transit.DateFromTime(end)
		in.Calendars = append(in.Calendars, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return classify(err, "read calendars")
	}
	rows, err = tx.Query(ctx, `SELECT feed_id, service_id, date, exception_type FROM gtfs_calendar_date WHERE feed_id = ANY($1) ORDER BY 1, 2, 3`, ids)
	if err != nil {
		return classify(err, "read calendar dates")
	}
	defer rows.Close()
	for rows.Next() {
		var sd transit.ServiceDate
		var d time.Time
		var ex int16
		if err := rows.Scan(&sd.FeedID, &sd.ServiceID, &d, &ex); err != nil {
			return classify(err, "read calendar dates")
		}
		sd.Date, sd.Exception = transit.DateFromTime(d), uint8(ex)
		in.ServiceDates = append(in.ServiceDates, sd)
	}
	return classify(rows.Err(), "read calendar dates")
}

func readFrequencies(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `SELECT feed_id, trip_id, start_s, end_s, headway_s, exact_times FROM gtfs_frequency WHERE feed_id = ANY($1) ORDER BY 1, 2, 3`, ids)
	if err != nil {
		return classify(err, "read frequencies")
	}
	defer rows.Close()
	for rows.Next() {
		var f transit.Frequency
		var exact int16
		if err := rows.Scan(&f.FeedID, &f.TripID, &f.Start, &f.End, &f.Headway, &exact); err != nil {
			return classify(err, "read frequencies")
		}
		f.ExactTimes = exact == 1
		in.Frequencies = append(in.Frequencies, f)
	}
	return classify(rows.Err(), "read frequencies")
}

func readTransfers(ctx context.Context, tx pgx.Tx, ids []string, in *transit.Input, _ bool) error {
	rows, err := tx.Query(ctx, `
SELECT feed_id, from_stop_id, to_stop_id, transfer_type, coalesce(min_transfer_time, 0)
FROM gtfs_transfer WHERE feed_id = ANY($1) AND from_stop_id IS NOT NULL AND to_stop_id IS NOT NULL
  AND from_stop_id <> to_stop_id ORDER BY 1, 2, 3`, ids)
	if err != nil {
		return classify(err, "read transfers")
	}
	defer rows.Close()
	for rows.Next() {
		var t transit.Transfer
		var typ int16
		if err := rows.Scan(&t.FeedID, &t.FromStopID, &t.ToStopID, &typ, &t.MinSeconds); err != nil {
			return classify(err, "read transfers")
		}
		t.Type = uint8(typ)
		in.Transfers = append(in.Transfers, t)
	}
	return classify(rows.Err(), "read transfers")
}
