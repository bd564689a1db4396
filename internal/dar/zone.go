package dar

import (
	"fmt"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Ride-time model constants (see the package doc).
const (
	DetourFactor = 1.3
	SpeedKPH     = 30.0
)

// Zone is one dial-a-ride zone with its service rules.
type Zone struct {
	FeedID, ID, Name string
	Area             orb.MultiPolygon
	// Days has bit 1<<time.Weekday set for each service weekday; Start
	// and End bound the dates (inclusive, local). Added and Removed are
	// the service's exceptions (GTFS calendar_dates, as YYYYMMDD): dates
	// it runs on besides, and dates it does not run (bank holidays).
	Days           uint8
	Start, End     time.Time
	Added, Removed []int32
	// WindowStart and WindowEnd are the pick-up/drop-off window in
	// seconds since local midnight.
	WindowStart, WindowEnd int32
	// NoticeDays is how many days ahead a ride must be booked, by
	// NoticeTime (seconds since midnight; negative for the end of the day)
	// on that day; -1 when the feed gives no booking rule. 0 is a booking
	// on the day: by NoticeTime when it is positive, else at least
	// NoticeMinutes before the pick-up when that is positive, else any
	// time before.
	NoticeDays int
	NoticeTime int32
	// NoticeWeekdays has bit 1<<time.Weekday set for each day that counts
	// towards NoticeDays (the calendar of the booking rule's
	// prior_notice_service_id: Monday to Friday for "working days"); 0
	// counts every day, as GTFS-Flex does when the rule names no service.
	NoticeWeekdays uint8
	// NoticeAdded and NoticeRemoved are that calendar's exceptions
	// (YYYYMMDD): a bank holiday it removes is not a working day.
	NoticeAdded, NoticeRemoved []int32
	// NoticeMinutes is a same-day booking's least notice before the
	// pick-up (prior_notice_duration_min); 0 when none is given.
	NoticeMinutes int32
	Phone         string
	Message       string
	// FarePence is nil when the fare is unknown.
	FarePence *int64
	// StepFree is the vehicle's access value ("yes", "no", "unknown").
	StepFree     string
	Illustrative bool
}

// Ride is one booked dial-a-ride journey.
type Ride struct {
	ZoneID         string
	Depart, Arrive time.Time
	Metres         float64
	FarePence      *int64
	// Booking says when to book this ride, in words; BookBy is that
	// deadline, zero when the rule gives none.
	Booking      string
	BookBy       time.Time
	Estimated    bool
	Illustrative bool
}

// Contains reports whether p lies inside the zone.
func (z *Zone) Contains(p orb.Point) bool { return planar.MultiPolygonContains(z.Area, p) }

// RunsOn reports whether the zone runs on t's day (local): a date its
// calendar adds, or one of its weekdays within its dates that the
// calendar does not remove.
func (z *Zone) RunsOn(t time.Time) bool {
	key := DateKey(t)
	if slices.Contains(z.Removed, key) {
		return false
	}
	if slices.Contains(z.Added, key) {
		return true
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return z.Days&(1<<t.Weekday()) != 0 && !day.Before(z.Start) && !day.After(z.End)
}

// DateKey is t's local date as YYYYMMDD, the form of a zone's exceptions.
func DateKey(t time.Time) int32 {
	return int32(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// Ride offers a ride from a to b leaving at depart (local time), or says
// why there is none.
func (z *Zone) Ride(a, b orb.Point, depart time.Time) (Ride, error) {
	if !z.Contains(a) || !z.Contains(b) {
		return Ride{}, fmt.Errorf("dial-a-ride %s: both ends must be inside the zone", z.Name)
	}
	day := time.Date(depart.Year(), depart.Month(), depart.Day(), 0, 0, 0, 0, depart.Location())
	if !z.RunsOn(depart) {
		return Ride{}, fmt.Errorf("dial-a-ride %s does not run on %s", z.Name, depart.Format("Monday 2 January 2006"))
	}
	m, d := RideDuration(a, b)
	arrive := depart.Add(d)
	from := int32(depart.Sub(day).Seconds())
	to := int32(arrive.Sub(day).Seconds())
	if from < z.WindowStart || to > z.WindowEnd {
		return Ride{}, fmt.Errorf("dial-a-ride %s runs %s to %s", z.Name, clock(z.WindowStart), clock(z.WindowEnd))
	}
	by, _ := z.BookBy(depart)
	return Ride{ZoneID: z.ID, Depart: depart, Arrive: arrive, Metres: m, FarePence: z.FarePence,
		Booking: z.BookingNote(depart), BookBy: by, Estimated: true, Illustrative: z.Illustrative}, nil
}

func clock(s int32) string { return fmt.Sprintf("%02d:%02d", s/3600, s/60%60) }

// RideDuration is the modelled length and duration of a ride from a to b.
func RideDuration(a, b orb.Point) (metres float64, d time.Duration) {
	m := geo.DistanceM(a, b) * DetourFactor
	return m, time.Duration(m / (SpeedKPH / 3.6) * float64(time.Second))
}
