package gtfs

// Level is a row of levels.txt: a floor of a station.
type Level struct {
	ID    string
	Index float64 // 0 ground level, positive above, negative below
	Name  string
}

// Levels streams levels.txt. The file is optional.
func (f *Feed) Levels(fn func(Level) error) error {
	return table[Level]{
		file:     "levels.txt",
		required: []string{"level_id", "level_index"},
		optional: true,
		bind: func(h *header) func(*row) Level {
			id, index, name := h.col("level_id"), h.col("level_index"), h.col("level_name")
			return func(r *row) Level {
				return Level{ID: r.need(id), Index: r.number(index, -1e4, 1e4, true), Name: r.str(name)}
			}
		},
	}.read(f, fn)
}
