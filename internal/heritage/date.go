package heritage

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date with no time zone: the "2026-03-29" of a
// schedule's dtstart or valid_to. The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalising out-of-range months and days
// the way time.Date does (2026-02-30 becomes 2026-03-02).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads an ISO 8601 calendar date in extended (2026-03-29) or
// basic (20260329) form. The date must exist.
func ParseDate(s string) (Date, error) {
	layout := "2006-01-02"
	if len(s) == 8 {
		layout = "20060102"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is the zero Date ("not given").
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// basic formats d as YYYYMMDD, the RFC 5545 DATE form.
func (d Date) basic() string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText formats d as YYYY-MM-DD (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// days counts days since 1970-01-01 (negative before).
func (d Date) days() int64 {
	return floorDiv(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}

func dateFromDays(n int64) Date { return DateOf(time.Unix(n*86400, 0).UTC()) }

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + int64(n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Weekday(floorMod(d.days()+4, 7)) // 1970-01-01 was a Thursday
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Clock is a local wall-clock time of day in seconds after midnight, as
// OR-UK's opens_at and closes_at give it. 24:00:00 (86400) is allowed as an
// end of day.
type Clock int32

// ClockEndOfDay is 24:00:00.
const ClockEndOfDay Clock = 86400

// NewClock returns the time of day h:m:s.
func NewClock(h, m, s int) Clock { return Clock(h*3600 + m*60 + s) }

// ParseClock reads HH:MM or HH:MM:SS (24-hour). 24:00 and 24:00:00 are
// accepted as the end of the day.
func ParseClock(s string) (Clock, error) {
	bad := fmt.Errorf("time %q: want HH:MM or HH:MM:SS", s)
	if len(s) != 5 && len(s) != 8 {
		return 0, bad
	}
	h, okH := twoDigits(s[0:2])
	m, okM := twoDigits(s[3:5])
	sec, okS := 0, true
	if len(s) == 8 {
		sec, okS = twoDigits(s[6:8])
		okS = okS && s[5] == ':'
	}
	if !okH || !okM || !okS || s[2] != ':' || m > 59 || sec > 59 || h > 24 {
		return 0, bad
	}
	c := NewClock(h, m, sec)
	if c > ClockEndOfDay {
		return 0, bad
	}
	return c, nil
}

func twoDigits(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// String formats c as HH:MM:SS.
func (c Clock) String() string {
	return fmt.Sprintf("%02d:%02d:%02d", int(c)/3600, int(c)%3600/60, int(c)%60)
}

// MarshalText formats c as HH:MM:SS.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses HH:MM or HH:MM:SS.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
