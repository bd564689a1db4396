package dar

import (
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/gtfs"
)

func iowZone(t *testing.T) Zone {
	t.Helper()
	f, err := gtfs.Open("../../geodata/isle-of-wight/dial-a-ride")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zones, err := FromFeed(f, "iow-dial-a-ride")
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) != 1 {
		t.Fatalf("%d zones, want the one illustrative West Wight zone", len(zones))
	}
	return zones[0]
}

// The illustrative West Wight zone: weekdays 09:00–17:00, £2.50, book by
// 16:00 the day before. Brighstone to Calbourne Water Mill is inside it;
// Newport is not.
func TestIsleOfWightDialARide(t *testing.T) {
	z := iowZone(t)
	london, _ := time.LoadLocation("Europe/London")
	brighstone := geo.PointLatLon(50.6420, -1.3920)
	calbourne := geo.PointLatLon(50.6770, -1.4010)
	newport := geo.PointLatLon(50.7010, -1.2920)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02T15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ride, err := z.Ride(brighstone, calbourne, at("2026-12-02T10:00")) // a Wednesday
	if err != nil {
		t.Fatalf("no ride inside the zone within its hours: %v", err)
	}
	if ride.FarePence == nil || *ride.FarePence != 250 {
		t.Errorf("fare %v, want 250p", ride.FarePence)
	}
	// Book by 16:00 the working day before (prior_notice_service_id
	// WEEKDAYS): for a Wednesday ride, Tuesday.
	if ride.Booking != "book by 16:00 on Tuesday 1 December, the working day before; phone 01983 000900" ||
		!ride.BookBy.Equal(at("2026-12-01T16:00")) || !ride.Estimated || z.StepFree != "yes" {
		t.Errorf("ride %+v, zone step-free %q", ride, z.StepFree)
	}
	if d := ride.Arrive.Sub(ride.Depart); d < 5*time.Minute || d > 20*time.Minute {
		t.Errorf("ride takes %v", d)
	}
	for _, c := range []struct {
		name     string
		from     string
		a, b     [2]float64
		wantText string
	}{
		{"before hours", "2026-12-02T08:30", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "runs 09:00 to 17:00"},
		{"ends after hours", "2026-12-02T16:58", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "runs 09:00 to 17:00"},
		{"Sunday", "2026-12-06T10:00", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "does not run"},
		{"to Newport", "2026-12-02T10:00", [2]float64{50.6420, -1.3920}, [2]float64{newport[1], newport[0]}, "inside the zone"},
	} {
		_, err := z.Ride(geo.PointLatLon(c.a[0], c.a[1]), geo.PointLatLon(c.b[0], c.b[1]), at(c.from))
		if err == nil || !strings.Contains(err.Error(), c.wantText) {
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.wantText)
		}
	}
}

// A Monday ride in the West Wight zone is booked by 16:00 on the Friday
// before: the weekend does not count towards the working day's notice.
func TestIsleOfWightMondayIsBookedOnFriday(t *testing.T) {
	z := iowZone(t)
	london, _ := time.LoadLocation("Europe/London")
	if z.NoticeWeekdays != workingDays {
		t.Fatalf("notice weekdays %07b, want Monday to Friday", z.NoticeWeekdays)
	}
	monday := time.Date(2026, 12, 7, 10, 8, 19, 0, london)
	by, ok := z.BookBy(monday)
	if want := time.Date(2026, 12, 4, 16, 0, 0, 0, london); !ok || !by.Equal(want) {
		t.Errorf("book by %v (%v), want %v", by, ok, want)
	}
	if got, want := z.BookingNote(monday), "book by 16:00 on Friday 4 December, the working day before; phone 01983 000900"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}

func TestBookingNotes(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	// Monday 7 December 2026, 10:30.
	ride := time.Date(2026, 12, 7, 10, 30, 0, 0, london)
	day := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, london) }
	cases := []struct {
		name string
		z    Zone
		by   time.Time // zero: no deadline
		note string
	}{
		{"no rule", Zone{NoticeDays: -1}, time.Time{}, "book ahead: the operator gives no booking rule"},
		{"the day before, calendar days", Zone{NoticeDays: 1, NoticeTime: 17 * 3600}, day(6, 17, 0),
			"book by 17:00 on Sunday 6 December, the day before"},
		{"two working days: back over the weekend to Thursday", Zone{NoticeDays: 2, NoticeTime: 12 * 3600, NoticeWeekdays: workingDays, Phone: "01234 567890"},
			day(3, 12, 0), "book by 12:00 on Thursday 3 December, 2 working days before; phone 01234 567890"},
		{"three days, Saturdays only counted", Zone{NoticeDays: 3, NoticeTime: 9 * 3600, NoticeWeekdays: 1 << time.Saturday},
			time.Date(2026, 11, 21, 9, 0, 0, 0, london), "book by 09:00 on Saturday 21 November, 3 booking days before"},
		{"the day before, no time: by its end", Zone{NoticeDays: 1, NoticeTime: -1}, day(7, 0, 0),
			"book by the end of Sunday 6 December, the day before"},
		{"same day, 90 minutes' notice", Zone{NoticeDays: 0, NoticeTime: -1, NoticeMinutes: 90}, day(7, 9, 0),
			"book at least 1 h 30 min before the pick-up, by 09:00"},
		{"same day by a time", Zone{NoticeDays: 0, NoticeTime: 8 * 3600}, day(7, 8, 0), "book by 08:00 on the day"},
		{"real time", Zone{NoticeDays: 0, NoticeTime: -1}, time.Time{}, "book before the pick-up, on the day"},
	}
	for _, c := range cases {
		by, ok := c.z.BookBy(ride)
		if ok != !c.by.IsZero() || (ok && !by.Equal(c.by)) {
			t.Errorf("%s: book by %v (%v), want %v", c.name, by, ok, c.by)
		}
		if got := c.z.BookingNote(ride); got != c.note {
			t.Errorf("%s: note %q, want %q", c.name, got, c.note)
		}
	}
}

// TestIsleOfWightBankHolidays: the illustrative zone's calendar removes
// England's bank holidays (calendar_dates.txt), so it does not run on
// them, and they are not working days when a ride is booked.
func TestIsleOfWightBankHolidays(t *testing.T) {
	z := iowZone(t)
	london, _ := time.LoadLocation("Europe/London")
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, london) }
	brighstone := geo.PointLatLon(50.6420, -1.3920)
	calbourne := geo.PointLatLon(50.6770, -1.4010)
	for _, day := range []time.Time{at(2026, time.May, 25, 10), at(2026, time.December, 25, 10), at(2026, time.December, 28, 10), at(2027, time.March, 26, 10)} {
		if z.RunsOn(day) {
			t.Errorf("runs on the bank holiday %s", day.Format("Monday 2 January 2006"))
		}
		if _, err := z.Ride(brighstone, calbourne, day); err == nil || !strings.Contains(err.Error(), "does not run") {
			t.Errorf("%s: ride error %v, want does not run", day.Format("2 January 2006"), err)
		}
	}
	cases := []struct {
		ride, by time.Time
	}{
		// Tuesday after the Spring bank holiday: the working day before
		// is the Friday.
		{at(2026, time.May, 26, 10), at(2026, time.May, 22, 16)},
		// Tuesday 29 December: Christmas Day and the Boxing Day
		// substitute are not working days.
		{at(2026, time.December, 29, 10), at(2026, time.December, 24, 16)},
		// An ordinary Tuesday: the Monday.
		{at(2026, time.June, 2, 10), at(2026, time.June, 1, 16)},
	}
	for _, c := range cases {
		if !z.RunsOn(c.ride) {
			t.Errorf("does not run on %s", c.ride.Format("Monday 2 January 2006"))
		}
		if by, ok := z.BookBy(c.ride); !ok || !by.Equal(c.by) {
			t.Errorf("a ride on %s is booked by %v (%v), want %v", c.ride.Format("Monday 2 January"), by, ok, c.by)
		}
	}
}

// TestCalendarExceptions: a date the calendar adds runs even off the
// service's weekdays and dates; a removed date does not run on one of
// them; a calendar of exceptions alone runs only on its added dates.
func TestCalendarExceptions(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	day := func(d int) time.Time { return time.Date(2026, time.December, d, 12, 0, 0, 0, london) }
	z := Zone{Days: workingDays, Start: day(1).Truncate(24 * time.Hour), End: time.Date(2026, 12, 31, 0, 0, 0, 0, london),
		Added: []int32{20261206}, Removed: []int32{20261208}}
	for d, want := range map[int]bool{6: true, 7: true, 8: false, 9: true, 13: false} {
		if got := z.RunsOn(day(d)); got != want {
			t.Errorf("%d December: runs %v, want %v", d, got, want)
		}
	}
	only := Zone{Added: []int32{20261213}}
	if !only.RunsOn(day(13)) || only.RunsOn(day(14)) {
		t.Error("a calendar of added dates alone runs on other days, or not on its own")
	}
}
