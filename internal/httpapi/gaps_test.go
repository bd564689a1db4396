package httpapi_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
)

type gapsAnswer struct {
	TotalGaps           int     `json:"total_gaps"`
	Truncated           bool    `json:"truncated"`
	UncoveredPopulation float64 `json:"uncovered_population"`
	Week                string  `json:"week"`
	Features            []struct {
		ID         string `json:"id"`
		Properties struct {
			Rank            int      `json:"rank"`
			Score           float64  `json:"score"`
			Population      float64  `json:"population"`
			HexIDs          []string `json:"hex_ids"`
			NearestActivity *struct {
				Name      string  `json:"name"`
				DistanceM float64 `json:"distance_m"`
			} `json:"nearest_activity"`
			Barrier *struct {
				Code   string `json:"code"`
				Detail string `json:"detail"`
			} `json:"barrier"`
		} `json:"properties"`
	} `json:"features"`
}

// TestGapsIsleOfWight computes the walker's and the wheelchair user's
// coverage of the island for the week of 7 December 2026, then asks for
// their gaps: the gaps hold exactly the uncovered people, are ranked by
// score, and every wheelchair gap names the barrier that keeps its
// nearest activity out of reach.
func TestGapsIsleOfWight(t *testing.T) {
	ctx := context.Background()
	reacher, imp, api := iowReacherDB(t)
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	week := coverage.WeekOf(december, loc)
	in, err := coveragedb.LoadInput(ctx, imp, loc, week, 0)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := imp.CoverageInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"walker", "wheelchair"} {
		p, _ := profile.ByID(id)
		r, err := coverage.Compute(ctx, in, p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := imp.SaveCoverage(ctx, postgis.CoverageRun{Result: r, Profile: p, Inputs: inputs}); err != nil {
			t.Fatal(err)
		}
	}
	r := chi.NewRouter()
	httpapi.GapsRoutes(r, api, reacher)
	a := loadAPIDoc(t)

	for _, id := range []string{"walker", "wheelchair"} {
		resp := a.check(t, r, "GET", "/api/v1/gaps?profile="+id+"&limit=100", "")
		if resp.status != http.StatusOK {
			t.Fatalf("%s: %d %s", id, resp.status, resp.body)
		}
		var g gapsAnswer
		if err := json.Unmarshal(resp.body, &g); err != nil {
			t.Fatal(err)
		}
		if g.Week != "2026-12-07" || g.TotalGaps == 0 || len(g.Features) != min(g.TotalGaps, 100) {
			t.Fatalf("%s: week %s, %d gaps, %d listed", id, g.Week, g.TotalGaps, len(g.Features))
		}
		// The uncovered people, independently: res-9 cells reaching nothing.
		_, cells, _, err := api.CoverageCells(ctx, id, 9, postgis.BBox{}, postgis.MaxCoverageCells)
		if err != nil {
			t.Fatal(err)
		}
		var uncovered float64
		for _, c := range cells {
			if c.Activities == 0 {
				uncovered += c.Population
			}
		}
		var listed float64
		seen := map[string]bool{}
		for i, f := range g.Features {
			p := f.Properties
			listed += p.Population
			if p.Rank != i+1 || (i > 0 && p.Score > g.Features[i-1].Properties.Score) {
				t.Errorf("%s: gap %s ranked %d with score %v after %v", id, f.ID, p.Rank, p.Score, g.Features[max(i-1, 0)].Properties.Score)
			}
			for _, h := range p.HexIDs {
				if seen[h] {
					t.Errorf("%s: cell %s is in two gaps", id, h)
				}
				seen[h] = true
			}
			if id == "wheelchair" && (p.Barrier == nil || p.Barrier.Code == "" || p.Barrier.Detail == "") {
				t.Errorf("wheelchair gap %s (%.0f people) names no barrier", f.ID, p.Population)
			}
		}
		if math.Abs(g.UncoveredPopulation-uncovered) > 0.5 || (!g.Truncated && math.Abs(listed-uncovered) > 0.5) {
			t.Errorf("%s: gaps hold %.1f people (%.1f listed), the uncovered cells %.1f", id, g.UncoveredPopulation, listed, uncovered)
		}
		top := g.Features[0].Properties
		t.Logf("%s: %d gaps, %.0f people uncovered; first: %.0f people, nearest %v, barrier %+v", id, g.TotalGaps, g.UncoveredPopulation,
			top.Population, top.NearestActivity, top.Barrier)
	}

	// A higher threshold takes in more people, never fewer.
	one := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker&min_activities=1&limit=1", ""))
	three := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker&min_activities=3&limit=1", ""))
	if three.UncoveredPopulation < one.UncoveredPopulation || !one.Truncated {
		t.Errorf("walker: %.0f people below 3 activities, %.0f below 1 (truncated %v)", three.UncoveredPopulation, one.UncoveredPopulation, one.Truncated)
	}

	for target, want := range map[string]int{
		"/api/v1/gaps":                                 400,
		"/api/v1/gaps?profile=skater":                  400,
		"/api/v1/gaps?profile=walker&min_activities=0": 400,
		"/api/v1/gaps?profile=walker&min_activities=x": 400,
		"/api/v1/gaps?profile=walker&limit=101":        400,
		"/api/v1/gaps?profile=car":                     404, // no coverage computed for it
	} {
		if got := a.check(t, r, "GET", target, "").status; got != want {
			t.Errorf("%s: %d, want %d", target, got, want)
		}
	}
	bare := chi.NewRouter()
	httpapi.GapsRoutes(bare, nil, nil)
	if got := a.check(t, bare, "GET", "/api/v1/gaps?profile=walker", "").status; got != 503 {
		t.Errorf("without a database: %d, want 503", got)
	}
}

func decodeGaps(t *testing.T, r response) gapsAnswer {
	t.Helper()
	var g gapsAnswer
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &g); err != nil {
		t.Fatal(err)
	}
	return g
}
