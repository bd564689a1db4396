package gtfs

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// NoTime marks an absent time (an empty arrival_time, for instance). Times
// are int32 seconds since the start of the service day (noon minus 12 h:
// midnight except on days when the clocks change), past 24:00 included.
const NoTime int32 = -1

// maxTimeHours bounds the hours of a GTFS time: trips may run past midnight
// ("25:10:00") and some feeds model multi-day services, but a larger value
// is a typo.
const maxTimeHours = 999

var errTimeSyntax = errors.New("want a time H:MM:SS or HH:MM:SS")

// ParseTime parses a GTFS time "H:MM:SS" or "HH:MM:SS" (hours may exceed 23)
// into seconds since the service day's midnight: "25:10:00" is 90600.
func ParseTime(s string) (int32, error) {
	c1 := indexByte(s, ':')
	if c1 < 1 || c1 > 3 || len(s) != c1+6 || s[c1+3] != ':' {
		return NoTime, errTimeSyntax
	}
	h, ok1 := digits(s[:c1])
	m, ok2 := digits(s[c1+1 : c1+3])
	sec, ok3 := digits(s[c1+4:])
	if !ok1 || !ok2 || !ok3 || h > maxTimeHours {
		return NoTime, errTimeSyntax
	}
	if m > 59 || sec > 59 {
		return NoTime, errors.New("minutes and seconds must be below 60")
	}
	return int32(h*3600 + m*60 + sec), nil
}

// FormatTime writes seconds since midnight as HH:MM:SS (hours may exceed
// 23); NoTime and other negative values format as "".
func FormatTime(t int32) string {
	if t < 0 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d:%02d", t/3600, t/60%60, t%60)
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// Date is a calendar date as the integer yyyymmdd (20250131), the way GTFS
// writes it: compact, ordered by value and cheap to compare in hot code.
// The zero Date means "absent". Use Time to place it in a time zone.
type Date int32

// ParseDate parses a GTFS date "YYYYMMDD", checking that the day exists.
func ParseDate(s string) (Date, error) {
	v, ok := digits(s)
	if !ok || len(s) != 8 {
		return 0, errors.New("want a date YYYYMMDD")
	}
	d := Date(v)
	if !d.Valid() {
		return 0, errors.New("not a calendar date")
	}
	return d, nil
}

// DateOf returns the Date of t's calendar day in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(y*10000 + int(m)*100 + d)
}

// Year, Month and Day split the date.
func (d Date) Year() int         { return int(d) / 10000 }
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }
func (d Date) Day() int          { return int(d) % 100 }

// Valid reports whether d is a real calendar date from year 1000 to 9999.
func (d Date) Valid() bool {
	if d < 10000101 || d > 99991231 {
		return false
	}
	t := d.Time(time.UTC)
	return t.Year() == d.Year() && t.Month() == d.Month() && t.Day() == d.Day()
}

// Time returns midnight at the start of d in loc. GTFS times count from
// "noon minus 12 h", which differs from midnight only on days when clocks
// change; ServiceDayStart gives that instant.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// ServiceDayStart returns the instant GTFS times on d count from: noon
// local time minus 12 hours.
func (d Date) ServiceDayStart(loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc).Add(-12 * time.Hour)
}

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time(time.UTC).Weekday() }

// String formats d as YYYYMMDD; the zero Date is "".
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return strconv.Itoa(int(d))
}
