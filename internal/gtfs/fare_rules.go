package gtfs

// FareRule is a row of fare_rules.txt (GTFS fares v1): when fare FareID
// applies. Empty fields match anything.
type FareRule struct {
	FareID        string
	RouteID       string
	OriginID      string // a stops.txt zone_id
	DestinationID string // a stops.txt zone_id
	ContainsID    string // a stops.txt zone_id
}

// FareRules streams fare_rules.txt. The file is optional.
func (f *Feed) FareRules(fn func(FareRule) error) error {
	return table[FareRule]{
		file:     "fare_rules.txt",
		required: []string{"fare_id"},
		optional: true,
		bind:     bindFareRule,
	}.read(f, fn)
}

func bindFareRule(h *header) func(*row) FareRule {
	id, route, orig, dest, cont := h.col("fare_id"), h.col("route_id"), h.col("origin_id"), h.col("destination_id"), h.col("contains_id")
	return func(r *row) FareRule {
		return FareRule{FareID: r.need(id), RouteID: r.str(route), OriginID: r.str(orig),
			DestinationID: r.str(dest), ContainsID: r.str(cont)}
	}
}
