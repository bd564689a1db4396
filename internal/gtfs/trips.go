package gtfs

// Trip is a row of trips.txt.
type Trip struct {
	RouteID              string
	ServiceID            string
	ID                   string
	Headsign             string
	ShortName            string
	DirectionID          int8 // 0 or 1; -1 when absent
	BlockID              string
	ShapeID              string
	WheelchairAccessible int8 // Wheelchair* constants, raw; absent is WheelchairUnknown
	BikesAllowed         int8 // 0 no information, 1 yes, 2 no
}

// Trips streams trips.txt. The file is required.
func (f *Feed) Trips(fn func(Trip) error) error {
	return table[Trip]{
		file:     "trips.txt",
		required: []string{"route_id", "service_id", "trip_id"},
		bind:     bindTrip,
	}.read(f, fn)
}

func bindTrip(h *header) func(*row) Trip {
	route, service, id, headsign := h.col("route_id"), h.col("service_id"), h.col("trip_id"), h.col("trip_headsign")
	short, dir, block, shape := h.col("trip_short_name"), h.col("direction_id"), h.col("block_id"), h.col("shape_id")
	wc, bikes := h.col("wheelchair_accessible"), h.col("bikes_allowed")
	return func(r *row) Trip {
		t := Trip{RouteID: r.need(route), ServiceID: r.need(service), ID: r.need(id), Headsign: r.str(headsign),
			ShortName: r.str(short), BlockID: r.str(block), ShapeID: r.str(shape)}
		t.DirectionID = r.flag(dir, 0, 1, -1, false)
		t.WheelchairAccessible = r.flag(wc, 0, 2, 0, false)
		t.BikesAllowed = r.flag(bikes, 0, 2, 0, false)
		return t
	}
}
