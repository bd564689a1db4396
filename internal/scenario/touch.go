package scenario

import (
	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// The day's journeys coverage searches, as internal/coverage bounds them:
// leaving from 05:00, home by midnight.
const (
	outFrom = 5 * 3600
	dayEnd  = 24 * 3600
)

// touched lists the scenario activities whose share of p's coverage the
// change set may alter; every other activity keeps its baseline share.
// Coverage is a sum over activities (coverage.ActivityReach), so an
// activity-level change touches only its activity. A network change
// touches:
//
//   - step-free stops or trips: every activity, for step-free profiles
//     that ride (no other profile reads access values);
//   - an added trip: for profiles that ride, the activities with a session
//     in the week whose journeys could ride it — the trip runs that day
//     (or the day before or after, past midnight) within the session's
//     outward window (05:00 less the longest journey, to the start) or
//     its return window (the end, to midnight plus the longest journey);
//   - a new dial-a-ride zone: for profiles that use dial-a-ride, the
//     activities whose venue lies in it (a ride needs both ends inside).
func (a *applied) touched(p profile.Profile, in *coverage.Input) []int32 {
	rides := p.Uses(profile.Bus) || p.Uses(profile.Rail)
	all := a.stepFree && p.StepFree && rides
	trips := rides && len(a.trips) > 0
	zones := p.Uses(profile.DialARide) && len(a.newZones) > 0
	maxDur := int32(max(p.MaxJourney(reach.DefaultMaxJourney(false)), p.MaxJourney(reach.DefaultMaxJourney(true))).Seconds())
	var out []int32
	for i := range a.acts {
		act := &a.acts[i]
		if all || a.dirty[i] || a.origin[i] < 0 || (zones && a.inNewZone(act)) || (trips && a.mayRide(act, in, maxDur)) {
			out = append(out, int32(i))
		}
	}
	return out
}

func (a *applied) inNewZone(act *reach.Activity) bool {
	for k := range a.newZones {
		if a.newZones[k].Contains(act.Venue) {
			return true
		}
	}
	return false
}

// mayRide reports whether a journey to or from a session of act in the
// week could ride an added trip.
func (a *applied) mayRide(act *reach.Activity, in *coverage.Input, maxDur int32) bool {
	for _, s := range act.Sessions(in.Week, in.Week.AddDate(0, 0, 7), in.Location) {
		day, start := transit.ServiceTime(s.Start, in.Location)
		_, end := transit.ServiceTime(s.End, in.Location)
		if end < start {
			end += 86400
		}
		for _, t := range a.trips {
			if t.overlaps(day, outFrom-maxDur, start) || t.overlaps(day, end, dayEnd+maxDur) {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether the trip runs within [lo, hi] seconds of day's
// midnight, counting its runs of the day before and after.
func (t *addedTrip) overlaps(day transit.Date, lo, hi int32) bool {
	for k := int32(-1); k <= 1; k++ {
		if !t.snap.TripActive(t.trip, day+transit.Date(k)) {
			continue
		}
		if first, last := t.first+k*86400, t.last+k*86400; first <= hi && last >= lo {
			return true
		}
	}
	return false
}
