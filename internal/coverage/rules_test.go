package coverage

import (
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

func TestCoverageWeekOf(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ at, want string }{
		{"2026-12-07T00:00:00Z", "2026-12-07"}, // a Monday
		{"2026-12-13T23:30:00Z", "2026-12-07"}, // Sunday night
		{"2026-12-14T00:30:00Z", "2026-12-14"},
		{"2026-03-29T00:30:00Z", "2026-03-23"}, // the clocks go forward at 01:00 UTC
		{"2026-06-28T23:30:00Z", "2026-06-29"}, // 00:30 on Monday in London (BST)
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		got := WeekOf(at, london)
		if got.Format(time.DateOnly) != c.want || got.Weekday() != time.Monday || got.Hour() != 0 || got.Location() != london {
			t.Errorf("WeekOf(%s) = %s, want %s at midnight in London", c.at, got, c.want)
		}
	}
}

func TestCoverageProfilePopulation(t *testing.T) {
	c := Cell{Population: 100, Age65Plus: 30, Disabled: 20, Rural: true, RuralKnown: true}
	urban := Cell{Population: 100, Age65Plus: 30, Disabled: 20, RuralKnown: true}
	unknown := Cell{Population: 100, Rural: true}
	want := map[string][3]float64{"walker": {100, 100, 100}, "no-money": {100, 100, 100}, "car": {100, 100, 100},
		"bus-pass": {30, 30, 0}, "wheelchair": {20, 20, 0}, "rural-dial-a-ride": {100, 0, 0}}
	for _, p := range profile.Standard() {
		got := [3]float64{ProfilePopulation(p, c), ProfilePopulation(p, urban), ProfilePopulation(p, unknown)}
		if got != want[p.ID] {
			t.Errorf("%s: %v, want %v", p.ID, got, want[p.ID])
		}
	}
	custom, err := profile.FromStandard("wheelchair", []byte(`{"max_walk_m": 200}`))
	if err != nil || ProfilePopulation(custom, c) != 20 {
		t.Errorf("an overridden wheelchair profile counts %v (%v), want the disabled residents", ProfilePopulation(custom, c), err)
	}
}

func TestCoverageVenueRule(t *testing.T) {
	walker, _ := profile.ByID("walker")
	chair, _ := profile.ByID("wheelchair")
	y, n, u, a := heritage.AccessYes, heritage.AccessNo, heritage.AccessUnknown, heritage.AccessAssumed
	for _, c := range []struct {
		p              profile.Profile
		entrance, loo  heritage.Access
		ok, unk, assum bool
	}{
		{walker, n, n, true, false, false},
		{walker, u, y, true, true, false},
		{walker, a, u, true, true, false}, // assumed is no matter to a walker
		{chair, y, y, true, false, false},
		{chair, a, y, true, false, true},
		{chair, u, y, false, false, false}, // unknown is not yes
		{chair, y, n, false, false, false},
		{chair, y, u, false, false, false},
	} {
		got := venueFor(c.p, &reach.Activity{StepFree: c.entrance, Toilet: c.loo})
		if got != (venue{c.ok, c.unk, c.assum}) {
			t.Errorf("%s entrance %q toilet %q: %+v, want ok %v unknown %v assumed %v", c.p.ID, c.entrance, c.loo, got, c.ok, c.unk, c.assum)
		}
	}
}

func TestCoverageAvailability(t *testing.T) {
	pass, _ := profile.ByID("bus-pass") // 09:30 to 18:00 every day
	london, _ := time.LoadLocation("Europe/London")
	at := func(h, m int) time.Time { return time.Date(2026, 12, 8, h, m, 0, 0, london) }
	for _, c := range []struct {
		start, end time.Time
		want       bool
	}{
		{at(9, 30), at(11, 0), true},
		{at(9, 0), at(11, 0), false},
		{at(16, 0), at(18, 0), true}, // the last minute is 17:59
		{at(16, 0), at(18, 1), false},
	} {
		if got := available(pass, c.start, c.end); got != c.want {
			t.Errorf("%s–%s: %v, want %v", c.start.Format("15:04"), c.end.Format("15:04"), got, c.want)
		}
	}
	anyTime := pass
	anyTime.Available = nil
	if !available(anyTime, at(3, 0), at(4, 0)) {
		t.Error("no windows should mean any time")
	}
}

// The grid finds every cell within the radius, whatever the buckets.
func TestCoverageGridNear(t *testing.T) {
	var cells []Cell
	for i := range 60 {
		for j := range 40 {
			p := orb.Point{-1.6 + float64(i)*0.0071, 50.55 + float64(j)*0.0053}
			id, err := geo.Cell(p, 9)
			if err != nil {
				t.Fatal(err)
			}
			cells = append(cells, Cell{ID: id, Center: p})
		}
	}
	g := newCellGrid(cells)
	for _, q := range []orb.Point{{-1.3, 50.65}, {-1.6, 50.55}, {-1.18, 50.76}, {-2, 50}} {
		for _, m := range []float64{300, 1000, 5000} {
			got := g.near(q, m, nil)
			for i, c := range cells {
				if geo.DistanceM(q, c.Center) <= m && !slices.Contains(got, int32(i)) {
					t.Fatalf("near(%v, %.0f m) misses cell %d at %.0f m", q, m, i, geo.DistanceM(q, c.Center))
				}
			}
		}
	}
}

func TestCoverageMajority(t *testing.T) {
	if got := majority(map[string]float64{"A1": 10, "C1": 30, "B1": 30}); got != "B1" {
		t.Errorf("majority = %q, want the lighter-keyed of the two heaviest, B1", got)
	}
	if got := majority(map[int]float64{}); got != 0 {
		t.Errorf("majority of nothing = %d", got)
	}
}
