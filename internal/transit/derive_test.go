package transit

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestDeriveMatchesRebuild: a derived snapshot searches exactly as one
// built from the input with the same changes made to it — stops and trips
// marked wheelchair 1, one more trip copying a template's stop times —
// and deriving leaves the original's answers as they were.
func TestDeriveMatchesRebuild(t *testing.T) {
	added := 0
	defer func() {
		if !t.Failed() && added == 0 {
			t.Error("no generated network got an added trip: the test proves nothing about AddTrips")
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{noExtras: true})
		orig := buildT(t, in)
		p := genParams(t)
		ends := genEndpoints(t, len(in.Stops), "ends")
		before := searchBoth(t, orig, ends, p)
		edit, want := drawEdit(t, orig, in)
		if len(edit.AddTrips) > 0 {
			added++
		}
		got, err := orig.Derive(edit)
		if err != nil {
			t.Fatal(err)
		}
		if !got.SameStops(orig) {
			t.Fatal("a derived snapshot does not share its original's stops")
		}
		rebuilt := buildT(t, want)
		if a, b := searchBoth(t, got, ends, p), searchBoth(t, rebuilt, ends, p); !slices.Equal(a, b) {
			t.Fatalf("derived and rebuilt snapshots disagree:\n%v\n%v", a, b)
		}
		if after := searchBoth(t, orig, ends, p); !slices.Equal(before, after) {
			t.Fatal("deriving changed the original snapshot's answers")
		}
	})
}

// drawEdit draws step-free stops (not parent stations, whose value their
// children inherit at build time) and trips and perhaps one added trip,
// and returns the edit and the input with the same changes.
func drawEdit(t *rapid.T, s *Snapshot, in Input) (Edit, Input) {
	var e Edit
	out := in
	out.Stops, out.Trips = slices.Clone(in.Stops), slices.Clone(in.Trips)
	out.StopTimes, out.Calendars = slices.Clone(in.StopTimes), slices.Clone(in.Calendars)
	stations := int(stationsOf(in))
	for range rapid.IntRange(0, 3).Draw(t, "sfStops") {
		v := rapid.IntRange(stations, len(in.Stops)-1).Draw(t, "sfStop")
		e.StepFreeStops = append(e.StepFreeStops, int32(v))
		out.Stops[v].Wheelchair = 1
	}
	for range rapid.IntRange(0, 3).Draw(t, "sfTrips") {
		tr := rapid.IntRange(0, len(in.Trips)-1).Draw(t, "sfTrip")
		e.StepFreeTrips = append(e.StepFreeTrips, int32(tr))
		out.Trips[tr].Wheelchair = 1
	}
	tmpl := int32(rapid.IntRange(0, len(in.Trips)-1).Draw(t, "template"))
	if _, ok := s.firstRun(tmpl); !ok || !rapid.Bool().Draw(t, "add") {
		return e, out
	}
	nt := NewTrip{ID: "new", Template: tmpl, Depart: int32(rapid.IntRange(3600, 26*3600).Draw(t, "depart"))}
	if rapid.Bool().Draw(t, "ownDays") {
		nt.Days = uint8(rapid.IntRange(1, 127).Draw(t, "days"))
	}
	e.AddTrips = append(e.AddTrips, nt)
	addTripToInput(&out, nt)
	return e, out
}

// addTripToInput appends nt to in as a GTFS trip with its own stop times
// (and calendar, for its own days).
func addTripToInput(in *Input, nt NewTrip) {
	tmpl := in.Trips[nt.Template]
	trip := Trip{ID: nt.ID, RouteID: tmpl.RouteID, ServiceID: tmpl.ServiceID, Wheelchair: tmpl.Wheelchair, FeedID: tmpl.FeedID}
	if nt.Days != 0 {
		trip.ServiceID = "derived:" + nt.ID
		cal := Calendar{FeedID: tmpl.FeedID, ServiceID: trip.ServiceID, Days: nt.Days, Start: -1 << 24, End: 1 << 24}
		for _, c := range in.Calendars {
			if c.ServiceID == tmpl.ServiceID && c.End >= c.Start {
				cal.Start, cal.End = c.Start, c.End
			}
		}
		in.Calendars = append(in.Calendars, cal)
	}
	idx := int32(len(in.Trips))
	in.Trips = append(in.Trips, trip)
	var calls []StopTime
	for _, st := range in.StopTimes {
		if st.TripIndex == nt.Template && st.TripID == "" {
			calls = append(calls, st)
		}
	}
	slices.SortStableFunc(calls, func(a, b StopTime) int { return int(a.Seq - b.Seq) })
	shift := nt.Depart - calls[0].Dep
	for _, st := range calls {
		st.TripIndex, st.Arr, st.Dep = idx, st.Arr+shift, st.Dep+shift
		in.StopTimes = append(in.StopTimes, st)
	}
}

// searchBoth runs a forward search from ends and a reverse one to them,
// and lists every stop's times.
func searchBoth(t *rapid.T, s *Snapshot, ends []StopAccess, p Params) []int32 {
	w := NewSearcher(s)
	var out []int32
	res, err := w.Forward(ends, p)
	if err != nil {
		t.Fatal(err)
	}
	b, r := times(res, s.NumStops())
	out = append(append(out, b...), r...)
	if res, err = w.Reverse(ends, p); err != nil {
		t.Fatal(err)
	}
	b, r = times(res, s.NumStops())
	return append(append(out, b...), r...)
}

// TestDeriveLookups checks the lookups a what-if resolves names with, on
// the Isle of Wight feed.
func TestDeriveLookups(t *testing.T) {
	s := buildT(t, cachedFeed(t, iowPath, "iow", iowPolicy))
	r, ok := s.RouteIndex("iow", "352")
	if !ok {
		t.Fatal("route 352 (Southern Vectis 22) not found")
	}
	trips := s.RouteTrips(r)
	if len(trips) == 0 {
		t.Fatal("route 352 has no trips")
	}
	for _, tr := range trips {
		if s.TripRouteIndex(tr) != r {
			t.Fatalf("trip %d is not on route 352", tr)
		}
		first, last, ok := s.TripSpan(tr)
		stops := s.TripStops(tr)
		if !ok || last <= first || len(stops) < 2 {
			t.Fatalf("trip %s: span %d–%d, %d stops", s.Trip(tr).ID, first, last, len(stops))
		}
		if i, ok := s.TripIndex("iow", s.Trip(tr).ID); !ok || i != tr {
			t.Fatalf("TripIndex(%s) = %d, %v", s.Trip(tr).ID, i, ok)
		}
	}
	if !s.HasFeed("iow") || s.HasFeed("other-feed") {
		t.Error("HasFeed does not tell the snapshot's feed from another")
	}
	if _, ok := s.TripIndex("other-feed", s.Trip(trips[0]).ID); ok {
		t.Error("TripIndex found a trip in a feed that does not exist")
	}
	if _, err := s.Derive(Edit{AddTrips: []NewTrip{{ID: s.Trip(trips[0]).ID, Template: trips[0], Depart: 20 * 3600}}}); err == nil {
		t.Error("Derive accepted an added trip with a taken ID")
	}
	if _, err := s.Derive(Edit{StepFreeStops: []int32{int32(s.NumStops())}}); err == nil {
		t.Error("Derive accepted a stop index out of range")
	}
	checkLateRun(t, s, trips[len(trips)-1])
}

// checkLateRun runs trip tr again at 20:00 on Wednesdays (the feed's buses
// stop before 18:00): from its first stop at 19:59 its last stop is
// reached by the time the copy arrives there, and not that day without it.
func checkLateRun(t *testing.T, s *Snapshot, tr int32) {
	first, last, _ := s.TripSpan(tr)
	stops := s.TripStops(tr)
	d, err := s.Derive(Edit{AddTrips: []NewTrip{{ID: "late", Template: tr, Depart: hms(20, 0, 0), Days: Weekdays(time.Wednesday)}}})
	if err != nil {
		t.Fatal(err)
	}
	nt, ok := d.TripIndex("iow", "late")
	if !ok || !d.TripActive(nt, iowDate) || d.TripActive(nt, iowDate+1) {
		t.Fatalf("the late run is not a Wednesday trip (found %v)", ok)
	}
	from := []StopAccess{{Stop: stops[0], Seconds: 0, Metres: -1}}
	p := Params{Date: iowDate, Time: hms(19, 59, 0), WalkSpeed: 1.2, MaxTransfers: 0}
	want := hms(20, 0, 0) + last - first
	res, err := NewSearcher(d).Forward(from, p)
	if err != nil {
		t.Fatal(err)
	}
	end := stops[len(stops)-1]
	if got, ok := res.RideTime(end); !ok || got > want || got < p.Time {
		t.Errorf("with the late run: arrive %d (%v), want by %d", got, ok, want)
	}
	if res, err = NewSearcher(s).Forward(from, p); err != nil {
		t.Fatal(err)
	}
	if got, ok := res.RideTime(end); ok && got <= want {
		t.Errorf("without the late run the last stop is reached at %d, by %d", got, want)
	}
}
