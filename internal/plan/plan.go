package plan

import (
	"context"
	"fmt"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// query is the state of one Plan call.
type query struct {
	req Request
	opt Options
	n   *network
	w   *worker

	from, to         orb.Point
	fromStop, toStop int32 // -1 for points
	p                transit.Params
}

// Plan answers one journey question. Errors are *FieldError (invalid
// input), *OutsideError (a place outside the loaded timetables),
// ErrNotLoaded, the context's error, or an internal error. No journey is
// not an error: the Answer says found false and why.
func (p *Planner) Plan(ctx context.Context, req Request) (Answer, error) {
	if err := req.validate(); err != nil {
		return Answer{}, err
	}
	cur := p.nets.Load()
	if cur == nil {
		return Answer{}, ErrNotLoaded
	}
	q := query{req: req, opt: p.opt, fromStop: -1, toStop: -1}
	if err := q.pick(ctx, *cur); err != nil {
		return Answer{}, err
	}
	defer q.drop()
	if err := q.destination(*cur); err != nil {
		return Answer{}, err
	}
	return q.run(ctx)
}

// run searches and builds the answer.
func (q *query) run(ctx context.Context) (Answer, error) {
	q.params()
	found, err := q.route()
	if err != nil {
		return Answer{}, err
	}
	walkS, canWalk := q.direct()
	switch {
	case canWalk && (!found || q.walkWins(walkS)):
		return q.walkAnswer(), nil
	case found:
		return q.journeyAnswer(&q.w.j), nil
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	return q.noJourney()
}

// params turns the request and profile into search parameters.
func (q *query) params() {
	pr := q.req.Profile
	t := q.req.Depart
	var d transit.Date
	var secs int32
	if q.req.WallClock {
		d, secs = transit.DateOf(t.Year(), t.Month(), t.Day()), int32(t.Hour()*3600+t.Minute()*60+t.Second())
	} else {
		d, secs = transit.ServiceTime(t, q.n.loc)
	}
	q.p = transit.Params{
		Date: d, Time: secs,
		WalkSpeed: pr.WalkSpeedMPS, MaxWalkM: pr.MaxWalkM, StepFree: pr.StepFree,
		MaxTransfers: q.opt.MaxTransfers,
		MaxDuration:  int32(pr.MaxJourney(q.opt.MaxJourney) / time.Second),
	}
}

// usesTransit reports whether the profile rides anything the timetables hold.
func (q *query) usesTransit() bool {
	return q.req.Profile.Uses(profile.Bus) || q.req.Profile.Uses(profile.Rail)
}

// route runs the public-transport search into w.j.
func (q *query) route() (bool, error) {
	if !q.usesTransit() || len(q.w.from) == 0 || len(q.w.to) == 0 {
		return false, nil
	}
	ok, err := q.w.s.Route(q.w.from, q.w.to, q.p, q.req.ArriveBy, &q.w.j)
	if err != nil || !ok {
		return false, wrapRoute(err)
	}
	return true, wrapRoute(q.tighten())
}

// tighten searches back from the journey's arrival for the latest
// departure that still makes it (forward from its departure for the
// earliest arrival, arriving by): the engine breaks ties in its first
// search by boarding as late as possible, which can mean a long walk to a
// later stop of the same bus instead of a short walk and a wait, and the
// second search trades that walk for the wait. The result arrives no later
// and leaves no earlier than the first journey.
func (q *query) tighten() error {
	p, j := q.p, &q.w.j
	p.Time = j.Arrive
	if q.req.ArriveBy {
		p.Time = j.Depart
	}
	if p.Time < 0 || p.Time > 7*86400 {
		return nil // the journey runs into another day than the query's search handles
	}
	ok, err := q.w.s.Route(q.w.from, q.w.to, p, !q.req.ArriveBy, &q.w.j2)
	if err != nil || !ok {
		return err
	}
	if q.w.j2.Depart >= j.Depart && q.w.j2.Arrive <= j.Arrive {
		q.w.j, q.w.j2 = q.w.j2, q.w.j
	}
	return nil
}

func wrapRoute(err error) error {
	if err != nil {
		return fmt.Errorf("plan journey: %w", err)
	}
	return nil
}

// walkMetres is the estimated walk between the two places.
func (q *query) walkMetres() float64 { return transit.WalkMetres(q.from, q.to, walk.DetourFactor) }

// canWalk reports whether the places are within the profile's walk.
func (q *query) canWalk() bool { return q.walkMetres() <= q.req.Profile.MaxWalkM }

// direct returns the seconds of the direct walk and whether it is allowed.
func (q *query) direct() (int32, bool) {
	m := q.walkMetres()
	if m > q.req.Profile.MaxWalkM {
		return 0, false
	}
	return transit.WalkSeconds(m, q.req.Profile.WalkSpeedMPS), true
}

// walkWins reports whether walking arrives no later (leaves no earlier,
// arriving by) than the journey in w.j.
func (q *query) walkWins(walkS int32) bool {
	if q.req.ArriveBy {
		return q.p.Time-walkS >= q.w.j.Depart
	}
	return q.p.Time+walkS <= q.w.j.Arrive
}

// noJourney explains why there is no journey.
func (q *query) noJourney() (Answer, error) {
	a := q.base()
	pr := q.req.Profile
	switch {
	case !q.usesTransit():
		a.Reason = fmt.Sprintf("the profile rides neither bus nor rail, and the places are more than %.0f m apart", pr.MaxWalkM)
	case len(q.w.from) == 0:
		a.Reason = fmt.Sprintf("no stop within %.0f m (the profile's longest walk) of the origin", pr.MaxWalkM)
	case len(q.w.to) == 0:
		a.Reason = fmt.Sprintf("no stop within %.0f m (the profile's longest walk) of the destination", pr.MaxWalkM)
	case pr.StepFree:
		return q.explainStepFree(a)
	default:
		a.Reason = q.limits("no journey")
	}
	return a, nil
}

// limits describes the search limits a journey must fit.
func (q *query) limits(what string) string {
	return fmt.Sprintf("%s with at most %d changes within %d minutes", what, q.p.MaxTransfers, q.p.MaxDuration/60)
}

// explainStepFree names the stop or trip that stopped a step-free search.
func (q *query) explainStepFree(a Answer) (Answer, error) {
	b, found, err := q.w.s.ExplainStepFree(q.w.from, q.w.to, q.p, q.req.ArriveBy, &q.w.j)
	if err != nil {
		return Answer{}, fmt.Errorf("explain step-free: %w", err)
	}
	if !found {
		a.Reason = q.limits("no step-free journey")
		return a, nil
	}
	what := "stop"
	if b.Kind == transit.ElementTrip {
		what = "vehicle of trip"
	}
	a.Reason = fmt.Sprintf("no step-free journey: the best journey without the step-free need uses %s %s (%s), whose step-free access is %s",
		what, b.ID, b.Name, b.Access)
	e := q.element(b.Kind, b.Index, "")
	a.Barrier = &e
	return a, nil
}
