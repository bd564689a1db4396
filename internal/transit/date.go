package transit

import (
	"fmt"
	"time"
)

// Date is a civil (calendar) date counted in days since 1970-01-01. Service
// days of a timetable are civil dates in the feed's timezone; keeping them
// as integers keeps calendars free of time.Time arithmetic.
type Date int32

// DateOf returns the Date for a year, month and day.
func DateOf(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400)
}

// DateFromTime returns the civil date of t in t's own location.
func DateFromTime(t time.Time) Date { return DateOf(t.Year(), t.Month(), t.Day()) }

// ParseDate reads "2006-01-02" or GTFS "20060102".
func ParseDate(s string) (Date, error) {
	layout := "2006-01-02"
	if len(s) == 8 {
		layout = "20060102"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return 0, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t.Year(), t.Month(), t.Day()), nil
}

// Time returns midnight of d in UTC (the civil date, not an instant).
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (int(d)%7 + 7 + int(time.Thursday)) % 7
	return time.Weekday(w)
}

// String formats d as 2006-01-02.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// ServiceTime converts an instant to the service date and seconds since that
// date's midnight in loc, the form a Params takes. Seconds are counted from
// local midnight as a wall clock (GTFS counts from "noon minus 12h", which
// differs only on the two daylight-saving change days).
func ServiceTime(t time.Time, loc *time.Location) (Date, int32) {
	t = t.In(loc)
	return DateFromTime(t), int32(t.Hour()*3600 + t.Minute()*60 + t.Second())
}

// Instant converts a service date and seconds since its midnight (values
// past 24:00 allowed) back to an instant in loc.
func Instant(d Date, secs int32, loc *time.Location) time.Time {
	t := d.Time()
	mid := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return mid.Add(time.Duration(secs) * time.Second)
}
