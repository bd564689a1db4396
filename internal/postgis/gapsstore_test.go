package postgis_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// TestGapCells publishes the walker's coverage of the island and reads its
// gap cells back as the API role: exactly the populated res-9 cells the
// run counted below the threshold, each with its own area's disabled
// residents, rurality, RUC 2021 class and IMD decile.
func TestGapCells(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	if _, err := importAreas(t, imp, "iow-areas", iowAreas, false); err != nil {
		t.Fatal(err)
	}
	importActivities(t, imp, "v1")
	london, _ := time.LoadLocation("Europe/London")
	run, in := coverageIsland(t, imp, time.Date(2026, 12, 7, 0, 0, 0, 0, london), "walker")
	runID, err := imp.SaveCoverage(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	api := open(t, d.APIURL)

	origin := map[int64]int{}
	for i, c := range in.Cells {
		origin[c.ID] = i
	}
	var prev int
	for _, minAct := range []int{1, 3, 1000} {
		info, cells, err := api.GapCells(ctx, "walker", minAct)
		if err != nil {
			t.Fatal(err)
		}
		if info.ID != runID {
			t.Errorf("min %d: run %d, want the published %d", minAct, info.ID, runID)
		}
		want := map[int64]float64{} // the run's own cells below the threshold
		for _, c := range run.Result.Level(9) {
			if c.Activities < minAct && c.Population > 0 {
				want[c.Cell] = c.Population
			}
		}
		if len(cells) != len(want) || len(cells) < prev {
			t.Fatalf("min %d: %d gap cells, the run has %d (fewer than the %d below a lower threshold?)", minAct, len(cells), len(want), prev)
		}
		prev = len(cells)
		var disabled float64
		for _, c := range cells {
			o, ok := origin[c.ID]
			pop, inRun := want[c.ID]
			if !ok || !inRun || c.Activities >= minAct || math.Abs(c.Population-pop) > 0.01 {
				t.Fatalf("min %d: cell %x (%d activities, %.2f people) is not one of the run's below it", minAct, c.ID, c.Activities, c.Population)
			}
			oc := in.Cells[o]
			if math.Abs(c.Disabled-oc.Disabled) > 0.01 || c.Rural != oc.Rural || c.RUC21 != oc.RUC21 || c.IMDDecile != oc.IMDDecile ||
				c.ProfilePopulation != c.Population {
				t.Errorf("cell %x: %+v, its area says %+v", c.ID, c, oc)
			}
			disabled += c.Disabled
		}
		if minAct == 1000 && (len(cells) != len(in.Cells) || disabled <= 0) {
			t.Errorf("below 1000 activities: %d cells of %d, %.0f disabled residents", len(cells), len(in.Cells), disabled)
		}
	}
	if _, _, err := api.GapCells(ctx, "car", 1); postgis.KindOf(err) != postgis.KindNotFound {
		t.Errorf("a profile with no run: %v, want not found", err)
	}
}
