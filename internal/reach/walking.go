package reach

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// graphWalk is the walking way from a graph leg, the same both ways.
func (q *query) graphWalk(leg walk.Leg) way {
	secs := int32(math.Ceil(leg.Seconds))
	w := way{mode: "walk", outS: secs, backS: secs, metres: leg.Metres}
	if q.req.Profile.StepFree && leg.UnknownM >= 0.5 {
		w.accessNote = fmt.Sprintf("%.0f m of the walking route have no surface/kerb survey", leg.UnknownM)
	}
	return w
}

// noGraphWalk says why the graph found no walk: for a step-free profile,
// whether a walk exists that the barriers rule out.
func (q *query) noGraphWalk(s *session) way {
	w := way{mode: "walk"}
	prm := pedestrian.ParamsFor(q.req.Profile)
	if prm.StepFree {
		prm.StepFree = false
		if _, res, err := q.net.Walk.Route(q.req.Origin, s.venue, prm); err == nil && res == pedestrian.Found {
			w.fail(NoStepFreeJourney, fmt.Sprintf("every walking route to %s within %.0f m has steps, a raised kerb, a steep or narrow path or a stile", s.siteName, prm.MaxDistanceM))
			return w
		}
	}
	w.fail(NoJourney, fmt.Sprintf("%s is more than %.0f m away on foot along the mapped paths, further than the person can walk", s.siteName, prm.MaxDistanceM))
	return w
}

// stopAccess lists the stops within the person's walk of p, on the graph
// where it covers p.
func (q *query) stopAccess(p orb.Point) (stopList, error) {
	a, err := q.net.Walk.Access(q.net.Transit, p, pedestrian.ParamsFor(q.req.Profile), pedestrian.Access{})
	return stopList{stops: a.Stops, allEst: a.AllEstimated, est: a.Estimated}, err
}

// venueStops is stopAccess for a venue, worked out once per request
// however many sessions the venue holds.
func (q *query) venueStops(p orb.Point) (stopList, error) {
	if v, ok := q.venues[p]; ok {
		return v.stops, v.err
	}
	if q.venues == nil {
		q.venues = map[orb.Point]venueStops{}
	}
	l, err := q.stopAccess(p)
	q.venues[p] = venueStops{l, err}
	return l, err
}
