package transit

import (
	"testing"
	"time"
)

// The Isle of Wight journeys below were worked out by hand from the feed's
// stop_times.txt (unzip iow-bus-gtfs.zip). 2019-05-15 is a Wednesday: the
// services running are 11, 14 and 22 (calendar.txt), so on route 37 (364,
// service 14) trips 10114-10123 run, on route 22 (352, service 22) trips
// 9957 and 9961, on route A (385) 10302, 10305 and 10308, on route D (390)
// 10356.

var iowDate = DateOf(2019, time.May, 15)

// hms is seconds since midnight.
func hms(h, m, s int32) int32 { return h*3600 + m*60 + s }

type wantRide struct {
	trip     string
	from, to string // stop IDs
	dep, arr int32
}

func iowStop(t *testing.T, s *Snapshot, id string) int32 {
	t.Helper()
	v, ok := s.StopIndex("iow", id)
	if !ok {
		t.Fatalf("stop %s not in the snapshot", id)
	}
	return v
}

func checkRides(t *testing.T, s *Snapshot, j *Journey, want []wantRide) {
	t.Helper()
	var got []wantRide
	for _, l := range j.Legs {
		if l.Kind == LegRide {
			got = append(got, wantRide{l.TripID, s.Stop(l.From).ID, s.Stop(l.To).ID, l.Depart, l.Arrive})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("rides %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ride %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestIsleOfWightHandChecked(t *testing.T) {
	s := buildT(t, cachedFeed(t, iowPath, "iow", AccessPolicy{}))
	w := NewSearcher(s)
	cases := []struct {
		name      string
		from, to  string
		at        int32
		transfers int
		want      []wantRide
	}{{
		// Route 37 leaves Ryde Bus Station stand G hourly; 10115 left at
		// 08:00, so from 08:30 the next is 10116 at 09:00:00, at Swanmore
		// Middle School (stop_sequence 10) at 09:12:00.
		"ryde next bus", "23000003001G", "230000002160", hms(8, 30, 0), 0,
		[]wantRide{{"10116", "23000003001G", "230000002160", hms(9, 0, 0), hms(9, 12, 0)}},
	}, {
		// Arriving at the stop exactly when 10116 leaves still catches it.
		"ryde departing now", "23000003001G", "230000002160", hms(9, 0, 0), 0,
		[]wantRide{{"10116", "23000003001G", "230000002160", hms(9, 0, 0), hms(9, 12, 0)}},
	}, {
		// One second later it has gone: 10117 at 10:00:00, 10:12:00.
		"ryde just missed", "23000003001G", "230000002160", hms(9, 0, 1), 0,
		[]wantRide{{"10117", "23000003001G", "230000002160", hms(10, 0, 0), hms(10, 12, 0)}},
	}, {
		// Route 22's 9957 is a loop calling at Shanklin Bus Station at
		// 10:06 (seq 1), 10:15 (seq 9), 10:40 (seq 29) and 10:56 (seq 61);
		// Morrisons (seq 49) at 10:45:00. Same arrival either way, so the
		// passenger boards at the last call before it: 10:40:00.
		"shanklin loop", "230000003100", "230000003270", hms(10, 0, 0), 0,
		[]wantRide{{"9957", "230000003100", "230000003270", hms(10, 40, 0), hms(10, 45, 0)}},
	}, {
		// Brook Triangle → 230000012530 (seq 18 of 10308, the only Wednesday
		// trip calling there, 11:54:00). Route D's 10356 leaves Brook
		// Triangle at 10:30:00 and calls at Co-op 11:15:00, School Green
		// Road 11:16:12, Fire Station 11:17:42 and Memorial Hall 11:18:00
		// (seq 46-50), all on 10308's path (11:36:00, 11:37:28, 11:40:35,
		// 11:41:00); the latest of those, Memorial Hall, is where to change.
		"route D then A", "230000011950", "230000012530", hms(10, 0, 0), 1,
		[]wantRide{
			{"10356", "230000011950", "230000012970", hms(10, 30, 0), hms(11, 18, 0)},
			{"10308", "230000012970", "230000012530", hms(11, 41, 0), hms(11, 54, 0)},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Params{Date: iowDate, Time: c.at, WalkSpeed: 1.2, MaxTransfers: c.transfers}
			var j Journey
			ok, err := w.Route([]StopAccess{{Stop: iowStop(t, s, c.from)}}, []StopAccess{{Stop: iowStop(t, s, c.to)}}, p, false, &j)
			if err != nil || !ok {
				t.Fatalf("no journey: %v", err)
			}
			checkRides(t, s, &j, c.want)
			if j.Access != AccessUnknown {
				t.Errorf("access %v: the feed has no wheelchair data, want unknown", j.Access)
			}
		})
	}
}

// TestIsleOfWightWalks: from Silver Trees (230000003750) at 10:00 with
// walks of up to 400 m at 1.2 m/s.
//   - Blythe Way 230000003670 is passed by 9957 before Silver Trees, but
//     9957 reaches the other Blythe Way stop, 230000003660, at 10:10:51
//     (seq 7). The stops are 55.7 m apart (50.63101,-1.190588 and
//     50.63052,-1.190752), 73 m with the 1.3 detour, ceil(73/1.2) = 61 s:
//     there at 10:11:52.
//   - By a ride, 230000003670 is next served by 9961 at 11:02:29 (seq 3).
//     9957 reaches Carter Avenue 230000003590 at 10:11:32 (seq 8), 137 m
//     (105.3 m × 1.3) from Carter Avenue 230000003490, 115 s, where 9961
//     calls at 11:01:47 (seq 2) — the latest stop at which to board it.
func TestIsleOfWightWalks(t *testing.T) {
	s := buildT(t, cachedFeed(t, iowPath, "iow", AccessPolicy{}))
	w := NewSearcher(s)
	p := Params{Date: iowDate, Time: hms(10, 0, 0), WalkSpeed: 1.2, MaxWalkM: 400, MaxTransfers: 1}
	res, err := w.Forward([]StopAccess{{Stop: iowStop(t, s, "230000003750")}}, p)
	if err != nil {
		t.Fatal(err)
	}
	dest := iowStop(t, s, "230000003670")
	var j Journey
	if got, _ := res.Time(dest); got != hms(10, 11, 52) || !res.Journey(dest, false, &j) {
		t.Fatalf("arrival %d, want %d", got, hms(10, 11, 52))
	}
	checkRides(t, s, &j, []wantRide{{"9957", "230000003750", "230000003660", hms(10, 9, 31), hms(10, 10, 51)}})
	if l := j.Legs[len(j.Legs)-1]; l.Kind != LegWalk || l.Metres != 73 || l.Seconds != 61 || l.Arrive != hms(10, 11, 52) {
		t.Errorf("last leg %+v, want a 73 m, 61 s walk", l)
	}
	if got, _ := res.RideTime(dest); got != hms(11, 2, 29) || !res.Journey(dest, true, &j) {
		t.Fatalf("ride arrival %d, want %d", got, hms(11, 2, 29))
	}
	checkRides(t, s, &j, []wantRide{
		{"9957", "230000003750", "230000003590", hms(10, 9, 31), hms(10, 11, 32)},
		{"9961", "230000003490", "230000003670", hms(11, 1, 47), hms(11, 2, 29)},
	})
	if l := j.Legs[2]; l.Kind != LegWalk || l.Metres != 137 || l.Seconds != 115 {
		t.Errorf("transfer %+v, want a 137 m, 115 s walk", l)
	}
}

// TestIsleOfWightStepFreePolicy: the feed says nothing about wheelchairs.
// Under the declared policy the Ryde journey exists and is assumed, with
// its stops and trip listed; without it, there is none and the engine
// names the unknown boarding stop.
func TestIsleOfWightStepFreePolicy(t *testing.T) {
	p := Params{Date: iowDate, Time: hms(8, 30, 0), WalkSpeed: 0.8, MaxWalkM: 400, StepFree: true, MaxTransfers: 2}
	with := buildT(t, cachedFeed(t, iowPath, "iow", iowPolicy))
	from := []StopAccess{{Stop: iowStop(t, with, "23000003001G")}}
	to := []StopAccess{{Stop: iowStop(t, with, "230000002160")}}
	var j Journey
	ok, err := NewSearcher(with).Route(from, to, p, false, &j)
	if err != nil || !ok {
		t.Fatalf("no step-free journey under the policy: %v", err)
	}
	checkRides(t, with, &j, []wantRide{{"10116", "23000003001G", "230000002160", hms(9, 0, 0), hms(9, 12, 0)}})
	if j.Access != AccessAssumed {
		t.Errorf("access %v, want assumed", j.Access)
	}
	var ids []string
	for _, e := range j.Assumed {
		ids = append(ids, e.Kind.String()+" "+e.ID)
		if e.Reason != iowPolicy.Reason {
			t.Errorf("%s %s reason %q", e.Kind, e.ID, e.Reason)
		}
	}
	if want := "[stop 23000003001G trip 10116 stop 230000002160]"; fmtList(ids) != want {
		t.Errorf("assumed %v, want %v", ids, want)
	}

	without := buildT(t, cachedFeed(t, iowPath, "iow", AccessPolicy{}))
	w := NewSearcher(without)
	ok, err = w.Route(from, to, p, false, &j)
	if err != nil || ok {
		t.Fatalf("step-free journey found without a policy (%v)", err)
	}
	b, found, err := w.ExplainStepFree(from, to, p, false, &j)
	if err != nil || !found {
		t.Fatalf("no explanation: %v", err)
	}
	if b.Kind != ElementStop || b.ID != "23000003001G" || b.Name != "Bus Station" || b.Access != AccessUnknown {
		t.Errorf("barrier %+v, want unknown stop 23000003001G Bus Station", b)
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
