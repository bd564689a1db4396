package postgis_test

import (
	"context"
	"math"
	"os"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// coverageIsland loads the island's areas and activities and computes a
// profile's coverage on foot and by car (no timetable: the store does not
// care how the numbers came).
func coverageIsland(t *testing.T, db *postgis.DB, week time.Time, id string) (postgis.CoverageRun, coverage.Input) {
	t.Helper()
	ctx := context.Background()
	in := islandtest.CoverageInput(t, db, week)
	p, _ := profile.ByID(id)
	res, err := coverage.Compute(ctx, in, p)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := db.CoverageInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return postgis.CoverageRun{Result: res, Profile: p, Inputs: inputs, Settings: map[string]any{"referred": true}, Seconds: 1}, in
}

func importActivities(t *testing.T, db *postgis.DB, checksum string) {
	t.Helper()
	f, err := os.Open("../../geodata/isle-of-wight/activities.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: "iow-activities", Kind: "openreferral",
		Path: "activities.json", Checksum: checksum}, postgis.OpenReferralLoader(f, "activities.json", true)); err != nil {
		t.Fatal(err)
	}
}

func TestCoverageStoreIsleOfWight(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importAreas(t, db, "iow-areas", iowAreas, false); err != nil {
		t.Fatal(err)
	}
	importActivities(t, db, "v1")
	london, _ := time.LoadLocation("Europe/London")
	week := time.Date(2026, 12, 7, 0, 0, 0, 0, london)
	run, in := coverageIsland(t, db, week, "walker")
	if cur, err := db.CoverageCurrent(ctx, run.Profile, week, run.Inputs); err != nil || cur {
		t.Fatalf("current before any run: %v, %v", cur, err)
	}
	first, err := db.SaveCoverage(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	checkStoredLevels(t, db, first, run.Result)
	checkStoredRun(t, db, first, run)
	checkReads(t, open(t, d.APIURL), in)

	// Current for the same inputs; stale for another week or a newer import.
	if cur, err := db.CoverageCurrent(ctx, run.Profile, week, run.Inputs); err != nil || !cur {
		t.Errorf("current after the run: %v, %v", cur, err)
	}
	if cur, _ := db.CoverageCurrent(ctx, run.Profile, week.AddDate(0, 0, 7), run.Inputs); cur {
		t.Error("a run for one week counts as current for the next")
	}
	importActivities(t, db, "v2")
	newer, err := db.CoverageInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := db.CoverageCurrent(ctx, run.Profile, week, newer); cur || newer.MaxImportRun <= run.Inputs.MaxImportRun {
		t.Errorf("a newer import (run %d after %d) leaves the coverage current", newer.MaxImportRun, run.Inputs.MaxImportRun)
	}
	checkPublishing(t, db, week, first)
}

// checkStoredLevels: every resolution is stored, with the same people,
// and boundaries that are the cells' own.
func checkStoredLevels(t *testing.T, db *postgis.DB, runID int64, r coverage.Result) {
	t.Helper()
	for _, res := range coverage.Resolutions {
		n := count(t, db, `SELECT count(*) FROM coverage_cell WHERE run_id = $1 AND res = $2`, runID, res)
		if n != len(r.Level(res)) || n == 0 {
			t.Errorf("res %d: %d rows stored, %d computed", res, n, len(r.Level(res)))
		}
		pop := queryFloat(t, db, `SELECT sum(population)::float8 FROM coverage_cell WHERE run_id = $1 AND res = $2`, runID, res)
		if !withinPct(pop, 140464, 0.5) {
			t.Errorf("res %d holds %.0f people, want the island's 140,464 within 0.5%%", res, pop)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_cell WHERE run_id = $1 AND (geom IS NULL OR NOT ST_IsValid(geom) OR ST_Area(geom) = 0)`, runID); n != 0 {
		t.Errorf("%d cells without a valid boundary", n)
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_cell c JOIN h3_cell h USING (cell)
WHERE c.run_id = $1 AND c.res = 9 AND ST_HausdorffDistance(c.geom, h.geom) > 1e-9`, runID); n != 0 {
		t.Errorf("%d res-9 boundaries differ from the cells'", n)
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_cell c JOIN h3_cell h USING (cell)
WHERE c.run_id = $1 AND (c.ruc21 IS DISTINCT FROM h.ruc21 OR c.imd_decile IS DISTINCT FROM h.imd_decile)`, runID); n != 0 {
		t.Errorf("%d res-9 cells carry another area's rurality or deprivation", n)
	}
	// A coarse cell contains its children's centres.
	if n := count(t, db, `SELECT count(*) FROM coverage_cell c JOIN h3_cell h ON h.res = 9 AND h.population > 0
WHERE c.run_id = $1 AND c.res = 6 AND ST_Contains(c.geom, h.center)`, runID); n < 4000 {
		t.Errorf("only %d populated cells lie inside the res-6 boundaries", n)
	}
}

func checkStoredRun(t *testing.T, db *postgis.DB, runID int64, run postgis.CoverageRun) {
	t.Helper()
	var maxRun int64
	var sources int
	var profileID, week string
	err := db.Pool.QueryRow(context.Background(), `
SELECT max_import_run, jsonb_array_length(inputs->'sources'), profile->>'id', week_start::text FROM coverage_run
WHERE id = $1 AND published AND status = 'succeeded' AND finished_at IS NOT NULL`, runID).Scan(&maxRun, &sources, &profileID, &week)
	if err != nil {
		t.Fatal(err)
	}
	want := count(t, db, `SELECT max(run_id) FROM source`)
	if maxRun != int64(want) || sources != count(t, db, `SELECT count(*) FROM source`) || profileID != "walker" || week != "2026-12-07" {
		t.Errorf("run records import run %d (want %d), %d sources, profile %s, week %s", maxRun, want, sources, profileID, week)
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_run r, jsonb_array_elements(r.inputs->'sources') s
JOIN source src ON src.id = s->>'id' AND src.checksum = s->>'checksum' WHERE r.id = $1`, runID); n != len(run.Inputs.Sources) {
		t.Errorf("%d of %d recorded sources match the published checksums", n, len(run.Inputs.Sources))
	}
}

// checkReads reads the run back as the API role does.
func checkReads(t *testing.T, api *postgis.DB, in coverage.Input) {
	t.Helper()
	ctx := context.Background()
	_, all, truncated, err := api.CoverageCells(ctx, "walker", 9, postgis.BBox{}, postgis.MaxCoverageCells)
	if err != nil || truncated || len(all) != len(in.Cells) {
		t.Fatalf("res 9: %d cells (truncated %v), want %d: %v", len(all), truncated, len(in.Cells), err)
	}
	for _, c := range all[:10] {
		if cell, err := geo.ParseCell(c.HexID); err != nil || geo.CellResolution(cell) != 9 {
			t.Errorf("hex_id %q is not a res-9 H3 cell", c.HexID)
		}
	}
	west := orb.Bound{Min: orb.Point{-1.6, 50.5}, Max: orb.Point{-1.4, 50.8}}
	_, some, _, err := api.CoverageCells(ctx, "walker", 9, west, postgis.MaxCoverageCells)
	if err != nil || len(some) == 0 || len(some) >= len(all) {
		t.Errorf("west of the island: %d of %d cells (%v)", len(some), len(all), err)
	}
	if _, _, _, err := api.CoverageCells(ctx, "car", 9, postgis.BBox{}, 10); postgis.KindOf(err) != postgis.KindNotFound {
		t.Errorf("a profile never computed: %v, want not found", err)
	}
	_, groups, total, err := api.CoverageTotals(ctx, "walker", "ruc")
	if err != nil || len(groups) < 2 {
		t.Fatalf("totals by ruc: %d groups, %v", len(groups), err)
	}
	_, regions, regionTotal, err := api.CoverageTotals(ctx, "walker", "region")
	if err != nil || len(regions) != 1 || math.Abs(regions[0].CoveredPopulation-total.CoveredPopulation) > 1 ||
		math.Abs(regionTotal.Population-total.Population) > 1 || total.CoveredPopulation <= 0 || total.CoveredPopulation >= total.Population {
		t.Errorf("by ruc: %+v; by region: %+v (%v)", total, regions, err)
	}
	checkTiles(t, api)
}

func checkTiles(t *testing.T, api *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	// Zoom 10 tile 508/343 holds the north of the island (Cowes); 0/0 is
	// in the Bering Sea.
	_, tile, err := api.CoverageTile(ctx, "walker", 7, 10, 508, 343)
	if err != nil || len(tile) < 100 {
		t.Errorf("island tile: %d bytes, %v", len(tile), err)
	}
	_, empty, err := api.CoverageTile(ctx, "walker", 7, 10, 0, 0)
	if err != nil || len(empty) != 0 {
		t.Errorf("far tile: %d bytes, %v", len(empty), err)
	}
}

// checkPublishing: a second run replaces the first for readers, keeps it
// unpublished, and a third deletes it.
func checkPublishing(t *testing.T, db *postgis.DB, week time.Time, first int64) {
	t.Helper()
	ctx := context.Background()
	run, _ := coverageIsland(t, db, week, "walker")
	second, err := db.SaveCoverage(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_run WHERE profile_id = 'walker' AND published`); n != 1 {
		t.Errorf("%d published walker runs", n)
	}
	if info, err := db.PublishedCoverage(ctx, "walker"); err != nil || info.ID != second {
		t.Errorf("published %d, want %d (%v)", info.ID, second, err)
	}
	if _, err := db.SaveCoverage(ctx, run); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_run WHERE id = $1`, first); n != 0 {
		t.Error("the run two runs ago was kept")
	}
	if n := count(t, db, `SELECT count(*) FROM coverage_cell WHERE run_id = $1`, second); n == 0 {
		t.Error("the previous run's cells were dropped")
	}
}
