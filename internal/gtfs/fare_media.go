package gtfs

// Fare media types of fare_media.txt (GTFS fares v2).
const (
	FareMediaNone        int8 = 0 // e.g. cash paid to the driver
	FareMediaPaperTicket int8 = 1
	FareMediaTransitCard int8 = 2
	FareMediaContactless int8 = 3 // cEMV card or device
	FareMediaMobileApp   int8 = 4
)

// FareMedia is a row of fare_media.txt (GTFS fares v2).
type FareMedia struct {
	ID   string
	Name string
	Type int8 // FareMedia* constants
}

// FareMedia streams fare_media.txt. The file is optional.
func (f *Feed) FareMedia(fn func(FareMedia) error) error {
	return table[FareMedia]{
		file:     "fare_media.txt",
		required: []string{"fare_media_id", "fare_media_type"},
		optional: true,
		bind:     bindFareMedia,
	}.read(f, fn)
}

func bindFareMedia(h *header) func(*row) FareMedia {
	id, name, typ := h.col("fare_media_id"), h.col("fare_media_name"), h.col("fare_media_type")
	return func(r *row) FareMedia {
		return FareMedia{ID: r.need(id), Name: r.str(name), Type: r.flag(typ, 0, 4, 0, true)}
	}
}
