package reach_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
)

// isleOfWight is the region loaded once into a real PostGIS for these tests.
type isleOfWight struct {
	net  reach.Network
	acts []reach.Activity
}

func loadIsleOfWight(t *testing.T, withPolicy bool) *isleOfWight {
	t.Helper()
	ctx := context.Background()
	db := islandtest.DB(t)
	islandtest.ImportBus(t, db)
	islandtest.ImportMuseums(t, db)
	islandtest.ImportActivities(t, db, "activities")
	snap := islandtest.Snapshot(t, islandtest.Timetable(t, db, withPolicy))
	acts, err := db.ReachActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	darFeed, err := gtfs.Open(islandtest.Path("dial-a-ride"))
	if err != nil {
		t.Fatal(err)
	}
	defer darFeed.Close()
	zones, err := dar.FromFeed(darFeed, "iow-dial-a-ride")
	if err != nil {
		t.Fatal(err)
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		t.Fatal(err)
	}
	london, _ := time.LoadLocation("Europe/London")
	return &isleOfWight{net: reach.Network{Location: london, Transit: snap, Costs: road.DefaultCosts, Zones: zones, Fares: fares}, acts: acts}
}

var origins = map[string][2]float64{"shanklin": {50.63165, -1.179534}, "ryde": {50.7296, -1.1619}, "sandown": {50.6540, -1.1570},
	"cowes": {50.7600, -1.2980}, "brighstone": {50.6420, -1.3920}, "newport": {50.7010, -1.2920}, "stroudwood": {50.71243, -1.192629}}

// reachable answers one week for a profile and returns the reachable
// sessions as a set.
func reachable(t *testing.T, w *isleOfWight, o [2]float64, p profile.Profile) map[string]bool {
	t.Helper()
	ans, err := reach.New(w.net).Reach(context.Background(), reach.Request{Origin: geo.PointLatLon(o[0], o[1]), Profile: p,
		Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 7, Referred: true}, w.acts)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, it := range ans.Reachable {
		set[it.ActivityID+"@"+it.SessionStart] = true
	}
	return set
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func withOverrides(t *testing.T, id, js string) profile.Profile {
	t.Helper()
	p, err := profile.FromStandard(id, []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Adding a mode never reaches less, from seven Isle of Wight origins.
func TestAddingAModeNeverReachesLess(t *testing.T) {
	w := loadIsleOfWight(t, true)
	steps := []string{`{"modes": ["bus"]}`, `{"modes": ["bus", "dial_a_ride"]}`, `{"modes": ["bus", "dial_a_ride", "taxi"]}`,
		`{"modes": ["bus", "dial_a_ride", "taxi", "car_driver"]}`}
	for name, o := range origins {
		var prev map[string]bool
		for _, js := range steps {
			got := reachable(t, w, o, withOverrides(t, "walker", js))
			if prev != nil && !subset(prev, got) {
				t.Errorf("%s: adding a mode (%s) lost sessions", name, js)
			}
			prev = got
		}
		if len(prev) == 0 {
			t.Errorf("%s: nothing reachable even by car", name)
		}
	}
}

// A lower budget never reaches more.
func TestLowerBudgetNeverReachesMore(t *testing.T) {
	w := loadIsleOfWight(t, true)
	budgets := []string{`{"budget_pence": 0}`, `{"budget_pence": 300}`, `{"budget_pence": 700}`, `{"budget_pence": 1500}`, `{"budget_pence": null}`}
	grew := false
	for name, o := range origins {
		var prev map[string]bool
		for _, js := range budgets {
			got := reachable(t, w, o, withOverrides(t, "walker", `{"modes": ["bus", "taxi"], `+js[1:]))
			if prev != nil && !subset(prev, got) {
				t.Errorf("%s: raising the budget to %s lost sessions", name, js)
			}
			if prev != nil && len(got) > len(prev) {
				grew = true
			}
			prev = got
		}
	}
	if !grew {
		t.Error("no budget step ever reached more: the budget is not being applied")
	}
}

// BenchmarkReachRydeWalker is one link worker's question on the Isle of
// Wight: a week of every session from Ryde for the walker.
func BenchmarkReachRydeWalker(b *testing.B) {
	t := &testing.T{}
	w := loadIsleOfWight(t, true)
	w.net.Pool, w.net.Sessions = &reach.Pool{}, &reach.SessionCache{}
	p, _ := profile.ByID("walker")
	req := reach.Request{Origin: geo.PointLatLon(50.7296, -1.1619), Profile: p,
		Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 7, Referred: true}
	e := reach.New(w.net)
	for _, unbounded := range []bool{false, true} {
		b.Run(map[bool]string{false: "day-bounds", true: "whole-days"}[unbounded], func(b *testing.B) {
			defer reach.SetUnboundedDays(reach.SetUnboundedDays(unbounded))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Reach(context.Background(), req, w.acts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReachCalbourneDialARide is a week from Calbourne, inside the
// West Wight dial-a-ride zone and far from any stop, for the rural
// dial-a-ride profile: the two searches a day from the zone's stops by
// dial-a-ride, and the ride to every session in the zone.
func BenchmarkReachCalbourneDialARide(b *testing.B) {
	t := &testing.T{}
	w := loadIsleOfWight(t, true)
	w.net.Pool = &reach.Pool{}
	p, _ := profile.ByID("rural-dial-a-ride")
	req := reach.Request{Origin: geo.PointLatLon(50.6792, -1.4108), Profile: p,
		Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 7, Rural: true, RuralKnown: true, Referred: true}
	e := reach.New(w.net)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Reach(context.Background(), req, w.acts); err != nil {
			b.Fatal(err)
		}
	}
}

// The day searches' bounds (no journey there after the day's last
// deadline, none home before its first session) change no answer: from
// seven origins, for every standard profile, the week's reachable
// sessions with their journeys and costs, and every near miss with its
// barriers, are the same with and without them. Only a "last bus home"
// detail may name an earlier bus when the bounds are off.
func TestDayBoundsChangeNoAnswer(t *testing.T) {
	compareWeeks(t, "the day bounds", 7, false, func(on bool) { reach.SetUnboundedDays(!on) })
}

// Days that can ride the same timetable share their searches and that
// changes no answer, to the word: every reachable session's journeys and
// costs, and every near miss's barriers with their details, are those of
// searching each day on its own. The island's feed runs a different
// timetable each weekday, so it is a fortnight whose weeks share.
func TestSharedDaysChangeNoAnswer(t *testing.T) {
	if saved := compareWeeks(t, "days sharing searches", 14, true, func(on bool) { reach.SetShareDays(on) }); saved <= 0 {
		t.Fatalf("sharing saved no search (%d)", saved)
	}
}

// compareWeeks answers days from 7 December 2026 from the named origins
// and 25 venues (homes on bus routes), for every standard profile, with set(true) and
// set(false), and fails on any difference in what is reachable and how,
// or in the near misses' barriers (and, with details, their wording). It
// fails, too, when no session was reached by bus. It returns how many
// fewer transit searches set(true) ran.
func compareWeeks(t *testing.T, what string, days int, details bool, set func(on bool)) (saved int) {
	w := loadIsleOfWight(t, true)
	defer set(true)
	week := func(o [2]float64, p profile.Profile, on bool) reach.Answer {
		set(on)
		ans, err := reach.New(w.net).Reach(context.Background(), reach.Request{Origin: geo.PointLatLon(o[0], o[1]), Profile: p,
			Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: days, Referred: true}, w.acts)
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	from := maps.Clone(origins)
	for _, a := range w.acts {
		if len(from) == len(origins)+25 {
			break
		}
		from["venue "+a.SiteName] = [2]float64{a.Venue.Lat(), a.Venue.Lon()}
	}
	compared, byBus := 0, 0
	for _, p := range profile.Standard() {
		id := p.ID
		for name, o := range from {
			got, want := week(o, p, true), week(o, p, false)
			g, _ := json.Marshal(got.Reachable)
			wt, _ := json.Marshal(want.Reachable)
			if string(g) != string(wt) {
				t.Errorf("%s from %s: reachable sessions differ with %s", id, name, what)
			}
			if len(got.NearMisses) != len(want.NearMisses) {
				t.Fatalf("%s from %s: %d near misses with %s, %d without", id, name, len(got.NearMisses), what, len(want.NearMisses))
			}
			for i := range got.NearMisses {
				a, b := got.NearMisses[i], want.NearMisses[i]
				if a.ActivityID != b.ActivityID || a.SessionStart != b.SessionStart || barrierCodes(a) != barrierCodes(b) {
					t.Errorf("%s from %s: near miss %d is %s@%s %s with %s, %s@%s %s without", id, name, i,
						a.ActivityID, a.SessionStart, barrierCodes(a), what, b.ActivityID, b.SessionStart, barrierCodes(b))
				}
				if ga, gb := fmt.Sprint(a.Barriers), fmt.Sprint(b.Barriers); details && ga != gb {
					t.Errorf("%s from %s: near miss %d says %s with %s, %s without", id, name, i, ga, what, gb)
				}
			}
			compared += len(got.Reachable) + len(got.NearMisses)
			saved += want.TransitSearches - got.TransitSearches
			for _, it := range want.Reachable {
				if it.Out != nil && it.Out.Mode == "bus" {
					byBus++
				}
			}
		}
	}
	switch {
	case compared == 0:
		t.Fatal("nothing compared")
	case byBus == 0:
		t.Fatalf("no session reached by bus: %s were not exercised", what)
	}
	t.Logf("%d sessions compared, %d reached by bus, %d searches saved", compared, byBus, saved)
	return saved
}

func barrierCodes(it reach.Item) string {
	s := ""
	for _, b := range it.Barriers {
		s += b.Code + " "
	}
	return s
}

// A request's filters (Request.Keep) narrow the sessions taken from the
// shared session cache exactly as judging a list of only the kept
// activities would, and the cache changes no answer.
func TestKeepWithSessionCache(t *testing.T) {
	w := loadIsleOfWight(t, true)
	p, _ := profile.ByID("walker")
	keep := func(a *reach.Activity) bool { return a.Kind == "guided_tour" }
	var kept []reach.Activity
	for _, a := range w.acts {
		if keep(&a) {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 || len(kept) == len(w.acts) {
		t.Fatalf("%d of %d activities are guided tours: the filter shows nothing", len(kept), len(w.acts))
	}
	cached := w.net
	cached.Sessions = &reach.SessionCache{}
	answer := func(net reach.Network, acts []reach.Activity, keep func(*reach.Activity) bool) string {
		ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: geo.PointLatLon(50.7296, -1.1619), Profile: p,
			Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 7, Referred: true, Keep: keep}, acts)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range append(ans.Reachable, ans.NearMisses...) {
			if keep != nil && it.Kind != "guided_tour" {
				t.Fatalf("kept a %s", it.Kind)
			}
		}
		b, _ := json.Marshal(ans)
		return string(b)
	}
	want := answer(w.net, kept, nil)
	for range 2 { // a miss, then a hit
		if got := answer(cached, w.acts, keep); got != want {
			t.Fatalf("filtered from the cache:\n%s\nfrom the kept list:\n%s", got, want)
		}
	}
	if answer(cached, w.acts, nil) != answer(w.net, w.acts, nil) {
		t.Fatal("the cache changed the unfiltered answer")
	}
}

// Sessions at a venue further than the longest journey at MaxSpeedKPH are
// left out, and counted: three of the island's activities copied to Oakham, in
// Rutland, 220 km from the island, are never reachable by any standard
// profile from any origin when they are judged — only near misses — and
// are not judged at all with the cut off on, which changes nothing else in
// the answer. A rural resident's 90 minutes, at
// 200 km/h, reach 300 km: for them the copies are judged.
func TestSessionsBeyondReachAreLeftOut(t *testing.T) {
	w := loadIsleOfWight(t, true)
	oakham := geo.PointLatLon(52.6708, -0.7316)
	acts := slices.Clone(w.acts)
	for _, a := range w.acts[:3] {
		a.ID, a.Venue = a.ID+"-oakham", oakham
		acts = append(acts, a)
	}
	far := func(it reach.Item) bool { return strings.HasSuffix(it.ActivityID, "-oakham") }
	week := func(o [2]float64, p profile.Profile, rural, all bool) reach.Answer {
		defer reach.SetJudgeAllDistances(reach.SetJudgeAllDistances(all))
		ans, err := reach.New(w.net).Reach(context.Background(), reach.Request{Origin: geo.PointLatLon(o[0], o[1]), Profile: p,
			Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 7, Rural: rural, RuralKnown: true, Referred: true}, acts)
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	judgedFar, comparedMisses := 0, 0
	for _, p := range profile.Standard() {
		for name, o := range origins {
			cut, all := week(o, p, false, false), week(o, p, false, true)
			var kept []reach.Item
			for _, it := range all.NearMisses {
				if far(it) {
					judgedFar++
					continue
				}
				kept = append(kept, it)
			}
			for _, it := range append(all.Reachable, cut.Reachable...) {
				if far(it) {
					t.Fatalf("%s from %s: %s in Oakham is reachable", p.ID, name, it.ActivityID)
				}
			}
			if all.NearMissesOmitted == 0 {
				comparedMisses++
				g, _ := json.Marshal(cut.NearMisses)
				k, _ := json.Marshal(kept)
				if string(g) != string(k) {
					t.Errorf("%s from %s: leaving the far sessions out changed the other near misses", p.ID, name)
				}
			}
			g, _ := json.Marshal(cut.Reachable)
			k, _ := json.Marshal(all.Reachable)
			if string(g) != string(k) || cut.SessionsBeyondReach == 0 || cut.Sessions+cut.SessionsBeyondReach != all.Sessions {
				t.Errorf("%s from %s: reachable sessions changed, or %d + %d sessions of %d", p.ID, name, cut.Sessions, cut.SessionsBeyondReach, all.Sessions)
			}
		}
		if rural := week(origins["brighstone"], p, true, false); rural.SessionsBeyondReach != 0 {
			t.Errorf("%s: a rural home left %d sessions 220 km away out of 300 km", p.ID, rural.SessionsBeyondReach)
		}
	}
	if judgedFar == 0 || comparedMisses == 0 {
		t.Fatalf("%d far sessions judged, %d answers' near misses compared: the test shows nothing", judgedFar, comparedMisses)
	}
	t.Logf("%d far sessions judged, %d answers' near misses compared", judgedFar, comparedMisses)
}

// TestDialARideTriesEveryZone: zones may overlap. A zone over the same
// area that closes at 16:00, listed first, takes the person from Calbourne
// to Brighstone Village Museum for 10:30 but cannot bring them home after
// 16:30; the West Wight zone (to 17:00) does both, so the session is
// reachable by dial-a-ride. With the early zone alone
// there is no ride home.
func TestDialARideTriesEveryZone(t *testing.T) {
	w := loadIsleOfWight(t, true)
	early := w.net.Zones[0]
	early.ID, early.Name, early.WindowEnd = "early", "Early Closing Zone", 16*3600
	session := testSession(t, "test-brighstone-museum-long", "Brighstone Village Museum", brighstoneMuseum, "10:30", "16:30", priced)
	pr := withOverrides(t, "rural-dial-a-ride", `{"modes": ["dial_a_ride"]}`)
	answer := func(zones []dar.Zone) reach.Answer {
		net := w.net
		net.Zones = zones
		ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: calbourneHome, Profile: pr,
			Start: time.Date(2026, 12, 7, 0, 0, 0, 0, net.Location), Days: 1, Referred: true}, []reach.Activity{session})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	for _, zones := range [][]dar.Zone{{early, w.net.Zones[0]}, {w.net.Zones[0], early}} {
		ans := answer(zones)
		if len(ans.Reachable) != 1 || ans.Reachable[0].Out == nil || ans.Reachable[0].Out.Mode != "dial_a_ride" {
			t.Errorf("%s first: reachable %+v, near misses %+v; want the session by dial-a-ride", zones[0].Name, ans.Reachable, ans.NearMisses)
		}
	}
	ans := answer([]dar.Zone{early})
	if len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 || !strings.Contains(fmt.Sprint(ans.NearMisses[0].Barriers), "no_return_journey") {
		t.Errorf("the early zone alone: reachable %+v, near misses %+v; want no ride home", ans.Reachable, ans.NearMisses)
	}
}

// TestDialARideToTheBusByTheDaysZone: home may lie in several zones that
// run on different days. With a Saturday-only zone over West Wight listed
// before the weekday West Wight zone, Monday's ride to route D for Brook
// (see "calbourne/walker with dial-a-ride, by dial-a-ride and bus" in the
// profile tests) is still found, through the zone that runs that day;
// with the Saturday zone alone there is none.
func TestDialARideToTheBusByTheDaysZone(t *testing.T) {
	w := loadIsleOfWight(t, true)
	saturday := w.net.Zones[0]
	saturday.ID, saturday.Name, saturday.Days = "saturday", "Saturday Zone", 1<<time.Saturday
	answer := func(zones []dar.Zone) reach.Answer { return calbourneToBrook(t, w, zones) }
	rides := func(tr *reach.Trip) int {
		n := 0
		for _, l := range tr.Legs {
			if l.Mode == "dial_a_ride" {
				n++
			}
		}
		return n
	}
	ans := answer([]dar.Zone{saturday, w.net.Zones[0]})
	if len(ans.Reachable) != 1 || rides(ans.Reachable[0].Out) != 1 || rides(ans.Reachable[0].Back) != 1 {
		t.Fatalf("reachable %+v, near misses %+v; want Brook by dial-a-ride and bus", ans.Reachable, ans.NearMisses)
	}
	if out := ans.Reachable[0].Out; out.Legs[0].Depart != "2026-12-07T09:46:00Z" {
		t.Errorf("out %+v, want the ride at 09:46 of the profile test", out)
	}
	ans = answer([]dar.Zone{saturday})
	if len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 {
		t.Errorf("the Saturday zone alone: reachable %+v, near misses %+v", ans.Reachable, ans.NearMisses)
	}
}

// TestDialARideToTheBusTriesEveryZoneOfTheDay: home in two zones that
// both run on Monday, the first closing at 11:00 — too early for the ride
// home from Brook after a 10:30–12:00 session. Each zone of the day has
// its own searches, so the journey goes through the second, the same as
// with that zone alone; with the early zone alone it is a near miss.
func TestDialARideToTheBusTriesEveryZoneOfTheDay(t *testing.T) {
	w := loadIsleOfWight(t, true)
	early := w.net.Zones[0]
	early.ID, early.Name, early.WindowEnd = "early", "Early Closing Zone", 11*3600
	answer := func(zones []dar.Zone) reach.Answer { return calbourneToBrook(t, w, zones) }
	alone := answer([]dar.Zone{w.net.Zones[0]})
	if len(alone.Reachable) != 1 {
		t.Fatalf("the West Wight zone alone: reachable %+v, near misses %+v", alone.Reachable, alone.NearMisses)
	}
	both := answer([]dar.Zone{early, w.net.Zones[0]})
	if len(both.Reachable) != 1 || !reflect.DeepEqual(both.Reachable[0].Out, alone.Reachable[0].Out) ||
		!reflect.DeepEqual(both.Reachable[0].Back, alone.Reachable[0].Back) {
		t.Errorf("early zone first: reachable %+v, near misses %+v; want the West Wight zone's journeys", both.Reachable, both.NearMisses)
	}
	if ans := answer([]dar.Zone{early}); len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 {
		t.Errorf("the early zone alone: reachable %+v, near misses %+v", ans.Reachable, ans.NearMisses)
	}
}

// calbourneToBrook asks, with zones, for a walker who also takes the bus
// and dial-a-ride, living in Calbourne, about a 10:30–12:00 session at the
// Badger Lane stop in Brook on Monday 7 December 2026.
func calbourneToBrook(t *testing.T, w *isleOfWight, zones []dar.Zone) reach.Answer {
	t.Helper()
	brook := testSession(t, "test-brook", "Badger Lane stop, Brook (test venue)", badgerLane, "10:30", "12:00", priced)
	pr := withOverrides(t, "walker", `{"modes": ["bus", "dial_a_ride"]}`)
	net := w.net
	net.Zones = zones
	ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: calbourneHome, Profile: pr,
		Start: time.Date(2026, 12, 7, 0, 0, 0, 0, net.Location), Days: 1, Rural: true, RuralKnown: true, Referred: true}, []reach.Activity{brook})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}
