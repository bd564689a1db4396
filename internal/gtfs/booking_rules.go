package gtfs

// Booking types of booking_rules.txt (GTFS-Flex).
const (
	BookingRealTime  int8 = 0 // up to the moment of travel
	BookingSameDay   int8 = 1 // same day, with prior notice
	BookingPriorDays int8 = 2 // one or more days before
)

// BookingRule is a row of booking_rules.txt (GTFS-Flex): how and how far
// ahead a demand-responsive service must be booked. Absent durations and
// days are -1; absent times are NoTime.
type BookingRule struct {
	ID                     string
	Type                   int8  // Booking* constants
	PriorNoticeDurationMin int32 // minutes
	PriorNoticeDurationMax int32 // minutes
	PriorNoticeLastDay     int32 // days before travel
	PriorNoticeLastTime    int32 // seconds since midnight
	PriorNoticeStartDay    int32
	PriorNoticeStartTime   int32
	PriorNoticeServiceID   string
	Message                string
	PickupMessage          string
	DropOffMessage         string
	PhoneNumber            string
	InfoURL                string
	BookingURL             string
}

// BookingRules streams booking_rules.txt. The file is optional.
func (f *Feed) BookingRules(fn func(BookingRule) error) error {
	return table[BookingRule]{
		file:     "booking_rules.txt",
		required: []string{"booking_rule_id", "booking_type"},
		optional: true,
		bind:     bindBookingRule,
	}.read(f, fn)
}

func bindBookingRule(h *header) func(*row) BookingRule {
	id, typ, dmin, dmax := h.col("booking_rule_id"), h.col("booking_type"), h.col("prior_notice_duration_min"), h.col("prior_notice_duration_max")
	lday, ltime, sday, stime := h.col("prior_notice_last_day"), h.col("prior_notice_last_time"), h.col("prior_notice_start_day"), h.col("prior_notice_start_time")
	svc, msg, pmsg, dmsg := h.col("prior_notice_service_id"), h.col("message"), h.col("pickup_message"), h.col("drop_off_message")
	phone, info, url := h.col("phone_number"), h.col("info_url"), h.col("booking_url")
	return func(r *row) BookingRule {
		b := BookingRule{ID: r.need(id), PriorNoticeServiceID: r.str(svc), Message: r.str(msg), PickupMessage: r.str(pmsg),
			DropOffMessage: r.str(dmsg), PhoneNumber: r.str(phone), InfoURL: r.str(info), BookingURL: r.str(url)}
		b.Type = r.flag(typ, 0, 2, 0, true)
		b.PriorNoticeDurationMin = int32(r.integer(dmin, 0, 1<<31-1, -1, false))
		b.PriorNoticeDurationMax = int32(r.integer(dmax, 0, 1<<31-1, -1, false))
		b.PriorNoticeLastDay = int32(r.integer(lday, 0, 1<<31-1, -1, false))
		b.PriorNoticeStartDay = int32(r.integer(sday, 0, 1<<31-1, -1, false))
		b.PriorNoticeLastTime, b.PriorNoticeStartTime = r.time(ltime, false), r.time(stime, false)
		if b.Type == BookingSameDay && b.PriorNoticeDurationMin < 0 && !r.skipped {
			r.warn(dmin, "same-day booking without prior_notice_duration_min")
		}
		if b.Type == BookingPriorDays && b.PriorNoticeLastDay < 0 && !r.skipped {
			r.warn(lday, "prior-day booking without prior_notice_last_day")
		}
		return b
	}
}
