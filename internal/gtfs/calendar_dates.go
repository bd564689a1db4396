package gtfs

// Exception types of calendar_dates.txt.
const (
	ServiceAdded   int8 = 1
	ServiceRemoved int8 = 2
)

// CalendarDate is a row of calendar_dates.txt: a service added or removed
// on one date.
type CalendarDate struct {
	ServiceID     string
	Date          Date
	ExceptionType int8 // ServiceAdded or ServiceRemoved
}

// CalendarDates streams calendar_dates.txt. The file is optional.
func (f *Feed) CalendarDates(fn func(CalendarDate) error) error {
	return table[CalendarDate]{
		file:     "calendar_dates.txt",
		required: []string{"service_id", "date", "exception_type"},
		optional: true,
		bind:     bindCalendarDate,
	}.read(f, fn)
}

func bindCalendarDate(h *header) func(*row) CalendarDate {
	id, date, typ := h.col("service_id"), h.col("date"), h.col("exception_type")
	return func(r *row) CalendarDate {
		return CalendarDate{ServiceID: r.need(id), Date: r.date(date, true), ExceptionType: r.flag(typ, 1, 2, 0, true)}
	}
}
