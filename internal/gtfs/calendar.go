package gtfs

import "time"

// Calendar is a row of calendar.txt: a weekly pattern between two dates.
type Calendar struct {
	ServiceID string
	// Days is indexed by time.Weekday: Days[time.Sunday] ... Days[time.Saturday].
	Days  [7]bool
	Start Date
	End   Date // inclusive
}

// RunsOn reports whether the pattern includes d, ignoring calendar_dates.
func (c Calendar) RunsOn(d Date) bool {
	return d >= c.Start && d <= c.End && c.Days[d.Weekday()]
}

// Calendars streams calendar.txt. The file is optional (a feed may use
// calendar_dates.txt alone): if absent, fn is never called.
func (f *Feed) Calendars(fn func(Calendar) error) error {
	return table[Calendar]{
		file: "calendar.txt",
		required: []string{"service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
			"saturday", "sunday", "start_date", "end_date"},
		optional: true,
		bind:     bindCalendar,
	}.read(f, fn)
}

func bindCalendar(h *header) func(*row) Calendar {
	id, start, end := h.col("service_id"), h.col("start_date"), h.col("end_date")
	var days [7]int
	for d := time.Sunday; d <= time.Saturday; d++ {
		days[d] = h.col(lowerDay(d))
	}
	return func(r *row) Calendar {
		c := Calendar{ServiceID: r.need(id), Start: r.date(start, true), End: r.date(end, true)}
		for d, col := range days {
			c.Days[d] = r.flag(col, 0, 1, 0, true) == 1
		}
		if c.End < c.Start && !r.skipped {
			r.reject(end, "end_date is before start_date")
		}
		return c
	}
}

func lowerDay(d time.Weekday) string {
	return [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}[d]
}
