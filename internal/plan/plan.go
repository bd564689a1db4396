package plan

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
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

	// Dial-a-ride: the published zones, the ends of the journey in w.jd
	// that ride, and why there is no ride when there is none.
	zones          []dar.Zone
	darFrom, darTo *dar.Zone
	darReason      string

	// The pedestrian graph (nil: none), and the direct walk between the
	// places once worked out (walked).
	walk     *pedestrian.Walking
	walked   bool
	walkLeg  walk.Leg
	walkFits bool
}

// Plan answers one journey question. Errors are *FieldError (invalid
// input), *OutsideError (a place outside the loaded timetables),
// ErrNotLoaded, the context's error, or an internal error. No journey is
// not an error: the Answer says found false and why.
func (p *Planner) Plan(ctx context.Context, req Request) (Answer, error) {
	if err := req.validate(); err != nil {
		return Answer{}, err
	}
	cur := p.pub.Load()
	if cur == nil {
		return Answer{}, ErrNotLoaded
	}
	q := query{req: req, opt: p.opt, fromStop: -1, toStop: -1, zones: cur.zones, walk: cur.walk}
	if err := q.pick(ctx, cur.nets); err != nil {
		return Answer{}, err
	}
	defer q.drop()
	if err := q.destination(cur.nets); err != nil {
		return Answer{}, err
	}
	return q.run(ctx)
}

// The ways a journey can go, in order of preference when two are as good:
// on foot, by bus or rail, by dial-a-ride to the door, by dial-a-ride and
// bus or rail.
const (
	wayNone = iota
	wayWalk
	wayTransit
	wayRide
	wayRideTransit
)

// RideTolerance is how much sooner a way with a dial-a-ride, which must be
// booked ahead and paid for, must arrive (how much later it may leave,
// arriving by) than the best way without one to be the answer: the same
// ten minutes as the reachability engine lets a cheaper way take.
const RideTolerance = 10 * time.Minute

// choice is the best of some ways.
type choice struct {
	way      int
	dep, arr int32
}

// consider keeps the way if it arrives sooner (leaves later, arriving by)
// than the best so far by more than tol seconds.
func (c *choice) consider(arriveBy bool, way int, dep, arr, tol int32) {
	if c.way == wayNone || !arriveBy && arr < c.arr-tol || arriveBy && dep > c.dep+tol {
		*c = choice{way, dep, arr}
	}
}

// run searches every way the profile allows and answers with the one that
// arrives first (leaves last, arriving by); a way with a dial-a-ride only
// when it beats every other by more than RideTolerance.
func (q *query) run(ctx context.Context) (Answer, error) {
	q.params()
	found, err := q.route()
	if err != nil {
		return Answer{}, err
	}
	darFound, err := q.darRoute()
	if err != nil {
		return Answer{}, err
	}
	ride, rideOK := q.darDirect()
	var best, booked choice
	walkS, ok, err := q.direct()
	if err != nil {
		return Answer{}, err
	}
	if ok {
		dep := q.p.Time
		if q.req.ArriveBy {
			dep -= walkS
		}
		best.consider(q.req.ArriveBy, wayWalk, dep, dep+walkS, 0)
	}
	if found {
		best.consider(q.req.ArriveBy, wayTransit, q.w.j.Depart, q.w.j.Arrive, 0)
	}
	if rideOK {
		booked.consider(q.req.ArriveBy, wayRide, ride.dep, ride.dep+ride.secs, 0)
	}
	if darFound {
		booked.consider(q.req.ArriveBy, wayRideTransit, q.w.jd.Depart, q.w.jd.Arrive, 0)
	}
	if booked.way != wayNone {
		best.consider(q.req.ArriveBy, booked.way, booked.dep, booked.arr, int32(RideTolerance/time.Second))
	}
	switch best.way {
	case wayWalk:
		return q.walkAnswer(), nil
	case wayTransit:
		return q.journeyAnswer(&q.w.j, false)
	case wayRide:
		return q.rideAnswer(ride)
	case wayRideTransit:
		return q.journeyAnswer(&q.w.jd, true)
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
	return q.search(q.w.from, q.w.to, q.p, &q.w.j)
}

// search finds the journey from one set of stops to another into j, then
// tightens it.
func (q *query) search(from, to []transit.StopAccess, p transit.Params, j *transit.Journey) (bool, error) {
	ok, err := q.w.s.Route(from, to, p, q.req.ArriveBy, j)
	if err != nil || !ok {
		return false, wrapRoute(err)
	}
	return true, wrapRoute(q.tighten(from, to, p, j))
}

// tighten searches back from the journey's arrival for the latest
// departure that still makes it (forward from its departure for the
// earliest arrival, arriving by): the engine breaks ties in its first
// search by boarding as late as possible, which can mean a long walk to a
// later stop of the same bus instead of a short walk and a wait, and the
// second search trades that walk for the wait. The result arrives no later
// and leaves no earlier than the first journey.
func (q *query) tighten(from, to []transit.StopAccess, p transit.Params, j *transit.Journey) error {
	p.Time = j.Arrive
	if q.req.ArriveBy {
		p.Time = j.Depart
	}
	if p.Time < 0 || p.Time > 7*86400 {
		return nil // the journey runs into another day than the query's search handles
	}
	ok, err := q.w.s.Route(from, to, p, !q.req.ArriveBy, &q.w.j2)
	if err != nil || !ok {
		return err
	}
	if q.w.j2.Depart >= j.Depart && q.w.j2.Arrive <= j.Arrive {
		*j, q.w.j2 = q.w.j2, *j
	}
	return nil
}

func wrapRoute(err error) error {
	if err != nil {
		return fmt.Errorf("plan journey: %w", err)
	}
	return nil
}

// directWalk works out, once, the walk between the two places: on the
// pedestrian graph where it covers both (none when either is blocked or
// the graph's walk is longer than the profile's), else the straight-line
// estimate, as reach walks.
func (q *query) directWalk() (walk.Leg, bool, error) {
	if q.walked {
		return q.walkLeg, q.walkFits, nil
	}
	leg, res, err := q.walk.Route(q.from, q.to, pedestrian.ParamsFor(q.req.Profile))
	if err != nil {
		return leg, false, fmt.Errorf("plan walk: %w", err)
	}
	switch res {
	case pedestrian.Found:
		leg.Metres, leg.Seconds = math.Ceil(leg.Metres), float64(transit.WalkSeconds(math.Ceil(leg.Metres), q.req.Profile.WalkSpeedMPS))
	case pedestrian.NotFound:
		leg = walk.Leg{}
	default:
		m := transit.WalkMetres(q.from, q.to, walk.DetourFactor)
		leg = walk.Leg{Metres: m, Seconds: float64(transit.WalkSeconds(m, q.req.Profile.WalkSpeedMPS)), Estimated: true}
	}
	q.walked, q.walkLeg = true, leg
	q.walkFits = res != pedestrian.NotFound && leg.Metres <= q.req.Profile.MaxWalkM
	return leg, q.walkFits, nil
}

// canWalk reports whether the places are within the profile's walk.
func (q *query) canWalk() (bool, error) {
	_, ok, err := q.directWalk()
	return ok, err
}

// direct returns the seconds of the direct walk and whether it is allowed.
func (q *query) direct() (int32, bool, error) {
	leg, ok, err := q.directWalk()
	return int32(leg.Seconds), ok, err
}

// noJourney explains why there is no journey, and why no dial-a-ride
// when the profile may book one.
func (q *query) noJourney() (Answer, error) {
	a, err := q.noTransit()
	if err == nil && q.usesDar() {
		a.Reason += "; " + q.darWhy()
	}
	return a, err
}

// noTransit explains why there is no journey on foot or by bus or rail.
func (q *query) noTransit() (Answer, error) {
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
