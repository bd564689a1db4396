package gtfs

// Transfer types of transfers.txt. An empty value is TransferRecommended.
const (
	TransferRecommended int8 = 0
	TransferTimed       int8 = 1
	TransferMinTime     int8 = 2 // needs MinTransferTime
	TransferNone        int8 = 3
	TransferInSeat      int8 = 4
	TransferReBoard     int8 = 5
)

// Transfer is a row of transfers.txt.
type Transfer struct {
	FromStopID      string
	ToStopID        string
	FromRouteID     string
	ToRouteID       string
	FromTripID      string
	ToTripID        string
	Type            int8  // Transfer* constants
	MinTransferTime int32 // seconds; -1 when absent
}

// Transfers streams transfers.txt. The file is optional.
func (f *Feed) Transfers(fn func(Transfer) error) error {
	return table[Transfer]{
		file:     "transfers.txt",
		required: []string{"transfer_type"},
		optional: true,
		bind:     bindTransfer,
	}.read(f, fn)
}

func bindTransfer(h *header) func(*row) Transfer {
	fs, ts, fr, tr := h.col("from_stop_id"), h.col("to_stop_id"), h.col("from_route_id"), h.col("to_route_id")
	ft, tt, typ, min := h.col("from_trip_id"), h.col("to_trip_id"), h.col("transfer_type"), h.col("min_transfer_time")
	return func(r *row) Transfer {
		t := Transfer{FromStopID: r.str(fs), ToStopID: r.str(ts), FromRouteID: r.str(fr), ToRouteID: r.str(tr),
			FromTripID: r.str(ft), ToTripID: r.str(tt)}
		t.Type = r.flag(typ, 0, 5, 0, false)
		t.MinTransferTime = int32(r.integer(min, 0, 1<<31-1, -1, false))
		if t.Type == TransferMinTime && t.MinTransferTime < 0 {
			r.warn(min, "transfer_type 2 without min_transfer_time")
		}
		return t
	}
}
