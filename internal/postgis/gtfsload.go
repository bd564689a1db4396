package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

// GTFSOptions are per-feed settings a region manifest may give.
type GTFSOptions struct {
	// AccessPolicy, when set, is stored with the feed: a declared policy that
	// fills silent accessibility fields with "assumed" at query time.
	AccessPolicy json.RawMessage
	KnownLimits  []string
	Illustrative bool
	// Progress, when set, is told how many stop_times have been read.
	Progress func(n int64)
}

// GTFSLoader replaces the feed whose id is the import's source id with the
// contents of feed. Rows are staged, checked against the stops and trips
// they reference, then published; everything happens in the import's
// transaction.
func GTFSLoader(feed *gtfs.Feed, opt GTFSOptions) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		l := &gtfsLoad{feed: feed, opt: opt, tx: tx, rep: rep, id: rep.SourceID}
		return l.run(ctx)
	}
}

type gtfsLoad struct {
	feed *gtfs.Feed
	opt  GTFSOptions
	tx   pgx.Tx
	rep  *Report
	id   string
	pos  map[string]orb.Point
	tz   string
	// The ids published so far, to check references in Go while streaming:
	// no staging table of millions of stop times to join.
	stopIDs  map[string]struct{}
	routeIDs map[string]struct{}
	tripIDs  map[string]struct{}
	// agencyRows wait for the feed row they reference.
	agencyRows [][]any
}

func (l *gtfsLoad) run(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"clear", l.clear}, {"agency.txt", l.agencies}, {"feed", l.feedRow}, {"levels.txt", l.levels},
		{"stops.txt", l.stops}, {"routes.txt", l.routes}, {"trips.txt", l.trips},
		{"calendar.txt", l.calendars}, {"calendar_dates.txt", l.calendarDates},
		{"stop_times.txt", l.stopTimes}, {"frequencies.txt", l.frequencies},
		{"transfers.txt", l.transfers}, {"pathways.txt", l.pathways},
		{"fare_attributes.txt", l.fareAttributes}, {"fare_rules.txt", l.fareRules},
		{"fare_products.txt", l.fareProducts}, {"fare_leg_rules.txt", l.fareLegRules},
		{"fare_transfer_rules.txt", l.fareTransferRules},
		{"booking_rules.txt", l.bookingRules}, {"locations.geojson", l.locations},
	}
	for _, s := range steps {
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("gtfs %s: %w", s.name, err)
		}
	}
	l.collectIssues()
	return setATCO(ctx, l.tx)
}

func (l *gtfsLoad) clear(ctx context.Context) error {
	_, err := l.tx.Exec(ctx, `DELETE FROM gtfs_feed WHERE feed_id = $1`, l.id)
	return classify(err, "clear feed")
}

// collectIssues copies the reader's row issues into the import report.
func (l *gtfsLoad) collectIssues() {
	for _, fr := range l.feed.Report() {
		fc := l.rep.File(fr.File)
		fc.Read = int64(fr.Read)
		for _, is := range fr.Issues {
			if is.Skipped {
				l.rep.Reject(Rejection{File: is.File, Line: is.Line, Field: is.Field, Reason: is.Reason})
			}
		}
		if fr.IssuesDropped > 0 {
			l.rep.RejectionsDropped += int64(fr.IssuesDropped)
		}
		if fc.Loaded == 0 {
			fc.Loaded = int64(fr.Loaded)
		}
	}
}

func (l *gtfsLoad) agencies(ctx context.Context) error {
	var rows [][]any
	err := l.feed.Agencies(func(a gtfs.Agency) error {
		if l.tz == "" {
			l.tz = a.Timezone
		}
		rows = append(rows, []any{l.id, a.ID, a.Name, nullStr(a.URL), a.Timezone, nullStr(a.Lang), nullStr(a.Phone), nullStr(a.FareURL)})
		return nil
	})
	if err != nil {
		return err
	}
	if l.tz == "" {
		return &Error{Kind: KindInvalid, Msg: "agency.txt names no timezone"}
	}
	if _, err := time.LoadLocation(l.tz); err != nil {
		return &Error{Kind: KindInvalid, Msg: fmt.Sprintf("agency.txt: unknown timezone %q", l.tz)}
	}
	l.agencyRows = rows
	return nil
}

func (l *gtfsLoad) feedRow(ctx context.Context) error {
	var info gtfs.FeedInfo
	if l.feed.Has("feed_info.txt") {
		if err := l.feed.FeedInfo(func(fi gtfs.FeedInfo) error { info = fi; return nil }); err != nil {
			return err
		}
	}
	limits := l.opt.KnownLimits
	if limits == nil {
		limits = []string{}
	}
	_, err := l.tx.Exec(ctx, `
INSERT INTO gtfs_feed (feed_id, timezone, publisher, version, start_date, end_date, access_policy, known_limits)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		l.id, l.tz, nullStr(info.PublisherName), nullStr(info.Version), dateOrNil(info.Start), dateOrNil(info.End),
		nullJSON(l.opt.AccessPolicy), limits)
	if err != nil {
		return classify(err, "insert feed")
	}
	n, err := l.tx.CopyFrom(ctx, pgx.Identifier{"gtfs_agency"},
		[]string{"feed_id", "agency_id", "name", "url", "timezone", "lang", "phone", "fare_url"}, pgx.CopyFromRows(l.agencyRows))
	l.rep.File("agency.txt").Loaded = n
	return classify(err, "copy agencies")
}

func dateOrNil(d gtfs.Date) any {
	if d == 0 {
		return nil
	}
	return d.Time(time.UTC)
}

func nullJSON(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

func (l *gtfsLoad) levels(ctx context.Context) error {
	if !l.feed.Has("levels.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_level", []string{"feed_id", "level_id", "level_index", "name"},
		func(emit func([]any) error) error {
			return l.feed.Levels(func(v gtfs.Level) error {
				return emit([]any{l.id, v.ID, v.Index, nullStr(v.Name)})
			})
		})
	l.rep.File("levels.txt").Loaded = n
	return err
}

// stops stages stops with plain coordinates, publishes them with PostGIS
// points, then resolves step-free access with parent-station inheritance:
// a platform that says nothing inherits its station's value; nothing says
// "yes" unless the feed does.
func (l *gtfsLoad) stops(ctx context.Context) error {
	if _, err := l.tx.Exec(ctx, `CREATE TEMP TABLE stage_stop (stop_id text, code text, name text, description text,
 lon double precision, lat double precision, zone_id text, location_type smallint, parent_station text,
 wheelchair_boarding smallint, level_id text, platform_code text) ON COMMIT DROP`); err != nil {
		return classify(err, "stage stops")
	}
	l.pos = map[string]orb.Point{}
	l.stopIDs = map[string]struct{}{}
	_, err := copyStream(ctx, l.tx, "stage_stop", []string{"stop_id", "code", "name", "description", "lon", "lat",
		"zone_id", "location_type", "parent_station", "wheelchair_boarding", "level_id", "platform_code"},
		func(emit func([]any) error) error {
			return l.feed.Stops(func(s gtfs.Stop) error {
				l.stopIDs[s.ID] = struct{}{}
				var lon, lat any
				if s.Pos != (orb.Point{}) {
					lon, lat = s.Pos[0], s.Pos[1]
					l.pos[s.ID] = s.Pos
				}
				return emit([]any{s.ID, nullStr(s.Code), nullStr(s.Name), nullStr(s.Desc), lon, lat, nullStr(s.ZoneID),
					int16(s.LocationType), nullStr(s.ParentStation), int16(s.WheelchairBoarding), nullStr(s.LevelID), nullStr(s.PlatformCode)})
			})
		})
	if err != nil {
		return err
	}
	tag, err := l.tx.Exec(ctx, `
INSERT INTO gtfs_stop (feed_id, stop_id, code, name, description, geom, zone_id, location_type, parent_station,
    wheelchair_boarding, level_id, platform_code, atco_code)
SELECT $1, stop_id, code, name, description,
       CASE WHEN lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END,
       zone_id, location_type, parent_station, wheelchair_boarding, level_id, platform_code, NULL
FROM stage_stop`, l.id)
	if err != nil {
		return classify(err, "publish stops")
	}
	l.rep.File("stops.txt").Loaded = tag.RowsAffected()
	_, err = l.tx.Exec(ctx, `
UPDATE gtfs_stop s SET step_free = CASE
    WHEN s.wheelchair_boarding = 1 THEN 'yes'
    WHEN s.wheelchair_boarding = 2 THEN 'no'
    WHEN p.wheelchair_boarding = 1 THEN 'yes'
    WHEN p.wheelchair_boarding = 2 THEN 'no'
    ELSE 'unknown' END
FROM gtfs_stop s2 LEFT JOIN gtfs_stop p ON p.feed_id = s2.feed_id AND p.stop_id = s2.parent_station
WHERE s.feed_id = $1 AND s2.feed_id = s.feed_id AND s2.stop_id = s.stop_id`, l.id)
	return classify(err, "resolve stop access")
}

func (l *gtfsLoad) routes(ctx context.Context) error {
	l.routeIDs = map[string]struct{}{}
	n, err := copyStream(ctx, l.tx, "gtfs_route", []string{"feed_id", "route_id", "agency_id", "short_name", "long_name",
		"description", "route_type", "color", "text_color"},
		func(emit func([]any) error) error {
			return l.feed.Routes(func(r gtfs.Route) error {
				l.routeIDs[r.ID] = struct{}{}
				return emit([]any{l.id, r.ID, nullStr(r.AgencyID), nullStr(r.ShortName), nullStr(r.LongName), nullStr(r.Desc),
					int32(r.Type), nullStr(r.Color), nullStr(r.TextColor)})
			})
		})
	l.rep.File("routes.txt").Loaded = n
	return err
}

// trips publishes trips whose route exists and reports the others.
func (l *gtfsLoad) trips(ctx context.Context) error {
	l.tripIDs = map[string]struct{}{}
	n, err := copyStream(ctx, l.tx, "gtfs_trip", []string{"feed_id", "trip_id", "route_id", "service_id", "headsign",
		"short_name", "direction_id", "block_id", "shape_id", "wheelchair_accessible", "bikes_allowed"},
		func(emit func([]any) error) error {
			return l.feed.Trips(func(t gtfs.Trip) error {
				if _, ok := l.routeIDs[t.RouteID]; !ok {
					l.rep.Reject(Rejection{File: "trips.txt", Field: "route_id", Reason: fmt.Sprintf("trip %s: unknown route %s", t.ID, t.RouteID)})
					return nil
				}
				l.tripIDs[t.ID] = struct{}{}
				var dir any
				if t.DirectionID >= 0 {
					dir = int16(t.DirectionID)
				}
				return emit([]any{l.id, t.ID, t.RouteID, t.ServiceID, nullStr(t.Headsign), nullStr(t.ShortName), dir,
					nullStr(t.BlockID), nullStr(t.ShapeID), int16(t.WheelchairAccessible), int16(t.BikesAllowed)})
			})
		})
	l.rep.File("trips.txt").Loaded = n
	return err
}

func (l *gtfsLoad) calendars(ctx context.Context) error {
	if !l.feed.Has("calendar.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_calendar", []string{"feed_id", "service_id", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "start_date", "end_date"},
		func(emit func([]any) error) error {
			return l.feed.Calendars(func(c gtfs.Calendar) error {
				d := c.Days
				return emit([]any{l.id, c.ServiceID, d[time.Monday], d[time.Tuesday], d[time.Wednesday], d[time.Thursday],
					d[time.Friday], d[time.Saturday], d[time.Sunday], c.Start.Time(time.UTC), c.End.Time(time.UTC)})
			})
		})
	l.rep.File("calendar.txt").Loaded = n
	return err
}

func (l *gtfsLoad) calendarDates(ctx context.Context) error {
	if !l.feed.Has("calendar_dates.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_calendar_date", []string{"feed_id", "service_id", "date", "exception_type"},
		func(emit func([]any) error) error {
			return l.feed.CalendarDates(func(c gtfs.CalendarDate) error {
				return emit([]any{l.id, c.ServiceID, c.Date.Time(time.UTC), int16(c.ExceptionType)})
			})
		})
	l.rep.File("calendar_dates.txt").Loaded = n
	return err
}

// stopTimes streams trips one at a time, fills untimed stops by
// interpolation (see package gtfs), stages them and publishes those whose
// trip and stop exist. GTFS-Flex rows (a location instead of a stop) become
// dial-a-ride service windows instead.
func (l *gtfsLoad) stopTimes(ctx context.Context) error {
	if _, err := l.tx.Exec(ctx, `CREATE TEMP TABLE stage_flex_window (trip_id text, location_id text, start_s integer, end_s integer, booking_rule_id text) ON COMMIT DROP`); err != nil {
		return classify(err, "stage stop_times")
	}
	var read, interpolated, flexRows int64
	var flex [][]any
	stagePos := func(id string) (orb.Point, bool) { p, ok := l.pos[id]; return p, ok }
	loaded, err := copyStream(ctx, l.tx, "gtfs_stop_time", []string{"feed_id", "trip_id", "stop_sequence", "stop_id",
		"arrival_s", "departure_s", "interpolated", "timepoint", "pickup_type", "drop_off_type", "stop_headsign", "shape_dist_traveled"},
		func(emit func([]any) error) error {
			return l.feed.TripStopTimes(func(tripID string, sts []gtfs.StopTime) error {
				read += int64(len(sts))
				if l.opt.Progress != nil {
					l.opt.Progress(read)
				}
				var timed []gtfs.StopTime
				for _, st := range sts {
					if st.StopID == "" && st.LocationID != "" {
						flexRows++
						flex = append(flex, []any{tripID, st.LocationID, nullInt32(st.StartWindow), nullInt32(st.EndWindow), nullStr(st.PickupBookingRuleID)})
						continue
					}
					timed = append(timed, st)
				}
				if len(timed) == 0 {
					return nil
				}
				if _, ok := l.tripIDs[tripID]; !ok {
					l.rep.Reject(Rejection{File: "stop_times.txt", Field: "trip_id", Reason: fmt.Sprintf("unknown trip %s (%d stop times)", tripID, len(timed))})
					return nil
				}
				for _, st := range timed {
					if _, ok := l.stopIDs[st.StopID]; !ok {
						l.rep.Reject(Rejection{File: "stop_times.txt", Field: "stop_id", Reason: fmt.Sprintf("trip %s: unknown stop %s (whole trip rejected)", tripID, st.StopID)})
						return nil
					}
				}
				n, err := gtfs.InterpolateTimes(timed, stagePos)
				if err != nil {
					l.rep.Reject(Rejection{File: "stop_times.txt", Field: "arrival_time", Reason: fmt.Sprintf("trip %s: %v", tripID, err)})
					return nil
				}
				interpolated += int64(n)
				for _, st := range timed {
					var dist any
					if !math.IsNaN(st.ShapeDistTraveled) {
						dist = st.ShapeDistTraveled
					}
					if err := emit([]any{l.id, st.TripID, st.StopSequence, st.StopID, st.Arrival, st.Departure, st.Interpolated,
						int16(st.Timepoint), int16(st.PickupType), int16(st.DropOffType), nullStr(st.StopHeadsign), dist}); err != nil {
						return err
					}
				}
				return nil
			})
		})
	if err != nil {
		return err
	}
	if len(flex) > 0 {
		if _, err := l.tx.CopyFrom(ctx, pgx.Identifier{"stage_flex_window"}, []string{"trip_id", "location_id", "start_s", "end_s", "booking_rule_id"}, pgx.CopyFromRows(flex)); err != nil {
			return classify(err, "stage flex windows")
		}
	}
	fc := l.rep.File("stop_times.txt")
	fc.Loaded = loaded
	l.rep.Fact("stop_times_interpolated", interpolated)
	if flexRows > 0 {
		l.rep.Fact("flex_stop_times", flexRows)
	}
	if dropped := read - flexRows - loaded; dropped > fc.Rejected {
		fc.Rejected = dropped
	}
	return nil
}

func (l *gtfsLoad) frequencies(ctx context.Context) error {
	if !l.feed.Has("frequencies.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_frequency", []string{"feed_id", "trip_id", "start_s", "end_s", "headway_s", "exact_times"},
		func(emit func([]any) error) error {
			return l.feed.Frequencies(func(f gtfs.Frequency) error {
				return emit([]any{l.id, f.TripID, f.Start, f.End, f.HeadwaySec, int16(f.ExactTimes)})
			})
		})
	l.rep.File("frequencies.txt").Loaded = n
	return err
}

func (l *gtfsLoad) transfers(ctx context.Context) error {
	if !l.feed.Has("transfers.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_transfer", []string{"feed_id", "from_stop_id", "to_stop_id", "from_route_id",
		"to_route_id", "from_trip_id", "to_trip_id", "transfer_type", "min_transfer_time"},
		func(emit func([]any) error) error {
			return l.feed.Transfers(func(t gtfs.Transfer) error {
				return emit([]any{l.id, nullStr(t.FromStopID), nullStr(t.ToStopID), nullStr(t.FromRouteID), nullStr(t.ToRouteID),
					nullStr(t.FromTripID), nullStr(t.ToTripID), int16(t.Type), nullInt32(t.MinTransferTime)})
			})
		})
	l.rep.File("transfers.txt").Loaded = n
	return err
}

func (l *gtfsLoad) pathways(ctx context.Context) error {
	if !l.feed.Has("pathways.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_pathway", []string{"feed_id", "pathway_id", "from_stop_id", "to_stop_id",
		"pathway_mode", "is_bidirectional", "length_m", "traversal_time", "stair_count", "max_slope", "min_width"},
		func(emit func([]any) error) error {
			return l.feed.Pathways(func(p gtfs.Pathway) error {
				return emit(pathwayRow(l.id, p))
			})
		})
	l.rep.File("pathways.txt").Loaded = n
	return err
}

func (l *gtfsLoad) fareAttributes(ctx context.Context) error {
	if !l.feed.Has("fare_attributes.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_fare_attribute", []string{"feed_id", "fare_id", "price", "currency", "payment_method",
		"transfers", "agency_id", "transfer_duration"},
		func(emit func([]any) error) error {
			return l.feed.FareAttributes(func(f gtfs.FareAttribute) error {
				var tr any
				if f.Transfers >= 0 {
					tr = int16(f.Transfers)
				}
				return emit([]any{l.id, f.ID, f.Price, f.CurrencyType, int16(f.PaymentMethod), tr, nullStr(f.AgencyID), nullInt32(f.TransferDuration)})
			})
		})
	l.rep.File("fare_attributes.txt").Loaded = n
	return err
}

func (l *gtfsLoad) fareRules(ctx context.Context) error {
	if !l.feed.Has("fare_rules.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_fare_rule", []string{"feed_id", "fare_id", "route_id", "origin_id", "destination_id", "contains_id"},
		func(emit func([]any) error) error {
			return l.feed.FareRules(func(f gtfs.FareRule) error {
				return emit([]any{l.id, f.FareID, nullStr(f.RouteID), nullStr(f.OriginID), nullStr(f.DestinationID), nullStr(f.ContainsID)})
			})
		})
	l.rep.File("fare_rules.txt").Loaded = n
	return err
}

func (l *gtfsLoad) bookingRules(ctx context.Context) error {
	if !l.feed.Has("booking_rules.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_booking_rule", []string{"feed_id", "booking_rule_id", "booking_type",
		"prior_notice_duration_min", "prior_notice_duration_max", "prior_notice_last_day", "prior_notice_last_time",
		"prior_notice_service_id", "message", "phone_number", "info_url", "booking_url"},
		func(emit func([]any) error) error {
			return l.feed.BookingRules(func(b gtfs.BookingRule) error {
				return emit([]any{l.id, b.ID, int16(b.Type), nullInt32(b.PriorNoticeDurationMin), nullInt32(b.PriorNoticeDurationMax),
					nullInt32(b.PriorNoticeLastDay), nullInt32(b.PriorNoticeLastTime), nullStr(b.PriorNoticeServiceID),
					nullStr(b.Message), nullStr(b.PhoneNumber),
					nullStr(b.InfoURL), nullStr(b.BookingURL)})
			})
		})
	l.rep.File("booking_rules.txt").Loaded = n
	return err
}

// locations publishes GTFS-Flex zones as dial-a-ride zones with their
// service window, booking rule and fare (the route's fare_rules price when
// the feed has one; otherwise unknown).
func (l *gtfsLoad) locations(ctx context.Context) error {
	if !l.feed.Has("locations.geojson") {
		return nil
	}
	var n int64
	err := l.feed.Locations(func(loc gtfs.Location) error {
		g, err := geojson.NewGeometry(loc.Geometry).MarshalJSON()
		if err != nil {
			return fmt.Errorf("zone %s: %w", loc.ID, err)
		}
		_, err = l.tx.Exec(ctx, `
INSERT INTO dar_zone (feed_id, location_id, name, geom, service_id, start_s, end_s, booking_rule_id, fare_pence, fare_confidence, illustrative)
SELECT $1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)),
       w.service_id, w.start_s, w.end_s, w.booking_rule_id, f.pence,
       CASE WHEN f.pence IS NULL THEN 'unknown' ELSE 'known' END, $5
FROM (SELECT 1) one
LEFT JOIN LATERAL (
    SELECT t.service_id, fw.start_s, fw.end_s, fw.booking_rule_id, t.route_id
    FROM stage_flex_window fw JOIN gtfs_trip t ON t.feed_id = $1 AND t.trip_id = fw.trip_id
    WHERE fw.location_id = $2 ORDER BY fw.start_s LIMIT 1) w ON true
LEFT JOIN LATERAL (
    SELECT round(a.price * 100)::int AS pence
    FROM gtfs_fare_rule r JOIN gtfs_fare_attribute a ON a.feed_id = r.feed_id AND a.fare_id = r.fare_id
    WHERE r.feed_id = $1 AND r.route_id = w.route_id AND a.currency = 'GBP' LIMIT 1) f ON true`,
			l.id, loc.ID, nullStr(loc.Name), string(g), l.opt.Illustrative)
		n++
		return classify(err, "insert zone %s", loc.ID)
	})
	l.rep.File("locations.geojson").Loaded = n
	return err
}

func pathwayRow(feedID string, p gtfs.Pathway) []any {
	var stairs any
	if p.StairCountKnown {
		stairs = p.StairCount
	}
	return []any{feedID, p.ID, p.FromStopID, p.ToStopID, int16(p.Mode), p.Bidirectional, nanNil(p.Length),
		nullInt32(p.TraversalTime), stairs, nanNil(p.MaxSlope), nanNil(p.MinWidth)}
}

// nanNil maps NaN (the readers' "absent") to NULL.
func nanNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// Fares v2: products, leg rules and transfer rules, as written.
func (l *gtfsLoad) fareProducts(ctx context.Context) error {
	if !l.feed.Has("fare_products.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_fare_product", []string{"feed_id", "fare_product_id", "name", "fare_media_id", "amount", "currency"},
		func(emit func([]any) error) error {
			return l.feed.FareProducts(func(f gtfs.FareProduct) error {
				return emit([]any{l.id, f.ID, nullStr(f.Name), nullStr(f.FareMediaID), f.Amount, f.Currency})
			})
		})
	l.rep.File("fare_products.txt").Loaded = n
	return err
}

func (l *gtfsLoad) fareLegRules(ctx context.Context) error {
	if !l.feed.Has("fare_leg_rules.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_fare_leg_rule", []string{"feed_id", "leg_group_id", "network_id", "from_area_id", "to_area_id",
		"from_timeframe_group_id", "to_timeframe_group_id", "fare_product_id", "rule_priority"},
		func(emit func([]any) error) error {
			return l.feed.FareLegRules(func(f gtfs.FareLegRule) error {
				return emit([]any{l.id, nullStr(f.LegGroupID), nullStr(f.NetworkID), nullStr(f.FromAreaID), nullStr(f.ToAreaID),
					nullStr(f.FromTimeframeGroupID), nullStr(f.ToTimeframeGroupID), f.FareProductID, nullInt32(f.RulePriority)})
			})
		})
	l.rep.File("fare_leg_rules.txt").Loaded = n
	return err
}

func (l *gtfsLoad) fareTransferRules(ctx context.Context) error {
	if !l.feed.Has("fare_transfer_rules.txt") {
		return nil
	}
	n, err := copyStream(ctx, l.tx, "gtfs_fare_transfer_rule", []string{"feed_id", "from_leg_group_id", "to_leg_group_id",
		"transfer_count", "duration_limit", "duration_limit_type", "fare_transfer_type", "fare_product_id"},
		func(emit func([]any) error) error {
			return l.feed.FareTransferRules(func(f gtfs.FareTransferRule) error {
				count := any(nil)
				if f.TransferCount != -1 {
					count = f.TransferCount
					if f.TransferCount == -2 {
						count = int32(-1) // the file's own "unlimited"
					}
				}
				var dlt any
				if f.DurationLimitType >= 0 {
					dlt = int16(f.DurationLimitType)
				}
				return emit([]any{l.id, nullStr(f.FromLegGroupID), nullStr(f.ToLegGroupID), count, nullInt32(f.DurationLimit), dlt,
					int16(f.FareTransferType), nullStr(f.FareProductID)})
			})
		})
	l.rep.File("fare_transfer_rules.txt").Loaded = n
	return err
}
