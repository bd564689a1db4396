package gtfs

// FareProduct is a row of fare_products.txt (GTFS fares v2). One product
// may have several rows, one per fare medium.
type FareProduct struct {
	ID              string
	Name            string
	RiderCategoryID string
	FareMediaID     string
	Amount          string // decimal as written; may be negative (a discount); see MinorUnits
	Currency        string // ISO 4217
}

// FareProducts streams fare_products.txt. The file is optional.
func (f *Feed) FareProducts(fn func(FareProduct) error) error {
	return table[FareProduct]{
		file:     "fare_products.txt",
		required: []string{"fare_product_id", "amount", "currency"},
		optional: true,
		bind:     bindFareProduct,
	}.read(f, fn)
}

func bindFareProduct(h *header) func(*row) FareProduct {
	id, name, rider, media := h.col("fare_product_id"), h.col("fare_product_name"), h.col("rider_category_id"), h.col("fare_media_id")
	amount, cur := h.col("amount"), h.col("currency")
	return func(r *row) FareProduct {
		p := FareProduct{ID: r.need(id), Name: r.str(name), RiderCategoryID: r.str(rider), FareMediaID: r.str(media),
			Amount: r.need(amount), Currency: r.need(cur)}
		if p.Amount != "" && !isDecimal(trimSign(p.Amount)) {
			r.reject(amount, "want a decimal amount")
		}
		return p
	}
}

func trimSign(s string) string {
	if len(s) > 0 && s[0] == '-' {
		return s[1:]
	}
	return s
}
