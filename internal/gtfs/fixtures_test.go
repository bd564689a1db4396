package gtfs

import (
	"errors"
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// collect reads every row a streaming method yields.
func collect[T any](t *testing.T, read func(func(T) error) error) []T {
	t.Helper()
	var out []T
	if err := read(func(v T) error { out = append(out, v); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func openGood(t *testing.T) *Feed {
	t.Helper()
	f, err := Open("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// issueAt finds the issue of file on line.
func issueAt(t *testing.T, f *Feed, file string, line int) Issue {
	t.Helper()
	rep, ok := f.FileReport(file)
	if !ok {
		t.Fatalf("no report for %s", file)
	}
	for _, is := range rep.Issues {
		if is.Line == line {
			return is
		}
	}
	t.Fatalf("%s: no issue on line %d; issues: %v", file, line, rep.Issues)
	return Issue{}
}

func TestGoodAgencies(t *testing.T) {
	f := openGood(t)
	ags := collect(t, f.Agencies)
	// BOM before agency_id and " agency_name " must not hide the columns;
	// the last line has no newline.
	if len(ags) != 2 || ags[0].ID != "SV" || ags[0].Name != "Southern Vectis" || ags[1].Name != "more Bus" || ags[1].Timezone != "Europe/London" {
		t.Fatalf("agencies = %+v", ags)
	}
}

func TestGoodStops(t *testing.T) {
	f := openGood(t)
	stops := collect(t, f.Stops)
	byID := map[string]Stop{}
	for _, s := range stops {
		byID[s.ID] = s
	}
	if len(stops) != 7 {
		t.Fatalf("got %d stops, want 7: %+v", len(stops), stops)
	}
	st := byID["230000003100"]
	if st.Name != "Shanklin Bus Station, Stand A" || st.ParentStation != "STN1" || st.WheelchairBoarding != WheelchairUnknown {
		t.Errorf("child stop = %+v", st)
	}
	// stop_lon comes before stop_lat in this file.
	if st.Pos[0] != -1.179534 || st.Pos[1] != 50.63165 {
		t.Errorf("Pos = %v, want [-1.179534 50.63165]", st.Pos)
	}
	if s := byID["STN1"]; s.LocationType != LocationStation || s.WheelchairBoarding != WheelchairAccessible {
		t.Errorf("station = %+v", s)
	}
	if s := byID["ENT1"]; s.LocationType != LocationEntrance || s.ParentStation != "STN1" {
		t.Errorf("entrance = %+v", s)
	}
	if s := byID["230000003490"]; s.Name != `Carter Avenue "north"` || s.WheelchairBoarding != WheelchairNo {
		t.Errorf("quoted stop = %+v", s)
	}
	if s := byID["230000003670"]; s.WheelchairBoarding != WheelchairUnknown {
		t.Errorf("empty wheelchair_boarding read as %d, want 0", s.WheelchairBoarding)
	}
	if s, ok := byID["2300147"]; !ok || s.Name != "Ryde Pier Head" {
		t.Errorf("spaces around values not trimmed: %+v", stops)
	}
	if s, ok := byID["WCBAD"]; !ok || s.WheelchairBoarding != WheelchairUnknown {
		t.Errorf("invalid wheelchair value: kept row %v with %d, want row kept as unknown", ok, s.WheelchairBoarding)
	}
	rep, _ := f.FileReport("stops.txt")
	if rep.Read != 9 || rep.Loaded != 7 || rep.Rejected != 2 || rep.Warnings != 1 {
		t.Errorf("report = %+v", rep)
	}
	if is := issueAt(t, f, "stops.txt", 6); !is.Skipped || is.Field != "stop_lat" || is.Value != "95.0" {
		t.Errorf("line 6 issue = %+v", is)
	}
	if is := issueAt(t, f, "stops.txt", 8); is.Skipped || is.Field != "wheelchair_boarding" {
		t.Errorf("line 8 issue = %+v", is)
	}
	if is := issueAt(t, f, "stops.txt", 10); !is.Skipped || !strings.Contains(is.Reason, "0,0") {
		t.Errorf("line 10 issue = %+v", is)
	}
}

func TestGoodRoutesTrips(t *testing.T) {
	f := openGood(t)
	routes := collect(t, f.Routes)
	if len(routes) != 2 || routes[0].ID != "352" || routes[0].Type != RouteBus || routes[0].LongName != "Shanklin Bus Station - Pointer Inn" || routes[0].SortOrder != -1 {
		t.Errorf("routes = %+v", routes)
	}
	if is := issueAt(t, f, "routes.txt", 4); !is.Skipped || is.Field != "route_type" {
		t.Errorf("routes line 4 issue = %+v", is)
	}
	trips := collect(t, f.Trips)
	want := []int8{WheelchairAccessible, WheelchairNo, WheelchairUnknown, WheelchairUnknown}
	for i, tr := range trips {
		if tr.WheelchairAccessible != want[i] {
			t.Errorf("trip %s wheelchair_accessible = %d, want %d", tr.ID, tr.WheelchairAccessible, want[i])
		}
	}
	if len(trips) != 4 || trips[2].Headsign != "Shanklin, Bus Station" || trips[1].DirectionID != 1 {
		t.Errorf("trips = %+v", trips)
	}
}

func TestGoodStopTimes(t *testing.T) {
	f := openGood(t)
	sts := collect(t, f.StopTimes)
	if len(sts) != 12 {
		t.Fatalf("got %d stop times, want 12", len(sts))
	}
	if sts[0].Arrival != 8*3600 || sts[0].Departure != 8*3600+30 || sts[0].Timepoint != 1 {
		t.Errorf("first = %+v", sts[0])
	}
	if sts[2].Timed() || sts[2].Timepoint != 0 || !math.IsNaN(sts[2].ShapeDistTraveled) {
		t.Errorf("untimed row = %+v", sts[2])
	}
	if sts[6].Arrival != 90600 || sts[6].PickupType != PickupNone {
		t.Errorf("25:10:00 row = %+v", sts[6])
	}
	if sts[7].Arrival != 7*3600+5*60 {
		t.Errorf("' 7:05:00' read as %d", sts[7].Arrival)
	}
	if sts[10].Timed() {
		t.Errorf("row with invalid 26:61:00 should read as untimed: %+v", sts[10])
	}
	rep, _ := f.FileReport("stop_times.txt")
	if rep.Read != 13 || rep.Loaded != 12 || rep.Rejected != 1 || rep.Warnings != 1 {
		t.Errorf("report = %+v", rep)
	}
	if is := issueAt(t, f, "stop_times.txt", 12); is.Skipped || is.Field != "arrival_time" || is.Value != "26:61:00" {
		t.Errorf("line 12 issue = %+v", is)
	}
	if is := issueAt(t, f, "stop_times.txt", 14); !is.Skipped || is.Field != "trip_id" {
		t.Errorf("line 14 issue = %+v", is)
	}
}

func TestGoodTripStopTimesInterpolated(t *testing.T) {
	f := openGood(t)
	pos := stopPositions(t, f)
	type trip struct {
		id  string
		sts []StopTime
	}
	var trips []trip
	err := f.TripStopTimes(func(id string, sts []StopTime) error {
		if _, err := InterpolateTimes(sts, pos); err != nil {
			return err
		}
		trips = append(trips, trip{id, append([]StopTime(nil), sts...)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(trips) != 4 || trips[0].id != "T1" || trips[3].id != "T4" {
		t.Fatalf("trips = %+v", trips)
	}
	t1 := trips[0].sts
	if t1[1].StopID != "230000003490" || !t1[1].Interpolated || t1[1].Timepoint != 0 {
		t.Fatalf("T1 not sorted by stop_sequence or not interpolated: %+v", t1)
	}
	// Carter Avenue is about 0.58 km from Shanklin and Ryde Pier Head about
	// 11.4 km beyond it: the interpolated time sits near the start.
	if t1[1].Arrival <= t1[0].Departure || t1[1].Arrival > t1[0].Departure+60 {
		t.Errorf("T1 interpolated time %s not near the start (08:00:30)", FormatTime(t1[1].Arrival))
	}
	for _, tr := range trips {
		for i, st := range tr.sts {
			if !st.Timed() || (i > 0 && st.Arrival < tr.sts[i-1].Departure) {
				t.Errorf("trip %s row %d: %+v", tr.id, i, st)
			}
		}
	}
	if t2 := trips[1].sts; t2[3].Arrival != 90600 || t2[1].Arrival < 23*3600+50*60 {
		t.Errorf("T2 across midnight = %+v", t2)
	}
}

// stopPositions loads stop positions of a feed into a lookup.
func stopPositions(t testing.TB, f *Feed) func(string) (orb.Point, bool) {
	t.Helper()
	m := map[string]orb.Point{}
	if err := f.Stops(func(s Stop) error { m[s.ID] = s.Pos; return nil }); err != nil {
		t.Fatal(err)
	}
	return func(id string) (orb.Point, bool) { p, ok := m[id]; return p, ok }
}

func TestGoodSmallFiles(t *testing.T) {
	f := openGood(t)
	if cals := collect(t, f.Calendars); len(cals) != 2 || !cals[0].RunsOn(20250526) || cals[0].RunsOn(20250525) || !cals[1].Days[0] {
		t.Errorf("calendars = %+v", cals)
	}
	if is := issueAt(t, f, "calendar.txt", 4); !is.Skipped || is.Field != "end_date" {
		t.Errorf("calendar line 4 = %+v", is)
	}
	if cds := collect(t, f.CalendarDates); len(cds) != 2 || cds[0].ExceptionType != ServiceRemoved || cds[1].Date != 20250526 {
		t.Errorf("calendar dates = %+v", cds)
	}
	if fq := collect(t, f.Frequencies); len(fq) != 1 || fq[0].HeadwaySec != 600 || fq[0].End != 9*3600 {
		t.Errorf("frequencies = %+v", fq)
	}
	if tr := collect(t, f.Transfers); len(tr) != 2 || tr[0].Type != TransferMinTime || tr[0].MinTransferTime != 120 || tr[1].MinTransferTime != -1 {
		t.Errorf("transfers = %+v", tr)
	}
	fa := collect(t, f.FareAttributes)
	if len(fa) != 1 || fa[0].Price != "2.50" || fa[0].Transfers != -1 || fa[0].TransferDuration != 3600 {
		t.Errorf("fare attributes = %+v", fa)
	}
	if p, err := MinorUnits(fa[0].Price, fa[0].CurrencyType); err != nil || p != 250 {
		t.Errorf("price = %d pence, %v", p, err)
	}
	if fr := collect(t, f.FareRules); len(fr) != 1 || fr[0].RouteID != "352" {
		t.Errorf("fare rules = %+v", fr)
	}
	if fm := collect(t, f.FareMedia); len(fm) != 2 || fm[1].Type != FareMediaContactless {
		t.Errorf("fare media = %+v", fm)
	}
	if fp := collect(t, f.FareProducts); len(fp) != 2 || fp[1].Amount != "2.00" || fp[1].FareMediaID != "tap" {
		t.Errorf("fare products = %+v", fp)
	}
	if fl := collect(t, f.FareLegRules); len(fl) != 1 || fl[0].FareProductID != "single" || fl[0].RulePriority != -1 {
		t.Errorf("fare leg rules = %+v", fl)
	}
	if ft := collect(t, f.FareTransferRules); len(ft) != 1 || ft[0].TransferCount != TransferUnlimited || ft[0].DurationLimit != 3600 || ft[0].DurationLimitType != 1 {
		t.Errorf("fare transfer rules = %+v", ft)
	}
	if a, sa := collect(t, f.Areas), collect(t, f.StopAreas); len(a) != 1 || len(sa) != 1 || sa[0].StopID != "230000003100" {
		t.Errorf("areas = %+v, %+v", a, sa)
	}
	if tf := collect(t, f.Timeframes); len(tf) != 2 || tf[0].End != 9*3600+30*60 || tf[1].Start != 0 || tf[1].End != 86400 {
		t.Errorf("timeframes = %+v", tf)
	}
	pw := collect(t, f.Pathways)
	if len(pw) != 2 || pw[0].Mode != PathwayStairs || pw[0].StairCount != -12 || !pw[0].StairCountKnown || !math.IsNaN(pw[0].Length) ||
		pw[1].StairCountKnown || pw[1].Length != 40.5 || pw[1].TraversalTime != -1 || !math.IsNaN(pw[1].MinWidth) {
		t.Errorf("pathways = %+v", pw)
	}
	if lv := collect(t, f.Levels); len(lv) != 2 || lv[1].Index != -1 {
		t.Errorf("levels = %+v", lv)
	}
	if fi := collect(t, f.FeedInfo); len(fi) != 1 || fi[0].Start != 20250101 || fi[0].Version != "fixture-1" {
		t.Errorf("feed info = %+v", fi)
	}
	br := collect(t, f.BookingRules)
	if len(br) != 2 || br[0].Type != BookingSameDay || br[0].PriorNoticeDurationMin != 60 || br[1].PriorNoticeLastDay != 1 || br[1].PriorNoticeLastTime != 17*3600 {
		t.Errorf("booking rules = %+v", br)
	}
}

func TestGoodLocations(t *testing.T) {
	f := openGood(t)
	locs := collect(t, f.Locations)
	if len(locs) != 2 || locs[0].ID != "zone-west-wight" || locs[0].Name != "West Wight dial-a-ride" {
		t.Fatalf("locations = %+v", locs)
	}
	if b := locs[0].Geometry.Bound(); b.Min[0] != -1.55 || b.Max[1] != 50.72 {
		t.Errorf("bound = %v", b)
	}
	if locs[1].Geometry.GeoJSONType() != "MultiPolygon" {
		t.Errorf("second zone is %s", locs[1].Geometry.GeoJSONType())
	}
	rep, _ := f.FileReport("locations.geojson")
	if rep.Read != 3 || rep.Rejected != 1 {
		t.Errorf("report = %+v", rep)
	}
	if is := issueAt(t, f, "locations.geojson", 15); is.Value != "zone-point" || !strings.Contains(is.Reason, "Point") {
		t.Errorf("issue = %+v", is)
	}
}

func TestAbsentOptionalFile(t *testing.T) {
	f, err := Open("testdata/missing-column")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	called := false
	if err := f.Frequencies(func(Frequency) error { called = true; return nil }); err != nil || called {
		t.Errorf("absent frequencies.txt: %v, called %v", err, called)
	}
	err = f.Trips(func(Trip) error { return nil })
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "trips.txt") {
		t.Errorf("absent trips.txt: %v", err)
	}
}

func TestBadFixtures(t *testing.T) {
	open := func(dir string) *Feed {
		f, err := Open("testdata/" + dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	tests := []struct {
		name string
		run  func() error
		want []string
	}{
		{"missing stop_lat", func() error { return open("missing-column").Stops(func(Stop) error { return nil }) },
			[]string{"stops.txt line 1", "missing required column stop_lat"}},
		{"missing stop_id", func() error { return open("missing-column").StopTimes(func(StopTime) error { return nil }) },
			[]string{"stop_times.txt line 1", "stop_id"}},
		{"bare quote", func() error { return open("broken-quote").StopTimes(func(StopTime) error { return nil }) },
			[]string{"stop_times.txt line 4", `bare "`}},
		{"unclosed quote", func() error { return open("broken-quote").Stops(func(Stop) error { return nil }) },
			[]string{"stops.txt line ", "starting on line 3"}},
		{"ungrouped", func() error {
			return open("ungrouped").TripStopTimes(func(string, []StopTime) error { return nil })
		}, []string{"stop_times.txt line 4", `trip "T1"`}},
	}
	for _, tt := range tests {
		err := tt.run()
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %T is not a *FileError", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
	if err := open("ungrouped").TripStopTimes(func(string, []StopTime) error { return nil }); !errors.Is(err, ErrNotGrouped) {
		t.Errorf("ungrouped error %v does not wrap ErrNotGrouped", err)
	}
}

func TestCallbackErrorNamesLine(t *testing.T) {
	f := openGood(t)
	stop := errors.New("enough")
	n := 0
	err := f.Stops(func(Stop) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "stops.txt line 4") {
		t.Errorf("err = %v", err)
	}
}
