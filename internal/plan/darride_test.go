package plan

import (
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// testZone is a dial-a-ride zone over C and the 3 km north of it (50.015
// to 50.05 N, 1.05 to 0.95 W), every day of 2019 09:00–17:00, £1.50,
// booked 30 minutes ahead, its vehicle's step-free access as given.
func testZone(stepFree string) dar.Zone {
	fare := int64(150)
	return dar.Zone{FeedID: "f", ID: "z", Name: "Test Zone",
		Area:        orb.MultiPolygon{{{{-1.05, 50.015}, {-0.95, 50.015}, {-0.95, 50.05}, {-1.05, 50.05}, {-1.05, 50.015}}}},
		Days:        0x7f,
		Start:       time.Date(2019, 1, 1, 0, 0, 0, 0, london),
		End:         time.Date(2019, 12, 31, 0, 0, 0, 0, london),
		WindowStart: hms(9, 0, 0), WindowEnd: hms(17, 0, 0),
		NoticeDays: 0, NoticeTime: -1, NoticeMinutes: 30, FarePence: &fare, StepFree: stepFree}
}

func darPlanner(t *testing.T, stepFree string) *Planner {
	t.Helper()
	p := New(Options{})
	p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": build(t, londonInput(0, transit.AccessPolicy{}))},
		[]dar.Zone{testZone(stepFree)}, nil)
	return p
}

// TestDialARideTriesEveryZone: zones may overlap. An early-morning zone
// over the same area (06:00–07:00), listed first, can be booked that day
// but has no ride at 09:20; the journey of TestDialARideFromTheBus is found
// through the all-day zone whichever comes first, and names it.
func TestDialARideTriesEveryZone(t *testing.T) {
	early := testZone("unknown")
	early.ID, early.Name, early.WindowStart, early.WindowEnd = "early", "Early Zone", hms(6, 0, 0), hms(7, 0, 0)
	pr := modes(t, "walker", `{"modes": ["bus", "dial_a_ride"]}`)
	req := Request{From: StopPlace("f", "A"), To: PointPlace(50.04, -1), Depart: at(8, 50), WallClock: true, Profile: pr}
	for _, zones := range [][]dar.Zone{{early, testZone("unknown")}, {testZone("unknown"), early}} {
		p := New(Options{})
		p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": build(t, londonInput(0, transit.AccessPolicy{}))}, zones, nil)
		a := planT(t, p, req)
		checkLegs(t, a, []legWant{
			{typ: "ride", from: "A", to: "C", depart: "2019-05-15T09:00:00+01:00", arrive: "2019-05-15T09:10:00+01:00", trip: "t1"},
			{typ: "ride", from: "C", to: "-", depart: "2019-05-15T09:20:00+01:00", arrive: "2019-05-15T09:25:47+01:00", metres: 2891},
		})
		if len(a.Legs) == 2 && a.Legs[1].Zone != "Test Zone" {
			t.Errorf("zones %s first: the ride is in %q", zones[0].Name, a.Legs[1].Zone)
		}
	}
	// The early zone alone has no journey, and says why.
	p := New(Options{})
	p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": build(t, londonInput(0, transit.AccessPolicy{}))}, []dar.Zone{early}, nil)
	if a := planT(t, p, req); a.Found || !strings.Contains(a.Reason, "Early Zone") {
		t.Errorf("early zone alone: %+v", a)
	}
}

func modes(t *testing.T, id, js string) profile.Profile {
	t.Helper()
	p, err := profile.FromStandard(id, []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// From stop A to a point 0.02° north of C (2,223.9 m; 2,891 m of walk, too
// far) at 08:50: t1 reaches C at 09:10, and a ride of 2,891 m (346.9 s →
// 347 s) picks up 10 minutes after the bus, at 09:20:00, arriving
// 09:25:47, booked 30 minutes before the pick-up. Without dial-a-ride
// there is no journey.
func TestDialARideFromTheBus(t *testing.T) {
	p := darPlanner(t, "unknown")
	pr := modes(t, "walker", `{"modes": ["bus", "dial_a_ride"]}`)
	req := Request{From: StopPlace("f", "A"), To: PointPlace(50.04, -1), Depart: at(8, 50), WallClock: true, Profile: pr}
	a := planT(t, p, req)
	checkLegs(t, a, []legWant{
		{typ: "ride", from: "A", to: "C", depart: "2019-05-15T09:00:00+01:00", arrive: "2019-05-15T09:10:00+01:00", trip: "t1"},
		{typ: "ride", from: "C", to: "-", depart: "2019-05-15T09:20:00+01:00", arrive: "2019-05-15T09:25:47+01:00", metres: 2891},
	})
	if len(a.Legs) == 2 {
		l := a.Legs[1]
		if l.Mode != "dial_a_ride" || l.Zone != "Test Zone" || *l.Fare.Pence != 150 || l.Notice != "book at least 30 min ahead" ||
			l.Booking != "book at least 30 min before the pick-up, by 08:50" || l.BookBy != "2019-05-15T08:50:00+01:00" || l.Illustrative {
			t.Errorf("the ride %+v", l)
		}
	}
	if a.Rides != 2 || a.Access != "unknown" || a.Arrive != "2019-05-15T09:25:47+01:00" {
		t.Errorf("answer %+v", a)
	}
	req.Profile = std(t, "walker")
	if a := planT(t, p, req); a.Found {
		t.Errorf("without dial-a-ride: %+v", a)
	}
}

// Door to door inside the zone (50.03 to 50.04 N: 1,111.95 m, 1,445.5 m
// of ride, 173.5 s → 174 s), for a wheelchair user who may book
// dial-a-ride: only when the vehicle is known to be step-free.
func TestDialARideStepFreeVehicleOnly(t *testing.T) {
	pr := modes(t, "wheelchair", `{"modes": ["bus", "dial_a_ride"]}`)
	req := Request{From: PointPlace(50.03, -1), To: PointPlace(50.04, -1), Depart: at(10, 0), WallClock: true, Profile: pr}
	a := planT(t, darPlanner(t, "unknown"), req)
	if a.Found || !strings.Contains(a.Reason, "dial-a-ride Test Zone: the vehicle's step-free access is unknown") {
		t.Errorf("vehicle access unknown: %+v", a)
	}
	a = planT(t, darPlanner(t, "yes"), req)
	checkLegs(t, a, []legWant{{typ: "ride", from: "-", to: "-", depart: "2019-05-15T10:00:00+01:00", arrive: "2019-05-15T10:02:54+01:00", metres: 1446}})
	if a.Access != "yes" || a.Legs[0].TripAccess != "yes" {
		t.Errorf("vehicle access yes: %+v", a)
	}
}
