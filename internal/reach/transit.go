package reach

import (
	"fmt"
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
// profile's step-free need, and (for a step-free profile) unrestricted.
type dayProfiles struct {
	date            transit.Date
	out, back       *transit.RangeResult
	outAny, backAny *transit.RangeResult
	home            []transit.StopAccess
	params          transit.Params
	searches        int
}

// searchers is one request's set of transit searchers; a RangeResult is
// valid only until its searcher's next search, so each view has its own.
type searchers struct {
	out, back, outAny, backAny, route *transit.Searcher
}

func newSearchers(s *transit.Snapshot) *searchers {
	return &searchers{transit.NewSearcher(s), transit.NewSearcher(s), transit.NewSearcher(s), transit.NewSearcher(s), transit.NewSearcher(s)}
}

func (q *query) transitDay(d transit.Date) (*dayProfiles, error) {
	pr := q.req.Profile
	p := transit.Params{Date: d, WalkSpeed: pr.WalkSpeedMPS, MaxWalkM: pr.MaxWalkM, StepFree: pr.StepFree, MaxTransfers: maxTransfers}
	dp := &dayProfiles{date: d, home: q.home, params: p}
	var err error
	run := func(s *transit.Searcher, stepFree, reverse bool) *transit.RangeResult {
		if err != nil {
			return nil
		}
		pp := p
		pp.StepFree = stepFree
		var r *transit.RangeResult
		if reverse {
			pp.Time = backFrom
			r, err = s.ReverseRange(q.home, pp, backWindow)
		} else {
			pp.Time = outFrom
			r, err = s.ForwardRange(q.home, pp, outWindow)
		}
		dp.searches++
		return r
	}
	dp.out = run(q.s.out, pr.StepFree, false)
	dp.back = run(q.s.back, pr.StepFree, true)
	if pr.StepFree {
		dp.outAny = run(q.s.outAny, false, false)
		dp.backAny = run(q.s.backAny, false, true)
	}
	if err != nil {
		return nil, fmt.Errorf("transit search for %s: %w", d, err)
	}
	return dp, nil
}

// outLookup finds, among the venue's stops, the latest departure from home
// that arrives at the venue by deadline, and for that departure the
// earliest arrival.
func outLookup(r *transit.RangeResult, venue []transit.StopAccess, deadline int32, buf []transit.ProfilePoint) (dep, arr int32, ok bool) {
	for _, e := range venue {
		buf = r.Profile(e.Stop, buf[:0])
		for _, pt := range buf {
			a := pt.Ride + e.Seconds
			if pt.RideOK && a <= deadline && (!ok || pt.Time > dep || (pt.Time == dep && a < arr)) {
				dep, arr, ok = pt.Time, a, true
			}
		}
	}
	return dep, arr, ok
}

// backLookup finds the earliest arrival home leaving the venue at or after
// ready, and for that arrival the latest time to leave; last is the latest time any ride home boards at the venue's stops
// (the last bus home), lastOK false when there is none at all.
func backLookup(r *transit.RangeResult, venue []transit.StopAccess, ready int32, buf []transit.ProfilePoint) (leave, arr, last int32, ok, lastOK bool) {
	for _, e := range venue {
		buf = r.Profile(e.Stop, buf[:0])
		for _, pt := range buf {
			if !pt.RideOK {
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

// transitWay evaluates bus/rail for one session from the day's profiles.
func (q *query) transitWay(dp *dayProfiles, s *session) way {
	w := way{mode: "bus"}
	venue, err := q.stopAccess(s.venue)
	if err != nil {
		w.fail(NoJourney, fmt.Sprintf("the walks from the stops to %s could not be worked out", s.siteName))
		return w
	}
	if len(venue) == 0 {
		w.fail(NoJourney, fmt.Sprintf("no bus or train stop within %.0f m of %s", q.req.Profile.MaxWalkM, s.siteName))
		return w
	}
	deadline := s.startS - int32(q.margin.Seconds())
	dep, arr, okOut := outLookup(dp.out, venue, deadline, q.buf)
	leave, home, last, okBack, lastOK := backLookup(dp.back, venue, s.endS, q.buf)
	if q.req.Profile.StepFree && (!okOut || !okBack) {
		_, _, anyOut := outLookup(dp.outAny, venue, deadline, q.buf)
		_, _, _, anyBack, _ := backLookup(dp.backAny, venue, s.endS, q.buf)
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
	w.transit = &transitPlan{day: dp, venue: venue, deadline: deadline, ready: s.endS}
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
