package coverage_test

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// TestDialARideTriesEveryZone is reach's test of the same name for
// coverage: a zone over West Wight that closes at 16:00, listed first,
// takes people to a 10:30–16:30 session at Brighstone Village Museum but
// not home; the West Wight zone (to 17:00) does both. The cells that reach
// the session by dial-a-ride are the same whichever zone comes first, and
// as many as with the West Wight zone alone; with the early zone alone
// only the cells a walk serves.
func TestDialARideTriesEveryZone(t *testing.T) {
	w := loadIsland(t)
	real := w.in.Zones[0]
	early := real
	early.ID, early.Name, early.WindowEnd = "early", "Early Closing Zone", 16*3600
	act := testSession(t, "test-long-session", "Brighstone Village Museum", orb.Point{-1.395674, 50.643688}, "MO", "10:30", "16:30")
	p, err := profile.FromStandard("rural-dial-a-ride", []byte(`{"modes": ["dial_a_ride"]}`))
	if err != nil {
		t.Fatal(err)
	}
	cells := func(zones []dar.Zone) int {
		in := w.in
		in.Activities, in.Zones, in.KeepSessions = []reach.Activity{act}, zones, true
		r, err := coverage.Compute(context.Background(), in, p)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, s := range r.Reached {
			n += len(s.Cells)
		}
		return n
	}
	onFoot := cells(nil) // the cells a walk brings there and back
	alone := cells([]dar.Zone{real})
	if alone <= onFoot {
		t.Fatalf("the West Wight zone adds no cell to the %d on foot", onFoot)
	}
	for _, zones := range [][]dar.Zone{{early, real}, {real, early}} {
		if n := cells(zones); n != alone {
			t.Errorf("%s first: %d cells reach the session, want %d", zones[0].Name, n, alone)
		}
	}
	if n := cells([]dar.Zone{early}); n != onFoot {
		t.Errorf("the early zone alone: %d cells, want the %d on foot", n, onFoot)
	}
}

// TestDialARideToTheBusAsReach: a Monday session at the Badger Lane stop
// in Brook, outside the zone, for a walker who also takes the bus and
// dial-a-ride (reach's test of the day's zone). From every populated cell of the West Wight zone, coverage
// counts the session exactly when reach finds it from the cell's centre —
// reach's rides to and from the bus included — or reach rules it out only
// as too long (see the package doc); and some cells get there only by a
// ride and a bus together, which neither the bus on foot nor a ride to the
// door gives.
func TestDialARideToTheBusAsReach(t *testing.T) {
	w := loadIsland(t)
	act := testSession(t, "test-brook", "Badger Lane stop, Brook (test venue)", orb.Point{-1.449893, 50.65219}, "MO", "10:30", "12:00")
	in := w.in
	in.Activities, in.KeepSessions = []reach.Activity{act}, true
	setsOf := func(overrides string) []map[string]bool {
		p, err := profile.FromStandard("walker", []byte(overrides))
		if err != nil {
			t.Fatal(err)
		}
		r, err := coverage.Compute(context.Background(), in, p)
		if err != nil {
			t.Fatal(err)
		}
		return sessionSets(r, len(in.Cells))
	}
	both, onFoot, toTheDoor := setsOf(`{"modes": ["bus", "dial_a_ride"]}`), setsOf(`{"modes": ["bus"]}`), setsOf(`{"modes": ["dial_a_ride"]}`)
	p, err := profile.FromStandard("walker", []byte(`{"modes": ["bus", "dial_a_ride"]}`))
	if err != nil {
		t.Fatal(err)
	}
	net := reach.Network{Location: w.in.Location, Transit: w.in.Networks[0].Snapshot, Costs: w.in.Costs, Zones: w.in.Zones, Fares: w.in.Fares}
	zoneCells, rideAndBus, onlyBoth := 0, 0, 0
	for ci, c := range w.in.Cells {
		if !subset(onFoot[ci], both[ci]) {
			t.Errorf("cell %s reaches Brook by bus on foot but not with dial-a-ride added", geo.CellString(c.ID))
		}
		if !w.in.Zones[0].Contains(c.Center) {
			continue
		}
		zoneCells++
		ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: c.Center, Profile: p, Start: w.in.Week, Days: 1,
			Rural: c.Rural, RuralKnown: c.RuralKnown, Referred: true}, in.Activities)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range ans.Reachable {
			if !both[ci][it.ActivityID+"@"+it.SessionStart] {
				t.Errorf("cell %s: reach gets to Brook by %s, coverage does not count it", geo.CellString(c.ID), it.Out.Mode)
			}
			if ridesAndBus(it.Out) || ridesAndBus(it.Back) {
				rideAndBus++
			}
		}
		checkExtra(t, p.ID, c, both[ci], ans)
		if len(both[ci]) > 0 && len(onFoot[ci]) == 0 && len(toTheDoor[ci]) == 0 {
			onlyBoth++
		}
	}
	t.Logf("%d cells in the zone; from %d reach rides to or from the bus, and %d reach Brook only by a ride and a bus",
		zoneCells, rideAndBus, onlyBoth)
	if rideAndBus == 0 || onlyBoth == 0 {
		t.Error("no cell gets to Brook only by a ride and a bus: the test shows nothing")
	}

	// A zone over West Wight closing at 11:00, too early for the ride
	// home, listed first or second, hides nothing the West Wight zone
	// gives (reach's TestDialARideToTheBusTriesEveryZoneOfTheDay).
	early := w.in.Zones[0]
	early.ID, early.Name, early.WindowEnd = "early", "Early Closing Zone", 11*3600
	for _, zones := range [][]dar.Zone{{early, w.in.Zones[0]}, {w.in.Zones[0], early}} {
		in.Zones = zones
		for ci, got := range setsOf(`{"modes": ["bus", "dial_a_ride"]}`) {
			if !subset(both[ci], got) || !subset(got, both[ci]) {
				t.Fatalf("%s first: cell %s reaches %v, with the West Wight zone alone %v", zones[0].Name,
					geo.CellString(in.Cells[ci].ID), keys(got), keys(both[ci]))
			}
		}
	}
	in.Zones = w.in.Zones

	// Someone who needs step-free access rides the zone's step-free
	// minibus, but the island's buses are step-free only by the feed's
	// declared policy: every cell that gets there only by a ride and a bus
	// relies on it.
	chair := func(modes string) coverage.Result {
		p, err := profile.FromStandard("walker", []byte(`{"step_free": true, "modes": `+modes+`}`))
		if err != nil {
			t.Fatal(err)
		}
		r, err := coverage.Compute(context.Background(), in, p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	withRides, byBus, byRide := chair(`["bus", "dial_a_ride"]`), chair(`["bus"]`), chair(`["dial_a_ride"]`)
	busCells, rideCells := byBus.Level(9), byRide.Level(9)
	assumed := 0
	for i, c := range withRides.Level(9) {
		if c.Activities == 0 || busCells[i].Activities > 0 || rideCells[i].Activities > 0 {
			continue
		}
		if c.AssumedShare != 1 {
			t.Errorf("cell %s: a step-free ride and bus rely on the bus's assumed access, but assumed share is %v", geo.CellString(c.Cell), c.AssumedShare)
		}
		assumed++
	}
	if assumed == 0 {
		t.Error("nobody who needs step-free access gets to Brook only by a ride and a bus")
	}
}

// ridesAndBus: the trip has a dial-a-ride leg and a bus leg.
func ridesAndBus(tr *reach.Trip) bool {
	if tr == nil {
		return false
	}
	var ride, bus bool
	for _, l := range tr.Legs {
		ride = ride || l.Mode == "dial_a_ride"
		bus = bus || l.Mode == "bus"
	}
	return ride && bus
}
