package transit

import (
	"fmt"
	"slices"
)

// This file derives what-if snapshots: a copy of a snapshot with some
// stops and trips made step-free or with trips added. The original is
// never modified — every slice a change touches is copied first, the rest
// are shared — so it stays safe for the searches already using it, and
// derived snapshots share its stops (SameStops), so indexes keyed by stop
// carry over.

// Edit is a set of changes to derive a snapshot from.
type Edit struct {
	// StepFreeStops and StepFreeTrips (GTFS trip indices) become
	// AccessYes: surveyed step-free, no longer unknown or assumed.
	StepFreeStops []int32
	StepFreeTrips []int32
	// AddTrips are new runs of existing trips' stops.
	AddTrips []NewTrip
}

// NewTrip is one more run of a template trip: the same route, stops,
// pickup and drop-off rules, running times and access value, starting at
// another time and optionally on other weekdays.
type NewTrip struct {
	// ID names the new trip; it must not be a trip ID of its feed.
	ID string
	// Template is the GTFS trip index copied (its first run, for a trip
	// expanded from frequencies).
	Template int32
	// Depart is the first departure, seconds since the service day's
	// midnight (0 to 48 h less the run's length).
	Depart int32
	// Days (bit 1<<time.Weekday per weekday) gives the trip a service of
	// its own over the template's calendar dates (or every date when the
	// template's service has only calendar_dates); 0 keeps the template's
	// service.
	Days uint8
}

// Derive returns a snapshot with e applied; s is unchanged.
func (s *Snapshot) Derive(e Edit) (*Snapshot, error) {
	d := *s
	if err := d.setStopsStepFree(e.StepFreeStops); err != nil {
		return nil, fmt.Errorf("derive snapshot: %w", err)
	}
	if err := d.setTripsStepFree(e.StepFreeTrips); err != nil {
		return nil, fmt.Errorf("derive snapshot: %w", err)
	}
	for _, t := range e.AddTrips {
		if err := d.addTrip(t); err != nil {
			return nil, fmt.Errorf("derive snapshot: add trip %q: %w", t.ID, err)
		}
	}
	if len(e.AddTrips) > 0 {
		if err := (&builder{s: &d}).stopIndex(); err != nil {
			return nil, fmt.Errorf("derive snapshot: %w", err)
		}
	}
	if len(e.AddTrips)+len(e.StepFreeTrips) > 0 {
		d.numberRuns() // runs' times or access changed
	} else {
		d.dayKeys = newDayKeyCache()
	}
	return &d, nil
}

func (s *Snapshot) setStopsStepFree(stops []int32) error {
	if len(stops) == 0 {
		return nil
	}
	s.stopAccess = slices.Clone(s.stopAccess)
	for _, v := range stops {
		if v < 0 || int(v) >= len(s.stopAccess) {
			return errStopRange(v)
		}
		s.stopAccess[v] = AccessYes
	}
	return nil
}

func (s *Snapshot) setTripsStepFree(trips []int32) error {
	if len(trips) == 0 {
		return nil
	}
	s.tripAccess = slices.Clone(s.tripAccess)
	for _, t := range trips {
		if t < 0 || int(t) >= len(s.tripAccess) {
			return fmt.Errorf("trip index %d out of range", t)
		}
		s.tripAccess[t] = AccessYes
	}
	s.ptAccess = slices.Clone(s.ptAccess)
	for g, m := range s.ptMeta {
		s.ptAccess[g] = s.tripAccess[m]
	}
	return nil
}

// addTrip appends the new run as a pattern of its own (one run cannot
// overtake another), with a GTFS trip and, for other days, a service of
// its own. Every slice it grows is clipped first, so the append copies.
func (s *Snapshot) addTrip(nt NewTrip) error {
	t := nt.Template
	g, ok := s.firstRun(t)
	if !ok {
		return fmt.Errorf("template trip index %d has no run", t)
	}
	if _, dup := s.TripIndex(s.feeds[s.tripFeed[t]].id, nt.ID); dup || nt.ID == "" {
		return fmt.Errorf("trip id %q is empty or taken", nt.ID)
	}
	p := s.ptPattern[g]
	n := s.patLen(p)
	base := s.timeBase(p, g-s.patTripOff[p], n)
	shift := nt.Depart - s.times[base+1]
	if first, last := s.times[base]+shift, s.times[base+int64(2*n)-1]+shift; first < 0 || last > 2*86400 {
		return fmt.Errorf("the run would start before midnight or end after 48:00")
	}
	svc := s.tripService[t]
	if nt.Days != 0 {
		svc = s.addService("derived:"+nt.ID, s.tripFeed[t], nt.Days&0x7f, svc)
	}
	m := int32(len(s.tripID))
	s.tripID = append(slices.Clip(s.tripID), nt.ID)
	s.tripRoute = append(slices.Clip(s.tripRoute), s.tripRoute[t])
	s.tripService = append(slices.Clip(s.tripService), svc)
	s.tripAccess = append(slices.Clip(s.tripAccess), s.tripAccess[t])
	s.tripFeed = append(slices.Clip(s.tripFeed), s.tripFeed[t])
	s.appendPattern(p, base, shift, m)
	return nil
}

// appendPattern adds a one-run pattern copying pattern p's stops and the
// run whose times start at base, shifted, as GTFS trip m.
func (s *Snapshot) appendPattern(p int32, base int64, shift, m int32) {
	lo, hi := s.patStopOff[p], s.patStopOff[p+1]
	np := int32(len(s.patRoute))
	s.patStops = append(slices.Clip(s.patStops), s.patStops[lo:hi]...)
	s.patCanOn = append(slices.Clip(s.patCanOn), s.patCanOn[lo:hi]...)
	s.patCanOff = append(slices.Clip(s.patCanOff), s.patCanOff[lo:hi]...)
	s.patStopOff = append(slices.Clip(s.patStopOff), int32(len(s.patStops)))
	s.patRoute = append(slices.Clip(s.patRoute), s.patRoute[p])
	s.patTimeOff = append(slices.Clip(s.patTimeOff), int64(len(s.times)))
	times := slices.Clip(s.times)
	for k := range int64(2 * (hi - lo)) {
		times = append(times, s.times[base+k]+shift)
	}
	s.times = times
	s.ptMeta = append(slices.Clip(s.ptMeta), m)
	s.ptService = append(slices.Clip(s.ptService), s.tripService[m])
	s.ptAccess = append(slices.Clip(s.ptAccess), s.tripAccess[m])
	s.ptPattern = append(slices.Clip(s.ptPattern), np)
	s.patTripOff = append(slices.Clip(s.patTripOff), int32(len(s.ptMeta)))
	s.stopTimes += int(hi - lo)
}

// addService adds a weekday service over like's calendar dates (every
// date when like has none) and returns its index.
func (s *Snapshot) addService(id string, feed int32, days uint8, like int32) int32 {
	start, end := Date(-1<<24), Date(1<<24)
	if like >= 0 && s.svcEnd[like] >= s.svcStart[like] {
		start, end = s.svcStart[like], s.svcEnd[like]
	}
	i := int32(len(s.svcID))
	s.svcID = append(slices.Clip(s.svcID), id)
	s.svcFeed = append(slices.Clip(s.svcFeed), feed)
	s.svcDays = append(slices.Clip(s.svcDays), days)
	s.svcStart = append(slices.Clip(s.svcStart), start)
	s.svcEnd = append(slices.Clip(s.svcEnd), end)
	return i
}

// firstRun is the first pattern-trip of GTFS trip t.
func (s *Snapshot) firstRun(t int32) (int32, bool) {
	for g, m := range s.ptMeta {
		if m == t {
			return int32(g), true
		}
	}
	return -1, false
}

// SameStops reports whether s and o hold the same stops at the same
// indices and positions — true of a snapshot and those derived from it —
// so that anything indexed by stop for one serves the other.
func (s *Snapshot) SameStops(o *Snapshot) bool {
	switch {
	case o == nil:
		return false
	case s == o:
		return true
	case len(s.stopPoint) != len(o.stopPoint):
		return false
	case len(s.stopPoint) > 0 && &s.stopPoint[0] == &o.stopPoint[0]:
		return true
	}
	return slices.Equal(s.stopPoint, o.stopPoint)
}

// TripIndex finds a GTFS trip by feed and trip ID (a linear scan: for
// what-ifs, not searches).
func (s *Snapshot) TripIndex(feedID, tripID string) (int32, bool) {
	for i, id := range s.tripID {
		if id == tripID && s.feeds[s.tripFeed[i]].id == feedID {
			return int32(i), true
		}
	}
	return -1, false
}

// RouteIndex finds a GTFS route by feed and route ID (a linear scan).
func (s *Snapshot) RouteIndex(feedID, routeID string) (int32, bool) {
	for i, id := range s.routeID {
		if id == routeID && s.feeds[s.routeFeed[i]].id == feedID {
			return int32(i), true
		}
	}
	return -1, false
}

// RouteTrips lists the GTFS trips of route r that have a run.
func (s *Snapshot) RouteTrips(r int32) []int32 {
	var out []int32
	seen := make([]bool, len(s.tripID))
	for _, m := range s.ptMeta {
		if s.tripRoute[m] == r && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// TripStops lists the stops of trip t's first run, in order.
func (s *Snapshot) TripStops(t int32) []int32 {
	g, ok := s.firstRun(t)
	if !ok {
		return nil
	}
	p := s.ptPattern[g]
	return slices.Clone(s.patStops[s.patStopOff[p]:s.patStopOff[p+1]])
}

// TripSpan is trip t's first run's first departure and last arrival,
// seconds since its service day's midnight; ok is false for a trip with
// no run.
func (s *Snapshot) TripSpan(t int32) (first, last int32, ok bool) {
	g, ok := s.firstRun(t)
	if !ok {
		return 0, 0, false
	}
	p := s.ptPattern[g]
	n := s.patLen(p)
	base := s.timeBase(p, g-s.patTripOff[p], n)
	return s.times[base+1], s.times[base+int64(2*n)-2], true
}

// TripActive reports whether trip t's service runs on d.
func (s *Snapshot) TripActive(t int32, d Date) bool {
	svc := s.tripService[t]
	return svc >= 0 && s.ServiceActive(svc, d)
}

// TripRouteIndex is the route index of trip t.
func (s *Snapshot) TripRouteIndex(t int32) int32 { return s.tripRoute[t] }

// RouteType is the GTFS route_type of route r.
func (s *Snapshot) RouteType(r int32) int { return int(s.routeType[r]) }

// HasFeed reports whether the snapshot holds feed id.
func (s *Snapshot) HasFeed(id string) bool {
	return slices.ContainsFunc(s.feeds, func(f feedInfo) bool { return f.id == id })
}
