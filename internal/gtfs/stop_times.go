package gtfs

import "errors"

// Pickup and drop-off types of stop_times.txt. An empty value is
// PickupRegular.
const (
	PickupRegular     int8 = 0
	PickupNone        int8 = 1
	PickupPhoneAgency int8 = 2
	PickupAskDriver   int8 = 3
)

// StopTime is a row of stop_times.txt. Times are seconds since the start of
// the service day, NoTime when empty; values past 24:00 are kept.
type StopTime struct {
	TripID          string
	Arrival         int32
	Departure       int32
	StopID          string // empty for a GTFS-Flex row served by a location or location group
	LocationGroupID string // GTFS-Flex
	LocationID      string // GTFS-Flex: an id of locations.geojson
	StopSequence    int32
	StopHeadsign    string
	// StartWindow and EndWindow are GTFS-Flex pickup/drop-off windows
	// (start/end_pickup_drop_off_window), NoTime when absent.
	StartWindow       int32
	EndWindow         int32
	PickupType        int8
	DropOffType       int8
	ContinuousPickup  int8    // Continuous* constants; empty is ContinuousNone
	ContinuousDropOff int8    // Continuous* constants; empty is ContinuousNone
	ShapeDistTraveled float64 // NaN when absent
	// Timepoint is 1 for exact times and 0 for approximate ones. An empty
	// value reads as 1 when the row has a time (the GTFS default) and 0
	// when it has none; interpolated rows are 0.
	Timepoint            int8
	PickupBookingRuleID  string // GTFS-Flex
	DropOffBookingRuleID string // GTFS-Flex
	// Interpolated is set by InterpolateTimes on rows whose times it filled.
	Interpolated bool
}

// Timed reports whether the row has an arrival or a departure time.
func (st *StopTime) Timed() bool { return st.Arrival != NoTime || st.Departure != NoTime }

// StopTimes streams stop_times.txt row by row in file order. The file is
// required. Rows are not grouped or sorted; see TripStopTimes for that.
func (f *Feed) StopTimes(fn func(StopTime) error) error {
	return stopTimesTable().read(f, fn)
}

func stopTimesTable() table[StopTime] {
	return table[StopTime]{
		file:     "stop_times.txt",
		required: []string{"trip_id", "stop_sequence"},
		check:    checkStopTimesHeader,
		bind:     bindStopTime,
	}
}

func checkStopTimesHeader(h *header) error {
	if h.col("stop_id") < 0 && h.col("location_id") < 0 && h.col("location_group_id") < 0 {
		return errors.New("missing required column stop_id (or GTFS-Flex location_id, location_group_id)")
	}
	return nil
}

func bindStopTime(h *header) func(*row) StopTime {
	trip, arr, dep, stop := h.col("trip_id"), h.col("arrival_time"), h.col("departure_time"), h.col("stop_id")
	group, loc, seq, headsign := h.col("location_group_id"), h.col("location_id"), h.col("stop_sequence"), h.col("stop_headsign")
	start, end := h.col("start_pickup_drop_off_window"), h.col("end_pickup_drop_off_window")
	pick, drop, cp, cd := h.col("pickup_type"), h.col("drop_off_type"), h.col("continuous_pickup"), h.col("continuous_drop_off")
	dist, tp, pbr, dbr := h.col("shape_dist_traveled"), h.col("timepoint"), h.col("pickup_booking_rule_id"), h.col("drop_off_booking_rule_id")
	return func(r *row) StopTime {
		st := StopTime{TripID: r.need(trip), StopID: r.str(stop), LocationGroupID: r.str(group), LocationID: r.str(loc),
			StopHeadsign: r.str(headsign), PickupBookingRuleID: r.str(pbr), DropOffBookingRuleID: r.str(dbr)}
		st.StopSequence = int32(r.integer(seq, 0, 1<<31-1, 0, true))
		if st.StopID == "" && st.LocationGroupID == "" && st.LocationID == "" {
			r.reject(stop, "required value is empty")
		}
		st.Arrival, st.Departure = r.time(arr, false), r.time(dep, false)
		st.StartWindow, st.EndWindow = r.time(start, false), r.time(end, false)
		st.PickupType, st.DropOffType = r.flag(pick, 0, 3, 0, false), r.flag(drop, 0, 3, 0, false)
		st.ContinuousPickup = r.flag(cp, 0, 3, int(ContinuousNone), false)
		st.ContinuousDropOff = r.flag(cd, 0, 3, int(ContinuousNone), false)
		st.ShapeDistTraveled = r.number(dist, 0, 1e12, false)
		st.Timepoint = r.flag(tp, 0, 1, timepointDefault(&st), false)
		return st
	}
}

func timepointDefault(st *StopTime) int {
	if st.Timed() {
		return 1
	}
	return 0
}
