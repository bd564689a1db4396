package gtfs

// Agency is a row of agency.txt.
type Agency struct {
	ID       string // may be empty in a single-agency feed
	Name     string
	URL      string // required column; an empty value is kept (some feeds carry placeholders)
	Timezone string // IANA name, e.g. "Europe/London"; required
	Lang     string
	Phone    string
	FareURL  string
	Email    string
}

// Agencies streams agency.txt. The file is required: its absence is an error.
func (f *Feed) Agencies(fn func(Agency) error) error {
	return table[Agency]{
		file:     "agency.txt",
		required: []string{"agency_name", "agency_url", "agency_timezone"},
		bind:     bindAgency,
	}.read(f, fn)
}

func bindAgency(h *header) func(*row) Agency {
	id, name, url, tz := h.col("agency_id"), h.col("agency_name"), h.col("agency_url"), h.col("agency_timezone")
	lang, phone, fare, email := h.col("agency_lang"), h.col("agency_phone"), h.col("agency_fare_url"), h.col("agency_email")
	return func(r *row) Agency {
		return Agency{ID: r.str(id), Name: r.need(name), URL: r.str(url), Timezone: r.need(tz),
			Lang: r.str(lang), Phone: r.str(phone), FareURL: r.str(fare), Email: r.str(email)}
	}
}
