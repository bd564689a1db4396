package main

import (
	"context"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// The coverage benchmarks of issue 7, on data that is not England's: the
// venues, their sessions and (for the grid city) the residents are
// SYNTHETIC, generated from a fixed seed; only the timings matter. Each
// iteration is one full coverage computation for one profile (or all six).
//
//	go test -run '^$' -bench Coverage -benchtime 3x ./cmd/threshold-bench

// BenchmarkCoveragePortoAlegre: r5r's Porto Alegre sample, its 1,124
// populated H3 resolution-9 cells and the EPTC bus timetable (130,019
// stop times), with 100 generated venues × 3 weekly sessions.
func BenchmarkCoveragePortoAlegre(b *testing.B) {
	in := poaInput(b)
	benchProfiles(b, in)
}

// BenchmarkCoverageGridCity: the synthetic grid city of 2.5M stop times
// (50 × 50 stops 800 m apart, a bus every 288 s), the ~15,000 H3
// resolution-9 cells over the middle of it, each with generated residents, and 500
// venues × 3 weekly sessions. Target: ≤ 30 s for one profile on 2 cores.
func BenchmarkCoverageGridCity(b *testing.B) {
	if testing.Short() {
		b.Skip("the grid city takes a minute to build")
	}
	in := gridCityInput(b)
	benchProfiles(b, in)
}

func benchProfiles(b *testing.B, in coverage.Input) {
	ctx := context.Background()
	run := func(b *testing.B, ps []profile.Profile) {
		for b.Loop() {
			for _, p := range ps {
				r, err := coverage.Compute(ctx, in, p)
				if err != nil {
					b.Fatal(err)
				}
				if s := r.Summary(); s.Cells != len(in.Cells) {
					b.Fatalf("%s: %d cells of %d", p.ID, s.Cells, len(in.Cells))
				}
			}
		}
	}
	walker, _ := profile.ByID("walker")
	b.Run("walker", func(b *testing.B) { run(b, []profile.Profile{walker}) })
	b.Run("all-six", func(b *testing.B) { run(b, profile.Standard()) })
}

// poaInput reads the Porto Alegre sample.
func poaInput(b *testing.B) coverage.Input {
	b.Helper()
	tin, err := readInput("../../testdata/poa/poa_eptc.zip", "poa-eptc")
	if err != nil {
		b.Fatal(err)
	}
	snap, err := transit.Build(tin, transit.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open("../../testdata/poa/poa_hexgrid.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var cells []coverage.Cell
	for _, r := range recs[1:] { // id,lon,lat,population,...
		pop, err := strconv.ParseFloat(r[3], 64)
		if err != nil || pop <= 0 {
			continue
		}
		id, err := geo.ParseCell(r[0])
		if err != nil {
			b.Fatal(err)
		}
		c, err := geo.CellCenter(id)
		if err != nil {
			b.Fatal(err)
		}
		cells = append(cells, coverage.Cell{ID: id, Center: c, RuralKnown: true, Population: pop, Age65Plus: pop * 0.15, Disabled: pop * 0.08})
	}
	if len(cells) != 1124 {
		b.Fatalf("%d populated cells, want 1,124", len(cells))
	}
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		b.Fatal(err)
	}
	week := time.Date(2019, 5, 13, 0, 0, 0, 0, loc) // inside the feed's calendar
	return benchInput(b, loc, week, cells, snap, 100, 1)
}

// gridCityInput writes (once per run, into a temporary folder) and reads
// the synthetic grid city.
func gridCityInput(b *testing.B) coverage.Input {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "grid")
	o := gtfs.SyntheticOptions{Rows: 50, Cols: 50, Headway: 288, SpacingM: 800}
	if err := gtfs.WriteSyntheticGrid(dir, o); err != nil {
		b.Fatal(err)
	}
	tin, err := readInput(dir, "grid")
	if err != nil {
		b.Fatal(err)
	}
	snap, err := transit.Build(tin, transit.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var box orb.MultiPoint
	for _, s := range tin.Stops {
		box = append(box, s.Point)
	}
	// The populated area is the middle of the grid, about 88% of it each
	// way: some 15,000 resolution-9 cells.
	bd := box.Bound()
	c, half := bd.Center(), orb.Point{bd.Max[0] - bd.Center()[0], bd.Max[1] - bd.Center()[1]}
	bd = orb.Bound{Min: orb.Point{c[0] - 0.88*half[0], c[1] - 0.88*half[1]}, Max: orb.Point{c[0] + 0.88*half[0], c[1] + 0.88*half[1]}}
	ids, err := geo.PolygonCells(bd.ToPolygon(), 9)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 9))
	cells := make([]coverage.Cell, 0, len(ids))
	for _, id := range ids {
		c, err := geo.CellCenter(id)
		if err != nil {
			b.Fatal(err)
		}
		pop := float64(20 + rng.IntN(300))
		cells = append(cells, coverage.Cell{ID: id, Center: c, RuralKnown: true, Population: pop, Age65Plus: pop * 0.2, Disabled: pop * 0.1})
	}
	b.Logf("grid city: %d stop times, %d stops, %d populated cells", snap.NumStopTimes(), snap.NumStops(), len(cells))
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		b.Fatal(err)
	}
	return benchInput(b, loc, time.Date(2025, 5, 12, 0, 0, 0, 0, loc), cells, snap, 500, 2)
}

// benchInput puts n generated venues at random populated cells' centres,
// each with three weekly sessions (Monday 10:00, Wednesday 14:00, Saturday
// 10:30; 90 minutes; free; step-free with an accessible toilet, so that
// every profile has something to reach).
func benchInput(b *testing.B, loc *time.Location, week time.Time, cells []coverage.Cell, snap *transit.Snapshot, n int, seed uint64) coverage.Input {
	b.Helper()
	rng := rand.New(rand.NewPCG(seed, 42))
	free := int64(0)
	day := heritage.Date{Year: week.Year(), Month: week.Month(), Day: week.Day()}
	sched := func(rule, opens, closes string) heritage.Schedule {
		rr, err := heritage.ParseRRule(rule)
		if err != nil {
			b.Fatal(err)
		}
		o, err := heritage.ParseClock(opens)
		if err != nil {
			b.Fatal(err)
		}
		c, err := heritage.ParseClock(closes)
		if err != nil {
			b.Fatal(err)
		}
		return heritage.Schedule{RRule: rr, DTStart: day, OpensAt: o, ClosesAt: c}
	}
	acts := make([]reach.Activity, n)
	for i := range acts {
		venue := cells[rng.IntN(len(cells))].Center
		id := "synthetic-" + strconv.Itoa(i)
		acts[i] = reach.Activity{
			Activity: heritage.Activity{ID: id, Name: "Synthetic session " + strconv.Itoa(i), Kind: "object_handling", Illustrative: true,
				Costs: []heritage.CostOption{{Amount: &free, Confidence: heritage.ConfidenceKnown}},
				Schedules: []heritage.Schedule{sched("FREQ=WEEKLY;BYDAY=MO", "10:00", "11:30"), sched("FREQ=WEEKLY;BYDAY=WE", "14:00", "15:30"),
					sched("FREQ=WEEKLY;BYDAY=SA", "10:30", "12:00")}},
			SiteName: "Synthetic venue " + strconv.Itoa(i), Venue: venue, StepFree: heritage.AccessYes, Toilet: heritage.AccessYes,
		}
	}
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		b.Fatal(err)
	}
	return coverage.Input{Location: loc, Week: week, Cells: cells, Activities: acts, Networks: []coverage.Network{{Snapshot: snap}},
		Fares: fares, Costs: road.DefaultCosts, Referred: true}
}
