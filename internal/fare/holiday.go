package fare

import (
	"slices"
	"time"
)

// First and last years of the bank holiday table: the regular rules are
// computed for any year, but one-off changes are known only inside it.
const (
	HolidayTableFirstYear = 2019
	HolidayTableLastYear  = 2030
)

// day is a calendar date with no time zone.
type day struct {
	y int
	m time.Month
	d int
}

func (d day) weekday() time.Weekday { return d.time().Weekday() }
func (d day) time() time.Time       { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }
func (d day) add(n int) day         { return dayOf(d.time().AddDate(0, 0, n)) }
func dayOf(t time.Time) day         { y, m, d := t.Date(); return day{y, m, d} }

// IsBankHoliday reports whether t's calendar date, in t's own location, is
// a bank holiday in England and Wales.
func IsBankHoliday(t time.Time) bool {
	d := dayOf(t)
	hs := holidays(d.y)
	return slices.Contains(hs[:], d)
}

// BankHolidays lists the bank holidays of England and Wales in year, in
// date order, as midnight UTC times.
func BankHolidays(year int) []time.Time {
	hs := holidays(year)
	out := make([]time.Time, 0, len(hs))
	for _, d := range hs {
		if d.y != 0 {
			out = append(out, d.time())
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// holidays computes a year's bank holidays: the regular ones by rule, then
// the one-off changes of the table. Unused slots stay zero.
func holidays(y int) [11]day {
	var hs [11]day
	gf := easter(y).add(-2)
	hs[0] = weekdayOnOrAfter(day{y, time.January, 1})
	hs[1], hs[2] = gf, gf.add(3)
	hs[3] = firstMonday(y, time.May)
	hs[4] = lastMonday(y, time.May)
	hs[5] = lastMonday(y, time.August)
	hs[6], hs[7] = christmas(y)
	oneOffs(y, &hs)
	return hs
}

// oneOffs applies the changes proclaimed for single years: 2020's early May
// holiday moved to Friday 8 May for VE Day's 75th anniversary; 2022's spring
// holiday moved to Thursday 2 June, with Friday 3 June added for the
// Platinum Jubilee and Monday 19 September for the Queen's funeral; and
// Monday 8 May 2023 added for the Coronation.
func oneOffs(y int, hs *[11]day) {
	switch y {
	case 2020:
		hs[3] = day{2020, time.May, 8}
	case 2022:
		hs[4] = day{2022, time.June, 2}
		hs[8] = day{2022, time.June, 3}
		hs[9] = day{2022, time.September, 19}
	case 2023:
		hs[8] = day{2023, time.May, 8}
	}
}

// christmas returns Christmas Day and Boxing Day with substitute days: a
// holiday falling at a weekend, or on a day already taken, moves to the
// next free weekday.
func christmas(y int) (day, day) {
	c := weekdayOnOrAfter(day{y, time.December, 25})
	b := weekdayOnOrAfter(day{y, time.December, 26})
	if b == c {
		b = weekdayOnOrAfter(b.add(1))
	}
	return c, b
}

func weekdayOnOrAfter(d day) day {
	for d.weekday() == time.Saturday || d.weekday() == time.Sunday {
		d = d.add(1)
	}
	return d
}

func firstMonday(y int, m time.Month) day {
	d := day{y, m, 1}
	return d.add((int(time.Monday) - int(d.weekday()) + 7) % 7)
}

func lastMonday(y int, m time.Month) day {
	d := day{y, m + 1, 1}.add(-1) // time.Date normalises December+1
	return d.add(-((int(d.weekday()) - int(time.Monday) + 7) % 7))
}

// easter returns Easter Sunday in the Gregorian calendar (the anonymous
// algorithm published by Meeus, after Jones and Butcher).
func easter(y int) day {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	return day{y, time.Month(month), (h+l-7*m+114)%31 + 1}
}
