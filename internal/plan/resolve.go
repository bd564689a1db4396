package plan

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// stopMatch is a stop found in one network.
type stopMatch struct {
	n    *network
	stop int32
	feed string
}

// findStops appends every stop of nets matching feed and id (any feed when
// feed is empty).
func findStops(nets []*network, feed, id string, dst []stopMatch) []stopMatch {
	for _, n := range nets {
		for _, f := range n.feeds {
			if feed != "" && f != feed {
				continue
			}
			if v, ok := n.snap.StopIndex(f, id); ok {
				dst = append(dst, stopMatch{n, v, f})
			}
		}
	}
	return dst
}

// resolveStop finds the one stop a place names. Without a feed the whole ID
// is tried in every feed first, then "FEED:ID". field is "from" or "to".
func resolveStop(nets []*network, pl Place, field string) (stopMatch, error) {
	var buf [4]stopMatch
	m := findStops(nets, pl.FeedID, pl.StopID, buf[:0])
	if len(m) == 0 && pl.FeedID == "" {
		if feed, id, ok := strings.Cut(pl.StopID, ":"); ok {
			m = findStops(nets, feed, id, m)
		}
	}
	switch len(m) {
	case 0:
		return stopMatch{}, &FieldError{Field: field + ".stop_id", Reason: "no stop with this id in the loaded timetables"}
	case 1:
		return m[0], nil
	}
	feeds := make([]string, len(m))
	for i, x := range m {
		feeds[i] = x.feed
	}
	slices.Sort(feeds)
	return stopMatch{}, &FieldError{Field: field + ".stop_id",
		Reason: fmt.Sprintf("feeds %s all have a stop with this id: give the feed too", strings.Join(feeds, ", "))}
}

// pick chooses the network of the origin and takes one of its workers,
// with the origin's access stops in w.from.
func (q *query) pick(ctx context.Context, nets []*network) error {
	if q.req.From.IsStop() {
		m, err := resolveStop(nets, q.req.From, "from")
		if err != nil {
			return err
		}
		if err := q.take(ctx, m.n); err != nil {
			return err
		}
		q.fromStop, q.from = m.stop, m.n.snap.Stop(m.stop).Point
		q.w.from = append(q.w.from[:0], transit.StopAccess{Stop: m.stop})
		q.w.fromWalks = pedestrian.Access{Stops: q.w.from} // no walk to make
		return nil
	}
	return q.pickByPoint(ctx, nets)
}

// pickByPoint takes the first network with a stop within walking distance
// of the origin, else the first with a stop within CoverageM.
func (q *query) pickByPoint(ctx context.Context, nets []*network) error {
	pt := q.req.From.Point
	var inside *network
	for _, n := range nets {
		if !n.covers(pt) {
			continue
		}
		if err := q.take(ctx, n); err != nil {
			return err
		}
		var err error
		if q.w.fromWalks, err = q.near(pt, q.w.fromWalks); err != nil {
			q.drop()
			return err
		}
		if q.w.from = q.w.fromWalks.Stops; len(q.w.from) > 0 {
			q.from = pt
			return nil
		}
		if inside == nil && q.anyStopWithin(pt, q.opt.CoverageM) {
			inside = n
		}
		q.drop()
	}
	if inside == nil {
		return &OutsideError{Field: "from", Reason: fmt.Sprintf(
			"the origin is outside the loaded timetables: no stop within %.0f m", q.opt.CoverageM)}
	}
	if err := q.take(ctx, inside); err != nil {
		return err
	}
	q.from, q.w.from = pt, q.w.from[:0]
	q.w.fromWalks.Stops = q.w.from
	return nil
}

// destination resolves the destination in the origin's network, with its
// egress stops in w.to.
func (q *query) destination(nets []*network) error {
	to := q.req.To
	if !to.IsStop() {
		q.to = to.Point
		var err error
		if q.w.toWalks, err = q.near(q.to, q.w.toWalks); err != nil {
			return err
		}
		q.w.to = q.w.toWalks.Stops
		canWalk, err := q.canWalk()
		if err != nil {
			return err
		}
		if len(q.w.to) == 0 && !canWalk && !q.anyStopWithin(q.to, q.opt.CoverageM) {
			return &OutsideError{Field: "to", Reason: fmt.Sprintf(
				"the destination is outside the loaded timetables: no stop within %.0f m", q.opt.CoverageM)}
		}
		return nil
	}
	m, err := resolveStop(nets, to, "to")
	if err != nil {
		return err
	}
	if m.n != q.n {
		return &OutsideError{Field: "to", Reason: "the destination stop is in another timetable (timezone) than the origin"}
	}
	q.toStop, q.to = m.stop, q.n.snap.Stop(m.stop).Point
	q.w.to = append(q.w.to[:0], transit.StopAccess{Stop: m.stop})
	q.w.toWalks = pedestrian.Access{Stops: q.w.to} // no walk to make
	return nil
}

// near lists the stops within the profile's walk of p, reusing buf: on
// the pedestrian graph where it covers p (and the stop), else by the
// straight-line estimate (StopsNear), saying which walks are estimates.
func (q *query) near(p orb.Point, buf pedestrian.Access) (pedestrian.Access, error) {
	a, err := q.walk.Access(q.n.snap, p, pedestrian.ParamsFor(q.req.Profile), buf)
	if err != nil {
		return a, fmt.Errorf("plan walk to the stops: %w", err)
	}
	return a, nil
}

func (q *query) anyStopWithin(p orb.Point, m float64) bool {
	q.w.near = q.n.snap.StopsNear(p, m, q.req.Profile.WalkSpeedMPS, q.w.near[:0])
	return len(q.w.near) > 0
}

// take acquires a worker of n for the query.
func (q *query) take(ctx context.Context, n *network) error {
	w, err := n.acquire(ctx)
	if err != nil {
		return err
	}
	q.n, q.w = n, w
	return nil
}

// drop returns the query's worker.
func (q *query) drop() {
	if q.w != nil {
		q.n.release(q.w)
		q.n, q.w = nil, nil
	}
}
