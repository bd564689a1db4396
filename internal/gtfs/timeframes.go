package gtfs

// Timeframe is a row of timeframes.txt (GTFS fares v2): a time-of-day
// window on the days of a service, used by fare leg rules.
type Timeframe struct {
	GroupID   string
	Start     int32 // seconds since midnight; 0 when absent
	End       int32 // seconds since midnight, at most 24:00:00; 86400 when absent
	ServiceID string
}

// Timeframes streams timeframes.txt. The file is optional.
func (f *Feed) Timeframes(fn func(Timeframe) error) error {
	return table[Timeframe]{
		file:     "timeframes.txt",
		required: []string{"timeframe_group_id", "service_id"},
		optional: true,
		bind:     bindTimeframe,
	}.read(f, fn)
}

func bindTimeframe(h *header) func(*row) Timeframe {
	group, start, end, service := h.col("timeframe_group_id"), h.col("start_time"), h.col("end_time"), h.col("service_id")
	return func(r *row) Timeframe {
		t := Timeframe{GroupID: r.need(group), ServiceID: r.need(service), Start: 0, End: 86400}
		hasStart, hasEnd := r.str(start) != "", r.str(end) != ""
		if hasStart != hasEnd {
			r.reject(start, "start_time and end_time must both be given or both be empty")
		}
		if hasStart {
			t.Start, t.End = r.time(start, true), r.time(end, true)
		}
		if !r.skipped && (t.Start > t.End || t.End > 86400) {
			r.reject(end, "want 00:00:00 <= start_time <= end_time <= 24:00:00")
		}
		return t
	}
}
