package gtfs

// Frequency is a row of frequencies.txt: trip TripID repeats every Headway
// seconds from Start to End (service-day seconds).
type Frequency struct {
	TripID     string
	Start      int32
	End        int32
	HeadwaySec int32
	ExactTimes int8 // 0 frequency-based (empty), 1 schedule-based
}

// Frequencies streams frequencies.txt. The file is optional.
func (f *Feed) Frequencies(fn func(Frequency) error) error {
	return table[Frequency]{
		file:     "frequencies.txt",
		required: []string{"trip_id", "start_time", "end_time", "headway_secs"},
		optional: true,
		bind:     bindFrequency,
	}.read(f, fn)
}

func bindFrequency(h *header) func(*row) Frequency {
	trip, start, end, hw, exact := h.col("trip_id"), h.col("start_time"), h.col("end_time"), h.col("headway_secs"), h.col("exact_times")
	return func(r *row) Frequency {
		fq := Frequency{TripID: r.need(trip), Start: r.time(start, true), End: r.time(end, true)}
		fq.HeadwaySec = int32(r.integer(hw, 1, 1<<31-1, 0, true))
		fq.ExactTimes = r.flag(exact, 0, 1, 0, false)
		if fq.End < fq.Start && !r.skipped {
			r.reject(end, "end_time is before start_time")
		}
		return fq
	}
}
