package gtfs

// FareTransferRule is a row of fare_transfer_rules.txt (GTFS fares v2).
type FareTransferRule struct {
	FromLegGroupID    string
	ToLegGroupID      string
	TransferCount     int32 // -1 when absent; the file's own -1 ("unlimited") is kept as -2
	DurationLimit     int32 // seconds; -1 when absent (no limit)
	DurationLimitType int8  // 0-3; -1 when absent
	FareTransferType  int8  // 0 A+AB, 1 A+AB+B, 2 AB
	FareProductID     string
}

// TransferUnlimited is FareTransferRule.TransferCount for a transfer_count
// of -1 in the file.
const TransferUnlimited int32 = -2

// FareTransferRules streams fare_transfer_rules.txt. The file is optional.
func (f *Feed) FareTransferRules(fn func(FareTransferRule) error) error {
	return table[FareTransferRule]{
		file:     "fare_transfer_rules.txt",
		required: []string{"fare_transfer_type"},
		optional: true,
		bind:     bindFareTransferRule,
	}.read(f, fn)
}

func bindFareTransferRule(h *header) func(*row) FareTransferRule {
	from, to, count, dur := h.col("from_leg_group_id"), h.col("to_leg_group_id"), h.col("transfer_count"), h.col("duration_limit")
	durType, typ, product := h.col("duration_limit_type"), h.col("fare_transfer_type"), h.col("fare_product_id")
	return func(r *row) FareTransferRule {
		t := FareTransferRule{FromLegGroupID: r.str(from), ToLegGroupID: r.str(to), FareProductID: r.str(product)}
		t.TransferCount = int32(r.integer(count, -1, 1<<31-1, -1, false))
		if r.str(count) == "-1" {
			t.TransferCount = TransferUnlimited
		}
		if t.TransferCount == 0 {
			r.warn(count, "transfer_count must be -1 or at least 1")
			t.TransferCount = -1
		}
		t.DurationLimit = int32(r.integer(dur, 1, 1<<31-1, -1, false))
		t.DurationLimitType = r.flag(durType, 0, 3, -1, t.DurationLimit > 0)
		t.FareTransferType = r.flag(typ, 0, 2, 0, true)
		return t
	}
}
