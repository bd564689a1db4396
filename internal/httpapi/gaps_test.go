package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/gaps"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

type gapsAnswer struct {
	TotalGaps           int     `json:"total_gaps"`
	Truncated           bool    `json:"truncated"`
	UncoveredPopulation float64 `json:"uncovered_population"`
	Week                string  `json:"week"`
	BarriersUnchecked   int     `json:"barriers_unchecked"`
	Features            []struct {
		ID         string `json:"id"`
		Properties struct {
			Rank            int      `json:"rank"`
			Score           float64  `json:"score"`
			Population      float64  `json:"population"`
			HexIDs          []string `json:"hex_ids"`
			HomeHexID       string   `json:"home_hex_id"`
			WardCode        *string  `json:"ward_code"`
			WardName        *string  `json:"ward_name"`
			NearestActivity *struct {
				ID        string  `json:"id"`
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

	active := activeActivities(t, api, loc, week)
	for _, id := range []string{"walker", "wheelchair"} {
		start := time.Now()
		resp := a.check(t, r, "GET", "/api/v1/gaps?profile="+id+"&limit=100", "")
		elapsed := time.Since(start)
		if resp.status != http.StatusOK {
			t.Fatalf("%s: %d %s", id, resp.status, resp.body)
		}
		var g gapsAnswer
		if err := json.Unmarshal(resp.body, &g); err != nil {
			t.Fatal(err)
		}
		if g.Week != "2026-12-07" || g.TotalGaps == 0 || len(g.Features) != min(g.TotalGaps, 100) || g.BarriersUnchecked != 0 {
			t.Fatalf("%s: week %s, %d gaps, %d listed, %d unchecked", id, g.Week, g.TotalGaps, len(g.Features), g.BarriersUnchecked)
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
			// The island's areas come with their wards: every gap lies in
			// one and names it.
			if p.WardCode == nil || !strings.HasPrefix(*p.WardCode, "E05") || p.WardName == nil || *p.WardName == "" {
				t.Errorf("%s gap %s names no ward", id, f.ID)
			}
			if p.Barrier == nil || p.Barrier.Code == "" || p.Barrier.Detail == "" {
				t.Errorf("%s gap %s (%.0f people) names no barrier", id, f.ID, p.Population)
				continue
			}
			// Every wheelchair gap is kept out by one of the engine's
			// barriers, not by the absence of an answer.
			if id == "wheelchair" && !slices.Contains(reachBarrierCodes, p.Barrier.Code) {
				t.Errorf("wheelchair gap %s (%.0f people): barrier %+v is none of the engine's", f.ID, p.Population, *p.Barrier)
			}
			// The nearest activity is the nearest with a session that
			// week, independently: nothing reached from a cell reaching
			// nothing (coverage is never below reach).
			if slices.Contains(reachBarrierCodes, p.Barrier.Code) {
				want, d := nearestActive(t, active, p.HomeHexID)
				if p.NearestActivity == nil || p.NearestActivity.ID != want || math.Abs(p.NearestActivity.DistanceM-math.Floor(d)) > 1 {
					t.Errorf("%s gap %s: nearest activity %+v, want %s at %.0f m", id, f.ID, p.NearestActivity, want, d)
				}
			}
		}
		if math.Abs(g.UncoveredPopulation-uncovered) > 0.5 || (!g.Truncated && math.Abs(listed-uncovered) > 0.5) {
			t.Errorf("%s: gaps hold %.1f people (%.1f listed), the uncovered cells %.1f", id, g.UncoveredPopulation, listed, uncovered)
		}
		top := g.Features[0].Properties
		t.Logf("%s: %d gaps, %.0f people uncovered, answered in %v; first: %.0f people, nearest %+v, barrier %+v", id, g.TotalGaps,
			g.UncoveredPopulation, elapsed.Round(time.Millisecond), top.Population, top.NearestActivity, top.Barrier)
	}

	// Below three activities, every wheelchair gap still names a barrier,
	// for an activity it cannot reach.
	three := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=wheelchair&min_activities=3&limit=100", ""))
	for _, f := range three.Features {
		if b := f.Properties.Barrier; b == nil || !slices.Contains(reachBarrierCodes, b.Code) || f.Properties.NearestActivity == nil {
			t.Errorf("wheelchair below 3, gap %s: barrier %+v, nearest %+v", f.ID, b, f.Properties.NearestActivity)
		}
	}

	// A higher threshold takes in more people, never fewer.
	one := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker&min_activities=1&limit=1", ""))
	walkerThree := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker&min_activities=3&limit=1", ""))
	if walkerThree.UncoveredPopulation < one.UncoveredPopulation || !one.Truncated {
		t.Errorf("walker: %.0f people below 3 activities, %.0f below 1 (truncated %v)", walkerThree.UncoveredPopulation, one.UncoveredPopulation, one.Truncated)
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

// reachBarrierCodes are the reachability engine's barrier codes.
var reachBarrierCodes = []string{reach.NoStepFreeJourney, reach.OverBudget, reach.NoReturnJourney, reach.VenueNotStepFree,
	reach.TooLong, reach.OutsideAvailability, reach.UnknownData, reach.NoJourney, reach.NoAccessibleToilet}

// activeActivities are the published activities with a session in the
// week.
func activeActivities(t *testing.T, db *postgis.DB, loc *time.Location, week time.Time) []postgis.ActivityRow {
	t.Helper()
	rows, err := db.AllActivities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []postgis.ActivityRow
	for _, r := range rows {
		if len(r.Activity.Sessions(week, week.AddDate(0, 0, 7), loc)) > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatal("no activity has a session in the week")
	}
	return out
}

// nearestActive is the activity nearest the centre of the cell, by
// straight line (ties to the smaller id), and its distance.
func nearestActive(t *testing.T, acts []postgis.ActivityRow, hexID string) (string, float64) {
	t.Helper()
	cell, err := geo.ParseCell(hexID)
	if err != nil {
		t.Fatal(err)
	}
	home, err := geo.CellCenter(cell)
	if err != nil {
		t.Fatal(err)
	}
	best, bestD := "", math.Inf(1)
	for _, a := range acts {
		if d := geo.DistanceM(home, a.Point); d < bestD || (d == bestD && a.Activity.ID < best) {
			best, bestD = a.Activity.ID, d
		}
	}
	return best, bestD
}

// fakeGaps serves fixed gap cells of a run in the week of 7 December 2026.
type fakeGaps struct {
	cells []gaps.Cell
	err   error
}

func (f fakeGaps) GapCells(context.Context, string, int) (postgis.CoverageRunInfo, []gaps.Cell, error) {
	return postgis.CoverageRunInfo{ID: 7, ProfileID: "wheelchair", Week: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, f.cells, f.err
}

// oneGap is a gap of two neighbouring cells in Newport, the first the
// more populous; home is its centre.
func oneGap(t *testing.T) (fakeGaps, orb.Point) {
	t.Helper()
	c, err := geo.Cell(geo.PointLatLon(50.70, -1.29), 9)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := geo.CellNeighbours(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := ns[0]
	if n == c {
		n = ns[1]
	}
	home, _ := geo.CellCenter(c)
	return fakeGaps{cells: []gaps.Cell{
		{ID: c, Population: 300, ProfilePopulation: 30, Disabled: 30, IMDDecile: 3, RUC21: "UN1"},
		{ID: n, Population: 100, ProfilePopulation: 10, Disabled: 10, IMDDecile: 3, RUC21: "UN1"},
	}}, home
}

// cannedReacher answers every question with the same response.
type cannedReacher struct {
	resp reach.Response
	err  error
}

func (c cannedReacher) Answer(context.Context, reach.Query) (reach.Response, error) {
	return c.resp, c.err
}

// item is a session of activity id at a venue d metres east of home.
func item(home orb.Point, id string, d float64, barriers ...string) reach.Item {
	it := reach.Item{ActivityID: id, ActivityName: "activity " + id, SiteName: "site " + id,
		Venue: [2]float64{home[0] + d/(111320*math.Cos(home[1]*math.Pi/180)), home[1]}, AccessNotes: []string{}}
	for _, b := range barriers {
		it.Barriers = append(it.Barriers, reach.Barrier{Code: b, Detail: b + " at " + id})
	}
	return it
}

// TestGapsBarrierOfAnswer: whatever engine answers, a gap names the
// nearest activity none of whose sessions it reaches, with the barrier
// most of them meet, and says so plainly when there is none to name.
func TestGapsBarrierOfAnswer(t *testing.T) {
	src, home := oneGap(t)
	a := loadAPIDoc(t)
	for _, c := range []struct {
		name      string
		reacher   cannedReacher
		status    int
		nearest   string // "" for none
		code      string
		detailHas string
	}{
		{"the nearest reachable is passed over; most sessions' barrier wins",
			cannedReacher{resp: reach.Response{
				Reachable: []reach.Item{item(home, "near", 300)},
				NearMisses: []reach.Item{item(home, "far", 5000, reach.TooLong),
					item(home, "mid", 900, reach.TooLong), item(home, "mid", 900, reach.NoReturnJourney, reach.OverBudget),
					item(home, "mid", 900, reach.NoReturnJourney)}}},
			200, "mid", reach.NoReturnJourney, "no_return_journey at mid"},
		{"everything reachable from the centre",
			cannedReacher{resp: reach.Response{Reachable: []reach.Item{item(home, "b", 800), item(home, "a", 400)}}},
			200, "a", "reachable_from_centre", "coverage counted it out"},
		{"no session that week", cannedReacher{resp: reach.Response{}}, 200, "", "no_session", "7 December 2026"},
		{"outside the loaded areas", cannedReacher{err: &reach.OutsideError{Reason: "the origin is outside"}},
			200, "", "none_found", "could not answer"},
		{"the engine fails", cannedReacher{err: errors.New("snapshot missing")}, 500, "", "", ""},
	} {
		r := chi.NewRouter()
		httpapi.GapsRoutes(r, src, c.reacher)
		resp := a.check(t, r, "GET", "/api/v1/gaps?profile=wheelchair", "")
		if resp.status != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, resp.status, c.status, resp.body)
			continue
		}
		if c.status != 200 {
			continue
		}
		g := decodeGaps(t, resp)
		if len(g.Features) != 1 || g.TotalGaps != 1 || g.UncoveredPopulation != 400 || g.BarriersUnchecked != 0 {
			t.Fatalf("%s: %+v", c.name, g)
		}
		p := g.Features[0].Properties
		got := ""
		if p.NearestActivity != nil {
			got = p.NearestActivity.ID
		}
		if got != c.nearest || p.Barrier == nil || p.Barrier.Code != c.code || !strings.Contains(p.Barrier.Detail, c.detailHas) {
			t.Errorf("%s: nearest %q, barrier %+v; want %q, %s (%q)", c.name, got, p.Barrier, c.nearest, c.code, c.detailHas)
		}
		if want := geo.CellString(src.cells[0].ID); p.HomeHexID != want {
			t.Errorf("%s: home %s, want the more populous cell %s", c.name, p.HomeHexID, want)
		}
	}
}

// fixedSources is a reachability service's world: the given activities,
// an urban area everywhere, no timetable (walks and drives are estimates).
type fixedSources []reach.Activity

func (f fixedSources) ReachActivities(context.Context) ([]reach.Activity, error) { return f, nil }
func (fixedSources) AreaAt(context.Context, orb.Point) (reach.Area, bool, error) {
	return reach.Area{RuralKnown: true, RUC21: "UN1"}, true, nil
}
func (fixedSources) Describe(context.Context, string) (any, error) { return map[string]any{}, nil }
func (fixedSources) NetworkAt(context.Context, orb.Point) (reach.Network, error) {
	loc, err := time.LoadLocation("Europe/London")
	return reach.Network{Location: loc}, err
}

// weekly is an activity on Wednesdays 10:30–12:00 from valid (zero: always)
// at a venue d metres east of home.
func weekly(t *testing.T, home orb.Point, id string, d float64, valid heritage.Date) reach.Activity {
	t.Helper()
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=WE")
	if err != nil {
		t.Fatal(err)
	}
	it := item(home, id, d)
	return reach.Activity{Activity: heritage.Activity{ID: id, SiteID: "s" + id, Name: it.ActivityName, Illustrative: true,
		Schedules: []heritage.Schedule{{ID: id + "-wed", RRule: rr, ValidFrom: valid, OpensAt: heritage.NewClock(10, 30, 0),
			ClosesAt: heritage.NewClock(12, 0, 0)}}},
		SiteName: it.SiteName, Venue: orb.Point(it.Venue), StepFree: heritage.AccessYes, Toilet: heritage.AccessYes}
}

// TestGapsNearestActivityOfService: given the reachability service, a
// gap asks about its nearest activities with a session that week
// (activities starting next year are passed over however near), names the
// nearest and the engine's own barrier for it.
func TestGapsNearestActivityOfService(t *testing.T) {
	src, home := oneGap(t)
	a := loadAPIDoc(t)
	later := heritage.NewDate(2027, 6, 1)
	acts := fixedSources{weekly(t, home, "far", 40000, heritage.Date{}), weekly(t, home, "farther", 60000, heritage.Date{})}
	for i := range 3 { // more than the gap asks about: only those with a session count
		acts = append(acts, weekly(t, home, "next-year-"+strconv.Itoa(i), 150+float64(i), later))
	}
	svc := &reach.Service{Catalog: acts, Areas: acts, Networks: acts, Describer: acts, Now: func() time.Time { return december }}
	r := chi.NewRouter()
	httpapi.GapsRoutes(r, src, svc)
	g := decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker", ""))
	p := g.Features[0].Properties
	want := math.Floor(geo.DistanceM(home, acts[0].Venue))
	if p.NearestActivity == nil || p.NearestActivity.ID != "far" || p.NearestActivity.DistanceM != want ||
		p.Barrier == nil || !slices.Contains(reachBarrierCodes, p.Barrier.Code) {
		t.Fatalf("nearest %+v, barrier %+v; want far at %.0f m and an engine barrier", p.NearestActivity, p.Barrier, want)
	}

	none := fixedSources{weekly(t, home, "next-year", 150, later)}
	svc = &reach.Service{Catalog: none, Areas: none, Networks: none, Describer: none, Now: func() time.Time { return december }}
	r = chi.NewRouter()
	httpapi.GapsRoutes(r, src, svc)
	g = decodeGaps(t, a.check(t, r, "GET", "/api/v1/gaps?profile=walker", ""))
	if p := g.Features[0].Properties; p.NearestActivity != nil || p.Barrier == nil || p.Barrier.Code != "no_session" {
		t.Errorf("no session that week: nearest %+v, barrier %+v", p.NearestActivity, p.Barrier)
	}
}

// TestGapsTimeBudget: when the engine is slower than the request allows,
// the gaps still come, their barriers counted as unchecked.
func TestGapsTimeBudget(t *testing.T) {
	src, _ := oneGap(t)
	a := loadAPIDoc(t)
	r := chi.NewRouter()
	httpapi.GapsRoutes(r, src, slowReacher{})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req := httptest.NewRequest("GET", "/api/v1/gaps?profile=wheelchair", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	start := time.Now()
	r.ServeHTTP(rec, req)
	resp := response{rec.Code, rec.Header(), rec.Body.Bytes()}
	route, params := a.route("GET", "/api/v1/gaps")
	if err := a.validate(req, route, params, resp); err != nil {
		t.Error(err)
	}
	g := decodeGaps(t, resp)
	if g.BarriersUnchecked != 1 || len(g.Features) != 1 || g.Features[0].Properties.Barrier != nil || time.Since(start) > 290*time.Millisecond {
		t.Errorf("after %v: %d unchecked, %d features", time.Since(start), g.BarriersUnchecked, len(g.Features))
	}
}

// TestGapsStoreFailure: a failing store is a 500 that says nothing more.
func TestGapsStoreFailure(t *testing.T) {
	r := chi.NewRouter()
	httpapi.GapsRoutes(r, fakeGaps{err: errors.New("connection reset")}, nil)
	resp := loadAPIDoc(t).check(t, r, "GET", "/api/v1/gaps?profile=walker", "")
	if resp.status != 500 || strings.Contains(string(resp.body), "connection") {
		t.Errorf("%d %s", resp.status, resp.body)
	}
}
