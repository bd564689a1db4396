package coverage_test

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/heritage"
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
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=MO")
	if err != nil {
		t.Fatal(err)
	}
	opens, _ := heritage.ParseClock("10:30")
	closes, _ := heritage.ParseClock("16:30")
	free := heritage.CostOption{Amount: new(int64), Confidence: heritage.ConfidenceKnown}
	act := reach.Activity{
		Activity: heritage.Activity{ID: "test-long-session", Name: "A long test session", Kind: "object_handling", Illustrative: true,
			Costs:     []heritage.CostOption{free},
			Schedules: []heritage.Schedule{{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: 12, Day: 7}, OpensAt: opens, ClosesAt: closes}}},
		SiteName: "Brighstone Village Museum", Venue: [2]float64{-1.395674, 50.643688}, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
	}
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
