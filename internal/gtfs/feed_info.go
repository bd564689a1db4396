package gtfs

// FeedInfo is a row of feed_info.txt (normally exactly one).
type FeedInfo struct {
	PublisherName string
	PublisherURL  string
	Lang          string
	DefaultLang   string
	Start         Date // zero when absent
	End           Date // zero when absent
	Version       string
	ContactEmail  string
	ContactURL    string
}

// FeedInfo streams feed_info.txt. The file is optional.
func (f *Feed) FeedInfo(fn func(FeedInfo) error) error {
	return table[FeedInfo]{
		file:     "feed_info.txt",
		required: []string{"feed_publisher_name", "feed_publisher_url", "feed_lang"},
		optional: true,
		bind:     bindFeedInfo,
	}.read(f, fn)
}

func bindFeedInfo(h *header) func(*row) FeedInfo {
	name, url, lang, dlang := h.col("feed_publisher_name"), h.col("feed_publisher_url"), h.col("feed_lang"), h.col("default_lang")
	start, end, version := h.col("feed_start_date"), h.col("feed_end_date"), h.col("feed_version")
	email, contact := h.col("feed_contact_email"), h.col("feed_contact_url")
	return func(r *row) FeedInfo {
		return FeedInfo{PublisherName: r.need(name), PublisherURL: r.str(url), Lang: r.str(lang), DefaultLang: r.str(dlang),
			Start: r.date(start, false), End: r.date(end, false), Version: r.str(version),
			ContactEmail: r.str(email), ContactURL: r.str(contact)}
	}
}
