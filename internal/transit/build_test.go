package transit

import (
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// line builds a one-feed input: stops A, B, C, D 300 m apart along a
// meridian, route R with the given trips (each a list of times at A, B, C),
// running every day around genDate.
func line(trips ...[]int32) Input {
	in := Input{Feeds: []Feed{{ID: "f", Timezone: time.UTC}}}
	for i, id := range []string{"A", "B", "C", "D"} {
		in.Stops = append(in.Stops, Stop{ID: id, Name: id, FeedID: "f", Point: orb.Point{0, 50 + float64(i)*0.0027}})
	}
	in.Routes = []Route{{ID: "R", FeedID: "f"}}
	in.Calendars = []Calendar{{FeedID: "f", ServiceID: "S", Days: 127, Start: genDate - 10, End: genDate + 10}}
	for k, ts := range trips {
		id := string(rune('a' + k))
		in.Trips = append(in.Trips, Trip{ID: id, RouteID: "R", ServiceID: "S", FeedID: "f"})
		for i, t := range ts {
			in.StopTimes = append(in.StopTimes, StopTime{TripID: id, StopID: []string{"A", "B", "C"}[i], Seq: int32(i), Arr: t, Dep: t})
		}
	}
	return in
}

func TestBuildErrors(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"unknown feed", func(in *Input) { in.Stops[0].FeedID = "x" }, `unknown feed "x"`},
		{"duplicate stop", func(in *Input) { in.Stops[1].ID = "A" }, `stop "A" listed twice`},
		{"unknown route", func(in *Input) { in.Trips[0].RouteID = "Q" }, `unknown route "Q"`},
		{"unknown stop", func(in *Input) { in.StopTimes[0].StopID = "Z" }, `unknown stop "Z"`},
		{"unknown trip", func(in *Input) { in.StopTimes[0].TripID = "zz" }, `unknown trip "zz"`},
		{"no timezone", func(in *Input) { in.Feeds[0].Timezone = nil }, "no timezone"},
		{"two timezones", func(in *Input) {
			lon, _ := time.LoadLocation("Europe/London")
			in.Feeds = append(in.Feeds, Feed{ID: "g", Timezone: lon})
		}, "differs from"},
		{"unknown parent", func(in *Input) { in.Stops[0].ParentID = "P" }, `unknown parent station "P"`},
		{"bad exception", func(in *Input) {
			in.ServiceDates = []ServiceDate{{FeedID: "f", ServiceID: "S", Date: genDate, Exception: 3}}
		}, "exception type 3"},
		{"bad headway", func(in *Input) { in.Frequencies = []Frequency{{TripID: "a", Start: 0, End: 10, Headway: 0}} }, "headway 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := line([]int32{100, 200, 300})
			c.edit(&in)
			_, err := Build(in, BuildOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := Build(line(), BuildOptions{MaxFootpathM: 70000}); err == nil {
		t.Error("footpath radius 70000 m accepted")
	}
}

func TestBuildDropsUnrideableTrips(t *testing.T) {
	in := line([]int32{100, 200, 300}, []int32{100, 50, 300}, []int32{100})
	in.Trips = append(in.Trips, Trip{ID: "nosvc", RouteID: "R", ServiceID: "none", FeedID: "f"})
	s := buildT(t, in)
	got := map[string]string{}
	for _, d := range s.Dropped() {
		got[d.TripID] = d.Reason
	}
	if len(got) != 3 || !strings.Contains(got["b"], "before the previous departure") ||
		!strings.Contains(got["c"], "fewer than two") || !strings.Contains(got["nosvc"], "no calendar") {
		t.Errorf("dropped %v", got)
	}
	if s.NumStopTimes() != 3 {
		t.Errorf("%d stop times kept, want 3", s.NumStopTimes())
	}
}

// TestOvertakingSplitsPatterns: b leaves after a but arrives before it, so
// the two cannot share a pattern; c follows a in both.
func TestOvertakingSplitsPatterns(t *testing.T) {
	s := buildT(t, line([]int32{100, 500, 900}, []int32{200, 300, 400}, []int32{150, 600, 1000}))
	if s.NumPatterns() != 2 {
		t.Fatalf("%d patterns, want 2", s.NumPatterns())
	}
	for p := range int32(s.NumPatterns()) {
		n := s.patLen(p)
		for g := s.patTripOff[p] + 1; g < s.patTripOff[p+1]; g++ {
			for i := range n {
				a, b := s.timeBase(p, g-1-s.patTripOff[p], n)+int64(i)*2, s.timeBase(p, g-s.patTripOff[p], n)+int64(i)*2
				if s.times[b] < s.times[a] || s.times[b+1] < s.times[a+1] {
					t.Fatalf("pattern %d: trip %d overtakes at %d", p, g, i)
				}
			}
		}
	}
	w := NewSearcher(s)
	res, _ := w.Forward([]StopAccess{{Stop: 0}}, Params{Date: genDate, Time: 0, WalkSpeed: 1})
	if c, _ := res.Time(2); c != 400 {
		t.Errorf("arrival at C %d, want 400 (the overtaking trip)", c)
	}
}

func TestFrequenciesExpand(t *testing.T) {
	in := line([]int32{0, 60, 120})
	in.Frequencies = []Frequency{{TripID: "a", FeedID: "f", Start: 3600, End: 3600 + 1800, Headway: 600}}
	s := buildT(t, in)
	if s.NumStopTimes() != 9 {
		t.Fatalf("%d stop times, want 3 runs × 3", s.NumStopTimes())
	}
	res, _ := NewSearcher(s).Forward([]StopAccess{{Stop: 0}}, Params{Date: genDate, Time: 3601, WalkSpeed: 1})
	if c, _ := res.Time(2); c != 4200+120 {
		t.Errorf("arrival %d, want the 4200 run at 4320", c)
	}
}

func TestParentStationAndPolicy(t *testing.T) {
	in := line([]int32{100, 200, 300})
	in.Stops = append(in.Stops, Stop{ID: "P", FeedID: "f", Wheelchair: 1, Point: orb.Point{0, 50}})
	in.Stops[0].ParentID = "P"                            // 0 → inherits yes
	in.Stops[1].ParentID, in.Stops[1].Wheelchair = "P", 2 // own value wins
	in.Trips[0].Wheelchair = 0
	s := buildT(t, in)
	want := []Access{AccessYes, AccessNo, AccessUnknown, AccessUnknown}
	for i, a := range want {
		if got := s.Stop(int32(i)).Access; got != a {
			t.Errorf("stop %d: %v, want %v", i, got, a)
		}
	}
	in.Feeds[0].Policy = AccessPolicy{AssumeStopsBoardable: true, AssumeTripsAccessible: true, Reason: "r"}
	s = buildT(t, in)
	want = []Access{AccessYes, AccessNo, AccessAssumed, AccessAssumed}
	for i, a := range want {
		if got := s.Stop(int32(i)).Access; got != a {
			t.Errorf("with policy, stop %d: %v, want %v", i, got, a)
		}
	}
	if a := s.Trip(0).Access; a != AccessAssumed {
		t.Errorf("trip access %v, want assumed", a)
	}
}

func TestServiceCalendar(t *testing.T) {
	in := line([]int32{100, 200, 300})
	in.Calendars = []Calendar{{FeedID: "f", ServiceID: "S", Days: Weekdays(time.Wednesday), Start: genDate, End: genDate + 7}}
	in.ServiceDates = []ServiceDate{
		{FeedID: "f", ServiceID: "S", Date: genDate + 7, Exception: 2},
		{FeedID: "f", ServiceID: "S", Date: genDate + 1, Exception: 1},
		{FeedID: "f", ServiceID: "X", Date: genDate + 2, Exception: 1},
	}
	s := buildT(t, in)
	for d, want := range map[Date]bool{genDate: true, genDate + 1: true, genDate + 2: false, genDate + 7: false, genDate - 7: false} {
		if got := s.ServiceActive(0, d); got != want {
			t.Errorf("service S on %s: %v, want %v", d, got, want)
		}
	}
	if !s.ServiceActive(1, genDate+2) || s.ServiceActive(1, genDate) {
		t.Error("calendar_dates-only service X wrong")
	}
	if s.ActiveServiceCount(genDate+2) != 1 {
		t.Error("active service count")
	}
}

// TestPreviousAndNextDay: a trip of the day before at 24:10 runs at 00:10
// today; today's 00:05 trip is tomorrow's 24:05.
func TestPreviousAndNextDay(t *testing.T) {
	in := line([]int32{86400 + 600, 86400 + 700, 86400 + 800})
	in.Calendars[0] = Calendar{FeedID: "f", ServiceID: "S", Days: 127, Start: genDate - 1, End: genDate - 1}
	w := NewSearcher(buildT(t, in))
	res, err := w.Forward([]StopAccess{{Stop: 0}}, Params{Date: genDate, Time: 0, WalkSpeed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := res.Time(2); c != 800 {
		t.Errorf("yesterday's 24:10 trip: arrival %d, want 800", c)
	}
	in = line([]int32{300, 400, 500})
	in.Calendars[0] = Calendar{FeedID: "f", ServiceID: "S", Days: 127, Start: genDate + 1, End: genDate + 1}
	w = NewSearcher(buildT(t, in))
	res, _ = w.Forward([]StopAccess{{Stop: 0}}, Params{Date: genDate, Time: 86000, WalkSpeed: 1})
	if c, _ := res.Time(2); c != 86400+500 {
		t.Errorf("tomorrow's trip: arrival %d, want %d", c, 86400+500)
	}
}

func TestFootpathsAndTransfers(t *testing.T) {
	in := line([]int32{100, 200, 300})
	in.Transfers = []Transfer{
		{FeedID: "f", FromStopID: "A", ToStopID: "B", Type: 3},
		{FeedID: "f", FromStopID: "B", ToStopID: "A", Type: 2, MinSeconds: 900},
		{FeedID: "f", FromStopID: "A", ToStopID: "D", Type: 2, MinSeconds: 60},
	}
	s := buildT(t, in)
	fp := func(a, b int32) (uint16, int32, bool) {
		fp := s.fp
		for f := fp.off[a]; f < fp.off[a+1]; f++ {
			if fp.to[f] == b {
				return fp.metres[0][f], fp.minSec[f], true
			}
		}
		return 0, 0, false
	}
	if _, _, ok := fp(0, 1); ok {
		t.Error("type 3 transfer A→B still walkable")
	}
	if m, ms, ok := fp(1, 0); !ok || ms != 900 || m < 385 || m > 395 {
		t.Errorf("B→A: %d m, min %d s, %v; want ~390 m (300 m × 1.3), 900 s", m, ms, ok)
	}
	if m, _, ok := fp(0, 3); !ok || m < 1160 {
		t.Errorf("A→D beyond the radius should exist by transfer: %d m %v", m, ok)
	}
	if m, _, ok := fp(0, 2); !ok || m > 785 {
		t.Errorf("A→C (600 m × 1.3 = 780 m) within the 1000 m radius: %d m %v", m, ok)
	}
}

func TestParamsValidate(t *testing.T) {
	ok := Params{WalkSpeed: 1}
	bad := map[string]Params{
		"time":       {Time: -1, WalkSpeed: 1},
		"walk speed": {},
		"max walk":   {WalkSpeed: 1, MaxWalkM: -1},
		"transfers":  {WalkSpeed: 1, MaxTransfers: 99},
		"duration":   {WalkSpeed: 1, MaxDuration: -5},
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid params: %v", err)
	}
	for field, p := range bad {
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s: error %v should name the field", field, err)
		}
	}
	w := NewSearcher(buildT(t, line([]int32{1, 2, 3})))
	if _, err := w.Forward([]StopAccess{{Stop: 99}}, ok); err == nil {
		t.Error("stop out of range accepted")
	}
	if _, err := w.ForwardRange(nil, ok, -1); err == nil {
		t.Error("negative window accepted")
	}
}

func TestHolderSwap(t *testing.T) {
	var h Holder
	if h.Load() != nil {
		t.Fatal("empty holder not nil")
	}
	a, b := buildT(t, line()), buildT(t, line())
	h.Swap(a)
	if old := h.Swap(b); old != a || h.Load() != b {
		t.Fatal("swap")
	}
}

func TestStopsNear(t *testing.T) {
	s := buildT(t, line())
	got := s.StopsNear(orb.Point{0, 50}, 500, 1.25, nil)
	if len(got) != 2 || got[0].Stop != 0 || got[1].Stop != 1 || got[1].Metres < 385 || got[1].Seconds != WalkSeconds(float64(got[1].Metres), 1.25) {
		t.Errorf("near: %+v", got)
	}
}

func TestDates(t *testing.T) {
	d, err := ParseDate("20190515")
	if err != nil || d != DateOf(2019, time.May, 15) || d.String() != "2019-05-15" || d.Weekday() != time.Wednesday {
		t.Errorf("ParseDate: %v %v %v", d, err, d.Weekday())
	}
	if _, err := ParseDate("2019-13-01"); err == nil {
		t.Error("bad date accepted")
	}
	lon, _ := time.LoadLocation("Europe/London")
	at := time.Date(2019, time.May, 15, 9, 30, 0, 0, lon)
	dd, secs := ServiceTime(at, lon)
	if dd != d || secs != 9*3600+1800 || !Instant(dd, secs, lon).Equal(at) {
		t.Errorf("ServiceTime: %v %d", dd, secs)
	}
	var a Access
	if err := a.UnmarshalText([]byte("assumed")); err != nil || a != AccessAssumed {
		t.Error("unmarshal access")
	}
	if err := a.UnmarshalText([]byte("maybe")); err == nil {
		t.Error("bad access accepted")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"20190515", "2019-05-15", "", "2019-02-30", "99999999", "2019-5-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q → %v → %v (%v)", s, d, back, err)
		}
	})
}

func FuzzAccessText(f *testing.F) {
	for _, s := range []string{"yes", "no", "unknown", "assumed", "", "YES"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a Access
		if err := a.UnmarshalText([]byte(s)); err != nil {
			return
		}
		if b, _ := a.MarshalText(); string(b) != s {
			t.Fatalf("%q round-trips to %q", s, b)
		}
	})
}

// TestDayKey: dates whose own services and those of the days either side
// agree share a key; a service removed on a date changes the key of that
// date and of its neighbours, and of no other.
func TestDayKey(t *testing.T) {
	in := line([]int32{100, 200, 300})
	in.Calendars = []Calendar{{FeedID: "f", ServiceID: "S", Days: 127, Start: genDate - 30, End: genDate + 30},
		{FeedID: "f", ServiceID: "W", Days: Weekdays(time.Wednesday), Start: genDate - 30, End: genDate + 30}}
	in.Trips = append(in.Trips, Trip{ID: "w", RouteID: "R", ServiceID: "W", FeedID: "f"})
	in.StopTimes = append(in.StopTimes, StopTime{TripID: "w", StopID: "A", Seq: 0, Arr: 500, Dep: 500},
		StopTime{TripID: "w", StopID: "B", Seq: 1, Arr: 600, Dep: 600})
	in.ServiceDates = []ServiceDate{{FeedID: "f", ServiceID: "S", Date: genDate + 14, Exception: 2}}
	s := buildT(t, in)
	if genDate.Weekday() != time.Wednesday {
		t.Fatalf("genDate is a %s", genDate.Weekday())
	}
	same := func(a, b Date) bool { return s.DayKey(a) == s.DayKey(b) }
	switch {
	case !same(genDate, genDate+7): // Wednesdays with Tuesday and Thursday around them
		t.Error("two ordinary Wednesdays differ")
	case same(genDate, genDate+1) || same(genDate+1, genDate+2) || same(genDate-1, genDate-2):
		t.Error("a day beside Wednesday has the key of a day that is not")
	case !same(genDate+2, genDate+3) || !same(genDate+3, genDate+4): // no Wednesday either side
		t.Error("Friday, Saturday and Sunday differ")
	case same(genDate+14, genDate) || same(genDate+13, genDate-1) || same(genDate+15, genDate+1):
		t.Error("the removal on a Wednesday left its key, or its neighbours', unchanged")
	case !same(genDate+16, genDate+2):
		t.Error("the removal changed a date two days away")
	}
}
