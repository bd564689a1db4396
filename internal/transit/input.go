package transit

import (
	"time"

	"github.com/paulmach/orb"
)

// Input is a timetable as plain slices, the form the PostGIS loader (or a
// test adapter) fills. Identifiers are scoped by feed: a StopID in a stop
// time is looked up in the feed of its trip. Where a record offers both a
// dense index and a string ID, a non-empty ID wins.
type Input struct {
	Feeds        []Feed
	Stops        []Stop
	Routes       []Route
	Trips        []Trip
	StopTimes    []StopTime
	Calendars    []Calendar
	ServiceDates []ServiceDate
	Frequencies  []Frequency
	Transfers    []Transfer
}

// Feed is one imported timetable source. All feeds of one snapshot must
// share a timezone (service times are seconds since local midnight).
type Feed struct {
	ID       string
	Timezone *time.Location
	// Policy fills silences in this feed's accessibility data; the zero
	// value assumes nothing.
	Policy AccessPolicy
}

// Stop is a GTFS stop or platform. Wheelchair holds wheelchair_boarding:
// 0 no information, 1 yes, 2 no. A 0 is inherited from ParentID's stop
// when ParentID is given.
type Stop struct {
	ID         string
	Name       string
	Point      orb.Point
	Wheelchair uint8
	ParentID   string
	FeedID     string
}

// Route is a GTFS route (a line as passengers know it).
type Route struct {
	ID        string
	ShortName string
	LongName  string
	Type      int
	AgencyID  string
	FeedID    string
}

// Trip is a GTFS trip. Wheelchair holds wheelchair_accessible: 0 no
// information, 1 yes, 2 no.
type Trip struct {
	ID         string
	RouteID    string
	ServiceID  string
	Wheelchair uint8
	FeedID     string
}

// StopTime is one call of a trip at a stop. Arr and Dep are seconds since
// the service day's midnight; values past 24:00 are allowed. Times must be
// filled (interpolate untimed stops before building).
type StopTime struct {
	// TripIndex indexes Input.Trips; used when TripID is empty.
	TripIndex int32
	TripID    string
	// StopIndex indexes Input.Stops; used when StopID is empty.
	StopIndex int32
	StopID    string
	Seq       int32
	Arr, Dep  int32
	// PickupType and DropOffType follow GTFS: 1 means no pickup / no
	// drop-off here; 0, 2 and 3 allow it.
	PickupType  uint8
	DropOffType uint8
}

// Calendar is a GTFS calendar row. Days has bit (1 << time.Weekday) set for
// each weekday the service runs; Start and End are inclusive.
type Calendar struct {
	FeedID     string
	ServiceID  string
	Days       uint8
	Start, End Date
}

// Weekdays builds a Calendar.Days mask.
func Weekdays(days ...time.Weekday) uint8 {
	var m uint8
	for _, d := range days {
		m |= 1 << d
	}
	return m
}

// ServiceDate is a GTFS calendar_dates row: Exception 1 adds the date to the
// service, 2 removes it. A service may exist only through these rows.
type ServiceDate struct {
	FeedID    string
	ServiceID string
	Date      Date
	Exception uint8
}

// Frequency is a GTFS frequencies row. The template trip's stop times are
// shifted so that its first departure falls at Start, Start+Headway, ...
// strictly before End; the template itself does not run otherwise.
// Headway-based rows (ExactTimes false) are expanded the same way, which is
// exact for the schedule the feed describes and an estimate of the real one.
type Frequency struct {
	TripIndex  int32
	TripID     string
	FeedID     string
	Start, End int32
	Headway    int32
	ExactTimes bool
}

// Transfer is a GTFS transfers row between two different stops of one feed.
// Type 3 forbids walking between them; type 2 sets a minimum time
// (MinSeconds) and creates the footpath even beyond the walking radius;
// types 0 and 1 change nothing.
type Transfer struct {
	FeedID     string
	FromStopID string
	ToStopID   string
	Type       uint8
	MinSeconds int32
}
