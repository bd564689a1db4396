package walk

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// DetourFactor turns a straight line into a plausible walking distance
// where no graph is loaded.
const DetourFactor = 1.3

// EstimateSeconds returns the straight-line distance times DetourFactor and
// the time to walk it at p.SpeedMPS (+Inf when the speed is not positive).
// It is an estimate: callers must flag it as such (Estimate does).
func EstimateSeconds(a, b orb.Point, p Params) (metres, seconds float64) {
	l := Estimate(a, b, p)
	return l.Metres, l.Seconds
}

// Estimate is EstimateSeconds as a Leg marked Estimated. The whole distance
// counts as UnknownM: nothing is known about the ground in between.
func Estimate(a, b orb.Point, p Params) Leg {
	m := geo.DistanceM(a, b) * DetourFactor
	secs := m / p.SpeedMPS
	if !(p.SpeedMPS > 0) {
		secs = math.Inf(1)
	}
	return Leg{Metres: m, Seconds: secs, UnknownM: m, Estimated: true}
}
