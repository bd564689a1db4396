package plan

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// isleOfWight imports the real Isle of Wight bus feed (with its declared
// access policy) and the illustrative West Wight dial-a-ride feed into a
// fresh PostGIS and returns a planner over them, built as the server
// builds it.
func isleOfWight(t testing.TB) *Planner {
	t.Helper()
	ctx := context.Background()
	db := islandtest.DB(t)
	islandtest.ImportBus(t, db)
	islandtest.ImportDialARide(t, db)
	snap := islandtest.Snapshot(t, islandtest.Timetable(t, db, true))
	zones, err := db.DarZones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) != 1 || !zones[0].Illustrative {
		t.Fatalf("zones %+v, want the one illustrative West Wight zone", zones)
	}
	p := New(Options{})
	p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": snap}, zones, nil)
	return p
}

// Dial-a-ride on the Isle of Wight, in the illustrative West Wight zone
// (weekdays 09:00–17:00, £2.50, book by 16:00 the working day before on
// 01983 000900; the vehicle step-free), worked by hand as in
// internal/reach's profile tests: a ride is the straight line × 1.3 at
// 30 km/h, rounded up to a second.
//
// Calbourne (50.6792, -1.4108) is in the zone, 3.2 km from the nearest
// stop of the bus subset. To Brighstone Village Museum (50.643688,
// -1.395674), also in the zone, the ride is 4,090.2 m × 1.3 = 5,317 m,
// 638.1 s → 639 s. On Monday 7 December 2026 it is booked by 16:00 on
// Friday 4 December. Leaving at 10:00 it arrives 10:10:39; asked for
// 07:30 it leaves when the zone opens at 09:00; arriving by 12:00 it
// leaves 11:49:21. There is none at 16:55 (it would end after 17:00),
// none arriving by 08:45 (it would start before 09:00) and none on a
// Sunday.
func TestIsleOfWightDialARideToTheDoor(t *testing.T) {
	p := isleOfWight(t)
	pr := std(t, "rural-dial-a-ride")
	calbourne, museum := PointPlace(50.6792, -1.4108), PointPlace(50.643688, -1.395674)
	const booking = "book by 16:00 on Friday 4 December, the working day before; phone 01983 000900"
	for _, c := range []struct {
		name, at       string
		arriveBy       bool
		depart, arrive string // "" for no ride
		why            string
	}{
		{"leaving at 10:00", "2026-12-07T10:00", false, "2026-12-07T10:00:00Z", "2026-12-07T10:10:39Z", ""},
		{"leaving before the zone opens", "2026-12-07T07:30", false, "2026-12-07T09:00:00Z", "2026-12-07T09:10:39Z", ""},
		{"arriving by 12:00", "2026-12-07T12:00", true, "2026-12-07T11:49:21Z", "2026-12-07T12:00:00Z", ""},
		{"arriving by 17:30: by the zone's closing", "2026-12-07T17:30", true, "2026-12-07T16:49:21Z", "2026-12-07T17:00:00Z", ""},
		{"ending after the zone closes", "2026-12-07T16:55", false, "", "", "dial-a-ride West Wight dial-a-ride zone (ILLUSTRATIVE) runs 09:00 to 17:00"},
		{"starting before the zone opens", "2026-12-07T08:45", true, "", "", "runs 09:00 to 17:00"},
		{"on a Sunday", "2026-12-06T10:00", false, "", "", "does not run on Sunday 6 December 2026"},
	} {
		tm, wall, err := ParseDepart(c.at)
		if err != nil {
			t.Fatal(err)
		}
		a := planT(t, p, Request{From: calbourne, To: museum, Depart: tm, WallClock: wall, ArriveBy: c.arriveBy, Profile: pr})
		if c.depart == "" {
			if a.Found || !strings.Contains(a.Reason, c.why) {
				t.Errorf("%s: found %v, reason %q; want none, saying %q", c.name, a.Found, a.Reason, c.why)
			}
			continue
		}
		if !a.Found || len(a.Legs) != 1 {
			t.Fatalf("%s: %+v", c.name, a)
		}
		l := a.Legs[0]
		if l.Type != "ride" || l.Mode != "dial_a_ride" || l.From != nil || l.To != nil || l.Depart != c.depart || l.Arrive != c.arrive ||
			l.Seconds != 639 || *l.Metres != 5317 || !l.Estimated || l.Fare == nil || l.Fare.Pence == nil || *l.Fare.Pence != 250 ||
			l.Fare.Confidence != "known" || l.Booking != booking || l.BookBy != "2026-12-04T16:00:00Z" ||
			l.Notice != "book 1 working day ahead, by 16:00" || !l.Illustrative || l.TripAccess != "yes" || l.ZoneID == "" {
			t.Errorf("%s: leg %+v", c.name, l)
		}
		if a.Depart != c.depart || a.Arrive != c.arrive || a.DurationS != 639 || a.Rides != 1 || a.Access != "yes" ||
			!strings.Contains(strings.Join(a.Notes, "\n"), "ILLUSTRATIVE") {
			t.Errorf("%s: answer %+v", c.name, a)
		}
	}
}

// Calbourne Water Mill (50.679695, -1.414885) is 293.0 m from Calbourne:
// 381 m on foot, 424 s at 0.9 m/s, or a 46 s ride. The ride would arrive
// 378 s sooner, within RideTolerance: the walk, free and unbooked, is the
// answer.
func TestIsleOfWightWalkRatherThanAShortRide(t *testing.T) {
	p := isleOfWight(t)
	a := planT(t, p, Request{From: PointPlace(50.6792, -1.4108), To: PointPlace(50.679695, -1.414885),
		Depart: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC), WallClock: true, Profile: std(t, "rural-dial-a-ride")})
	checkLegs(t, a, []legWant{{typ: "walk", from: "-", to: "-", depart: "2026-12-07T10:00:00Z", arrive: "2026-12-07T10:07:04Z", metres: 381}})
}

// Dial-a-ride to the bus: a walker who may book dial-a-ride, from
// Calbourne to Badger Lane stop in Brook (outside the zone), arriving by
// 10:20 on Monday 7 December 2026. No stop is within 1,000 m of home, so
// there is no journey on foot and by bus. Worked by hand in
// internal/reach's profile tests: trip 10355 of route D calls at Brook
// Triangle (230000011940, inside the zone) at 10:05:00 and Badger Lane at
// 10:05:40; the ride to Brook Triangle is 3,457.9 m × 1.3 = 4,495 m,
// 539.4 s → 540 s, booked to meet the bus 10 minutes early: picked up
// 09:46:00, at the stop 09:55:00. Without dial-a-ride there is no journey.
func TestIsleOfWightDialARideToTheBus(t *testing.T) {
	p := isleOfWight(t)
	pr := withModes(t, "walker", `["bus", "dial_a_ride"]`)
	calbourne, badgerLane := PointPlace(50.6792, -1.4108), PointPlace(50.65219, -1.449893)
	tm := time.Date(2026, 12, 7, 10, 20, 0, 0, time.UTC)
	a := planT(t, p, Request{From: calbourne, To: badgerLane, Depart: tm, WallClock: true, ArriveBy: true, Profile: pr})
	checkLegs(t, a, []legWant{
		{typ: "ride", from: "-", to: "230000011940", depart: "2026-12-07T09:46:00Z", arrive: "2026-12-07T09:55:00Z", metres: 4495},
		{typ: "ride", from: "230000011940", to: "230000012030", depart: "2026-12-07T10:05:00Z", arrive: "2026-12-07T10:05:40Z", trip: "10355"},
	})
	if len(a.Legs) == 2 {
		if l := a.Legs[0]; l.Mode != "dial_a_ride" || l.Fare == nil || l.Fare.Pence == nil || *l.Fare.Pence != 250 ||
			!strings.HasPrefix(l.Booking, "book by 16:00 on Friday 4 December") {
			t.Errorf("the ride %+v", l)
		}
	}
	if a.Rides != 2 || a.Access != "assumed" || a.Depart != "2026-12-07T09:46:00Z" ||
		!strings.Contains(strings.Join(a.Notes, "\n"), "10 minutes to spare") {
		t.Errorf("answer %+v", a)
	}
	// The bus alone: no stop within the walker's 1,000 m of Calbourne.
	a = planT(t, p, Request{From: calbourne, To: badgerLane, Depart: tm, WallClock: true, ArriveBy: true, Profile: std(t, "walker")})
	if a.Found {
		t.Errorf("without dial-a-ride: %+v", a)
	}
}

func withModes(t *testing.T, id, modes string) profile.Profile {
	t.Helper()
	p, err := profile.FromStandard(id, []byte(`{"modes": `+modes+`}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkPlanDialARideToTheBus is the Calbourne to Brook query of
// TestIsleOfWightDialARideToTheBus: the bus search (no stop near home),
// the search with the zone's stops by dial-a-ride, and the door-to-door
// check.
func BenchmarkPlanDialARideToTheBus(b *testing.B) {
	p := isleOfWight(b)
	pr, err := profile.FromStandard("walker", []byte(`{"modes": ["bus", "dial_a_ride"]}`))
	if err != nil {
		b.Fatal(err)
	}
	req := Request{From: PointPlace(50.6792, -1.4108), To: PointPlace(50.65219, -1.449893),
		Depart: time.Date(2026, 12, 7, 10, 20, 0, 0, time.UTC), WallClock: true, ArriveBy: true, Profile: pr}
	b.ReportAllocs()
	for b.Loop() {
		if a, err := p.Plan(context.Background(), req); err != nil || !a.Found {
			b.Fatal(err)
		}
	}
}
