package coverage

import (
	"math"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// way is one feasible way of making the visit from one cell.
type way struct {
	travel int32 // out and back, seconds
	// pence is the travel cost both ways (and a companion's), unknown
	// when costUnknown; for transit, the fare floor.
	pence       int64
	costUnknown bool
	// unknown and assumed: what the way itself relies on.
	unknown, assumed bool
	// ambiguous: transit, whose cost against a finite budget only reach
	// can decide.
	ambiguous bool
}

// verdict is one cell's answer for one session.
type verdict struct {
	reached, unknown, assumed, fallback bool
}

// judge decides a cell for a session: the ways that are feasible in time,
// the ones within budget, and of those reach's choice (the fastest, then
// the cheapest), whose reliance on unknown or assumed data is the
// session's.
func (w *worker) judge(ci int32, s *session) verdict {
	var best *way
	var cand [6]way
	ways := w.ways(ci, s, cand[:0])
	for i := range ways {
		x := &ways[i]
		if x.ambiguous {
			return verdict{fallback: true}
		}
		if !w.withinBudget(x, s) {
			continue
		}
		if best == nil || x.travel < best.travel || (x.travel == best.travel && x.pence < best.pence) {
			best = x
		}
	}
	if best == nil {
		return verdict{}
	}
	unknownCost := best.costUnknown || s.price.Confidence == heritage.ConfidenceUnknown
	return verdict{reached: true, unknown: s.unknown || best.unknown || unknownCost, assumed: s.assumed || best.assumed}
}

// withinBudget applies reach's budget rule to the visit's total.
func (w *worker) withinBudget(x *way, s *session) bool {
	b := w.c.p.BudgetPence
	if b == nil {
		return true
	}
	if x.costUnknown || s.price.Confidence == heritage.ConfidenceUnknown {
		return false
	}
	return x.pence+s.price.Pence <= *b
}

// ways lists the ways feasible in time from cell ci.
func (w *worker) ways(ci int32, s *session, dst []way) []way {
	c := w.c
	cell := &c.in.Cells[ci]
	limit := c.limit(ci)
	if x, ok := w.walkWay(ci, cell, s, limit); ok {
		dst = append(dst, x)
	}
	if c.usesTransit {
		if x, ok := w.transitWay(ci, s, limit); ok {
			dst = append(dst, x)
		}
	}
	if c.roadMode != "" {
		if x, ok := c.roadWay(cell, s, limit, c.roadMode); ok {
			dst = append(dst, x)
		}
	}
	if c.p.Uses(profile.Taxi) && !c.p.StepFree {
		// A step-free profile never takes a taxi: nothing says a
		// wheelchair-accessible one can be booked (reach's rule).
		if x, ok := c.roadWay(cell, s, limit, "taxi"); ok {
			dst = append(dst, x)
		}
	}
	if c.p.Uses(profile.DialARide) {
		if x, ok := w.darWay(ci, s, limit); ok {
			dst = append(dst, x)
		}
	}
	// Last, as in reach: on a tie the ride to the door, or the bus on
	// foot, is chosen.
	if c.darNets != nil {
		if x, ok := w.darBusWay(ci, s, limit); ok {
			dst = append(dst, x)
		}
	}
	return dst
}

func (w *worker) walkWay(ci int32, cell *Cell, s *session, limit int32) (way, bool) {
	if x, ok, decided := w.graphWalkWay(ci, limit); decided {
		return x, ok
	}
	p := w.c.p
	m := transit.WalkMetres(cell.Center, s.act.Venue, walk.DetourFactor)
	if m > p.MaxWalkM {
		return way{}, false
	}
	secs := int32(math.Ceil(m / p.WalkSpeedMPS))
	// On a step-free profile the straight-line walk's kerbs and surfaces
	// are unknown.
	return way{travel: 2 * secs, unknown: p.StepFree}, secs <= limit
}

func (w *worker) transitWay(ci int32, s *session, limit int32) (way, bool) {
	if !w.transit.ok(ci, w.stamp, limit) {
		return way{}, false
	}
	c := w.c
	x := way{travel: w.transit.out[ci] + w.transit.back[ci], pence: c.floor.journeysPence(), costUnknown: !c.floor.anyPriced}
	if c.p.BudgetPence != nil && !x.costUnknown && s.price.Confidence != heritage.ConfidenceUnknown &&
		x.pence+s.price.Pence <= *c.p.BudgetPence {
		x.ambiguous = true // the floor fits: only the real fares can say
	}
	if c.p.StepFree {
		x.assumed = c.assumedTransit(w, ci, limit)
	}
	return x, true
}

// assumedTransit: the step-free journeys from cell ci hold only under a
// declared access policy.
func (c *computation) assumedTransit(w *worker, ci int32, limit int32) bool {
	if !c.strictKnown {
		return c.anyAssumes
	}
	return !w.strict.ok(ci, w.stamp, limit)
}

// roadWay is a drive (car as driver or passenger, or taxi) by
// road.Estimate, the same both ways.
func (c *computation) roadWay(cell *Cell, s *session, limit int32, mode string) (way, bool) {
	leg := road.Estimate(cell.Center, s.act.Venue, cell.Rural)
	secs := int32(math.Ceil(leg.Seconds))
	x := way{travel: 2 * secs}
	switch mode {
	case "car":
		x.pence = 2 * c.in.Costs.CarPence(leg.Metres)
	case "taxi":
		x.pence = 2 * c.in.Costs.TaxiPence(leg.Metres)
	}
	return x, secs <= limit
}

// darWay applies reach's dial-a-ride rule: the first zone (in order) with
// a step-free vehicle where needed that takes the person there in time and
// brings them home after the session.
func (w *worker) darWay(ci int32, s *session, limit int32) (way, bool) {
	c := w.c
	cell := &c.in.Cells[ci]
	_, d := dar.RideDuration(cell.Center, s.act.Venue)
	for _, zi := range c.cellZones(ci) {
		z := &c.in.Zones[zi]
		if c.p.StepFree && z.StepFree != "yes" {
			continue
		}
		if _, err := z.Ride(cell.Center, s.act.Venue, s.start.Add(-c.marginDur-d)); err != nil {
			continue
		}
		if _, err := z.Ride(s.act.Venue, cell.Center, s.end); err != nil {
			continue
		}
		secs := int32(math.Ceil(d.Seconds()))
		return darCost(z, c.p.Companion, secs), secs <= limit
	}
	return way{}, false
}

func darCost(z *dar.Zone, companion bool, secs int32) way {
	x := way{travel: 2 * secs, costUnknown: z.FarePence == nil}
	if z.FarePence != nil {
		x.pence = 2 * *z.FarePence
		if companion {
			x.pence *= 2
		}
	}
	return x
}

// limit is cell ci's longest one-way journey in seconds: the profile's,
// or reach's default for the cell's rurality.
func (c *computation) limit(ci int32) int32 {
	if c.in.Cells[ci].Rural {
		return c.ruralLimit
	}
	return c.urbanLimit
}
