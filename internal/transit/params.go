package transit

import (
	"fmt"
	"math"
)

// Params are the per-query settings of a search.
type Params struct {
	// Date is the service date; Time is seconds since its midnight: the
	// departure time of a forward search, the arrive-by time of a reverse
	// one. Time may exceed 24:00 but not be negative.
	Date Date
	Time int32
	// WalkSpeed is the walking speed in metres per second (> 0); it turns
	// footpath metres into seconds.
	WalkSpeed float64
	// MaxWalkM is the longest walking transfer between two rides, in
	// walking metres; 0 allows no walking transfers. Footpaths longer than
	// the snapshot's MaxFootpathM do not exist whatever this says.
	MaxWalkM float64
	// StepFree boards and alights only where the stop and the trip are
	// step-free (yes, or assumed under a declared policy).
	StepFree bool
	// MaxTransfers bounds the number of rides at MaxTransfers+1.
	MaxTransfers int
	// MaxDuration bounds arrival - departure in seconds; 0 means no bound.
	MaxDuration int32
	// Horizon, when positive, is a time (seconds since the date's
	// midnight) past which nothing is wanted: a forward search keeps no
	// label later than it, a reverse one none earlier. Times only grow
	// along a forward journey (shrink along a reverse one), so every
	// journey within the horizon is still found, exactly as without it;
	// what lies beyond is neither explored nor reported.
	Horizon int32
}

// MaxTransfersLimit is the largest MaxTransfers a query may ask for.
const MaxTransfersLimit = 15

// Validate names the first field that is out of range.
func (p Params) Validate() error {
	switch {
	case p.Time < 0 || p.Time > 7*86400:
		return fmt.Errorf("params: time %d out of range 0 to 604800", p.Time)
	case !(p.WalkSpeed > 0) || math.IsInf(p.WalkSpeed, 0):
		return fmt.Errorf("params: walk speed %v m/s must be positive", p.WalkSpeed)
	case !(p.MaxWalkM >= 0):
		return fmt.Errorf("params: max walk %v m must not be negative", p.MaxWalkM)
	case p.MaxTransfers < 0 || p.MaxTransfers > MaxTransfersLimit:
		return fmt.Errorf("params: max transfers %d out of range 0 to %d", p.MaxTransfers, MaxTransfersLimit)
	case p.MaxDuration < 0 || p.MaxDuration > 7*86400:
		return fmt.Errorf("params: max duration %d out of range 0 to 604800", p.MaxDuration)
	case p.Horizon < 0 || p.Horizon > 8*86400:
		return fmt.Errorf("params: horizon %d out of range 0 to 691200", p.Horizon)
	}
	return nil
}

// StopAccess is a stop reached from (or leaving for) a point outside the
// network: the origin's access walk or the destination's egress walk, as the
// walking layer computed it.
type StopAccess struct {
	Stop    int32
	Seconds int32
	Metres  int32
}

// Stats counts the work of one search, for tests and benchmarks.
type Stats struct {
	Iterations      int // departures processed (1 unless a range search)
	Rounds          int // RAPTOR rounds run, summed over iterations
	PatternsScanned int // pattern (RAPTOR route) scans
	TripsBoarded    int // trip boardings or earlier-trip switches
	LabelsImproved  int // stop labels improved by a ride or a walk
}
