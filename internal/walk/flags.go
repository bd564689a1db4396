package walk

import "strings"

// Flags are the attributes of an edge that matter to a walker: barriers a
// step-free profile must avoid, comfort hints, and whether the edge's
// accessibility was surveyed at all.
type Flags uint16

// Edge attributes. Which OpenStreetMap tags set them is decided by the
// importer (internal/osm keeps them in one rule table); this package only
// decides what they mean to a search.
const (
	// Steps: the edge has steps (highway=steps, stepping stones).
	Steps Flags = 1 << iota
	// RaisedKerb: the edge crosses a raised kerb with no dropped kerb.
	RaisedKerb
	// Steep: a surveyed gradient of 8% (about 1:12) or more.
	Steep
	// Narrow: a surveyed width below 0.9 m.
	Narrow
	// Rough: an unpaved or badly broken surface. Recorded, not forbidden.
	Rough
	// WheelchairNo: surveyed as not passable by wheelchair.
	WheelchairNo
	// WheelchairLimited: surveyed as partly passable by wheelchair.
	WheelchairLimited
	// WheelchairYes: surveyed as passable by wheelchair.
	WheelchairYes
	// Barrier: a physical barrier on the edge that needs a step or a climb
	// (a stile).
	Barrier
	// Crossing: the edge crosses a carriageway.
	Crossing
	// NoSidewalk: a road surveyed as having no pavement. Recorded, not
	// forbidden: the walker shares the carriageway.
	NoSidewalk
	// Unknown: nothing on the edge says whether it is step-free (an
	// unsurveyed footway, a crossing with no kerb data, an incline with no
	// gradient). Step-free searches may use it; they report how far they
	// relied on it.
	Unknown
)

// StepFreeForbidden are the flags a step-free search never traverses.
const StepFreeForbidden = Steps | RaisedKerb | Steep | Narrow | WheelchairNo | Barrier

var flagNames = [...]string{
	"steps", "raised_kerb", "steep", "narrow", "rough", "wheelchair_no",
	"wheelchair_limited", "wheelchair_yes", "barrier", "crossing",
	"no_sidewalk", "unknown",
}

// Names lists the set flags by their snake_case names, in bit order, for
// export and display.
func (f Flags) Names() []string {
	var out []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// String joins Names with "|".
func (f Flags) String() string { return strings.Join(f.Names(), "|") }
