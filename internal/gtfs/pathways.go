package gtfs

import "math"

// Pathway modes of pathways.txt.
const (
	PathwayWalkway    int8 = 1
	PathwayStairs     int8 = 2
	PathwayTravelator int8 = 3 // moving sidewalk
	PathwayEscalator  int8 = 4
	PathwayElevator   int8 = 5
	PathwayFareGate   int8 = 6
	PathwayExitGate   int8 = 7
)

// Pathway is a row of pathways.txt: a walkable link inside a station.
// Numeric fields the feed leaves empty are unknown, never zero: Length,
// MaxSlope and MinWidth are NaN, TraversalTime is -1 and StairCountKnown
// is false.
type Pathway struct {
	ID                   string
	FromStopID           string
	ToStopID             string
	Mode                 int8 // Pathway* constants
	Bidirectional        bool
	Length               float64 // metres
	TraversalTime        int32   // seconds
	StairCount           int32   // positive up, negative down, from FromStopID to ToStopID
	StairCountKnown      bool
	MaxSlope             float64 // ratio, positive up
	MinWidth             float64 // metres
	SignpostedAs         string
	ReversedSignpostedAs string
}

// Pathways streams pathways.txt. The file is optional.
func (f *Feed) Pathways(fn func(Pathway) error) error {
	return table[Pathway]{
		file:     "pathways.txt",
		required: []string{"pathway_id", "from_stop_id", "to_stop_id", "pathway_mode", "is_bidirectional"},
		optional: true,
		bind:     bindPathway,
	}.read(f, fn)
}

func bindPathway(h *header) func(*row) Pathway {
	id, from, to, mode, bi := h.col("pathway_id"), h.col("from_stop_id"), h.col("to_stop_id"), h.col("pathway_mode"), h.col("is_bidirectional")
	length, tt, stairs, slope := h.col("length"), h.col("traversal_time"), h.col("stair_count"), h.col("max_slope")
	width, sign, rsign := h.col("min_width"), h.col("signposted_as"), h.col("reversed_signposted_as")
	return func(r *row) Pathway {
		p := Pathway{ID: r.need(id), FromStopID: r.need(from), ToStopID: r.need(to),
			SignpostedAs: r.str(sign), ReversedSignpostedAs: r.str(rsign)}
		p.Mode = r.flag(mode, 1, 7, 0, true)
		p.Bidirectional = r.flag(bi, 0, 1, 0, true) == 1
		p.Length = r.number(length, 0, 1e7, false)
		p.TraversalTime = int32(r.integer(tt, 1, 1<<31-1, -1, false))
		if v := r.integer(stairs, -1e6, 1e6, math.MinInt32, false); v != math.MinInt32 {
			p.StairCount, p.StairCountKnown = int32(v), true
		}
		p.MaxSlope = r.number(slope, -10, 10, false)
		p.MinWidth = r.number(width, 0, 1e4, false)
		return p
	}
}
