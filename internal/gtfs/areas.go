package gtfs

// Area is a row of areas.txt (GTFS fares v2): a named group of stops.
type Area struct {
	ID   string
	Name string
}

// StopArea is a row of stop_areas.txt: stop StopID belongs to area AreaID.
type StopArea struct {
	AreaID string
	StopID string
}

// Areas streams areas.txt. The file is optional.
func (f *Feed) Areas(fn func(Area) error) error {
	return table[Area]{
		file:     "areas.txt",
		required: []string{"area_id"},
		optional: true,
		bind: func(h *header) func(*row) Area {
			id, name := h.col("area_id"), h.col("area_name")
			return func(r *row) Area { return Area{ID: r.need(id), Name: r.str(name)} }
		},
	}.read(f, fn)
}

// StopAreas streams stop_areas.txt. The file is optional.
func (f *Feed) StopAreas(fn func(StopArea) error) error {
	return table[StopArea]{
		file:     "stop_areas.txt",
		required: []string{"area_id", "stop_id"},
		optional: true,
		bind: func(h *header) func(*row) StopArea {
			area, stop := h.col("area_id"), h.col("stop_id")
			return func(r *row) StopArea { return StopArea{AreaID: r.need(area), StopID: r.need(stop)} }
		},
	}.read(f, fn)
}
