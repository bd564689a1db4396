package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

func TestSummarise(t *testing.T) {
	s, ok := summarise([]int64{50, 10, 30, 20, 40, 60, 70, 80, 90, 100})
	if !ok || s.n != 10 || s.p50 != 50 || s.p90 != 90 || s.mean != 55 {
		t.Errorf("summary %+v, want n 10, p50 50, p90 90, mean 55", s)
	}
	if _, ok := summarise(nil); ok {
		t.Error("summary of no samples reported ok")
	}
}

// TestTransitSmallGrid runs the transit stage end to end on a tiny
// synthetic grid and checks what it writes.
func TestTransitSmallGrid(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed")
	if err := gtfs.WriteSyntheticGrid(feed, gtfs.SyntheticOptions{Rows: 4, Cols: 3, Headway: 900}); err != nil {
		t.Fatal(err)
	}
	cfg := transitConfig{feedDir: feed, name: "tiny", outDir: dir, date: transit.DateOf(2025, 5, 14),
		pairs: 12, ranges: 3, warmup: 4, reps: 20, seed: 1}
	if err := runTransit(cfg); err != nil {
		t.Fatal(err)
	}
	var ps Pairs
	var res TransitResult
	if err := readJSON(filepath.Join(dir, "pairs-tiny.json"), &ps); err != nil {
		t.Fatal(err)
	}
	if err := readJSON(filepath.Join(dir, "ours-tiny.json"), &res); err != nil {
		t.Fatal(err)
	}
	checkPairs(t, ps)
	if res.StopTimes != 4*4*3*gtfsDepartures(900) || res.Stops != 12+1 { // one station at (0,0)
		t.Errorf("%d stop times, %d stops", res.StopTimes, res.Stops)
	}
	for op, want := range map[string]int{opP2P: 240, opOneToAll: 240, opRange60: 60, opScans60: 60} {
		if got := len(res.Samples[op]); got != want {
			t.Errorf("%s: %d samples, want %d", op, got, want)
		}
		// Mallocs is process-wide: the runtime and the test framework
		// allocate now and then while the queries run. A query that
		// allocated would add at least one per query, so fewer than one
		// per query means the queries themselves allocate nothing.
		if res.Allocs[op] >= 1 {
			t.Errorf("%s: %v allocations per query", op, res.Allocs[op])
		}
	}
	for i, a := range res.Arrivals {
		if a < int64(ps.Pairs[i].Time) {
			t.Errorf("pair %d: arrival %d before departure %d", i, a, ps.Pairs[i].Time)
		}
		if res.Reached[i] > 12 {
			t.Errorf("pair %d: %d stops reached, only 12 are served", i, res.Reached[i])
		}
	}
	// Each scan answers at least its origin; a range reuses labels, so
	// it improves fewer than its 60 scans do together.
	if w := res.Work; w == nil || w.ProfilePoints < 1 || w.MinuteAnswers < 60 || w.RangeLabels >= w.ScanLabels {
		t.Errorf("range work %+v", w)
	}
}

func gtfsDepartures(headway int32) int {
	return gtfs.SyntheticOptions{Rows: 2, Cols: 2, Headway: headway}.Departures()
}

func checkPairs(t *testing.T, ps Pairs) {
	t.Helper()
	if len(ps.Pairs) != 12 || ps.Ranges != 3 || len(ps.Warmup) != 4 || ps.Weekday != 3 {
		t.Fatalf("pairs %d, ranges %d, warmup %d, weekday %d", len(ps.Pairs), ps.Ranges, len(ps.Warmup), ps.Weekday)
	}
	for _, p := range ps.Pairs {
		if p.From == p.To || !strings.HasPrefix(p.From, "G") || !strings.HasPrefix(p.To, "G") {
			t.Errorf("pair %+v: want two different served stops", p)
		}
		if p.Time < windowStart || p.Time >= windowEnd {
			t.Errorf("pair %+v: departure outside 07:00-10:00", p)
		}
	}
}

// TestWriteEdges: pgRouting gets every edge, forbidden ones marked, and a
// oneway edge has no reverse direction.
func TestWriteEdges(t *testing.T) {
	b := walk.NewBuilder()
	n0 := b.AddNode(orb.Point{-0.7, 52.6})
	n1 := b.AddNode(orb.Point{-0.7, 52.601})
	n2 := b.AddNode(orb.Point{-0.699, 52.601})
	for _, e := range []walk.Edge{
		{From: n0, To: n1, LengthM: 111},
		{From: n1, To: n2, LengthM: 68, Flags: walk.Steps},
		{From: n2, To: n0, LengthM: 130, Oneway: true, Shape: []orb.Point{{-0.6995, 52.6005}}},
	} {
		if _, err := b.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := writeEdges(&buf, b.Build(), []int64{100, 101, 102}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"1", "100", "101", "111", "111", "true"},
		{"2", "101", "102", "68", "68", "false"},
		{"3", "102", "100", "130", "-1", "true"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d rows, want %d", len(recs), len(want))
	}
	for i, w := range want {
		if got := strings.Join(recs[i][:6], ","); got != strings.Join(w, ",") {
			t.Errorf("row %d: %s, want %s", i, got, strings.Join(w, ","))
		}
	}
	if g := recs[2][6]; g != "SRID=4326;LINESTRING(-0.6990000 52.6010000,-0.6995000 52.6005000,-0.7000000 52.6000000)" {
		t.Errorf("geometry %s", g)
	}
}

// TestReport: verdicts follow the ratios, a failed peer is said to have
// failed, and pgbench logs are read.
func TestReport(t *testing.T) {
	dir := t.TempDir()
	ours := TransitResult{Tool: "threshold", StopTimes: 1000, BytesPerStopTime: 40,
		Samples: map[string][]int64{opP2P: {10, 20, 30}, opOneToAll: {40}, opRange60: {300}, opScans60: {1000}},
		Allocs:  map[string]float64{opP2P: 0, opOneToAll: 2}, Arrivals: []int64{5, 6},
		Work: &RangeWork{RangeLabels: 180, ProfilePoints: 130, ScanLabels: 1000, MinuteAnswers: 600}}
	peer := TransitResult{Samples: map[string][]int64{opP2P: {100}, opOneToAll: {100}, opScans60: {10000}},
		BytesPerStopTime: 100, Arrivals: []int64{5, 7}}
	mustWrite(t, writeJSON(filepath.Join(dir, "ours-a.json"), ours))
	mustWrite(t, writeJSON(filepath.Join(dir, "peer-a.json"), peer))
	mustWrite(t, writeJSON(filepath.Join(dir, "ours-b.json"), ours))
	mustWrite(t, os.WriteFile(filepath.Join(dir, "peer-b.error"), []byte("npm: boom\nnpm install failed\n"), 0o644))
	mustWrite(t, writeJSON(filepath.Join(dir, "ours-rutland.json"), WalkResult{Edges: 10,
		Samples: map[string][]int64{opIso: {50}}, Allocs: map[string]float64{opIso: 0}, Reached: []int{3, 4}}))
	mustWrite(t, os.WriteFile(filepath.Join(dir, "pgr.123"), []byte("0 1 1000 0 1 2\n0 2 2 0 1 3\n0 3 1 0 1 4\n"), 0o644))
	mustWrite(t, os.WriteFile(filepath.Join(dir, "pgr-check.csv"), []byte("1,3\n2,5\n"), 0o644))
	var out bytes.Buffer
	if err := runReport(&out, reportConfig{dir: dir, feeds: []string{"a", "b"}, peer: "peer 1"}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if l := lineStarting(text, "point-to-point earliest arrival, a (1,000 stop_times)"); !strings.Contains(l, "20 ns") ||
		!strings.HasSuffix(l, "yes") {
		t.Errorf("point-to-point row: %q", l)
	}
	if l := lineStarting(text, "one-to-all earliest arrival, b"); !strings.HasSuffix(l, "UNKNOWN") {
		t.Errorf("row with a failed peer: %q", l)
	}
	for _, want := range []string{
		"0.200×", // p2p 20 / 100: met
		"0.400×", // one-to-all 40 / 100: not met
		"0.300×", // range 300 / our scans 1000: not met
		"0.030×", // range 300 / peer scans 10000: met
		"b: peer failed: npm install failed",
		"FAILED (see checks)",
		"0.025×", // isochrone 50 ns / pgbench p50 2 µs
		"2.00 (a one_to_all)",
		"a: point-to-point earliest arrival identical on 1 of 2 pairs",
		"isochrone node count identical on 1 of 2 origins (first difference: origin 2, ours 4 nodes, pgRouting 5)",
		"Targets met: 3 of 10.", // our own scans are a self-goal, not counted
		"(self-goal) 60-min range vs our own 60 one-to-all scans, a (0.300×)",
		"0.180×, 0.130×", // the range's labels and profile points ÷ the scans' labels
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

func lineStarting(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func mustWrite(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRunUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"nope"}, &bytes.Buffer{}); err == nil {
		t.Error("unknown command accepted")
	}
}
