package reach

import (
	"fmt"
	"math"
	"time"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// Search windows of the day's range searches, in seconds since midnight:
// leaving home from 05:00 to 22:00, arriving home from 07:00 to 24:00.
const (
	outFrom, outWindow   = 5 * 3600, 17 * 3600
	backFrom, backWindow = 7 * 3600, 17 * 3600
	maxTransfers         = 3
)

// dayProfiles are the range searches of one day: restricted to the
// profile's step-free need, and (for a step-free profile) unrestricted;
// and, for each of home's dial-a-ride zones running that day, the two
// over the zone's hours from home's stops with the rides to stops (dars).
type dayProfiles struct {
	date            transit.Date
	out, back       *transit.RangeResult
	outAny, backAny *transit.RangeResult
	dars            []darDay // in the network's order of the zones (dayDars)
	params          transit.Params
	searches        int
}

// darDay is one zone's day of rides to and from the bus: home's stops by
// its dial-a-ride, and the searches from them over its hours.
type darDay struct {
	home      *stopList
	out, back *transit.RangeResult
}

// searchers is one request's set of transit searchers; a RangeResult is
// valid only until its searcher's next search, so each view has its own.
// The dial-a-ride pairs, one per zone of a day, are made on first use.
type searchers struct {
	out, back, outAny, backAny, route *transit.Searcher
	darOut, darBack                   []*transit.Searcher
}

func newSearchers(s *transit.Snapshot) *searchers {
	return &searchers{out: transit.NewSearcher(s), back: transit.NewSearcher(s), outAny: transit.NewSearcher(s),
		backAny: transit.NewSearcher(s), route: transit.NewSearcher(s)}
}

// dayBounds are what a day's sessions need of its searches: no journey
// there arrives after the latest session's deadline, and none home leaves
// before the first session starts. Each search keeps only labels within
// them (transit.Params.Horizon), and the windows end (begin) there.
type dayBounds struct {
	lastDeadline, firstStart int32
}

// unboundedDays turns dayBounds off, for the test that shows they change
// no answer.
var unboundedDays bool

// boundsOf the sessions at idx.
func (q *query) boundsOf(sessions []session, idx []int) dayBounds {
	b := dayBounds{lastDeadline: math.MinInt32, firstStart: math.MaxInt32}
	margin := int32(q.margin.Seconds())
	for _, i := range idx {
		b.lastDeadline = max(b.lastDeadline, sessions[i].startS-margin)
		b.firstStart = min(b.firstStart, sessions[i].startS)
	}
	return b
}

// shareDays lets days that can ride the same timetable share their
// searches; tests turn it off to show that it changes no answer.
var shareDays = true

// dayGroups groups the sessions (sorted by start) by the searches they
// need, in order of first session, each group in start order; without
// transit, all are one group. Days share searches when a search from 0 h
// to the end of the latest window can ride the same timetable on each
// (transit.Snapshot.DayKeyWithin) and the dial-a-ride zone either runs
// on both or on neither. The searches' windows and horizons lie within that
// range (see transitDay), so a group's searches answer each of its days
// as that day's own would, over the union of their bounds.
func (q *query) dayGroups(sessions []session, useTransit bool) [][]int {
	if len(sessions) == 0 {
		return nil
	}
	if !useTransit {
		all := make([]int, len(sessions))
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	hi := int32(outFrom + outWindow)
	hi = max(hi, backFrom+backWindow)
	for _, h := range q.darHomes {
		z := h.zone
		hi = max(hi, z.WindowStart+min(z.WindowEnd-z.WindowStart, 86400))
	}
	for i := range sessions {
		hi = max(hi, sessions[i].startS)
	}
	var groups [][]int
	byKey := map[string]int{}
	var lastDay transit.Date
	var lastKey string
	for i := range sessions {
		s := &sessions[i]
		if i == 0 || s.day != lastDay {
			lastDay = s.day
			switch {
			case !shareDays || unboundedDays:
				lastKey = s.day.String()
			default:
				lastKey = q.net.Transit.DayKeyWithin(s.day, 0, hi)
				for _, h := range q.dayDars(s.start) {
					lastKey += "+dar " + h.zone.FeedID + "/" + h.zone.ID
				}
			}
		}
		g, ok := byKey[lastKey]
		if !ok {
			g = len(groups)
			byKey[lastKey] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// transitDay runs day d's searches for sessions within b; at is a time
// on that day. Every search leaves at 0 h or later and arrives by the end
// of its window (forward: by its horizon, the latest deadline), which is
// the range dayGroups keys days on.
func (q *query) transitDay(d transit.Date, at time.Time, b dayBounds) (*dayProfiles, error) {
	pr := q.req.Profile
	p := transit.Params{Date: d, WalkSpeed: pr.WalkSpeedMPS, MaxWalkM: pr.MaxWalkM, StepFree: pr.StepFree, MaxTransfers: maxTransfers}
	dp := &dayProfiles{date: d, params: p}
	var err error
	run := func(s *transit.Searcher, from []transit.StopAccess, stepFree, reverse bool, start, window int32) *transit.RangeResult {
		if err != nil {
			return nil
		}
		pp := p
		pp.StepFree, pp.Time = stepFree, start
		switch {
		case unboundedDays: // tests: the searches as they were
		case reverse:
			pp.Horizon = max(1, b.firstStart)
			if lo := max(start, b.firstStart); lo > start {
				pp.Time, window = lo, max(0, start+window-lo)
			}
		default:
			pp.Horizon = max(1, b.lastDeadline)
			window = max(0, min(window, b.lastDeadline-start))
		}
		var r *transit.RangeResult
		if reverse {
			r, err = s.ReverseRange(from, pp, window)
		} else {
			r, err = s.ForwardRange(from, pp, window)
		}
		dp.searches++
		return r
	}
	if len(q.home.stops) > 0 {
		dp.out = run(q.s.out, q.home.stops, pr.StepFree, false, outFrom, outWindow)
		dp.back = run(q.s.back, q.home.stops, pr.StepFree, true, backFrom, backWindow)
		if pr.StepFree {
			dp.outAny = run(q.s.outAny, q.home.stops, false, false, outFrom, outWindow)
			dp.backAny = run(q.s.backAny, q.home.stops, false, true, backFrom, backWindow)
		}
	}
	for i, h := range q.dayDars(at) {
		if i == len(q.s.darOut) {
			q.s.darOut = append(q.s.darOut, transit.NewSearcher(q.net.Transit))
			q.s.darBack = append(q.s.darBack, transit.NewSearcher(q.net.Transit))
		}
		z := h.zone
		win := min(z.WindowEnd-z.WindowStart, 86400)
		dp.dars = append(dp.dars, darDay{home: h,
			out:  run(q.s.darOut[i], h.stops, pr.StepFree, false, z.WindowStart, win),
			back: run(q.s.darBack[i], h.stops, pr.StepFree, true, z.WindowStart, win)})
	}
	if err != nil {
		return nil, fmt.Errorf("transit search for %s: %w", d, err)
	}
	return dp, nil
}

// outLookup finds, among the venue's stops, the latest departure from home
// before before that arrives at the venue by deadline, and for that
// departure the earliest arrival.
func outLookup(r *transit.RangeResult, venue []transit.StopAccess, deadline, before int32, buf []transit.ProfilePoint) (dep, arr int32, ok bool) {
	for _, e := range venue {
		buf = r.Profile(e.Stop, buf[:0])
		for _, pt := range buf {
			a := pt.Ride + e.Seconds
			if pt.RideOK && a <= deadline && pt.Time < before && (!ok || pt.Time > dep || (pt.Time == dep && a < arr)) {
				dep, arr, ok = pt.Time, a, true
			}
		}
	}
	return dep, arr, ok
}

// backLookup finds the earliest arrival home after after, leaving the
// venue at or after ready, and for that arrival the latest time to leave;
// last is the latest time any ride home arriving after after boards at
// the venue's stops (the last bus home), lastOK false when there is none
// at all.
func backLookup(r *transit.RangeResult, venue []transit.StopAccess, ready, after int32, buf []transit.ProfilePoint) (leave, arr, last int32, ok, lastOK bool) {
	for _, e := range venue {
		buf = r.Profile(e.Stop, buf[:0])
		for _, pt := range buf {
			if !pt.RideOK || pt.Time <= after {
				continue
			}
			if !lastOK || pt.Ride > last {
				last, lastOK = pt.Ride, true
			}
			l := pt.Ride - e.Seconds
			if l >= ready && (!ok || pt.Time < arr || (pt.Time == arr && l > leave)) {
				leave, arr, ok = l, pt.Time, true
			}
		}
	}
	return leave, arr, last, ok, lastOK
}

// busWay is bus and rail with walks at both ends.
func (q *query) busWay(dp *dayProfiles, s *session, venue stopList, venueErr error) way {
	w := way{mode: "bus"}
	switch {
	case q.net.Transit == nil:
		w.fail(NoJourney, "no timetable data is loaded for this area, so bus and train journeys cannot be answered")
	case len(q.home.stops) == 0:
		w.fail(NoJourney, fmt.Sprintf("no bus or train stop within %.0f m of home", q.req.Profile.MaxWalkM))
	case venueErr != nil:
		w.fail(NoJourney, fmt.Sprintf("the walks from the stops to %s could not be worked out", s.siteName))
	case len(venue.stops) == 0:
		w.fail(NoJourney, fmt.Sprintf("no bus or train stop within %.0f m of %s", q.req.Profile.MaxWalkM, s.siteName))
	default:
		return q.transitWay(dp, s, venue)
	}
	return w
}

// transitWay evaluates bus/rail for one session from the day's profiles.
func (q *query) transitWay(dp *dayProfiles, s *session, venue stopList) way {
	w := way{mode: "bus"}
	deadline := s.startS - int32(q.margin.Seconds())
	dep, arr, okOut := outLookup(dp.out, venue.stops, deadline, math.MaxInt32, q.buf)
	leave, home, last, okBack, lastOK := backLookup(dp.back, venue.stops, s.endS, math.MinInt32, q.buf)
	if q.req.Profile.StepFree && (!okOut || !okBack) {
		_, _, anyOut := outLookup(dp.outAny, venue.stops, deadline, math.MaxInt32, q.buf)
		_, _, _, anyBack, _ := backLookup(dp.backAny, venue.stops, s.endS, math.MinInt32, q.buf)
		if anyOut && anyBack {
			w.fail(NoStepFreeJourney, "there is a bus journey there and back, but not a step-free one: it uses stops or vehicles whose step-free access is not known or is not available")
			return w
		}
	}
	switch {
	case !okOut:
		w.fail(NoJourney, fmt.Sprintf("no bus journey arrives at %s by %s", s.siteName, clock(deadline)))
		return w
	case !okBack && lastOK:
		w.fail(NoReturnJourney, fmt.Sprintf("last bus home leaves %s, the session ends %s", clock(last), clock(s.endS)))
		return w
	case !okBack:
		w.fail(NoReturnJourney, fmt.Sprintf("no bus home from %s after the session ends at %s", s.siteName, clock(s.endS)))
		return w
	}
	w.outS, w.backS = arr-dep, home-leave
	w.transit = &transitPlan{day: dp, date: s.day, home: &q.home, venue: venue, outAt: deadline, outArriveBy: true, backAt: s.endS}
	return w
}

func clock(secs int32) string {
	secs %= 86400
	return fmt.Sprintf("%02d:%02d", secs/3600, secs/60%60)
}

// duration says a length of time the way people say it.
func duration(secs int32) string {
	d := time.Duration(secs) * time.Second
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}
