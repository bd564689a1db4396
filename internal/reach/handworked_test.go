package reach_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// The hand-worked cases use route 37, Ryde's hourly weekday loop (service
// 14), from the Isle of Wight stop_times.txt:
//
//	trip   Stroudwood Road  Mayfield Middle School  Bus Station (H)
//	10116  09:17:22         09:30:00                09:43
//	10118  11:17:22         11:30:00                11:43
//	10119  12:17:22         12:30:00                12:43  (starts Bus Station (G) 12:00)
//	10123  16:22:22         16:35:00                16:48
//	10114  17:22:22         17:35:00                17:48  (the day's last: starts Bus Station (G)
//	                                                        17:05, Pellhurst Road 17:13:52)
//
// Home is the Stroudwood Road stop itself and the venue the Mayfield Middle
// School stop, 2 km apart (2.6 km walking at × 1.3: too far for any
// profile's walk), so every walk to and from the bus is 0 m.
var (
	stroudwood = geo.PointLatLon(50.71243, -1.192629)
	mayfield   = geo.PointLatLon(50.72688, -1.175988)
)

// testActivity is a weekly Wednesday session at the Mayfield stop with a
// £4.00 price, £3.00 concession, and a step-free venue with a toilet.
func testActivity(t *testing.T, opens, closes string) reach.Activity {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=WE")
	if err != nil {
		t.Fatal(err)
	}
	o, _ := heritage.ParseClock(opens)
	c, _ := heritage.ParseClock(closes)
	four, three := int64(400), int64(300)
	return reach.Activity{
		Activity: heritage.Activity{ID: "test-handling", Name: "Object handling (test)", Kind: "object_handling", Illustrative: true,
			Costs:     []heritage.CostOption{{Amount: &four, Concession: &three, Confidence: heritage.ConfidenceKnown}},
			Schedules: []heritage.Schedule{{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: 12, Day: 2}, OpensAt: o, ClosesAt: c}}},
		SiteName: "Mayfield test venue", Venue: mayfield, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
	}
}

// reachOne asks for one Wednesday. Going home round the loop takes 47
// minutes, over the 45-minute urban default, so the cases that must be
// reachable give the person a 60-minute limit, as a link worker would for
// someone happy to ride round: overrides is that profile override.
func reachOne(t *testing.T, w *isleOfWight, id string, acts []reach.Activity, overrides ...string) reach.Answer {
	t.Helper()
	p, err := profile.FromStandard(id, []byte(strings.Join(overrides, "")))
	if err != nil {
		t.Fatalf("profile %s: %v", id, err)
	}
	ans, err := reach.New(w.net).Reach(context.Background(), reach.Request{Origin: stroudwood, Profile: p,
		Start: time.Date(2026, 12, 9, 0, 0, 0, 0, w.net.Location), Days: 1, Referred: false}, acts)
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func rides(tr *reach.Trip) []string {
	var out []string
	for _, l := range tr.Legs {
		if l.Mode == "bus" {
			out = append(out, l.TripID+" "+l.From+" "+l.Depart[11:19]+" → "+l.To+" "+l.Arrive[11:19])
		}
	}
	return out
}

func TestHandWorkedWalkerOnRoute37(t *testing.T) {
	w := loadIsleOfWight(t, true)
	ans := reachOne(t, w, "walker", []reach.Activity{testActivity(t, "10:00", "11:00")})
	if len(ans.Reachable) != 1 {
		t.Fatalf("reachable %d, near misses %+v", len(ans.Reachable), ans.NearMisses)
	}
	it := ans.Reachable[0]
	// Out: the latest bus arriving by 09:50 (10 minutes before 10:00) is
	// 10116, boarded at 09:17:22 at the door; it reaches Mayfield at 09:30.
	if got := rides(it.Out); len(got) != 1 || got[0] != "10116 Stroudwood Road 09:17:22 → Mayfield Middle School 09:30:00" {
		t.Errorf("out rides %v", got)
	}
	if it.Out.Depart != "2026-12-09T09:17:22Z" || it.Out.Arrive != "2026-12-09T09:30:00Z" {
		t.Errorf("out %s → %s", it.Out.Depart, it.Out.Arrive)
	}
	// Back: the earliest home after 11:00 is 12:17:22, either round the
	// loop (10118 at 11:30, change at the bus station to 10119) or, latest
	// to leave, walking 752 m (at 1.2 m/s, 10 min 27 s) to Pellhurst Road
	// for 10119 at 12:08:52: no change, 19 minutes door to door.
	if got := rides(it.Back); len(got) != 1 || got[0] != "10119 Pellhurst Road 12:08:52 → Stroudwood Road 12:17:22" {
		t.Errorf("back rides %v", got)
	}
	if it.Back.Arrive != "2026-12-09T12:17:22Z" || it.Back.Changes != 0 || it.Back.Legs[0].Mode != "walk" {
		t.Errorf("back %+v", it.Back)
	}
	// Cost: no feed fares, so England's operator rule: each bus ride 300p,
	// estimated; the activity's full price 400p.
	c := it.Cost
	if c.Outbound.Pence != 300 || c.Return.Pence != 300 || c.Activity.Pence != 400 || c.Total.Pence != 1000 ||
		c.Total.Confidence != "estimated" || c.Activity.Confidence != "known" {
		t.Errorf("cost %+v", c)
	}
}

func TestHandWorkedBusPassPaysBefore0930(t *testing.T) {
	w := loadIsleOfWight(t, true)
	// With her 500 m walk, home is round the loop: 10118 at 11:30, 10119
	// from the bus station at 12:00, home 12:17:22: 47 minutes, over the
	// 45-minute urban default.
	acts := []reach.Activity{testActivity(t, "10:00", "11:00")}
	def := reachOne(t, w, "bus-pass", acts)
	if len(def.NearMisses) != 1 || def.NearMisses[0].Barriers[0].Code != reach.TooLong ||
		!strings.Contains(def.NearMisses[0].Barriers[0].Detail, "12 min there and 47 min back; the limit is 45 min") {
		t.Fatalf("with the urban default: %+v", def.NearMisses)
	}
	ans := reachOne(t, w, "bus-pass", []reach.Activity{testActivity(t, "10:00", "11:00")}, `{"max_journey_min": 60}`)
	if len(ans.Reachable) != 1 {
		t.Fatalf("reachable %d, near misses %+v", len(ans.Reachable), ans.NearMisses)
	}
	c := ans.Reachable[0].Cost
	// The 09:17:22 boarding is before the pass is valid (09:30 on a
	// weekday): 300p. The 11:30 and 12:00 boardings home are free. The
	// activity's concession price is 300p.
	if c.Outbound.Pence != 300 || c.Return.Pence != 0 || c.Activity.Pence != 300 || c.Total.Pence != 600 {
		t.Errorf("cost %+v", c)
	}
}

// A session ending after the last bus home is a near miss for a bus user,
// naming the last bus, and reachable for a car driver.
func TestSessionAfterLastBus(t *testing.T) {
	w := loadIsleOfWight(t, true)
	late := []reach.Activity{testActivity(t, "17:00", "18:00")}
	ans := reachOne(t, w, "walker", late)
	if len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 {
		t.Fatalf("walker: %d reachable, %d near misses", len(ans.Reachable), len(ans.NearMisses))
	}
	b := ans.NearMisses[0].Barriers
	if len(b) != 1 || b[0].Code != reach.NoReturnJourney || !strings.Contains(b[0].Detail, "the session ends 18:00") {
		t.Fatalf("barriers %+v", b)
	}
	// The last ride home is 10114, boarded at Pellhurst Road (752 m on foot
	// from the venue, within the walker's 1,000 m) at 17:13:52, home at
	// 17:22:22.
	if !strings.Contains(b[0].Detail, "last bus home leaves 17:13") {
		t.Errorf("detail %q does not name the 17:13 bus", b[0].Detail)
	}
	car := reachOne(t, w, "car", late)
	if len(car.Reachable) != 1 || car.Reachable[0].Out.Mode != "car" {
		t.Fatalf("car: %+v", car)
	}
}

func TestWheelchairAssumedOnlyUnderPolicy(t *testing.T) {
	acts := []reach.Activity{testActivity(t, "10:00", "11:00")}
	with := reachOne(t, loadIsleOfWight(t, true), "wheelchair", acts, `{"max_journey_min": 60}`)
	if len(with.Reachable) != 1 || with.Reachable[0].Out.Mode != "bus" {
		t.Fatalf("with the policy: %+v", with)
	}
	notes := strings.Join(with.Reachable[0].AccessNotes, "\n")
	if !strings.Contains(notes, "assumed step-free") || !strings.Contains(notes, "PSV Accessibility Regulations") {
		t.Errorf("access notes do not name the assumptions: %q", notes)
	}
	for _, l := range append(with.Reachable[0].Out.Legs, with.Reachable[0].Back.Legs...) {
		if l.Mode == "bus" && l.Access != "assumed" {
			t.Errorf("leg %+v has access %q, want assumed", l, l.Access)
		}
	}
	without := reachOne(t, loadIsleOfWight(t, false), "wheelchair", acts, `{"max_journey_min": 60}`)
	if len(without.Reachable) != 0 {
		t.Fatalf("without the policy a wheelchair user reached %+v", without.Reachable)
	}
	codes := map[string]bool{}
	for _, b := range without.NearMisses[0].Barriers {
		codes[b.Code] = true
	}
	if !codes[reach.NoStepFreeJourney] {
		t.Errorf("near miss barriers %+v, want no_step_free_journey", without.NearMisses[0].Barriers)
	}
}

// An activity whose entrance nobody surveyed is a near miss naming
// unknown_data for a wheelchair user, never reachable.
func TestUnknownEntranceIsUnknownData(t *testing.T) {
	a := testActivity(t, "10:00", "11:00")
	a.StepFree = heritage.AccessUnknown
	ans := reachOne(t, loadIsleOfWight(t, true), "wheelchair", []reach.Activity{a})
	if len(ans.Reachable) != 0 || len(ans.NearMisses) != 1 {
		t.Fatalf("%+v", ans)
	}
	found := false
	for _, b := range ans.NearMisses[0].Barriers {
		found = found || (b.Code == reach.UnknownData && strings.Contains(b.Detail, "step-free entrance"))
	}
	if !found {
		t.Errorf("barriers %+v", ans.NearMisses[0].Barriers)
	}
}

// Home is the Stroudwood Road stop and the venue the Mayfield stop: the
// walks at both ends are 0 m, and a trip lists no walk of no length. Out
// is route 37 alone; back, the walk to Pellhurst Road and route 37, with
// nothing after the bus reaches the stop at home.
func TestNoWalksOfNoLength(t *testing.T) {
	w := loadIsleOfWight(t, true)
	ans := reachOne(t, w, "walker", []reach.Activity{testActivity(t, "10:00", "11:00")})
	if len(ans.Reachable) != 1 {
		t.Fatalf("reachable %d, near misses %+v", len(ans.Reachable), ans.NearMisses)
	}
	it := ans.Reachable[0]
	modes := func(tr *reach.Trip) string {
		var m []string
		for _, l := range tr.Legs {
			m = append(m, l.Mode)
		}
		return strings.Join(m, " ")
	}
	if got := modes(it.Out); got != "bus" {
		t.Errorf("out legs %q, want the bus alone", got)
	}
	if got := modes(it.Back); got != "walk bus" {
		t.Errorf("back legs %q, want the walk to Pellhurst Road and the bus", got)
	}
	for _, l := range append(it.Out.Legs, it.Back.Legs...) {
		if l.Mode == "walk" && l.Metres == 0 {
			t.Errorf("walk of no length: %+v", l)
		}
	}
}
