package reach

import (
	"fmt"
	"math"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// transitPlan is what a feasible bus/rail way needs to rebuild its legs:
// the outbound journey is searched from (or, with outArriveBy, to) outAt,
// the return from (backArriveBy: to) backAt, then tightened (routePair).
type transitPlan struct {
	day                       *dayProfiles // searched for day's group (dayGroups)
	date                      transit.Date // the session's
	home                      *stopList
	venue                     stopList
	outAt, backAt             int32
	outArriveBy, backArriveBy bool
}

// way is one way of making the visit (a mode, both directions).
type way struct {
	mode        string
	outS, backS int32
	metres      float64 // one way, for modelled legs
	estimated   bool
	booking     string
	farePence   *int64 // one way, dial-a-ride
	transit     *transitPlan
	barriers    []Barrier
	accessNote  string
}

func (w *way) fail(code, detail string) { w.barriers = append(w.barriers, Barrier{code, detail}) }

// ways lists every way the person's modes allow, each judged on time.
func (q *query) ways(s *session, dp *dayProfiles) []way {
	var out []way
	out = append(out, q.walkWay(s))
	byTransit := q.req.Profile.Uses("bus") || q.req.Profile.Uses("rail")
	var venue stopList
	var venueErr error
	if byTransit {
		if dp != nil {
			venue, venueErr = q.venueStops(s.venue)
		}
		out = append(out, q.busWay(dp, s, venue, venueErr))
	}
	if q.req.Profile.Uses("car_driver") {
		out = append(out, q.roadWay(s, "car"))
	} else if q.req.Profile.Uses("car_passenger") {
		out = append(out, q.roadWay(s, "car_passenger"))
	}
	if q.req.Profile.Uses("taxi") {
		w := q.roadWay(s, "taxi")
		if q.req.Profile.StepFree {
			// Unknown is not yes: nothing says a wheelchair-accessible
			// taxi can be had for this journey.
			w.fail(UnknownData, "whether a wheelchair-accessible taxi can be booked here is not known")
		}
		out = append(out, w)
	}
	if q.req.Profile.Uses("dial_a_ride") {
		out = append(out, q.darWay(s))
	}
	// Listed last, so that on a tie the ride to the door, or the bus on
	// foot, comes first.
	if byTransit && len(q.darHomes) > 0 {
		out = append(out, q.darBusWay(dp, s, venue, venueErr))
	}
	for i := range out {
		w := &out[i]
		if len(w.barriers) == 0 && (w.outS > q.maxS || w.backS > q.maxS) {
			w.fail(TooLong, fmt.Sprintf("by %s it takes %s there and %s back; the limit is %s each way",
				modeWords(w.mode), duration(w.outS), duration(w.backS), duration(q.maxS)))
		}
	}
	return out
}

// walkWay walks there and back: on the pedestrian graph where it covers
// home and the venue, else the straight-line estimate.
func (q *query) walkWay(s *session) way {
	p := q.req.Profile
	leg, res, err := q.net.Walk.Route(q.req.Origin, s.venue, pedestrian.ParamsFor(q.req.Profile))
	switch {
	case err != nil:
		w := way{mode: "walk"}
		w.fail(NoJourney, fmt.Sprintf("the walking route to %s could not be worked out", s.siteName))
		return w
	case res == pedestrian.Found:
		return q.graphWalk(leg)
	case res == pedestrian.NotFound:
		return q.noGraphWalk(s)
	}
	w := way{mode: "walk", estimated: true}
	m := transit.WalkMetres(q.req.Origin, s.venue, walk.DetourFactor)
	if m > p.MaxWalkM {
		w.fail(NoJourney, fmt.Sprintf("%s is %.1f km away on foot, further than the %.0f m the person can walk", s.siteName, m/1000, p.MaxWalkM))
		return w
	}
	secs := int32(math.Ceil(m / p.WalkSpeedMPS))
	w.outS, w.backS, w.metres = secs, secs, m
	if p.StepFree {
		w.accessNote = "the walking route is a straight-line estimate: its kerbs and surfaces are unknown"
	}
	return w
}

func (q *query) roadWay(s *session, mode string) way {
	w := way{mode: mode}
	var leg road.Leg
	var err error
	if q.net.Road != nil {
		leg, err = q.net.Road.Drive(q.req.Origin, s.venue)
	}
	if q.net.Road == nil || err != nil {
		leg = road.Estimate(q.req.Origin, s.venue, q.req.Rural)
	}
	secs := int32(math.Ceil(leg.Seconds))
	w.outS, w.backS, w.metres, w.estimated = secs, secs, leg.Metres, leg.Estimated
	return w
}

func (q *query) darWay(s *session) way {
	w := way{mode: "dial_a_ride", estimated: true}
	reason, noReturn := "no dial-a-ride zone is loaded here", ""
	m, d := dar.RideDuration(q.req.Origin, s.venue)
	for i := range q.net.Zones {
		z := &q.net.Zones[i]
		if q.req.Profile.StepFree && z.StepFree != "yes" {
			reason = fmt.Sprintf("dial-a-ride %s: the vehicle's step-free access is %s", z.Name, z.StepFree)
			continue
		}
		out, err := z.Ride(q.req.Origin, s.venue, s.start.Add(-q.margin-d))
		if err != nil {
			reason = err.Error()
			continue
		}
		if _, err := z.Ride(s.venue, q.req.Origin, s.end); err != nil {
			if noReturn == "" {
				noReturn = fmt.Sprintf("no dial-a-ride home after the session ends at %s: %v", s.end.Format("15:04"), err)
			}
			continue // another zone may bring them home
		}
		secs := int32(math.Ceil(d.Seconds()))
		w.outS, w.backS, w.metres = secs, secs, m
		w.booking, w.farePence = out.Booking, out.FarePence
		return w
	}
	if noReturn != "" {
		w.fail(NoReturnJourney, noReturn)
	} else {
		w.fail(NoJourney, reason)
	}
	return w
}

// fill builds a way's trips and costs into it; a way that turns out
// infeasible as its journeys are rebuilt gets its barrier instead.
func (q *query) fill(s *session, w *way, it *Item) error {
	var f fares
	switch w.mode {
	case "bus", darBusMode:
		var err error
		if f, err = q.fillTransit(s, w, it); err != nil || len(w.barriers) > 0 {
			return err
		}
	default:
		q.fillModelled(s, w, it)
	}
	it.Cost = q.cost(s, w, f)
	it.travel = it.Out.Seconds + it.Back.Seconds
	it.total = it.Cost.Total.Pence
	it.changes = it.Out.Changes + it.Back.Changes
	if w.accessNote != "" {
		it.AccessNotes = append(it.AccessNotes, w.accessNote)
	}
	return nil
}

// fillModelled gives walking, car, taxi and dial-a-ride one leg each way:
// arriving a margin before the start, leaving at the end.
func (q *query) fillModelled(s *session, w *way, it *Item) {
	mk := func(from, to string, dep time.Time, secs int32) *Trip {
		l := Leg{Mode: legMode(w.mode), Depart: dep.Format(time.RFC3339), Arrive: dep.Add(secondsDur(secs)).Format(time.RFC3339),
			Seconds: secs, Metres: int32(math.Round(w.metres)), From: from, To: to, Estimated: w.estimated, Booking: w.booking}
		return &Trip{Mode: w.mode, Depart: l.Depart, Arrive: l.Arrive, Seconds: secs, Legs: []Leg{l}}
	}
	it.Out = mk("home", s.siteName, s.start.Add(-q.margin-secondsDur(w.outS)), w.outS)
	it.Back = mk(s.siteName, "home", s.end, w.backS)
}

func secondsDur(s int32) time.Duration { return time.Duration(s) * time.Second }

// cost adds up the visit: fares or running costs both ways, a companion's
// share, and the activity's price after concession or free-on-referral.
func (q *query) cost(s *session, w *way, f fares) *Cost {
	p := q.req.Profile
	c := &Cost{}
	switch w.mode {
	case "walk", "car_passenger":
		c.Outbound, c.Return = known(0), known(0)
		if w.mode == "car_passenger" {
			c.Outbound.Note, c.Outbound.Confidence = "a lift: the driver's costs are not counted", "estimated"
			c.Return = c.Outbound
		}
		c.Companion = known(0)
	case "car":
		m := Money{Pence: q.net.Costs.CarPence(w.metres), Confidence: "estimated", Note: "running cost per mile"}
		c.Outbound, c.Return, c.Companion = m, m, known(0)
	case "taxi":
		m := Money{Pence: q.net.Costs.TaxiPence(w.metres), Confidence: "estimated", Note: "flag fall plus a rate per mile"}
		c.Outbound, c.Return, c.Companion = m, m, known(0)
	case "dial_a_ride":
		m := Money{Confidence: "unknown", Note: "the operator publishes no fare"}
		if w.farePence != nil {
			m = Money{Pence: *w.farePence, Confidence: "known"}
		}
		c.Outbound, c.Return = m, m
		c.Companion = known(0)
		if p.Companion {
			c.Companion = Money{Pence: 2 * m.Pence, Confidence: m.Confidence, Note: "a companion pays the same fare"}
		}
	case "bus", darBusMode:
		rider := fare.Rider{Concession: p.ConcessionaryPass, Authority: q.net.Authority}
		c.Outbound = withDar(money(q.net.Fares.JourneyFare(f.out, rider)), f.darOut)
		c.Return = withDar(money(q.net.Fares.JourneyFare(f.back, rider)), f.darBack)
		c.Companion = known(0)
		if p.Companion {
			with := rider
			with.Companion = true
			both := money(q.net.Fares.ReturnFare(f.out, f.back, with))
			alone := money(q.net.Fares.ReturnFare(f.out, f.back, rider))
			c.Companion = Money{Pence: both.Pence - alone.Pence, Confidence: both.Confidence, Note: both.Note}
			// A companion pays the dial-a-ride's fare too.
			for _, r := range []*dar.Ride{f.darOut, f.darBack} {
				if r != nil {
					m := sum(c.Companion, darMoney(r))
					m.Note = c.Companion.Note
					c.Companion = m
				}
			}
		}
	}
	price := heritage.PriceFor(s.act.Costs, heritage.Payer{Concession: p.ConcessionaryPass, Referred: q.req.Referred})
	c.Activity = Money{Pence: price.Pence, Confidence: price.Confidence.String()}
	if price.Confidence == heritage.ConfidenceUnknown {
		c.Activity.Note = "the activity's price is not known"
	}
	c.Total = sum(c.Outbound, c.Return, c.Companion, c.Activity)
	return c
}

func known(p int64) Money { return Money{Pence: p, Confidence: "known"} }

func money(a fare.Amount) Money {
	return Money{Pence: a.Pence, Confidence: a.Confidence.String(), Note: a.Note}
}

// sum adds amounts; the result is as sure as the least sure part, and an
// unknown part keeps the known partial sum but makes the total unknown.
func sum(ms ...Money) Money {
	rank := map[string]int{"known": 2, "estimated": 1, "unknown": 0}
	out := Money{Confidence: "known"}
	for _, m := range ms {
		out.Pence += m.Pence
		if rank[m.Confidence] < rank[out.Confidence] {
			out.Confidence = m.Confidence
		}
	}
	return out
}

// budget compares the total with the person's budget.
func (q *query) budget(it *Item) []Barrier {
	b := q.req.Profile.BudgetPence
	if b == nil || it.Cost == nil {
		return nil
	}
	t := it.Cost.Total
	switch {
	case t.Pence > *b:
		return []Barrier{{OverBudget, fmt.Sprintf("over budget by %s (costs %s, budget %s)", pounds(t.Pence-*b), pounds(t.Pence), pounds(*b))}}
	case t.Confidence == "unknown":
		return []Barrier{{UnknownData, fmt.Sprintf("the cost cannot be checked against the budget of %s: part of it is not known", pounds(*b))}}
	}
	return nil
}

func pounds(p int64) string { return fmt.Sprintf("£%d.%02d", p/100, p%100) }

func legMode(m string) string {
	if m == "car_passenger" {
		return "car"
	}
	return m
}

func modeWords(m string) string {
	switch m {
	case "walk":
		return "walking"
	case "dial_a_ride":
		return "dial-a-ride"
	case darBusMode:
		return "dial-a-ride and bus"
	case "car_passenger":
		return "car (as a passenger)"
	}
	return m
}
