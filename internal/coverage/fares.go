package coverage

import (
	"math"
	"time"

	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// fareFloor bounds what a transit journey can cost a rider without
// rebuilding it: every journey has at least one ride each way, and no ride
// costs less than the cheapest single any route with trips charges.
type fareFloor struct {
	// pence is that cheapest single (math.MaxInt64 when no route has a
	// fare: then no transit journey has a cost that fits a finite budget).
	pence int64
	// anyPriced: some route has a fare (known or estimated); with no
	// route priced, every transit journey's cost is unknown.
	anyPriced bool
}

// newFareFloor prices one ride of every route that has trips, as the
// rider, at three boarding times of the week (a weekday morning before
// the concession window, a weekday noon and a Saturday noon). A route
// priced Unknown cannot make a journey's cost fit any budget, so it does
// not lower the floor. Rides are priced by route alone, without stops or
// zones: a fare that depends on them is priced by its operator rule, or
// not at all.
func newFareFloor(nets []Network, calc *fare.Calculator, p profile.Profile, authority string, week time.Time) fareFloor {
	f := fareFloor{pence: math.MaxInt64}
	if calc == nil {
		return f
	}
	rider := fare.Rider{Concession: p.ConcessionaryPass, Authority: authority}
	boards := []time.Time{week.Add(7 * time.Hour), week.Add(12 * time.Hour), week.AddDate(0, 0, 5).Add(12 * time.Hour)}
	for _, n := range nets {
		for _, r := range routesWithTrips(n.Snapshot) {
			for _, t := range boards {
				a := calc.RideFare(fare.Ride{RouteType: r.Type, FeedID: r.FeedID, AgencyID: r.AgencyID, RouteID: r.ID,
					Board: t, Alight: t.Add(10 * time.Minute)}, rider)
				if a.Confidence != fare.Unknown {
					f.anyPriced = true
					f.pence = min(f.pence, a.Pence)
				}
			}
		}
	}
	return f
}

// routesWithTrips lists the routes of s that some trip runs on.
func routesWithTrips(s *transit.Snapshot) []transit.RouteInfo {
	type key struct{ feed, id string }
	used := map[key]bool{}
	for i := range s.NumTrips() {
		t := s.Trip(int32(i))
		used[key{t.FeedID, t.RouteID}] = true
	}
	var out []transit.RouteInfo
	for i := range s.NumRoutes() {
		r := s.Route(int32(i))
		if used[key{r.FeedID, r.ID}] {
			out = append(out, r)
		}
	}
	return out
}

// journeysPence is the floor of a return journey's fares, saturating.
func (f fareFloor) journeysPence() int64 {
	if f.pence > math.MaxInt64/4 {
		return math.MaxInt64 / 2
	}
	return 2 * f.pence
}
