package reach

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
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
	home      stopList   // home's stops on foot
	darHomes  []stopList // home's stops on foot or by dial-a-ride, a list per usable zone (zoneHomes)
	opts      []option   // judge's buffer
	s         *searchers
	buf       []transit.ProfilePoint
	journey   transit.Journey
	searches  int
	maxSource string
	venues    map[orb.Point]venueStops // each venue's stops, found once a request
}

// venueStops is a venue's stops on foot, or why they could not be found.
type venueStops struct {
	stops stopList
	err   error
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
	// the start and end as answers give them (RFC 3339)
	startText, endText string
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
	sessions, beyond := q.withinReach(q.sessions())
	// Each session is one item of one list: one allocation each, not a
	// doubling of large items.
	ans := Answer{Reachable: make([]Item, 0, len(sessions)), NearMisses: make([]Item, 0, len(sessions)), MaxJourneyMin: int(q.maxS / 60), MaxJourneySource: q.maxSource, Sessions: len(sessions), SessionsBeyondReach: beyond}
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

// sessions lists the sessions of the request's activities in its date
// range, in start order.
func (q *query) sessions() []session {
	loc := q.net.Location
	from := time.Date(q.req.Start.Year(), q.req.Start.Month(), q.req.Start.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, q.req.Days)
	all := q.net.Sessions.get(q.acts, from, to)
	if q.req.Keep == nil {
		return all
	}
	var out []session
	for i := range all {
		if q.req.Keep(all[i].act) {
			out = append(out, all[i])
		}
	}
	return out
}

// MaxSpeedKPH bounds how fast, in a straight line, any way the engine
// knows can take a person: faster than any bus, car or train journey's
// average in England (London to Peterborough by the fastest intercity is
// about 160 km/h as the crow flies). A venue further from home than the
// longest journey at this speed cannot be reached within the limit by
// any way, so its sessions are not judged: they could only be near misses,
// and would crowd out the near misses that matter (Rutland's museums,
// "twelve hours" by car from the Isle of Wight, ferry aside).
const MaxSpeedKPH = 200

// judgeAllDistances turns the MaxSpeedKPH cut off, for the test that
// shows it leaves out only sessions that could not be reached.
var judgeAllDistances bool

// withinReach keeps the sessions whose venue is within the longest
// journey at MaxSpeedKPH and counts the others.
func (q *query) withinReach(all []session) (kept []session, beyond int) {
	if judgeAllDistances {
		return all, 0
	}
	radius := float64(q.maxS) * MaxSpeedKPH / 3.6
	kept = all // shared until the first far session
	for i := range all {
		if geo.DistanceM(q.req.Origin, all[i].venue) <= radius {
			if beyond > 0 {
				kept = append(kept, all[i])
			}
			continue
		}
		if beyond == 0 {
			kept = append(make([]session, 0, len(all)-1), all[:i]...)
		}
		beyond++
	}
	return kept, beyond
}

// expandSessions expands every activity's sessions from from to to.
func expandSessions(acts []Activity, from, to time.Time) []session {
	loc := from.Location()
	var out []session
	for i := range acts {
		a := &acts[i]
		for _, s := range a.Sessions(from, to, loc) {
			d, st := transit.ServiceTime(s.Start, loc)
			_, en := transit.ServiceTime(s.End, loc)
			if en < st {
				en += 86400
			}
			out = append(out, session{act: a, start: s.Start, end: s.End, day: d, startS: st, endS: en, venue: a.Venue, siteName: a.SiteName,
				startText: s.Start.Format(time.RFC3339), endText: s.End.Format(time.RFC3339)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out
}

// judgeAll runs the transit searches once for each group of days that
// ride the same services (dayGroups), then judges each of the group's
// sessions. The items are ranked afterwards, so the order of judging
// does not show.
func (q *query) judgeAll(sessions []session, ans *Answer) error {
	useTransit, err := q.prepareTransit()
	if err != nil {
		return err
	}
	if useTransit {
		q.s = q.net.Pool.get(q.net.Transit)
		defer q.net.Pool.put(q.net.Transit, q.s)
	}
	for _, g := range q.dayGroups(sessions, useTransit) {
		var dp *dayProfiles
		if useTransit {
			first := &sessions[g[0]]
			if dp, err = q.transitDay(first.day, first.start, q.boundsOf(sessions, g)); err != nil {
				return err
			}
			q.searches += dp.searches
		}
		for _, i := range g {
			if err := q.ctx.Err(); err != nil {
				return err
			}
			it, ok, err := q.judge(&sessions[i], dp)
			if err != nil {
				return err
			}
			if ok {
				ans.Reachable = append(ans.Reachable, it)
			} else {
				ans.NearMisses = append(ans.NearMisses, it)
			}
		}
	}
	return nil
}

// prepareTransit finds home's stops on foot and, when the person uses
// dial-a-ride and home is in a zone, by dial-a-ride; it says whether any
// transit search is worth running.
func (q *query) prepareTransit() (bool, error) {
	p := q.req.Profile
	if q.net.Transit == nil || !(p.Uses("bus") || p.Uses("rail")) {
		return false, nil
	}
	var err error
	if q.home, err = q.stopAccess(q.req.Origin); err != nil {
		return false, err
	}
	if p.Uses("dial_a_ride") {
		q.darHomes = q.zoneHomes()
	}
	return len(q.home.stops) > 0 || len(q.darHomes) > 0, nil
}

// judge decides one session and fills its item: the way chosen among
// those feasible in time (see choose), or, failing that, the way that came
// closest, with everything that stands in the way.
func (q *query) judge(s *session, dp *dayProfiles) (Item, bool, error) {
	base := q.baseItem(s)
	session := append(q.availability(s), q.venue(s, &base)...)
	opts := q.opts[:0]
	defer func() { q.opts = opts[:0] }()
	var closest *way
	ways := q.ways(s, dp)
	for i := range ways {
		w := &ways[i]
		if len(w.barriers) == 0 {
			it := base
			it.AccessNotes = append(make([]string, 0, len(base.AccessNotes)+2), base.AccessNotes...)
			if err := q.fill(s, w, &it); err != nil {
				return base, false, err
			}
			if len(w.barriers) == 0 { // rebuilding the journey can still rule a way out
				opts = append(opts, option{it, q.budget(&it)})
				continue
			}
		}
		if closest == nil || closer(w, closest) {
			closest = w
		}
	}
	best, ok := choose(opts)
	if !ok {
		if closest != nil {
			session = append(session, closest.barriers...)
		}
		base.Barriers = session
		if len(base.Barriers) == 0 {
			base.Barriers = []Barrier{{NoJourney, "no way there and back with the person's modes"}}
		}
		return base, false, nil
	}
	best.Item.Barriers = append(session, best.budget...)
	return best.Item, len(best.Item.Barriers) == 0, nil
}

// Progress of a failed way: how far it got before something stood in its
// way. A near miss names the barriers of the way that got furthest. (The
// budget is judged only for ways feasible in time, which always outrank
// failed ones.)
const (
	progressNone      = iota // no_journey: no way there at all
	progressNotUsable        // no_step_free_journey, unknown_data: a journey, but not one known to suit the person
	progressThere            // no_return_journey: there, but not home
	progressTooLong          // too_long: there and back, but longer than the limit
	progressOther            // any other barrier
)

// progress is the least progress any of w's barriers allows.
func (w *way) progress() int {
	p := progressOther
	for _, b := range w.barriers {
		switch b.Code {
		case NoJourney:
			p = min(p, progressNone)
		case NoStepFreeJourney, UnknownData:
			p = min(p, progressNotUsable)
		case NoReturnJourney:
			p = min(p, progressThere)
		case TooLong:
			p = min(p, progressTooLong)
		}
	}
	return p
}

// closer says whether failed way a came closer to a journey than failed
// way b: the further it got (see progressNone and the rest); then any
// other mode says more than a walk (a walk that is too far, or only over
// steps, says less than a ride's barrier); then fewer barriers; on a full
// tie the earlier way stays.
func closer(a, b *way) bool {
	if pa, pb := a.progress(), b.progress(); pa != pb {
		return pa > pb
	}
	if aw, bw := a.mode == "walk", b.mode == "walk"; aw != bw {
		return bw
	}
	return len(a.barriers) < len(b.barriers)
}

// CheaperWayTolerance is how much longer each way a cheaper way may take
// and still be chosen over the fastest: a link worker would rather send
// someone on a seven-minute walk than on a two-minute £2.50 ride, or on a
// free bus than on a taxi ten minutes quicker.
const CheaperWayTolerance = 10 * time.Minute

// option is a way feasible in time, filled, with its budget barriers.
type option struct {
	Item
	budget []Barrier
}

// choose picks the way to show among those feasible in time. Among those
// within budget: every way whose travel out and back is within twice
// CheaperWayTolerance of the fastest is a candidate, and the cheapest
// candidate wins (a cost that is not known counts as dearer than any
// known or estimated one), then the faster, then the earlier listed. When
// none is within budget, the cheapest, so that the near miss says by how
// much. ok is false when opts is empty.
func choose(opts []option) (option, bool) {
	if len(opts) == 0 {
		return option{}, false
	}
	fastest, within := int32(math.MaxInt32), false
	for _, o := range opts {
		if len(o.budget) == 0 {
			fastest, within = min(fastest, o.travel), true
		}
	}
	if !within {
		best := opts[0]
		for _, o := range opts[1:] {
			if o.total < best.total {
				best = o
			}
		}
		return best, true
	}
	slack := 2 * int32(CheaperWayTolerance/time.Second)
	var best *option
	for i := range opts {
		o := &opts[i]
		if len(o.budget) > 0 || o.travel > fastest+slack {
			continue
		}
		if best == nil || cheaper(o, best) || (sameCost(o, best) && o.travel < best.travel) {
			best = o
		}
	}
	return *best, true
}

// cheaper compares the options' total costs, an unknown total ranking
// after every known or estimated one.
func cheaper(a, b *option) bool {
	au, bu := a.Cost.Total.Confidence == "unknown", b.Cost.Total.Confidence == "unknown"
	if au != bu {
		return bu
	}
	return a.total < b.total
}

func sameCost(a, b *option) bool { return !cheaper(a, b) && !cheaper(b, a) }

func (q *query) baseItem(s *session) Item {
	a := s.act
	it := Item{ActivityID: a.ID, ActivityName: a.Name, Kind: string(a.Kind), SiteName: s.siteName,
		Venue: [2]float64{s.venue[0], s.venue[1]}, SessionStart: s.startText, SessionEnd: s.endText,
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
	a.Reachable = sortedItems(a.Reachable, func(x, y *Item) int {
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
	a.NearMisses = sortedItems(a.NearMisses, func(x, y *Item) int {
		if len(x.Barriers) != len(y.Barriers) {
			return len(x.Barriers) - len(y.Barriers)
		}
		return int(x.start - y.start)
	})
}

// sortedItems sorts items stably by cmp, moving each (large) item once:
// it sorts their indices, then copies.
func sortedItems(items []Item, cmp func(x, y *Item) int) []Item {
	idx := make([]int32, len(items))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(i, j int32) int { return cmp(&items[i], &items[j]) })
	out := make([]Item, len(items))
	for k, i := range idx {
		out[k] = items[i]
	}
	return out
}
