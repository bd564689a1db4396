package gtfs

// FareLegRule is a row of fare_leg_rules.txt (GTFS fares v2): the product
// that pays for a leg matching network, areas and timeframes. Empty fields
// match according to the GTFS rules for each field.
type FareLegRule struct {
	LegGroupID           string
	NetworkID            string
	FromAreaID           string
	ToAreaID             string
	FromTimeframeGroupID string
	ToTimeframeGroupID   string
	FareProductID        string
	RulePriority         int32 // -1 when absent (GTFS: lowest priority, 0)
}

// FareLegRules streams fare_leg_rules.txt. The file is optional.
func (f *Feed) FareLegRules(fn func(FareLegRule) error) error {
	return table[FareLegRule]{
		file:     "fare_leg_rules.txt",
		required: []string{"fare_product_id"},
		optional: true,
		bind:     bindFareLegRule,
	}.read(f, fn)
}

func bindFareLegRule(h *header) func(*row) FareLegRule {
	group, network, from, to := h.col("leg_group_id"), h.col("network_id"), h.col("from_area_id"), h.col("to_area_id")
	ftf, ttf, product, prio := h.col("from_timeframe_group_id"), h.col("to_timeframe_group_id"), h.col("fare_product_id"), h.col("rule_priority")
	return func(r *row) FareLegRule {
		return FareLegRule{LegGroupID: r.str(group), NetworkID: r.str(network), FromAreaID: r.str(from), ToAreaID: r.str(to),
			FromTimeframeGroupID: r.str(ftf), ToTimeframeGroupID: r.str(ttf), FareProductID: r.need(product),
			RulePriority: int32(r.integer(prio, 0, 1<<31-1, -1, false))}
	}
}
