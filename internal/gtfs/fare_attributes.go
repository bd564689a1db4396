package gtfs

// FareAttribute is a row of fare_attributes.txt (GTFS fares v1).
type FareAttribute struct {
	ID            string
	Price         string // non-negative decimal as written, e.g. "4.70"; see MinorUnits
	CurrencyType  string // ISO 4217, e.g. "GBP"
	PaymentMethod int8   // 0 paid on board, 1 before boarding
	// Transfers is the number of transfers allowed: 0, 1 or 2; -1 when the
	// value is empty, which GTFS defines as unlimited.
	Transfers        int8
	AgencyID         string
	TransferDuration int32 // seconds; -1 when absent
}

// FareAttributes streams fare_attributes.txt. The file is optional.
func (f *Feed) FareAttributes(fn func(FareAttribute) error) error {
	return table[FareAttribute]{
		file:     "fare_attributes.txt",
		required: []string{"fare_id", "price", "currency_type", "payment_method", "transfers"},
		optional: true,
		bind:     bindFareAttribute,
	}.read(f, fn)
}

func bindFareAttribute(h *header) func(*row) FareAttribute {
	id, price, cur, pay := h.col("fare_id"), h.col("price"), h.col("currency_type"), h.col("payment_method")
	tr, agency, dur := h.col("transfers"), h.col("agency_id"), h.col("transfer_duration")
	return func(r *row) FareAttribute {
		fa := FareAttribute{ID: r.need(id), Price: r.decimal(price, true), CurrencyType: r.need(cur), AgencyID: r.str(agency)}
		fa.PaymentMethod = r.flag(pay, 0, 1, 0, true)
		// An invalid transfers value rejects the row: read as empty it
		// would mean unlimited transfers.
		fa.Transfers = r.flag(tr, 0, 2, -1, r.str(tr) != "")
		fa.TransferDuration = int32(r.integer(dur, 0, 1<<31-1, -1, false))
		return fa
	}
}
