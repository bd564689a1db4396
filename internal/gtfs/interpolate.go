package gtfs

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// InterpolateTimes fills the empty times of one trip's stop times, which
// must be sorted by stop_sequence (as TripStopTimes delivers them), and
// returns how many rows it filled.
//
// A row with only one of arrival and departure gets the other copied. Each
// run of untimed rows between two timed rows is then filled linearly from
// the departure of the timed row before to the arrival of the timed row
// after, in proportion to the straight-line distance travelled along the
// stop sequence (the sum of great-circle hops between consecutive stops),
// rounded to the second. If stopPos cannot place every stop of the run, or
// all of them share one position, the run is filled in proportion to the
// stop index instead. Filled rows get Arrival = Departure, Timepoint 0 and
// Interpolated true.
//
// It returns an error when stop_sequence does not increase, the first or
// last row has no time, or the timed rows around a run go backwards in time
// (runs before that one are then already filled). A trip with
// any GTFS-Flex pickup/drop-off window is left unchanged (its rows are
// windows, not times). stopPos may be nil.
func InterpolateTimes(sts []StopTime, stopPos func(stopID string) (orb.Point, bool)) (int, error) {
	if len(sts) == 0 || hasWindows(sts) {
		return 0, nil
	}
	for i := range sts {
		if i > 0 && sts[i].StopSequence <= sts[i-1].StopSequence {
			return 0, fmt.Errorf("interpolate trip %q: stop_sequence %d follows %d", sts[i].TripID, sts[i].StopSequence, sts[i-1].StopSequence)
		}
		completeTimes(&sts[i])
	}
	if first, last := &sts[0], &sts[len(sts)-1]; !first.Timed() || !last.Timed() {
		return 0, fmt.Errorf("interpolate trip %q: the first and last stop times must have times", first.TripID)
	}
	filled, prev := 0, 0
	for j := 1; j < len(sts); j++ {
		if !sts[j].Timed() {
			continue
		}
		if j > prev+1 {
			if err := fillRun(sts[prev:j+1], stopPos); err != nil {
				return filled, err
			}
			filled += j - prev - 1
		}
		prev = j
	}
	return filled, nil
}

func hasWindows(sts []StopTime) bool {
	for i := range sts {
		if sts[i].StartWindow != NoTime || sts[i].EndWindow != NoTime {
			return true
		}
	}
	return false
}

func completeTimes(st *StopTime) {
	if st.Arrival == NoTime {
		st.Arrival = st.Departure
	}
	if st.Departure == NoTime {
		st.Departure = st.Arrival
	}
}

// fillRun fills run[1:len-1] between the timed ends run[0] and run[len-1].
func fillRun(run []StopTime, stopPos func(string) (orb.Point, bool)) error {
	a, b := &run[0], &run[len(run)-1]
	t0, t1 := a.Departure, b.Arrival
	if t1 < t0 {
		return fmt.Errorf("interpolate trip %q: time goes back from %s (stop_sequence %d) to %s (stop_sequence %d)",
			a.TripID, FormatTime(t0), a.StopSequence, FormatTime(t1), b.StopSequence)
	}
	total, byDistance := runLength(run, stopPos)
	span := float64(t1 - t0)
	var done float64
	for k := 1; k < len(run)-1; k++ {
		if byDistance {
			done += hop(run, k, stopPos)
		} else {
			done++
		}
		t := t0 + int32(math.Round(span*done/total))
		run[k].Arrival, run[k].Departure = t, t
		run[k].Timepoint, run[k].Interpolated = 0, true
	}
	return nil
}

// runLength returns the run's length along the stop sequence in metres and
// true, or its number of hops and false when distances cannot be used.
func runLength(run []StopTime, stopPos func(string) (orb.Point, bool)) (float64, bool) {
	hops := float64(len(run) - 1)
	if stopPos == nil {
		return hops, false
	}
	var total float64
	for k := 1; k < len(run); k++ {
		d := hop(run, k, stopPos)
		if math.IsNaN(d) {
			return hops, false
		}
		total += d
	}
	if total <= 0 {
		return hops, false
	}
	return total, true
}

// hop is the straight-line distance from stop k-1 to stop k, NaN if either
// position is unknown.
func hop(run []StopTime, k int, stopPos func(string) (orb.Point, bool)) float64 {
	p, ok1 := position(run[k-1].StopID, stopPos)
	q, ok2 := position(run[k].StopID, stopPos)
	if !ok1 || !ok2 {
		return math.NaN()
	}
	return geo.DistanceM(p, q)
}

func position(stopID string, stopPos func(string) (orb.Point, bool)) (orb.Point, bool) {
	if stopID == "" {
		return orb.Point{}, false
	}
	p, ok := stopPos(stopID)
	return p, ok && geo.ValidLonLat(p)
}
