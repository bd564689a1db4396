package road

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// DetourFactor turns straight-line distance into road distance where no
// road network is loaded. Road networks in rural England run about 1.3 to
// 1.4 times the crow-fly distance; 1.4 errs towards the longer journey.
const DetourFactor = 1.4

// MetresPerMile converts distances for per-mile costs.
const MetresPerMile = 1609.344

// Costs are the configured prices of driving.
type Costs struct {
	CarPencePerMile  float64 `json:"car_pence_per_mile"`
	TaxiFlagPence    float64 `json:"taxi_flag_pence"`
	TaxiPencePerMile float64 `json:"taxi_pence_per_mile"`
}

// DefaultCosts are the documented English defaults (see the package doc).
var DefaultCosts = Costs{CarPencePerMile: 45, TaxiFlagPence: 320, TaxiPencePerMile: 240}

// Leg is one drive.
type Leg struct {
	Metres    float64
	Seconds   float64
	Estimated bool // straight line × DetourFactor, no road network
	// Path is the drawn route (road network only).
	Path []orb.Point
}

// EstimateSpeedKPH is the average door-to-door car speed used without a
// road network: DfT's journey time statistics put car travel to key
// services at around 25 km/h in towns and 45 km/h in rural areas once
// junctions, parking and lanes are counted.
func EstimateSpeedKPH(rural bool) float64 {
	if rural {
		return 45
	}
	return 25
}

// Estimate is a drive without a road network.
func Estimate(a, b orb.Point, rural bool) Leg {
	m := geo.DistanceM(a, b) * DetourFactor
	return Leg{Metres: m, Seconds: m / (EstimateSpeedKPH(rural) / 3.6), Estimated: true}
}

// CarPence is the running cost of driving m metres.
func (c Costs) CarPence(m float64) int64 {
	return int64(math.Round(c.CarPencePerMile * m / MetresPerMile))
}

// TaxiPence is the fare for a taxi ride of m metres.
func (c Costs) TaxiPence(m float64) int64 {
	return int64(math.Round(c.TaxiFlagPence + c.TaxiPencePerMile*m/MetresPerMile))
}

// Router drives on one road graph. It is safe for concurrent use.
type Router struct {
	g     *walk.Graph
	pool  sync.Pool
	snapM float64
}

// MaxSnapM is the farthest a point may be from the road network.
const MaxSnapM = 2000

// NewRouter returns a router over a road graph built with per-edge speeds.
func NewRouter(g *walk.Graph) *Router {
	r := &Router{g: g, snapM: MaxSnapM}
	r.pool.New = func() any { return walk.NewSearch(g) }
	return r
}

// ErrOffNetwork says a point is too far from any road of the network.
var ErrOffNetwork = errors.New("too far from the road network")

// Drive finds the quickest drive from a to b.
func (r *Router) Drive(a, b orb.Point) (Leg, error) {
	from, da, ok1 := r.g.NearestWithin(a, r.snapM)
	to, db, ok2 := r.g.NearestWithin(b, r.snapM)
	if !ok1 || !ok2 {
		return Leg{}, ErrOffNetwork
	}
	s := r.pool.Get().(*walk.Search)
	defer r.pool.Put(s)
	// Edges carry their own speeds; the profile speed only covers the
	// walk to and from the car.
	if err := s.RunTo([]walk.Source{{Node: from, Seconds: da, Metres: da}}, walk.Params{SpeedMPS: 1}, to); err != nil {
		return Leg{}, fmt.Errorf("drive: %w", err)
	}
	leg, ok := s.Leg(to)
	if !ok {
		return Leg{}, fmt.Errorf("drive: no road route between the two points")
	}
	return Leg{Metres: leg.Metres + db, Seconds: leg.Seconds + db, Path: s.Path(to, nil)}, nil
}
