package coverage_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// More step-free data never lowers a cell: no policy ⊆ the island's
// policy (assumed) ⊆ every stop and trip surveyed step-free.
func TestCoverageStepFreeEverywhereNeverLowers(t *testing.T) {
	w := loadIsland(t)
	w.in.KeepSessions = true
	strict := w.in.Networks[0].Strict
	allYes := w.timetable
	allYes.Stops = slices.Clone(allYes.Stops)
	allYes.Trips = slices.Clone(allYes.Trips)
	for i := range allYes.Stops {
		allYes.Stops[i].Wheelchair = 1
	}
	for i := range allYes.Trips {
		allYes.Trips[i].Wheelchair = 1
	}
	yes := build(t, allYes)
	variants := []struct {
		name string
		net  coverage.Network
	}{
		{"no policy", coverage.Network{Snapshot: strict, Strict: strict}},
		{"policy", w.in.Networks[0]},
		{"all step-free", coverage.Network{Snapshot: yes, Strict: yes}},
	}
	for _, id := range []string{"wheelchair", "walker"} {
		var prev coverage.Result
		for i, v := range variants {
			in := w.in
			in.Networks = []coverage.Network{v.net}
			r := compute(t, in, id)
			if i > 0 {
				grew := neverLower(t, w, prev, r, id+": "+variants[i-1].name+" → "+v.name)
				t.Logf("%s: %s → %s raises %d cells", id, variants[i-1].name, v.name, grew)
				if id == "wheelchair" && v.name == "policy" && grew == 0 {
					t.Error("the island's access policy reaches no more step-free sessions than no policy at all")
				}
				if id == "walker" && grew != 0 {
					t.Errorf("step-free data changed what a walker reaches (%d cells)", grew)
				}
			}
			if id == "wheelchair" && v.name == "all step-free" {
				checkFewerAssumptions(t, prev, r)
			}
			prev = r
		}
	}
}

// neverLower checks that after reaches at least what before does in every
// cell, and returns how many cells it reaches more sessions from.
func neverLower(t *testing.T, w *island, before, after coverage.Result, what string) int {
	t.Helper()
	bs, as := sessionSets(before, len(w.in.Cells)), sessionSets(after, len(w.in.Cells))
	grew := 0
	for i, b := range before.Level(9) {
		a := after.Level(9)[i]
		if a.Activities < b.Activities || !subset(bs[i], as[i]) {
			t.Fatalf("%s: cell %s lost coverage (%d → %d activities, %d → %d sessions)", what, geo.CellString(b.Cell),
				b.Activities, a.Activities, len(bs[i]), len(as[i]))
		}
		if len(as[i]) > len(bs[i]) {
			grew++
		}
	}
	for _, res := range []int{8, 7, 6} {
		for i, b := range before.Level(res) {
			if after.Level(res)[i].Activities < b.Activities {
				t.Fatalf("%s: res %d cell %s lost activities", what, res, geo.CellString(b.Cell))
			}
		}
	}
	return grew
}

// checkFewerAssumptions: once every stop and trip is surveyed step-free,
// no cell relies on assumptions for more sessions than under the policy,
// and some for fewer (the island's feed says nothing about wheelchairs).
func checkFewerAssumptions(t *testing.T, policy, surveyed coverage.Result) {
	t.Helper()
	fewer := 0
	for i, p := range policy.Level(9) {
		s := surveyed.Level(9)[i]
		before, after := math.Round(p.AssumedShare*p.SessionsPerWeek), math.Round(s.AssumedShare*s.SessionsPerWeek)
		if after > before {
			t.Fatalf("cell %s relies on assumptions for %v sessions once surveyed, %v before", geo.CellString(p.Cell), after, before)
		}
		if after < before {
			fewer++
		}
	}
	if fewer == 0 {
		t.Error("surveying every stop and trip left every cell relying on as many assumptions")
	}
}

// Adding a session raises coverage exactly in the cells that can reach it
// — by one session and one activity — and lowers none.
func TestCoverageAddedSession(t *testing.T) {
	w := loadIsland(t)
	w.in.KeepSessions = true
	for _, id := range []string{"walker", "bus-pass", "rural-dial-a-ride"} {
		before := compute(t, w.in, id)
		extra := busiestVenueCopy(t, w, before)
		in := w.in
		in.Activities = append(slices.Clone(w.in.Activities), extra)
		after := compute(t, in, id)
		var reached []int32
		for _, s := range after.Reached {
			if s.ActivityID == extra.ID {
				reached = append(reached, s.Cells...)
			}
		}
		if len(reached) == 0 || len(reached) == len(w.in.Cells) {
			t.Fatalf("%s: the new session is reached from %d of %d cells: not a useful test", id, len(reached), len(w.in.Cells))
		}
		in9 := make([]bool, len(w.in.Cells))
		for _, ci := range reached {
			in9[ci] = true
		}
		for i, b := range before.Level(9) {
			a := after.Level(9)[i]
			d := 0
			if in9[i] {
				d = 1
			}
			if a.SessionsPerWeek-b.SessionsPerWeek != float64(d) || a.Activities-b.Activities != d {
				t.Fatalf("%s cell %s: sessions %v → %v, activities %d → %d; reaches the new session: %v",
					id, geo.CellString(b.Cell), b.SessionsPerWeek, a.SessionsPerWeek, b.Activities, a.Activities, in9[i])
			}
		}
		checkNewSessionWithReach(t, w, id, extra, in9)
		t.Logf("%s: the new session at %s is reached from %d cells", id, extra.SiteName, len(reached))
	}
}

// busiestVenueCopy is a new activity on Wednesdays 13:00–14:30 at the
// venue whose sessions the most cells reach, free on referral.
func busiestVenueCopy(t *testing.T, w *island, r coverage.Result) reach.Activity {
	t.Helper()
	best, bestN := "", 0
	for _, s := range r.Reached {
		if len(s.Cells) > bestN {
			best, bestN = s.ActivityID, len(s.Cells)
		}
	}
	i := slices.IndexFunc(w.in.Activities, func(a reach.Activity) bool { return a.ID == best })
	if i < 0 {
		t.Fatal("no activity is reached from anywhere")
	}
	a := w.in.Activities[i]
	rule, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=WE")
	if err != nil {
		t.Fatal(err)
	}
	a.ID, a.Name = "test-added-session", "Added for the test"
	a.Schedules = []heritage.Schedule{{ID: "added", RRule: rule, OpensAt: heritage.NewClock(13, 0, 0), ClosesAt: heritage.NewClock(14, 30, 0)}}
	a.Costs = []heritage.CostOption{{Amount: heritage.Pence(0), Confidence: heritage.ConfidenceKnown}}
	return a
}

// checkNewSessionWithReach asks reach, from a few cells each side of the
// line, whether they reach the new session.
func checkNewSessionWithReach(t *testing.T, w *island, id string, a reach.Activity, in9 []bool) {
	t.Helper()
	p, _ := profile.ByID(id)
	net := reach.Network{Location: w.in.Location, Transit: w.in.Networks[0].Snapshot, Costs: w.in.Costs, Zones: w.in.Zones, Fares: w.in.Fares}
	yes, no := 0, 0
	for ci := 0; ci < len(w.in.Cells) && (yes < 15 || no < 15); ci += 7 {
		if (in9[ci] && yes >= 15) || (!in9[ci] && no >= 15) {
			continue
		}
		c := w.in.Cells[ci]
		ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: c.Center, Profile: p, Start: w.in.Week, Days: 7,
			Rural: c.Rural, RuralKnown: c.RuralKnown, Referred: true}, []reach.Activity{a})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ans.Reachable) > 0; got != in9[ci] {
			t.Errorf("%s cell %s: reach says %v, coverage %v", id, geo.CellString(c.ID), got, in9[ci])
		}
		if in9[ci] {
			yes++
		} else {
			no++
		}
	}
}

// The answer does not depend on how many workers share the activities.
func TestCoverageWorkersAgree(t *testing.T) {
	w := loadIsland(t)
	for _, id := range []string{"walker", "wheelchair"} {
		in := w.in
		in.Workers = 1
		one := compute(t, in, id)
		in.Workers = 3
		three := compute(t, in, id)
		if !slices.Equal(one.Cells, three.Cells) {
			t.Errorf("%s: one worker and three disagree", id)
		}
	}
}

// A week of nothing: no sessions, no coverage, and the week is honoured.
func TestCoverageEmptyWeek(t *testing.T) {
	w := loadIsland(t)
	w.in.Week = time.Date(2025, 12, 1, 0, 0, 0, 0, w.in.Location) // before the activities' valid_from
	r := compute(t, w.in, "walker")
	if r.Sessions != 0 || r.Summary().CoveredPopulation != 0 {
		t.Errorf("a week before any activity runs: %d sessions, %.0f people covered", r.Sessions, r.Summary().CoveredPopulation)
	}
}

func BenchmarkCoverageIsleOfWight(b *testing.B) {
	w := loadIsland(b)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		for _, p := range profile.Standard() {
			if _, err := coverage.Compute(context.Background(), w.in, p); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/six-profiles")
	}
}

// A finite budget that bus fares might fit is decided by reach itself,
// cell by cell; the answers agree with reach from a spread of cells.
func TestCoverageBudgetFallback(t *testing.T) {
	w := loadIsland(t)
	w.in.KeepSessions = true
	for _, c := range []struct {
		base, overrides string
		fallback        bool
	}{
		{"bus-pass", `{"budget_pence": 0}`, true},  // free after 09:30: the floor is zero
		{"walker", `{"budget_pence": 500}`, false}, // two £3 singles never fit
		{"walker", `{"budget_pence": 1500}`, true}, // they might
	} {
		p, err := profile.FromStandard(c.base, []byte(c.overrides))
		if err != nil {
			t.Fatal(err)
		}
		r, err := coverage.Compute(context.Background(), w.in, p)
		if err != nil {
			t.Fatal(err)
		}
		if (r.Fallbacks > 0) != c.fallback {
			t.Errorf("%s %s: %d cell-sessions left to reach, want some: %v", c.base, c.overrides, r.Fallbacks, c.fallback)
		}
		checkProfileAgainstReach(t, w, p, r)
		t.Logf("%s %s: %.0f people covered, %d fallbacks", c.base, c.overrides, r.Summary().CoveredPopulation, r.Fallbacks)
	}
}
