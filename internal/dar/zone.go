package dar

import (
	"fmt"
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
	// and End bound the dates (inclusive, local).
	Days       uint8
	Start, End time.Time
	// WindowStart and WindowEnd are the pick-up/drop-off window in
	// seconds since local midnight.
	WindowStart, WindowEnd int32
	// NoticeDays is how many days ahead a ride must be booked, by
	// NoticeTime (seconds since midnight) on that day; -1 when the feed
	// gives no booking rule.
	NoticeDays int
	NoticeTime int32
	Phone      string
	Message    string
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
	Booking        string
	Estimated      bool
	Illustrative   bool
}

// Contains reports whether p lies inside the zone.
func (z *Zone) Contains(p orb.Point) bool { return planar.MultiPolygonContains(z.Area, p) }

// Ride offers a ride from a to b leaving at depart (local time), or says
// why there is none.
func (z *Zone) Ride(a, b orb.Point, depart time.Time) (Ride, error) {
	if !z.Contains(a) || !z.Contains(b) {
		return Ride{}, fmt.Errorf("dial-a-ride %s: both ends must be inside the zone", z.Name)
	}
	day := time.Date(depart.Year(), depart.Month(), depart.Day(), 0, 0, 0, 0, depart.Location())
	if z.Days&(1<<depart.Weekday()) == 0 || day.Before(z.Start) || day.After(z.End) {
		return Ride{}, fmt.Errorf("dial-a-ride %s does not run on %s", z.Name, depart.Format("Monday 2 January 2006"))
	}
	m, d := RideDuration(a, b)
	arrive := depart.Add(d)
	from := int32(depart.Sub(day).Seconds())
	to := int32(arrive.Sub(day).Seconds())
	if from < z.WindowStart || to > z.WindowEnd {
		return Ride{}, fmt.Errorf("dial-a-ride %s runs %s to %s", z.Name, clock(z.WindowStart), clock(z.WindowEnd))
	}
	return Ride{ZoneID: z.ID, Depart: depart, Arrive: arrive, Metres: m, FarePence: z.FarePence,
		Booking: z.BookingNote(), Estimated: true, Illustrative: z.Illustrative}, nil
}

// BookingNote says how far ahead to book, in words a person understands.
func (z *Zone) BookingNote() string {
	switch {
	case z.NoticeDays < 0:
		return "book ahead: the operator gives no booking rule"
	case z.NoticeDays == 0:
		return "book on the day"
	case z.NoticeDays == 1:
		return fmt.Sprintf("book 1 day ahead, by %s", clock(z.NoticeTime))
	}
	return fmt.Sprintf("book %d days ahead, by %s", z.NoticeDays, clock(z.NoticeTime))
}

func clock(s int32) string { return fmt.Sprintf("%02d:%02d", s/3600, s/60%60) }

// RideDuration is the modelled length and duration of a ride from a to b.
func RideDuration(a, b orb.Point) (metres float64, d time.Duration) {
	m := geo.DistanceM(a, b) * DetourFactor
	return m, time.Duration(m / (SpeedKPH / 3.6) * float64(time.Second))
}
