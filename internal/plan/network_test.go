package plan

import (
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// The hand-made networks of these tests.
//
// Feed "f" (Europe/London): stops A, B, C due north of each other at
// 50.00, 50.01 and 50.02 N, 1 W — 1,112 m apart, 1,446 m of estimated walk
// (× 1.3), so no walking transfer between them — and D half way from A to
// B (723 m of walk from each). Route "1" (a bus) runs t1 A 09:00 → D
// 09:02:30 → B 09:05 → C 09:10 and t2 an hour later, every day of 2019;
// shift moves both. No wheelchair data: every access value is unknown.
//
// Feed "g" (America/Sao_Paulo): stops P and Q 0.01° apart near Porto
// Alegre, trip u1 P 12:00 → Q 12:10; and a stop also called "A", so that
// "A" alone is ambiguous.
//
// A point 0.001° of latitude from a stop is 111.195 m away (R = 6,371,008.8
// m): 145 m of estimated walk, 121 s at 1.2 m/s, 182 s at 0.8 m/s.

var (
	london, _   = time.LoadLocation("Europe/London")
	saoPaulo, _ = time.LoadLocation("America/Sao_Paulo")
	wed         = time.Date(2019, 5, 15, 0, 0, 0, 0, time.UTC) // a Wednesday
)

func hms(h, m, s int) int32 { return int32(h*3600 + m*60 + s) }

func londonInput(shift int32, policy transit.AccessPolicy) transit.Input {
	in := transit.Input{
		Feeds: []transit.Feed{{ID: "f", Timezone: london, Policy: policy}},
		Stops: []transit.Stop{
			{ID: "A", Name: "Alpha", Point: geo.PointLatLon(50.00, -1), FeedID: "f"},
			{ID: "B", Name: "Bravo", Point: geo.PointLatLon(50.01, -1), FeedID: "f"},
			{ID: "D", Name: "Delta", Point: geo.PointLatLon(50.005, -1), FeedID: "f"},
			{ID: "C", Name: "Charlie", Point: geo.PointLatLon(50.02, -1), FeedID: "f"},
		},
		Routes:    []transit.Route{{ID: "r1", ShortName: "1", Type: 3, FeedID: "f"}},
		Calendars: []transit.Calendar{{FeedID: "f", ServiceID: "all", Days: 0x7f, Start: transit.DateOf(2019, 1, 1), End: transit.DateOf(2019, 12, 31)}},
	}
	for i, id := range []string{"t1", "t2"} {
		in.Trips = append(in.Trips, transit.Trip{ID: id, RouteID: "r1", ServiceID: "all", FeedID: "f"})
		for k, call := range []struct {
			stop string
			secs int32
		}{{"A", 0}, {"D", 150}, {"B", 300}, {"C", 600}} {
			t := hms(9+i, 0, 0) + call.secs + shift
			in.StopTimes = append(in.StopTimes, transit.StopTime{TripID: id, StopID: call.stop, Seq: int32(k + 1), Arr: t, Dep: t})
		}
	}
	return in
}

func brazilInput() transit.Input {
	return transit.Input{
		Feeds: []transit.Feed{{ID: "g", Timezone: saoPaulo}},
		Stops: []transit.Stop{
			{ID: "P", Name: "Papa", Point: geo.PointLatLon(-30.00, -51.2), FeedID: "g"},
			{ID: "Q", Name: "Quebec", Point: geo.PointLatLon(-30.01, -51.2), FeedID: "g"},
			{ID: "A", Name: "Another A", Point: geo.PointLatLon(-30.02, -51.2), FeedID: "g"},
		},
		Routes:    []transit.Route{{ID: "r9", ShortName: "T9", Type: 2, FeedID: "g"}},
		Trips:     []transit.Trip{{ID: "u1", RouteID: "r9", ServiceID: "all", FeedID: "g"}},
		Calendars: []transit.Calendar{{FeedID: "g", ServiceID: "all", Days: 0x7f, Start: transit.DateOf(2019, 1, 1), End: transit.DateOf(2019, 12, 31)}},
		StopTimes: []transit.StopTime{
			{TripID: "u1", StopID: "P", Seq: 1, Arr: hms(12, 0, 0), Dep: hms(12, 0, 0)},
			{TripID: "u1", StopID: "Q", Seq: 2, Arr: hms(12, 10, 0), Dep: hms(12, 10, 0)},
		},
	}
}

var testPolicy = transit.AccessPolicy{AssumeTripsAccessible: true, AssumeStopsBoardable: true, Reason: "test regulation"}

func build(t testing.TB, in transit.Input) *transit.Snapshot {
	t.Helper()
	s, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newPlanner loads both networks; policy applies to feed f.
func newPlanner(t testing.TB, policy transit.AccessPolicy, opt Options) *Planner {
	t.Helper()
	p := New(opt)
	p.Replace(map[string]*transit.Snapshot{
		"Europe/London":     build(t, londonInput(0, policy)),
		"America/Sao_Paulo": build(t, brazilInput()),
	})
	return p
}

func std(t testing.TB, id string) profile.Profile {
	t.Helper()
	p, ok := profile.ByID(id)
	if !ok {
		t.Fatalf("no profile %s", id)
	}
	return p
}

// at is a wall-clock time on the test Wednesday.
func at(h, m int) time.Time {
	return wed.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}
