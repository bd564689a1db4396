package heritage

import (
	"slices"
	"time"
)

// eachDate calls yield with the rule's occurrence dates in ascending order,
// starting from anchor (no date before it), until yield returns false, the
// rule's COUNT is reached, or the dates pass hi. Without COUNT, periods
// wholly before lo are skipped arithmetically, so a schedule that started
// years ago costs no more to expand than a new one.
func (r RRule) eachDate(anchor, lo, hi Date, yield func(Date) bool) {
	step := int64(r.interval())
	first := r.periodIndex(anchor)
	k := int64(0)
	if r.Count == 0 {
		k = max(0, floorDiv(r.periodIndex(lo)-first, step))
	}
	seen := 0
	var buf []Date
	for ; ; k++ {
		p := first + k*step
		buf = r.candidates(p, anchor, buf[:0])
		if len(buf) == 0 && r.periodStart(p).After(hi) {
			return
		}
		for _, d := range buf {
			if d.Before(anchor) {
				continue
			}
			if d.After(hi) {
				return
			}
			seen++
			if (r.Count > 0 && seen > r.Count) || !yield(d) {
				return
			}
		}
	}
}

// periodIndex numbers weeks (from the WKST day) or months.
func (r RRule) periodIndex(d Date) int64 {
	if r.Freq == FreqMonthly {
		return int64(d.Year)*12 + int64(d.Month) - 1
	}
	return floorDiv(d.days()-r.weekOffset(d.Weekday()), 7)
}

// periodStart is the first date of period p.
func (r RRule) periodStart(p int64) Date {
	if r.Freq == FreqMonthly {
		return Date{Year: int(floorDiv(p, 12)), Month: time.Month(floorMod(p, 12) + 1), Day: 1}
	}
	// 1970-01-01 (day 0) was a Thursday; week starts fall on days
	// congruent to WKST-Thursday modulo 7.
	return dateFromDays(p*7 + floorMod(int64(r.weekStart())-int64(time.Thursday), 7))
}

// weekOffset is how many days wd falls after the week's first day.
func (r RRule) weekOffset(wd time.Weekday) int64 {
	return floorMod(int64(wd)-int64(r.weekStart()), 7)
}

// candidates appends the dates in period p that the rule selects, sorted.
func (r RRule) candidates(p int64, anchor Date, buf []Date) []Date {
	if r.Freq == FreqMonthly {
		return r.monthDates(r.periodStart(p), anchor, buf)
	}
	start := r.periodStart(p)
	days := r.ByDay
	if len(days) == 0 {
		days = []WeekdayNum{{Weekday: anchor.Weekday()}}
	}
	for _, w := range days {
		buf = append(buf, start.AddDays(int(r.weekOffset(w.Weekday))))
	}
	return sortUnique(buf)
}

// monthDates appends the selected days of the month starting at first.
// BYMONTHDAY and BYDAY both given select the days both allow (FR with
// BYMONTHDAY=13 is Friday the 13th); neither given selects the anchor's day
// of the month, skipped in months too short for it.
func (r RRule) monthDates(first, anchor Date, buf []Date) []Date {
	n := daysIn(first.Year, first.Month)
	var byMD, byD [32]bool
	for _, v := range r.ByMonthDay {
		if day := monthDay(v, n); day > 0 {
			byMD[day] = true
		}
	}
	firstWd := first.Weekday()
	for _, w := range r.ByDay {
		markWeekday(&byD, w, firstWd, n)
	}
	for day := 1; day <= n; day++ {
		ok := false
		switch {
		case len(r.ByMonthDay) > 0 && len(r.ByDay) > 0:
			ok = byMD[day] && byD[day]
		case len(r.ByMonthDay) > 0:
			ok = byMD[day]
		case len(r.ByDay) > 0:
			ok = byD[day]
		default:
			ok = day == anchor.Day
		}
		if ok {
			buf = append(buf, Date{Year: first.Year, Month: first.Month, Day: day})
		}
	}
	return buf
}

// monthDay turns a BYMONTHDAY value into a day of an n-day month, or 0.
func monthDay(v, n int) int {
	if v < 0 {
		v = n + 1 + v
	}
	if v < 1 || v > n {
		return 0
	}
	return v
}

// markWeekday marks the days of an n-day month (whose 1st is a firstWd)
// that w selects: every such weekday, or the nth from the start or end.
func markWeekday(days *[32]bool, w WeekdayNum, firstWd time.Weekday, n int) {
	d1 := 1 + int(floorMod(int64(w.Weekday)-int64(firstWd), 7)) // first such weekday
	switch {
	case w.Ordinal == 0:
		for d := d1; d <= n; d += 7 {
			days[d] = true
		}
	case w.Ordinal > 0:
		if d := d1 + 7*(w.Ordinal-1); d <= n {
			days[d] = true
		}
	default:
		last := d1 + 7*((n-d1)/7)
		if d := last + 7*(w.Ordinal+1); d >= 1 {
			days[d] = true
		}
	}
}

func sortUnique(ds []Date) []Date {
	slices.SortFunc(ds, Date.Compare)
	return slices.Compact(ds)
}
