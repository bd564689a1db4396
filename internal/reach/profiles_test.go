package reach_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// Every standard profile from three Isle of Wight origins, each with at
// least one session whose journeys out and back and whose cost are worked
// out by hand below.
//
// All sessions are test sessions (names end "(test session)") on Monday 7
// December 2026, at real venues (Mapping Museums coordinates) or at bus
// stop coordinates. December is GMT, so local times print with "Z".
// Monday is service 26 of the timetable (routes 22, 24, A, C32 and D run)
// besides route 37's weekday service 14.
//
// The origins:
//
//   - Shanklin, a town: Shanklin Bus Station stop 230000003100 itself
//     (50.63165, -1.179534). Urban (45-minute default limit each way).
//   - Brighstone, a village on route D (50.6420, -1.3920). Rural (90
//     minutes), inside the illustrative West Wight dial-a-ride zone.
//   - Calbourne, a home on the Newport road 300 m east of Calbourne Water
//     Mill (50.6792, -1.4108). No bus in the subset serves it: the nearest
//     stop, route D's Mottistone Manor (230000011750), is 3.2 km away. Rural,
//     inside the dial-a-ride zone.
//
// The rules the hand working uses, with the Isle of Wight's network (no
// walk graph, no road graph):
//
//   - a walk is the great-circle distance (radius 6,371,008.8 m) × 1.3,
//     rounded up to the metre, at the profile's speed, rounded up to the
//     second: walker and no-money 1.2 m/s, bus-pass and rural-dial-a-ride
//     0.9 m/s, wheelchair 0.8 m/s;
//   - a car leg is the distance × 1.4 at 25 km/h (urban) or 45 km/h
//     (rural), rounded up to the second, and costs 45p a mile
//     (1,609.344 m) each way, rounded to the penny, estimated;
//   - a dial-a-ride leg is the distance × 1.3 at 30 km/h, £2.50 each way
//     (the feed's fare, known), booked by 16:00 the working day before
//     (for Monday, the Friday: the rule counts its WEEKDAYS service days)
//     on 01983 000900, and must run wholly within 09:00–17:00 on a
//     weekday;
//   - every way arrives 10 minutes before the session starts; modelled
//     ways (walk, car, dial-a-ride) leave home exactly then less the leg,
//     and leave the venue when the session ends;
//   - a bus single is England's operator rule: 300p, estimated; an ENCTS
//     pass boards free (known) from 09:30 on a weekday.
//
// The distances used (straight line; × 1.3 for walks):
//
//	Shanklin Bus Station 230000003100 (home) – 230000003080    28.6 m → 38 m
//	                                        – Railway Station 2300128  243.7 m → 317 m
//	Dinosaur Isle – Grand Hotel 230000000960 (towards Yaverland)  69.5 m → 91 m
//	              – Grand Hotel 230000001010 (towards Shanklin)  202.5 m → 264 m
//	              – Wight City 230000001190, 230029        389.3, 425.1 m → 507, 553 m
//	Brighstone home – Three Bishops 230000011330           286.9 m → 373 m
//	                – GP Surgery 230000016                 239.1 m → 311 m
//	                – Three Bishops 230000011320           248.9 m → 324 m
//	                – Brighstone Cemetery 230000011240     537.7 m → 699 m
//	                – Hollis Drive 230000011380            797.1 m → 1,037 m
//	                – Brighstone Village Museum            319.9 m → 416 m
//	Shorwell venue (Crown Inn 230000010940) – Crown Inn 230000010930  18.9 m → 25 m
//	Calbourne home – Calbourne Water Mill                  293.0 m → 381 m
//	Shanklin – Dinosaur Isle 4,124.6 m; Brighstone – Shorwell venue 2,551.2 m;
//	Calbourne – Brighstone Village Museum 4,090.2 m; Brighstone – Calbourne
//	Water Mill 4,491.2 m.

var (
	shanklinHome   = geo.PointLatLon(50.63165, -1.179534) // Shanklin Bus Station, stop 230000003100
	brighstoneHome = geo.PointLatLon(50.6420, -1.3920)
	calbourneHome  = geo.PointLatLon(50.6792, -1.4108)

	dinosaurIsle     = geo.PointLatLon(50.659854, -1.14154)  // Mapping Museums, Sandown
	brighstoneMuseum = geo.PointLatLon(50.643688, -1.395674) // Brighstone Village Museum
	calbourneMill    = geo.PointLatLon(50.679695, -1.414885) // Calbourne Water Mill And Rural Museum
	shorwellCrownInn = geo.PointLatLon(50.64439, -1.356017)  // Crown Inn stop 230000010940, Shorwell
	shanklinStation  = geo.PointLatLon(50.63384, -1.179680)  // Shanklin Railway Station stop 2300128
	badgerLane       = geo.PointLatLon(50.65219, -1.449893)  // Badger Lane stop 230000012030, Brook
)

// Prices of the test sessions.
var (
	priced = heritage.CostOption{Amount: pence(400), Concession: pence(300), Confidence: heritage.ConfidenceKnown}
	// freeOnReferral costs £5.00, nothing for a referred person.
	freeOnReferral = heritage.CostOption{Amount: pence(500), Confidence: heritage.ConfidenceKnown, FreeOnReferral: true}
)

func pence(p int64) *int64 { return &p }

// testSession is one Monday test session at a venue that is step-free with
// an accessible toilet.
func testSession(t *testing.T, id, site string, venue orb.Point, opens, closes string, cost heritage.CostOption) reach.Activity {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=MO")
	if err != nil {
		t.Fatal(err)
	}
	o, err := heritage.ParseClock(opens)
	if err != nil {
		t.Fatal(err)
	}
	c, err := heritage.ParseClock(closes)
	if err != nil {
		t.Fatal(err)
	}
	return reach.Activity{
		Activity: heritage.Activity{ID: id, Name: site + " (test session)", Kind: "object_handling", Illustrative: true,
			Costs:     []heritage.CostOption{cost},
			Schedules: []heritage.Schedule{{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: 12, Day: 7}, OpensAt: o, ClosesAt: c}}},
		SiteName: site, Venue: venue, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
	}
}

// profileCase is one profile from one origin: the session that must be
// reachable, with its legs and cost, and the near misses with their
// barriers.
type profileCase struct {
	profile string
	origin  orb.Point
	rural   bool
	acts    []reach.Activity
	// reach is the activity id of the one reachable session; out and back
	// its legs (see legLine), cost its breakdown (see costLine).
	reach     string
	out, back []string
	cost      string
	notes     []string // parts of the access notes that must be there
	// near maps each near miss's activity id to its barriers ("code:
	// detail"), and nearCost to the cost of the way that came closest.
	near     map[string][]string
	nearCost map[string]string
	// overrides, when set, are applied to the standard profile.
	overrides string
	// mode, when set, is both trips' mode; costNote must be in the notes
	// of both ways' fares.
	mode, costNote string
	// bug names a known engine bug that makes the near misses come out
	// otherwise than worked here: the case is then skipped, saying so,
	// after its reachable session has been checked, and passes once the
	// engine is fixed.
	bug string
}

// legLine says a leg in one line: mode, route and trip for a ride, metres
// for a walk or a modelled leg, the places and the clock times.
func legLine(l reach.Leg) string {
	s := l.Mode
	switch {
	case l.TripID != "":
		s += " " + l.Route + " " + l.TripID
	case l.Metres != 0:
		s += fmt.Sprintf(" %d m", l.Metres)
	}
	s += " " + l.From + " " + clockOf(l.Depart) + " → " + l.To + " " + clockOf(l.Arrive)
	if l.Access != "" {
		s += " [" + l.Access + "]"
	}
	if l.Booking != "" {
		s += " (" + l.Booking + ")"
	}
	return s
}

// clockOf is the time of day of an RFC 3339 instant on the test Monday,
// or the whole instant when it is on another day or not GMT.
func clockOf(s string) string {
	if c, ok := strings.CutPrefix(s, "2026-12-07T"); ok && strings.HasSuffix(c, "Z") {
		return strings.TrimSuffix(c, "Z")
	}
	return s
}

// legLines lists a trip's legs, every one: a journey that boards at a
// stop at the door (or at the venue) must have no walk there.
func legLines(tr *reach.Trip) []string {
	if tr == nil {
		return nil
	}
	var out []string
	for _, l := range tr.Legs {
		out = append(out, legLine(l))
	}
	return out
}

func moneyLine(m reach.Money) string { return fmt.Sprintf("%d %s", m.Pence, m.Confidence) }

func costLine(c *reach.Cost) string {
	if c == nil {
		return "no cost"
	}
	return fmt.Sprintf("out %s, back %s, companion %s, activity %s, total %s", moneyLine(c.Outbound), moneyLine(c.Return),
		moneyLine(c.Companion), moneyLine(c.Activity), moneyLine(c.Total))
}

func barrierLines(bs []reach.Barrier) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Code+": "+b.Detail)
	}
	return out
}

func (c profileCase) run(t *testing.T, w *isleOfWight) {
	t.Helper()
	p, err := profile.FromStandard(c.profile, []byte(c.overrides))
	if err != nil {
		t.Fatalf("profile %s: %v", c.profile, err)
	}
	ans, err := reach.New(w.net).Reach(context.Background(), reach.Request{Origin: c.origin, Profile: p,
		Start: time.Date(2026, 12, 7, 0, 0, 0, 0, w.net.Location), Days: 1, Rural: c.rural, RuralKnown: true, Referred: true}, c.acts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Reachable) != 1 || ans.Reachable[0].ActivityID != c.reach {
		var got []string
		for _, it := range ans.Reachable {
			got = append(got, it.ActivityID)
		}
		t.Fatalf("reachable %v, want [%s]; near misses %+v", got, c.reach, ans.NearMisses)
	}
	it := ans.Reachable[0]
	if got := legLines(it.Out); !slices.Equal(got, c.out) {
		t.Errorf("out:\n got %q\nwant %q", got, c.out)
	}
	if got := legLines(it.Back); !slices.Equal(got, c.back) {
		t.Errorf("back:\n got %q\nwant %q", got, c.back)
	}
	if got := costLine(it.Cost); got != c.cost {
		t.Errorf("cost:\n got %s\nwant %s", got, c.cost)
	}
	if c.mode != "" && (it.Out.Mode != c.mode || it.Back.Mode != c.mode) {
		t.Errorf("modes %s and %s, want %s", it.Out.Mode, it.Back.Mode, c.mode)
	}
	if c.costNote != "" && (!strings.Contains(it.Cost.Outbound.Note, c.costNote) || !strings.Contains(it.Cost.Return.Note, c.costNote)) {
		t.Errorf("fare notes %q and %q, want %q in both", it.Cost.Outbound.Note, it.Cost.Return.Note, c.costNote)
	}
	notes := strings.Join(it.AccessNotes, "\n")
	for _, n := range c.notes {
		if !strings.Contains(notes, n) {
			t.Errorf("access notes %q lack %q", notes, n)
		}
	}
	var wrong []string
	if len(ans.NearMisses) != len(c.near) {
		wrong = append(wrong, fmt.Sprintf("%d near misses, want %d", len(ans.NearMisses), len(c.near)))
	}
	for _, nm := range ans.NearMisses {
		want, ok := c.near[nm.ActivityID]
		if !ok {
			wrong = append(wrong, fmt.Sprintf("unexpected near miss %s: %q", nm.ActivityID, barrierLines(nm.Barriers)))
			continue
		}
		if got := barrierLines(nm.Barriers); !slices.Equal(got, want) {
			wrong = append(wrong, fmt.Sprintf("near miss %s barriers:\n got %q\nwant %q", nm.ActivityID, got, want))
		}
		if wc, ok := c.nearCost[nm.ActivityID]; ok {
			if got := costLine(nm.Cost); got != wc {
				wrong = append(wrong, fmt.Sprintf("near miss %s cost:\n got %s\nwant %s", nm.ActivityID, got, wc))
			}
		}
	}
	if len(wrong) > 0 && c.bug != "" {
		t.Skipf("known engine bug, reported, not fixed here: %s\n%s", c.bug, strings.Join(wrong, "\n"))
	}
	for _, m := range wrong {
		t.Error(m)
	}
}

func TestProfilesOnTheIsleOfWight(t *testing.T) {
	w := loadIsleOfWight(t, true)

	// Shanklin's sessions.
	//
	// Dinosaur Isle, 12:40–13:20: route 24 on a Monday (service 26) is
	// the only way from Shanklin to Sandown and back:
	//
	//	trip 9990  Shanklin Bus Station (3100) 12:00:00 → Grand Hotel (960) 12:24:57
	//	           → … → Redcliff Close 12:26:00
	//	trip 9986  Redcliff Close 13:28:00 → Grand Hotel (1010) 13:30:09 → Wight City
	//	           (230029) 13:31:16 → … → Shanklin Bus Station (3080) 13:58:00
	//
	// Out: the latest departure arriving by 12:30 is 9990 at 12:00 from
	// the door (the next stop, Landguard Manor at 12:01:37, is 719 m
	// away, so leaving for it is earlier); of its stops, Grand Hotel (960)
	// 91 m from the museum gives the earliest arrival. Back: the only
	// ride home after 13:20 is 9986, to 3080 (38 m from home) at 13:58:00;
	// Grand Hotel (1010), 264 m from the museum, is the stop that lets
	// the person leave latest.
	dino := testSession(t, "test-dinosaur-isle", "Dinosaur Isle", dinosaurIsle, "12:40", "13:20", priced)
	dinoFree := testSession(t, "test-dinosaur-isle-free", "Dinosaur Isle", dinosaurIsle, "12:40", "13:20", freeOnReferral)
	dinoLate := testSession(t, "test-dinosaur-isle-late", "Dinosaur Isle", dinosaurIsle, "15:00", "16:00", priced)
	// At the Railway Station stop, 317 m on foot from home, 14:00–15:00.
	station := testSession(t, "test-shanklin-station", "Shanklin Railway Station stop (test venue)", shanklinStation, "14:00", "15:00", freeOnReferral)

	// Brighstone's sessions.
	//
	// Shorwell, 10:00–12:00, at the Crown Inn stop (230000010940):
	// route D's Monday trips (service 26) loop Brook → Brighstone →
	// Shorwell → Brighstone:
	//
	//	trip 10355  Three Bishops (11330) 09:38:00 → Brighstone Cemetery 09:40:01 → …
	//	            → Crown Inn (10940) 09:45:00
	//	trip 10358  Crown Inn (10940) 12:45:00 → Russell Road 12:46:00 → Crown Inn
	//	            (10930) 12:46:45 → … → GP Surgery (16) 12:51:00 → … → Three
	//	            Bishops (11320) 12:57:00, the end of the trip
	//
	// Out: 10355 is the only bus arriving by 09:50; boarding at Three
	// Bishops (373 m from home) leaves home latest (Brighstone Cemetery
	// at 09:40:01 is 699 m away, an earlier start at every speed; Hollis
	// Drive is 1,037 m away, beyond every walk). Back: 10358, the only
	// bus after 12:00; home earliest from GP Surgery (311 m) at 12:51:00
	// (Three Bishops (11320), 324 m, only at 12:57:00); leaving latest by
	// boarding at the second Crown Inn stop (10930, 25 m from the venue)
	// at 12:46:45.
	shorwell := testSession(t, "test-shorwell", "Shorwell, Crown Inn stop (test venue)", shorwellCrownInn, "10:00", "12:00", priced)
	shorwellFree := testSession(t, "test-shorwell-free", "Shorwell, Crown Inn stop (test venue)", shorwellCrownInn, "10:00", "12:00", freeOnReferral)
	museumFree := testSession(t, "test-brighstone-museum-free", "Brighstone Village Museum", brighstoneMuseum, "10:30", "12:00", freeOnReferral)
	millFromBrighstone := testSession(t, "test-calbourne-mill", "Calbourne Water Mill", calbourneMill, "10:30", "12:00", priced)

	// Calbourne's sessions: the mill, 381 m on foot from home, and
	// Brighstone Village Museum, 4,090.2 m away (5.3 km on foot), by a
	// bus stop but with no stop near home.
	mill := testSession(t, "test-calbourne-mill", "Calbourne Water Mill", calbourneMill, "10:30", "12:00", priced)
	millFree := testSession(t, "test-calbourne-mill-free", "Calbourne Water Mill", calbourneMill, "10:30", "12:00", freeOnReferral)
	museum := testSession(t, "test-brighstone-museum", "Brighstone Village Museum", brighstoneMuseum, "10:30", "12:00", priced)
	museumLate := testSession(t, "test-brighstone-museum-late", "Brighstone Village Museum", brighstoneMuseum, "15:30", "16:55", priced)

	// Brook's session, 10:30–12:00, at the Badger Lane stop (230000012030),
	// just outside the dial-a-ride zone (its edge runs 400 m north, at
	// 50.6558° N), on route D beyond Brook Triangle.
	brook := testSession(t, "test-brook", "Badger Lane stop, Brook (test venue)", badgerLane, "10:30", "12:00", priced)

	const lastRideHome = "no_return_journey: no dial-a-ride home after the session ends at 16:55: " +
		"dial-a-ride West Wight dial-a-ride zone (ILLUSTRATIVE) runs 09:00 to 17:00"

	cases := map[string]profileCase{
		// Walker from Shanklin to Dinosaur Isle by route 24. Walks at 1.2
		// m/s: Grand Hotel (960) → museum 91 m, 76 s (12:24:57 →
		// 12:26:13); museum → Grand Hotel (1010) 264 m, 220 s (leave
		// 13:30:09 − 220 s = 13:26:29); 3080 → home 38 m, 32 s (13:58:32).
		// Back 32 min 3 s, within 45. Cost: two singles at 300p,
		// estimated; the full price 400p.
		"shanklin/walker": {profile: "walker", origin: shanklinHome, acts: []reach.Activity{dino},
			reach: "test-dinosaur-isle",
			out: []string{
				"bus 24 9990 Shanklin Bus Station 12:00:00 → Grand Hotel 12:24:57 [assumed]",
				"walk 91 m Grand Hotel 12:24:57 → Dinosaur Isle 12:26:13",
			},
			back: []string{
				"walk 264 m Dinosaur Isle 13:26:29 → Grand Hotel 13:30:09",
				"bus 24 9986 Grand Hotel 13:30:09 → Shanklin Bus Station 13:58:00 [assumed]",
				"walk 38 m Shanklin Bus Station 13:58:00 → home 13:58:32",
			},
			cost: "out 300 estimated, back 300 estimated, companion 0 known, activity 400 known, total 1000 estimated"},

		// Bus pass from Shanklin: the same buses at 0.9 m/s: 91 m 102 s
		// (12:26:39), 264 m 294 s (leave 13:25:15), 38 m 43 s
		// (13:58:43); back 33 min 28 s. Both boardings (12:00, 13:30)
		// are after 09:30 on a weekday: free, known. Concession 300p.
		"shanklin/bus-pass": {profile: "bus-pass", origin: shanklinHome, acts: []reach.Activity{dino},
			reach: "test-dinosaur-isle",
			out: []string{
				"bus 24 9990 Shanklin Bus Station 12:00:00 → Grand Hotel 12:24:57 [assumed]",
				"walk 91 m Grand Hotel 12:24:57 → Dinosaur Isle 12:26:39",
			},
			back: []string{
				"walk 264 m Dinosaur Isle 13:25:15 → Grand Hotel 13:30:09",
				"bus 24 9986 Grand Hotel 13:30:09 → Shanklin Bus Station 13:58:00 [assumed]",
				"walk 38 m Shanklin Bus Station 13:58:00 → home 13:58:43",
			},
			cost: "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known"},

		// Wheelchair from Shanklin: the same buses, step-free only as
		// assumed under the loaded PSV policy, at 0.8 m/s within 400 m:
		// 91 m 114 s (12:26:51), 264 m 330 s (leave 13:24:39), 38 m 48 s
		// (13:58:48). Free on the pass; concession 300p. The taxi is no
		// way for her: whether a wheelchair-accessible one can be booked
		// is unknown.
		"shanklin/wheelchair": {profile: "wheelchair", origin: shanklinHome, acts: []reach.Activity{dino},
			reach: "test-dinosaur-isle",
			out: []string{
				"bus 24 9990 Shanklin Bus Station 12:00:00 → Grand Hotel 12:24:57 [assumed]",
				"walk 91 m Grand Hotel 12:24:57 → Dinosaur Isle 12:26:51",
			},
			back: []string{
				"walk 264 m Dinosaur Isle 13:24:39 → Grand Hotel 13:30:09",
				"bus 24 9986 Grand Hotel 13:30:09 → Shanklin Bus Station 13:58:00 [assumed]",
				"walk 38 m Shanklin Bus Station 13:58:00 → home 13:58:48",
			},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known",
			notes: []string{"assumed step-free", "PSV Accessibility Regulations"}},

		// No money from Shanklin: the station session, free on referral,
		// is 317 m away: 265 s at 1.2 m/s, leaving 13:50:00 − 265 s =
		// 13:45:35, home 15:04:25; nothing to pay. Dinosaur Isle, also
		// free on referral, is reachable in time only by the two 300p
		// singles of the walker's case: over budget by £6.00.
		"shanklin/no-money": {profile: "no-money", origin: shanklinHome, acts: []reach.Activity{station, dinoFree},
			reach: "test-shanklin-station",
			out:   []string{"walk 317 m home 13:45:35 → Shanklin Railway Station stop (test venue) 13:50:00"},
			back:  []string{"walk 317 m Shanklin Railway Station stop (test venue) 15:00:00 → home 15:04:25"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 0 known, total 0 known",
			near: map[string][]string{"test-dinosaur-isle-free": {
				"over_budget: over budget by £6.00 (costs £6.00, budget £0.00)"}},
			nearCost: map[string]string{"test-dinosaur-isle-free": "out 300 estimated, back 300 estimated, companion 0 known, activity 0 known, total 600 estimated"}},

		// Car from Shanklin (urban): 4,124.6 m × 1.4 = 5,774.43 m at 25
		// km/h (6.944 m/s) = 831.5 s → 832 s; leave 12:30:00 − 832 s =
		// 12:16:08, home 13:20:00 + 832 s = 13:33:52. Running cost 45 ×
		// 5,774.43 / 1,609.344 = 161.46 → 161p each way, estimated.
		"shanklin/car": {profile: "car", origin: shanklinHome, acts: []reach.Activity{dino},
			reach: "test-dinosaur-isle",
			out:   []string{"car 5774 m home 12:16:08 → Dinosaur Isle 12:30:00"},
			back:  []string{"car 5774 m Dinosaur Isle 13:20:00 → home 13:33:52"},
			cost:  "out 161 estimated, back 161 estimated, companion 0 known, activity 400 known, total 722 estimated"},

		// Rural dial-a-ride from Shanklin: Shanklin is outside the zone,
		// so the bus it is, exactly as the bus-pass case (same speed and
		// walk). A 15:00–16:00 session is a near miss: the last ride home
		// from the museum's stops within 500 m is 9986 at Grand Hotel at
		// 13:30:09.
		"shanklin/rural-dial-a-ride": {profile: "rural-dial-a-ride", origin: shanklinHome, acts: []reach.Activity{dino, dinoLate},
			reach: "test-dinosaur-isle",
			out: []string{
				"bus 24 9990 Shanklin Bus Station 12:00:00 → Grand Hotel 12:24:57 [assumed]",
				"walk 91 m Grand Hotel 12:24:57 → Dinosaur Isle 12:26:39",
			},
			back: []string{
				"walk 264 m Dinosaur Isle 13:25:15 → Grand Hotel 13:30:09",
				"bus 24 9986 Grand Hotel 13:30:09 → Shanklin Bus Station 13:58:00 [assumed]",
				"walk 38 m Shanklin Bus Station 13:58:00 → home 13:58:43",
			},
			cost: "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known",
			near: map[string][]string{"test-dinosaur-isle-late": {
				"no_return_journey: last bus home leaves 13:30, the session ends 16:00"}}},

		// Walker from Brighstone to Shorwell on route D. Walks at 1.2
		// m/s: home → Three Bishops 373 m, 311 s (leave 09:38:00 − 311 s
		// = 09:32:49); venue → Crown Inn (10930) 25 m, 21 s (leave
		// 12:46:24); GP Surgery → home 311 m, 260 s (12:55:20). 300p
		// each way, estimated; 400p.
		"brighstone/walker": {profile: "walker", origin: brighstoneHome, rural: true, acts: []reach.Activity{shorwell},
			reach: "test-shorwell",
			out: []string{
				"walk 373 m home 09:32:49 → Three Bishops 09:38:00",
				"bus D 10355 Three Bishops 09:38:00 → Crown Inn 09:45:00 [assumed]",
			},
			back: []string{
				"walk 25 m Shorwell, Crown Inn stop (test venue) 12:46:24 → Crown Inn 12:46:45",
				"bus D 10358 Crown Inn 12:46:45 → GP Surgery 12:51:00 [assumed]",
				"walk 311 m GP Surgery 12:51:00 → home 12:55:20",
			},
			cost: "out 300 estimated, back 300 estimated, companion 0 known, activity 400 known, total 1000 estimated"},

		// Bus pass from Brighstone: at 0.9 m/s, 373 m 415 s (leave
		// 09:31:05), 25 m 28 s (leave 12:46:17), 311 m 346 s (home
		// 12:56:46). Boardings at 09:38 and 12:46 on a Monday: free.
		"brighstone/bus-pass": {profile: "bus-pass", origin: brighstoneHome, rural: true, acts: []reach.Activity{shorwell},
			reach: "test-shorwell",
			out: []string{
				"walk 373 m home 09:31:05 → Three Bishops 09:38:00",
				"bus D 10355 Three Bishops 09:38:00 → Crown Inn 09:45:00 [assumed]",
			},
			back: []string{
				"walk 25 m Shorwell, Crown Inn stop (test venue) 12:46:17 → Crown Inn 12:46:45",
				"bus D 10358 Crown Inn 12:46:45 → GP Surgery 12:51:00 [assumed]",
				"walk 311 m GP Surgery 12:51:00 → home 12:56:46",
			},
			cost: "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known"},

		// Wheelchair from Brighstone: at 0.8 m/s within 400 m (Three
		// Bishops at 373 m just fits), 373 m 467 s (leave 09:30:13),
		// 25 m 32 s (leave 12:46:13), 311 m 389 s (home 12:57:29).
		"brighstone/wheelchair": {profile: "wheelchair", origin: brighstoneHome, rural: true, acts: []reach.Activity{shorwell},
			reach: "test-shorwell",
			out: []string{
				"walk 373 m home 09:30:13 → Three Bishops 09:38:00",
				"bus D 10355 Three Bishops 09:38:00 → Crown Inn 09:45:00 [assumed]",
			},
			back: []string{
				"walk 25 m Shorwell, Crown Inn stop (test venue) 12:46:13 → Crown Inn 12:46:45",
				"bus D 10358 Crown Inn 12:46:45 → GP Surgery 12:51:00 [assumed]",
				"walk 311 m GP Surgery 12:51:00 → home 12:57:29",
			},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known",
			notes: []string{"assumed step-free"}},

		// No money from Brighstone: the village museum, free on referral,
		// is 416 m away, 347 s: leave 10:20:00 − 347 s = 10:14:13, home
		// 12:05:47. Shorwell, free on referral too, needs route D both
		// ways, 300p each: over budget by £6.00.
		"brighstone/no-money": {profile: "no-money", origin: brighstoneHome, rural: true, acts: []reach.Activity{museumFree, shorwellFree},
			reach: "test-brighstone-museum-free",
			out:   []string{"walk 416 m home 10:14:13 → Brighstone Village Museum 10:20:00"},
			back:  []string{"walk 416 m Brighstone Village Museum 12:00:00 → home 12:05:47"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 0 known, total 0 known",
			near: map[string][]string{"test-shorwell-free": {
				"over_budget: over budget by £6.00 (costs £6.00, budget £0.00)"}},
			nearCost: map[string]string{"test-shorwell-free": "out 300 estimated, back 300 estimated, companion 0 known, activity 0 known, total 600 estimated"}},

		// Car from Brighstone (rural) to Shorwell: 2,551.2 m × 1.4 =
		// 3,571.66 m at 45 km/h (12.5 m/s) = 285.7 s → 286 s; leave
		// 09:50:00 − 286 s = 09:45:14, home 12:04:46. 45 × 3,571.66 /
		// 1,609.344 = 99.87 → 100p each way.
		"brighstone/car": {profile: "car", origin: brighstoneHome, rural: true, acts: []reach.Activity{shorwell},
			reach: "test-shorwell",
			out:   []string{"car 3572 m home 09:45:14 → Shorwell, Crown Inn stop (test venue) 09:50:00"},
			back:  []string{"car 3572 m Shorwell, Crown Inn stop (test venue) 12:00:00 → home 12:04:46"},
			cost:  "out 100 estimated, back 100 estimated, companion 0 known, activity 400 known, total 600 estimated"},

		// Rural dial-a-ride from Brighstone to Calbourne Water Mill, which
		// no bus serves (no stop within 500 m): both ends are in the
		// West Wight zone. 4,491.2 m × 1.3 = 5,838.55 m at 30 km/h
		// (8.333 m/s) = 700.6 s → 701 s; picked up 10:20:00 − 701 s =
		// 10:08:19, home 12:11:41, all inside 09:00–17:00. £2.50 each
		// way from the feed, known; concession 300p.
		"brighstone/rural-dial-a-ride": {profile: "rural-dial-a-ride", origin: brighstoneHome, rural: true, acts: []reach.Activity{millFromBrighstone},
			reach: "test-calbourne-mill",
			out:   []string{"dial_a_ride 5839 m home 10:08:19 → Calbourne Water Mill 10:20:00 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			back:  []string{"dial_a_ride 5839 m Calbourne Water Mill 12:00:00 → home 12:11:41 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			cost:  "out 250 known, back 250 known, companion 0 known, activity 300 known, total 800 known"},

		// Walker from Calbourne: the mill is 381 m away, 318 s at 1.2
		// m/s (leave 10:14:42, home 12:05:18); 400p. The Brighstone
		// museum is 5.3 km on foot and no stop lies within 1,000 m of
		// home: a near miss with no journey.
		"calbourne/walker": {profile: "walker", origin: calbourneHome, rural: true, acts: []reach.Activity{mill, museum},
			reach: "test-calbourne-mill",
			out:   []string{"walk 381 m home 10:14:42 → Calbourne Water Mill 10:20:00"},
			back:  []string{"walk 381 m Calbourne Water Mill 12:00:00 → home 12:05:18"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 400 known, total 400 known",
			near: map[string][]string{"test-brighstone-museum": {
				"no_journey: no bus or train stop within 1000 m of home"}}},

		// Bus pass from Calbourne: 381 m at 0.9 m/s, 424 s (leave
		// 10:12:56, home 12:07:04); concession 300p.
		"calbourne/bus-pass": {profile: "bus-pass", origin: calbourneHome, rural: true, acts: []reach.Activity{mill},
			reach: "test-calbourne-mill",
			out:   []string{"walk 381 m home 10:12:56 → Calbourne Water Mill 10:20:00"},
			back:  []string{"walk 381 m Calbourne Water Mill 12:00:00 → home 12:07:04"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known"},

		// Wheelchair from Calbourne: 381 m is within her 400 m; at 0.8
		// m/s 477 s (leave 10:12:03, home 12:07:57); its kerbs are
		// unknown (straight-line estimate). The Brighstone museum: no
		// stop within 400 m of home, and no taxi known to be accessible.
		// The taxi got further (a ride exists; only its access is
		// unknown), so its barrier is the one named.
		"calbourne/wheelchair": {profile: "wheelchair", origin: calbourneHome, rural: true, acts: []reach.Activity{mill, museum},
			reach: "test-calbourne-mill",
			out:   []string{"walk 381 m home 10:12:03 → Calbourne Water Mill 10:20:00"},
			back:  []string{"walk 381 m Calbourne Water Mill 12:00:00 → home 12:07:57"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known",
			notes: []string{"the walking route is a straight-line estimate: its kerbs and surfaces are unknown"},
			near: map[string][]string{"test-brighstone-museum": {
				"unknown_data: whether a wheelchair-accessible taxi can be booked here is not known"}}},

		// No money from Calbourne: the mill session free on referral is
		// reachable on foot (318 s) for nothing; the priced one, on the
		// same walk, costs its full 400p: over budget by £4.00.
		"calbourne/no-money": {profile: "no-money", origin: calbourneHome, rural: true, acts: []reach.Activity{millFree, mill},
			reach: "test-calbourne-mill-free",
			out:   []string{"walk 381 m home 10:14:42 → Calbourne Water Mill 10:20:00"},
			back:  []string{"walk 381 m Calbourne Water Mill 12:00:00 → home 12:05:18"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 0 known, total 0 known",
			near: map[string][]string{"test-calbourne-mill": {
				"over_budget: over budget by £4.00 (costs £4.00, budget £0.00)"}},
			nearCost: map[string]string{"test-calbourne-mill": "out 0 known, back 0 known, companion 0 known, activity 400 known, total 400 known"}},

		// Car from Calbourne (rural) to Brighstone Village Museum:
		// 4,090.2 m × 1.4 = 5,726.23 m at 45 km/h = 458.1 s → 459 s;
		// leave 10:20:00 − 459 s = 10:12:21, home 12:07:39. 45 × 5,726.23
		// / 1,609.344 = 160.12 → 160p each way.
		"calbourne/car": {profile: "car", origin: calbourneHome, rural: true, acts: []reach.Activity{museum},
			reach: "test-brighstone-museum",
			out:   []string{"car 5726 m home 10:12:21 → Brighstone Village Museum 10:20:00"},
			back:  []string{"car 5726 m Brighstone Village Museum 12:00:00 → home 12:07:39"},
			cost:  "out 160 estimated, back 160 estimated, companion 0 known, activity 400 known, total 720 estimated"},

		// Rural dial-a-ride from Calbourne to Brighstone Village Museum:
		// 4,090.2 m × 1.3 = 5,317.21 m at 30 km/h = 638.1 s → 639 s;
		// picked up 10:09:21, home 12:10:39. £2.50 each way; 300p.
		//
		// The 15:30–16:55 session is a near miss: the ride there is fine
		// (15:09:21 → 15:20:00) but the ride home, 16:55:00 → 17:05:38,
		// ends after the zone's 17:00. That is the barrier a link worker
		// needs (a session ending by 16:49 would do). The walk and the
		// bus fail for want of any journey (no_journey), the ride fails
		// only on the way home, so the ride's barrier is the one named;
		// the case below with dial-a-ride as the only mode agrees. (The
		// ride to route D gets as far, there but not home: no bus runs
		// after 12:57 on a Monday. On that tie the ride to the door,
		// listed first, is named.)
		//
		// For the 10:30 session a ride to route D can only be slower
		// than the ride to the door, which is the one shown.
		"calbourne/rural-dial-a-ride": {profile: "rural-dial-a-ride", origin: calbourneHome, rural: true, acts: []reach.Activity{museum, museumLate},
			reach: "test-brighstone-museum",
			out:   []string{"dial_a_ride 5317 m home 10:09:21 → Brighstone Village Museum 10:20:00 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			back:  []string{"dial_a_ride 5317 m Brighstone Village Museum 12:00:00 → home 12:10:39 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			cost:  "out 250 known, back 250 known, companion 0 known, activity 300 known, total 800 known",
			near:  map[string][]string{"test-brighstone-museum-late": {lastRideHome}}},
		// Rural dial-a-ride from Calbourne to the mill, 381 m on foot:
		// 424 s at 0.9 m/s (leave 10:12:56, home 12:07:04), as for the
		// bus pass, and free. The ride is quicker, 293.0 m × 1.3 =
		// 380.9 m at 30 km/h = 45.7 s → 46 s each way, but £2.50 each way:
		// the walk takes 12 min 36 s longer out and back, within the 20
		// minutes (10 each way) a cheaper way may take, so the walk is
		// the way shown.
		"calbourne/rural-dial-a-ride, the mill on foot": {profile: "rural-dial-a-ride", origin: calbourneHome, rural: true, acts: []reach.Activity{mill},
			reach: "test-calbourne-mill",
			out:   []string{"walk 381 m home 10:12:56 → Calbourne Water Mill 10:20:00"},
			back:  []string{"walk 381 m Calbourne Water Mill 12:00:00 → home 12:07:04"},
			cost:  "out 0 known, back 0 known, companion 0 known, activity 300 known, total 300 known"},
		// A walker in Calbourne who can book dial-a-ride, to Brook: the
		// venue is outside the zone, 4,075.8 m away, and no stop lies
		// within 1,000 m of home, so neither the ride to the door, nor a
		// walk, nor a bus on foot will do. Dial-a-ride to a stop in the
		// zone and route D on will:
		//
		//	10355  … Mottistone Manor (11740) 10:03:00, Mottistone Estate
		//	       10:03:32, Sun Inn (2300103) 10:04:22, Brook Triangle
		//	       (11940) 10:05:00 → Badger Lane (12030) 10:05:40 → …
		//	10358  Brook Triangle (11950) 12:30:00 → Sun Inn (11860)
		//	       12:30:18 → Mottistone Manor (11750) 12:31:00 → …
		//
		// Out, arriving by 10:20: the ride to a stop is the distance × 1.3
		// at 30 km/h, rounded up, and meets the bus 10 minutes early, so
		// home is left latest for the last stop in the zone before Badger
		// Lane: Brook Triangle (11940), 3,457.9 m → 4,495 m, 539.4 s → 540
		// s; picked up 10:05:00 − 600 s − 540 s = 09:46:00, at the stop
		// 09:55:00 (Sun Inn at 10:04:22 would mean 09:45:37; the stops
		// after Brook Triangle that the trip calls at on its way back
		// arrive nowhere near the venue by 10:20). Badger Lane is the
		// venue's own stop: no walk.
		//
		// Back: the only bus after 12:00 is 10358 from Brook Triangle
		// (11950), 635.7 m → 827 m on foot, 690 s at 1.2 m/s: leave
		// 12:18:30. Home earliest from Sun Inn (11860), 3,341.4 m → 4,344 m,
		// 521.3 s → 522 s: picked up 12:30:18 + 600 s = 12:40:18, home
		// 12:49:00 (from Mottistone Manor, 12:49:26; from Brighstone
		// Grange, 12:50:40).
		//
		// Each way: the ride £2.50 (the feed's fare, known) and the bus
		// 300p (England's operator rule, estimated): 550p, estimated;
		// the activity 400p.
		"calbourne/walker with dial-a-ride, by dial-a-ride and bus": {profile: "walker", overrides: `{"modes": ["bus", "dial_a_ride"]}`,
			origin: calbourneHome, rural: true, acts: []reach.Activity{brook},
			reach: "test-brook",
			out: []string{
				"dial_a_ride 4495 m home 09:46:00 → Brook Triangle 09:55:00 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)",
				"bus D 10355 Brook Triangle 10:05:00 → Badger Lane 10:05:40 [assumed]",
			},
			back: []string{
				"walk 827 m Badger Lane stop, Brook (test venue) 12:18:30 → Brook Triangle 12:30:00",
				"bus D 10358 Brook Triangle 12:30:00 → Sun Inn 12:30:18 [assumed]",
				"dial_a_ride 4344 m Sun Inn 12:40:18 → home 12:49:00 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)",
			},
			cost:     "out 550 estimated, back 550 estimated, companion 0 known, activity 400 known, total 1500 estimated",
			mode:     "dial_a_ride+bus",
			costNote: "dial-a-ride £2.50 (known) and bus £3.00 (estimated)",
			notes:    []string{"booked to meet it with 10 minutes to spare"}},
		"calbourne/rural-dial-a-ride, dial-a-ride only": {profile: "rural-dial-a-ride", overrides: `{"modes": ["dial_a_ride"]}`,
			origin: calbourneHome, rural: true, acts: []reach.Activity{museum, museumLate},
			reach: "test-brighstone-museum",
			out:   []string{"dial_a_ride 5317 m home 10:09:21 → Brighstone Village Museum 10:20:00 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			back:  []string{"dial_a_ride 5317 m Brighstone Village Museum 12:00:00 → home 12:10:39 (book by 16:00 on Friday 4 December, the working day before; phone 01983 000900)"},
			cost:  "out 250 known, back 250 known, companion 0 known, activity 300 known, total 800 known",
			near:  map[string][]string{"test-brighstone-museum-late": {lastRideHome}}},
	}
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { cases[name].run(t, w) })
	}
}
