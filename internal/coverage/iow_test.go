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

// islandResidents is the Isle of Wight's population (ONS mid-2020, the
// LSOA file's sum).
const islandResidents = 140464

func TestCoverageIsleOfWight(t *testing.T) {
	w := loadIsland(t)
	w.in.KeepSessions = true
	results := map[string]coverage.Result{}
	for _, p := range profile.Standard() {
		start := time.Now()
		r := compute(t, w.in, p.ID)
		s := r.Summary()
		t.Logf("%-18s %5d cells, covered %6.0f of %6.0f people (%5.1f%%), profile %6.0f of %6.0f; %d sessions, %d searches, %d fallbacks, %.2fs",
			p.ID, s.Cells, s.CoveredPopulation, s.Population, 100*s.CoveredPopulation/s.Population, s.CoveredProfilePopulation,
			s.ProfilePopulation, r.Sessions, r.TransitSearches, r.Fallbacks, time.Since(start).Seconds())
		results[p.ID] = r
	}
	t.Run("walker covers what the wheelchair user does", func(t *testing.T) { checkWalkerCoversWheelchair(t, w, results) })
	t.Run("populations", func(t *testing.T) { checkPopulations(t, w, results) })
	t.Run("coarse cells are the union of their children", func(t *testing.T) { checkUnion(t, w, results["walker"]) })
	t.Run("agrees with reach", func(t *testing.T) { checkAgainstReach(t, w, results) })
	t.Run("shares", func(t *testing.T) { checkShares(t, results) })
}

func checkWalkerCoversWheelchair(t *testing.T, w *island, rs map[string]coverage.Result) {
	walker, chair := rs["walker"].Level(9), rs["wheelchair"].Level(9)
	ws, cs := sessionSets(rs["walker"], len(w.in.Cells)), sessionSets(rs["wheelchair"], len(w.in.Cells))
	larger := 0
	for i := range walker {
		if walker[i].Activities < chair[i].Activities || !subset(cs[i], ws[i]) {
			t.Fatalf("cell %s: the wheelchair user reaches %d activities (%d sessions) the walker does not cover (%d, %d)",
				geo.CellString(walker[i].Cell), chair[i].Activities, len(cs[i]), walker[i].Activities, len(ws[i]))
		}
		if len(ws[i]) > len(cs[i]) {
			larger++
		}
	}
	if larger == 0 {
		t.Error("the walker never reaches more than the wheelchair user: step-free needs are not applied")
	}
	t.Logf("the walker reaches more sessions than the wheelchair user in %d of %d cells", larger, len(walker))
}

func checkPopulations(t *testing.T, w *island, rs map[string]coverage.Result) {
	var all, old, disabled, rural float64
	for _, c := range w.in.Cells {
		all += c.Population
		old += c.Age65Plus
		disabled += c.Disabled
		if c.Rural && c.RuralKnown {
			rural += c.Population
		}
	}
	if math.Abs(all-islandResidents) > islandResidents*0.005 {
		t.Errorf("cells hold %.0f people, want the island's %d within 0.5%%", all, islandResidents)
	}
	if rural <= 0 || rural >= all || old <= 0 || disabled <= 0 {
		t.Fatalf("implausible fixture: rural %.0f, 65+ %.0f, disabled %.0f of %.0f", rural, old, disabled, all)
	}
	want := map[string]float64{"walker": all, "no-money": all, "car": all, "bus-pass": old, "wheelchair": disabled, "rural-dial-a-ride": rural}
	for id, r := range rs {
		for _, res := range coverage.Resolutions {
			var pop, prof float64
			for _, c := range r.Level(res) {
				pop += c.Population
				prof += c.ProfilePopulation
			}
			if math.Abs(pop-all) > 1e-6*all || math.Abs(prof-want[id]) > 1e-6*all {
				t.Errorf("%s res %d: population %.1f (want %.1f), profile population %.1f (want %.1f)", id, res, pop, all, prof, want[id])
			}
		}
	}
}

// checkUnion recomputes each coarse cell's activities from the sessions
// its children reach.
func checkUnion(t *testing.T, w *island, r coverage.Result) {
	for _, res := range []int{8, 7, 6} {
		want := map[int64]map[string]bool{}
		for _, s := range r.Reached {
			for _, ci := range s.Cells {
				pc, err := geo.CellParent(w.in.Cells[ci].ID, res)
				if err != nil {
					t.Fatal(err)
				}
				if want[pc] == nil {
					want[pc] = map[string]bool{}
				}
				want[pc][s.ActivityID] = true
			}
		}
		level := r.Level(res)
		if len(level) == 0 {
			t.Fatalf("no cells at res %d", res)
		}
		for _, c := range level {
			if c.Activities != len(want[c.Cell]) {
				t.Errorf("res %d cell %s: %d activities, its children reach %d", res, geo.CellString(c.Cell), c.Activities, len(want[c.Cell]))
			}
		}
	}
}

// checkAgainstReach asks reach about a spread of cells for every profile
// — every so many cells, and every so many of those coverage says reach
// something: coverage never misses a session reach finds, and (the
// latest-departure rule aside, see the package doc) finds no more.
func checkAgainstReach(t *testing.T, w *island, rs map[string]coverage.Result) {
	for _, p := range profile.Standard() {
		checkProfileAgainstReach(t, w, p, rs[p.ID])
	}
}

func checkProfileAgainstReach(t *testing.T, w *island, p profile.Profile, r coverage.Result) {
	t.Helper()
	net := reach.Network{Location: w.in.Location, Transit: w.in.Networks[0].Snapshot, Costs: w.in.Costs, Zones: w.in.Zones, Fares: w.in.Fares}
	extra, same, cells, nonEmpty := 0, 0, 0, 0
	sets := sessionSets(r, len(w.in.Cells))
	for _, ci := range sample(sets) {
		c := w.in.Cells[ci]
		ans, err := reach.New(net).Reach(context.Background(), reach.Request{Origin: c.Center, Profile: p, Start: w.in.Week, Days: 7,
			Rural: c.Rural, RuralKnown: c.RuralKnown, Referred: true}, w.in.Activities)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, it := range ans.Reachable {
			got[it.ActivityID+"@"+it.SessionStart] = true
		}
		if !subset(got, sets[ci]) {
			t.Errorf("%s from %s: reach finds sessions coverage misses: %v", p.ID, geo.CellString(c.ID), missing(got, sets[ci]))
		}
		checkExtra(t, p.ID, c, sets[ci], ans)
		cells++
		if len(got) > 0 {
			nonEmpty++
		}
		if len(sets[ci]) == len(got) {
			same++
		} else {
			extra += len(sets[ci]) - len(got)
		}
	}
	t.Logf("%s: coverage and reach agree exactly in %d of %d cells (%d reaching something); coverage finds %d more sessions in the rest",
		p.ID, same, cells, nonEmpty, extra)
	if same < cells*9/10 || nonEmpty < cells/3 {
		t.Errorf("%s: coverage differs from reach in %d of %d cells (%d reaching something)", p.ID, cells-same, cells, nonEmpty)
	}
}

// checkExtra: a session coverage counts and reach does not must be one
// reach rejects only as too long — its latest departure is slower than an
// earlier journey coverage found (see the package doc).
func checkExtra(t *testing.T, id string, c coverage.Cell, have map[string]bool, ans reach.Answer) {
	t.Helper()
	for _, it := range ans.NearMisses {
		if !have[it.ActivityID+"@"+it.SessionStart] {
			continue
		}
		for _, b := range it.Barriers {
			if b.Code != reach.TooLong {
				t.Errorf("%s from %s: coverage counts %s at %s, which reach rules out: %s", id, geo.CellString(c.ID),
					it.ActivityName, it.SessionStart, b.Detail)
			}
		}
	}
}

// sample picks about 40 cells spread over all, and about 40 of those
// that reach something.
func sample(sets []map[string]bool) []int {
	var reached []int
	for i, s := range sets {
		if len(s) > 0 {
			reached = append(reached, i)
		}
	}
	var out []int
	for i := 0; i < len(sets); i += max(1, len(sets)/40) {
		out = append(out, i)
	}
	for i := 0; i < len(reached); i += max(1, len(reached)/40) {
		out = append(out, reached[i])
	}
	return out
}

func missing(want, have map[string]bool) []string {
	var out []string
	for k := range want {
		if !have[k] {
			out = append(out, k)
		}
	}
	return out
}

func checkShares(t *testing.T, rs map[string]coverage.Result) {
	for id, r := range rs {
		for _, c := range r.Cells {
			if c.UnknownShare < 0 || c.UnknownShare > 1 || c.AssumedShare < 0 || c.AssumedShare > 1 {
				t.Fatalf("%s cell %s: shares %v, %v", id, geo.CellString(c.Cell), c.UnknownShare, c.AssumedShare)
			}
		}
	}
	assumed := 0.0
	for _, c := range rs["wheelchair"].Level(9) {
		assumed = max(assumed, c.AssumedShare)
	}
	if assumed == 0 {
		t.Error("no wheelchair session relies on an assumption, though the island's buses are step-free only by policy")
	}
	for _, c := range rs["walker"].Level(9) {
		if c.AssumedShare != 0 {
			t.Fatalf("walker cell %s relies on step-free assumptions it does not need", geo.CellString(c.Cell))
		}
	}
}

// Searches are bounded by the longest limit a cell present can use: the
// island's urban cells alone are searched 45 minutes deep for the walker,
// not the rural 90, and every one of them gets exactly what it gets in the
// whole island's run.
func TestSearchBoundChangesNoCell(t *testing.T) {
	w := loadIsland(t)
	urbanOnly := w.in
	urbanOnly.Cells = nil
	for _, c := range w.in.Cells {
		if !c.Rural {
			urbanOnly.Cells = append(urbanOnly.Cells, c)
		}
	}
	if len(urbanOnly.Cells) == 0 || len(urbanOnly.Cells) == len(w.in.Cells) {
		t.Fatalf("%d urban cells of %d: the island should have both kinds", len(urbanOnly.Cells), len(w.in.Cells))
	}
	for _, id := range []string{"walker", "bus-pass", "wheelchair"} {
		whole := map[int64]coverage.CellResult{}
		for _, c := range compute(t, w.in, id).Level(9) {
			whole[c.Cell] = c
		}
		reached := 0
		for _, c := range compute(t, urbanOnly, id).Level(9) {
			if o := whole[c.Cell]; o.Activities != c.Activities || o.SessionsPerWeek != c.SessionsPerWeek {
				t.Errorf("%s, cell %s: %d activities and %.0f sessions searched 45 min deep, %d and %.0f in the island's run",
					id, geo.CellString(c.Cell), c.Activities, c.SessionsPerWeek, o.Activities, o.SessionsPerWeek)
			}
			if c.Activities > 0 {
				reached++
			}
		}
		if reached == 0 {
			t.Errorf("%s: no urban cell reaches anything; the comparison says nothing", id)
		}
	}
}

// Sessions of an activity on days that run the same services share one
// search each way; every cell gets exactly what searching each session
// alone gives. The island's timetable runs different services each
// weekday, so it is rewritten here to run every service every day, which
// makes all of an activity's sessions in the week one group.
func TestSharedSearchesChangeNoCell(t *testing.T) {
	w := loadIsland(t)
	daily := w.timetable
	daily.Calendars = slices.Clone(daily.Calendars)
	for i := range daily.Calendars {
		daily.Calendars[i].Days = 127
	}
	daily.ServiceDates = nil
	in := w.in
	in.Networks = []coverage.Network{{Snapshot: build(t, daily)}}
	in.KeepSessions = true
	// And the first twenty activities again, with sessions at the edges of
	// the day in one group: just after the first buses, midday, and just
	// before the last ones, so that each session's part of the shared
	// profiles differs from the others'.
	in.Activities = slices.Clone(in.Activities)
	for _, a := range w.in.Activities[:20] {
		a.ID += "-edges"
		a.Schedules = []heritage.Schedule{weekly(t, "MO", "06:40", "07:30"), weekly(t, "WE", "14:00", "15:30"), weekly(t, "FR", "21:00", "21:50")}
		in.Activities = append(in.Activities, a)
	}
	for _, id := range []string{"walker", "bus-pass", "wheelchair"} {
		p, _ := profile.ByID(id)
		// any time, so the edge sessions count
		p.Available = []profile.Window{{Days: []profile.Day{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, From: "00:00", To: "24:00"}}
		run := func() coverage.Result {
			r, err := coverage.Compute(context.Background(), in, p)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		shared := run()
		old := coverage.SetShareSearches(false)
		alone := run()
		coverage.SetShareSearches(old)
		if shared.TransitSearches >= alone.TransitSearches {
			t.Errorf("%s: %d searches shared, %d alone: nothing was shared", id, shared.TransitSearches, alone.TransitSearches)
		}
		a, b := alone.Level(9), shared.Level(9)
		reached := 0
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s, cell %s: %+v searched session by session, %+v shared", id, geo.CellString(a[i].Cell), a[i], b[i])
			}
			if a[i].Activities > 0 {
				reached++
			}
		}
		as, bs := sessionSets(alone, len(in.Cells)), sessionSets(shared, len(in.Cells))
		for i := range as {
			if !subset(as[i], bs[i]) || !subset(bs[i], as[i]) {
				t.Errorf("%s, cell %d: the sessions reached differ", id, i)
			}
		}
		if reached == 0 {
			t.Errorf("%s: no cell reaches anything; the comparison says nothing", id)
		}
		t.Logf("%s: %d searches shared, %d alone; %d cells reach something", id, shared.TransitSearches, alone.TransitSearches, reached)
	}
}

// weekly is a session every week on day (MO, TU, ...) of the coverage
// week, from opens to closes.
func weekly(t *testing.T, day, opens, closes string) heritage.Schedule {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=" + day)
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
	return heritage.Schedule{RRule: rr, DTStart: heritage.Date{Year: 2026, Month: time.December, Day: 7}, OpensAt: o, ClosesAt: c}
}
