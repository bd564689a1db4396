package scenario

import (
	"fmt"
	"slices"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Network changes are collected per network as a transit.Edit for its
// snapshot and another for its policy-free twin (Strict), looked up in
// each by ID, and derived once at the end (transit.Snapshot.Derive): the
// published snapshots are never modified.

// feedNets lists the networks holding a feed (every network for "").
func (ap *applier) feedNets(feed, f string) ([]int, error) {
	var out []int
	for ni, n := range ap.w.Input.Networks {
		if n.Snapshot != nil && (feed == "" || n.Snapshot.HasFeed(feed)) {
			out = append(out, ni)
		}
	}
	if len(out) == 0 {
		if feed == "" {
			return nil, &RefError{f, "no timetable is loaded"}
		}
		return nil, &RefError{f + ".feed_id", "no loaded timetable feed has this id"}
	}
	return out, nil
}

// each calls fn with the edit and snapshot of network ni's two snapshots
// (the strict one when there is one).
func (ap *applier) each(ni int, fn func(e *transit.Edit, s *transit.Snapshot) error) error {
	n := ap.w.Input.Networks[ni]
	ap.edits[ni].used = true
	if err := fn(&ap.edits[ni].snap, n.Snapshot); err != nil {
		return err
	}
	if n.Strict != nil {
		return fn(&ap.edits[ni].strict, n.Strict)
	}
	return nil
}

func (ap *applier) stepFree(c *StepFree, f string) error {
	nets, err := ap.feedNets(c.FeedID, f)
	if err != nil {
		return err
	}
	ap.a.stepFree = true
	for _, ni := range nets {
		if err := ap.each(ni, func(e *transit.Edit, s *transit.Snapshot) error { return stepFreeIn(c, e, s, f) }); err != nil {
			return err
		}
	}
	return nil
}

func stepFreeIn(c *StepFree, e *transit.Edit, s *transit.Snapshot, f string) error {
	switch c.kind {
	case TypeStepFreeStop:
		v, ok := s.StopIndex(c.FeedID, c.StopID)
		if !ok {
			return &RefError{f + ".stop_id", "no stop with this id in that feed"}
		}
		e.StepFreeStops = append(e.StepFreeStops, v)
	case TypeStepFreeTrip:
		t, ok := s.TripIndex(c.FeedID, c.TripID)
		if !ok {
			return &RefError{f + ".trip_id", "no trip with this id in that feed"}
		}
		e.StepFreeTrips = append(e.StepFreeTrips, t)
	case TypeStepFreeRoute:
		r, ok := s.RouteIndex(c.FeedID, c.RouteID)
		if !ok {
			return &RefError{f + ".route_id", "no route with this id in that feed"}
		}
		for _, t := range s.RouteTrips(r) {
			e.StepFreeTrips = append(e.StepFreeTrips, t)
			e.StepFreeStops = append(e.StepFreeStops, s.TripStops(t)...)
		}
	case TypeStepFreeNetwork:
		for v := range int32(s.NumStops()) {
			if c.FeedID == "" || s.Stop(v).FeedID == c.FeedID {
				e.StepFreeStops = append(e.StepFreeStops, v)
			}
		}
		for t := range int32(s.NumTrips()) {
			if c.FeedID == "" || s.Trip(t).FeedID == c.FeedID {
				e.StepFreeTrips = append(e.StepFreeTrips, t)
			}
		}
	}
	return nil
}

func (ap *applier) addTrip(i int, c *AddTrip, f string) error {
	nets, err := ap.feedNets(c.FeedID, f)
	if err != nil {
		return err
	}
	ni := nets[0]
	s := ap.w.Input.Networks[ni].Snapshot
	tmpl, err := template(s, c, f)
	if err != nil {
		return err
	}
	first, last, _ := s.TripSpan(tmpl)
	if c.depart+last-first > 48*3600 {
		return &RefError{f + ".depart", "the run would end after 48:00 on its service day"}
	}
	var days uint8
	for _, d := range c.days {
		days |= 1 << d
	}
	id := fmt.Sprintf("scenario-trip-%d", i)
	tmplID := s.Trip(tmpl).ID
	ap.a.trips = append(ap.a.trips, addedTrip{net: ni, feed: c.FeedID, id: id})
	return ap.each(ni, func(e *transit.Edit, s *transit.Snapshot) error {
		t, ok := s.TripIndex(c.FeedID, tmplID)
		if !ok {
			return fmt.Errorf("%s: trip %s is not in the policy-free timetable", f, tmplID)
		}
		e.AddTrips = append(e.AddTrips, transit.NewTrip{ID: id, Template: t, Depart: c.depart, Days: days})
		return nil
	})
}

// template is the trip an added run copies: the one named, which must be
// on the route, or the route's trip with the latest first departure.
func template(s *transit.Snapshot, c *AddTrip, f string) (int32, error) {
	r, ok := s.RouteIndex(c.FeedID, c.RouteID)
	if !ok {
		return 0, &RefError{f + ".route_id", "no route with this id in that feed"}
	}
	trips := s.RouteTrips(r)
	if c.TripID != "" {
		t, ok := s.TripIndex(c.FeedID, c.TripID)
		if !ok || !slices.Contains(trips, t) {
			return 0, &RefError{f + ".trip_id", "no trip with this id runs on the route"}
		}
		return t, nil
	}
	if len(trips) == 0 {
		return 0, &RefError{f + ".route_id", "the route has no trip to copy"}
	}
	best, bestDep := trips[0], int32(-1)
	for _, t := range trips {
		if d, _, _ := s.TripSpan(t); d > bestDep {
			best, bestDep = t, d
		}
	}
	return best, nil
}

// derive builds the changed networks and zones.
func (ap *applier) derive() error {
	in := &ap.w.Input
	a := &ap.a
	a.nets, a.zones = in.Networks, in.Zones
	if len(a.newZones) > 0 {
		a.zones = append(slices.Clip(in.Zones), a.newZones...)
		a.netChanged = true
	}
	if !slices.ContainsFunc(ap.edits, func(e netEdit) bool { return e.used }) {
		return nil
	}
	a.netChanged = true
	a.nets = slices.Clone(in.Networks)
	for ni, e := range ap.edits {
		if !e.used {
			continue
		}
		n, err := deriveNetwork(in.Networks[ni], e)
		if err != nil {
			return err
		}
		a.nets[ni] = n
	}
	for k := range a.trips {
		t := &a.trips[k]
		t.snap = a.nets[t.net].Snapshot
		t.trip, _ = t.snap.TripIndex(t.feed, t.id)
		t.first, t.last, _ = t.snap.TripSpan(t.trip)
	}
	return nil
}

func deriveNetwork(n coverage.Network, e netEdit) (coverage.Network, error) {
	var out coverage.Network
	var err error
	if out.Snapshot, err = n.Snapshot.Derive(e.snap); err != nil {
		return out, err
	}
	if n.Strict != nil {
		if out.Strict, err = n.Strict.Derive(e.strict); err != nil {
			return out, err
		}
	}
	return out, nil
}
