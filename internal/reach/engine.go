package reach

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Engine answers reachability requests over one network.
type Engine struct {
	net Network
}

// New returns an engine over net.
func New(net Network) *Engine { return &Engine{net: net} }

// query is one request in progress.
type query struct {
	ctx       context.Context
	req       *Request
	net       *Network
	acts      []Activity
	margin    time.Duration
	maxS      int32
	home      []transit.StopAccess
	s         *searchers
	buf       []transit.ProfilePoint
	journey   transit.Journey
	searches  int
	maxSource string
}

// Network returns the request's network (set by the engine).
func (r *Request) Network() *Network { return r.net }

// session is one session being judged.
type session struct {
	act          *Activity
	start, end   time.Time
	day          transit.Date
	startS, endS int32
	venue        orb.Point
	siteName     string
}

// ErrInvalid wraps request errors that name a field.
var ErrInvalid = errors.New("invalid request")

// Reach judges every session of acts in the request's days.
func (e *Engine) Reach(ctx context.Context, req Request, acts []Activity) (Answer, error) {
	req.net = &e.net
	if err := req.validate(); err != nil {
		return Answer{}, err
	}
	q := &query{ctx: ctx, req: &req, net: &e.net, acts: acts, margin: req.Margin}
	if q.margin <= 0 {
		q.margin = DefaultMargin
	}
	q.limits()
	sessions := q.sessions()
	ans := Answer{Reachable: []Item{}, NearMisses: []Item{}, MaxJourneyMin: int(q.maxS / 60), MaxJourneySource: q.maxSource, Sessions: len(sessions)}
	if err := q.judgeAll(sessions, &ans); err != nil {
		return Answer{}, err
	}
	ans.TransitSearches = q.searches
	rank(&ans)
	if len(ans.NearMisses) > MaxNearMisses {
		ans.NearMissesOmitted = len(ans.NearMisses) - MaxNearMisses
		ans.NearMisses = ans.NearMisses[:MaxNearMisses]
	}
	return ans, nil
}

func (r *Request) validate() error {
	switch {
	case r.Days < 1 || r.Days > MaxDays:
		return fmt.Errorf("%w: days: must be 1 to %d", ErrInvalid, MaxDays)
	case r.Profile.WalkSpeedMPS <= 0:
		return fmt.Errorf("%w: profile.walk_speed_mps: must be positive", ErrInvalid)
	}
	return r.Profile.Validate()
}

func (q *query) limits() {
	def := DefaultMaxJourney(q.req.Rural)
	switch {
	case q.req.Profile.MaxJourneyMin != nil:
		q.maxSource = "profile"
	case q.req.RuralKnown && q.req.Rural:
		q.maxSource = "default for a rural home area (ONS RUC 2021)"
	case q.req.RuralKnown:
		q.maxSource = "default for an urban home area (ONS RUC 2021)"
	default:
		q.maxSource = "urban default: the home area's rurality is not known"
	}
	q.maxS = int32(q.req.Profile.MaxJourney(def).Seconds())
}

// sessions expands every activity's sessions in the date range.
func (q *query) sessions() []session {
	loc := q.net.Location
	from := time.Date(q.req.Start.Year(), q.req.Start.Month(), q.req.Start.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, q.req.Days)
	var out []session
	for i := range q.acts {
		a := &q.acts[i]
		for _, s := range a.Sessions(from, to, loc) {
			d, st := transit.ServiceTime(s.Start, loc)
			_, en := transit.ServiceTime(s.End, loc)
			if en < st {
				en += 86400
			}
			out = append(out, session{act: a, start: s.Start, end: s.End, day: d, startS: st, endS: en, venue: a.Venue, siteName: a.SiteName})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out
}

// judgeAll runs the day's transit searches once per day, then judges each
// of that day's sessions.
func (q *query) judgeAll(sessions []session, ans *Answer) error {
	useTransit := q.net.Transit != nil && (q.req.Profile.Uses("bus") || q.req.Profile.Uses("rail"))
	if useTransit {
		var err error
		if q.home, err = q.stopAccess(q.req.Origin); err != nil {
			return err
		}
		useTransit = len(q.home) > 0
		if useTransit {
			q.s = q.net.Pool.get(q.net.Transit)
			defer q.net.Pool.put(q.net.Transit, q.s)
		}
	}
	var dp *dayProfiles
	for i := range sessions {
		if err := q.ctx.Err(); err != nil {
			return err
		}
		s := &sessions[i]
		if useTransit && (dp == nil || dp.date != s.day) {
			var err error
			if dp, err = q.transitDay(s.day); err != nil {
				return err
			}
			q.searches += dp.searches
		}
		it, ok, err := q.judge(s, dp)
		if err != nil {
			return err
		}
		if ok {
			ans.Reachable = append(ans.Reachable, it)
		} else {
			ans.NearMisses = append(ans.NearMisses, it)
		}
	}
	return nil
}

// judge decides one session and fills its item: the fastest way that is
// feasible in time and within budget, or, failing that, the way that came
// closest, with everything that stands in the way.
func (q *query) judge(s *session, dp *dayProfiles) (Item, bool, error) {
	base := q.baseItem(s)
	session := append(q.availability(s), q.venue(s, &base)...)
	var best *Item
	var bestBarriers []Barrier
	var closest *way
	ways := q.ways(s, dp)
	for i := range ways {
		w := ways[i]
		if len(w.barriers) > 0 {
			if closest == nil || closer(&ways[i], closest) {
				closest = &ways[i]
			}
			continue
		}
		it := base
		it.AccessNotes = append(make([]string, 0, len(base.AccessNotes)+2), base.AccessNotes...)
		if err := q.fill(s, &w, &it); err != nil {
			return base, false, err
		}
		bud := q.budget(&it)
		if best == nil || better(it, bud, *best, bestBarriers) {
			cp := it
			best, bestBarriers = &cp, bud
		}
	}
	if best == nil {
		if closest != nil {
			session = append(session, closest.barriers...)
		}
		base.Barriers = session
		if len(base.Barriers) == 0 {
			base.Barriers = []Barrier{{NoJourney, "no way there and back with the person's modes"}}
		}
		return base, false, nil
	}
	best.Barriers = append(session, bestBarriers...)
	return *best, len(best.Barriers) == 0, nil
}

// closer says whether failed way a came closer to a journey than failed
// way b, so that a near miss names what stands in the way of the mode
// that got furthest: a way that found a journey and failed on something
// else (the ride home, the step-free need, the length, the budget, unknown
// data) got further than one that found none (no_journey); then any other
// mode says more than a walk that is simply too far; then fewer barriers;
// on a full tie the earlier way stays.
func closer(a, b *way) bool {
	if pa, pb := a.foundJourney(), b.foundJourney(); pa != pb {
		return pa
	}
	if aw, bw := a.mode == "walk", b.mode == "walk"; aw != bw {
		return bw
	}
	return len(a.barriers) < len(b.barriers)
}

// foundJourney is false when the way failed for want of any journey.
func (w *way) foundJourney() bool {
	for _, b := range w.barriers {
		if b.Code == NoJourney {
			return false
		}
	}
	return true
}

// better prefers a way within budget, then the faster, then the cheaper.
func better(a Item, aBud []Barrier, b Item, bBud []Barrier) bool {
	if (len(aBud) == 0) != (len(bBud) == 0) {
		return len(aBud) == 0
	}
	if len(aBud) > 0 {
		return a.total < b.total
	}
	if a.travel != b.travel {
		return a.travel < b.travel
	}
	return a.total < b.total
}

func (q *query) baseItem(s *session) Item {
	a := s.act
	it := Item{ActivityID: a.ID, ActivityName: a.Name, Kind: string(a.Kind), SiteName: s.siteName,
		Venue: [2]float64{s.venue[0], s.venue[1]}, SessionStart: s.start.Format(time.RFC3339), SessionEnd: s.end.Format(time.RFC3339),
		Illustrative: a.Illustrative, Contact: a.Contact, HowToRefer: a.ReferralRoute, Capacity: a.Capacity,
		Languages: a.Languages, AccessNotes: []string{}, start: s.start.Unix()}
	for _, w := range a.Welcome {
		it.Welcome = append(it.Welcome, string(w))
	}
	return it
}

// availability checks the session against the person's time windows; no
// windows means any time.
func (q *query) availability(s *session) []Barrier {
	p := q.req.Profile
	if len(p.Available) == 0 || (p.AvailableAt(s.start) && p.AvailableAt(s.end.Add(-time.Minute))) {
		return nil
	}
	return []Barrier{{OutsideAvailability, fmt.Sprintf("the session (%s %s–%s) is outside the times the person is available",
		s.start.Format("Monday"), s.start.Format("15:04"), s.end.Format("15:04"))}}
}

// venue checks the entrance (and toilet) against the profile's needs.
func (q *query) venue(s *session, it *Item) []Barrier {
	var out []Barrier
	check := func(need bool, a heritage.Access, what, noCode string) {
		switch {
		case !need && a == heritage.AccessUnknown:
			it.AccessNotes = append(it.AccessNotes, fmt.Sprintf("%s at %s: unknown", what, s.siteName))
		case !need, a == heritage.AccessYes:
		case a == heritage.AccessAssumed:
			it.AccessNotes = append(it.AccessNotes, fmt.Sprintf("%s at %s: assumed, not surveyed", what, s.siteName))
		case a == heritage.AccessNo:
			out = append(out, Barrier{noCode, fmt.Sprintf("%s at %s: no", what, s.siteName)})
		default:
			it.AccessNotes = append(it.AccessNotes, fmt.Sprintf("%s at %s: unknown", what, s.siteName))
			out = append(out, Barrier{UnknownData, fmt.Sprintf("nobody has recorded whether %s at %s is available", what, s.siteName)})
		}
	}
	check(q.req.Profile.StepFree, s.act.StepFree, "a step-free entrance", VenueNotStepFree)
	check(q.req.Profile.AccessibleToilet, s.act.Toilet, "an accessible toilet", NoAccessibleToilet)
	return out
}

// rank orders reachable sessions by travel, cost, changes and start; near
// misses by how many barriers stand in the way, then start.
func rank(a *Answer) {
	slices.SortStableFunc(a.Reachable, func(x, y Item) int {
		switch {
		case x.travel != y.travel:
			return int(x.travel - y.travel)
		case x.total != y.total:
			return int(x.total - y.total)
		case x.changes != y.changes:
			return x.changes - y.changes
		}
		return int(x.start - y.start)
	})
	slices.SortStableFunc(a.NearMisses, func(x, y Item) int {
		if len(x.Barriers) != len(y.Barriers) {
			return len(x.Barriers) - len(y.Barriers)
		}
		return int(x.start - y.start)
	})
}
