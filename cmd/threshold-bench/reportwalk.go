package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// walkRows compares our step-free isochrone with pgRouting's
// pgr_drivingDistance (pgbench logs under dir/pgr.*), checks that both
// reach the same number of nodes (dir/pgr-check.csv: origin, count), and
// adds our allocations to allocs.
func walkRows(dir string, allocs map[string]float64) ([]row, []string, error) {
	var ours WalkResult
	if err := readJSON(filepath.Join(dir, "ours-rutland.json"), &ours); err != nil {
		return nil, nil, fmt.Errorf("our rutland figures: %w", err)
	}
	for op, a := range ours.Allocs {
		allocs["rutland "+op] = a
	}
	failed := ""
	lat, err := pgbenchLatencies(filepath.Join(dir, "pgr"))
	if err != nil {
		failed = "pgRouting did not run"
		if b, e := os.ReadFile(filepath.Join(dir, "pgr.error")); e == nil {
			failed = "pgRouting failed: " + lastLine(string(b))
		}
	}
	oursOp := func(op string) (float64, bool) { s, ok := summarise(ours.Samples[op]); return s.p50, ok }
	peerOp := func(string) (float64, bool) { s, ok := summarise(lat); return s.p50, ok && failed == "" }
	title := fmt.Sprintf("15-min wheelchair isochrone (720 m), Rutland walk graph (%s edges)", thousands(ours.Edges))
	rows := []row{
		timeRow(title, oursOp, peerOp, opIso, opIso, 0.1, failedLabel(failed)),
		{op: "(info) read OSM + build walk graph, Rutland", ours: fmtMS(ours.LoadMS), peer: "-"},
	}
	if failed != "" {
		return rows, []string{"rutland: " + failed}, nil
	}
	s, _ := summarise(lat)
	checks := []string{fmt.Sprintf("rutland: pgRouting ran %d queries (mean %s, p90 %s)", s.n, fmtNS(s.mean), fmtNS(s.p90))}
	return rows, append(checks, isoCheck(dir, ours.Reached)), nil
}

// isoCheck compares the node count of each checked origin's isochrone.
func isoCheck(dir string, reached []int) string {
	counts, err := readCounts(filepath.Join(dir, "pgr-check.csv"))
	if err != nil {
		return "rutland: no node-count check: " + err.Error()
	}
	eq, first := 0, ""
	for i, c := range counts {
		if i < len(reached) && reached[i] == c {
			eq++
		} else if first == "" && i < len(reached) {
			first = fmt.Sprintf(" (first difference: origin %d, ours %d nodes, pgRouting %d)", i+1, reached[i], c)
		}
	}
	return fmt.Sprintf("rutland: isochrone node count identical on %d of %d origins%s", eq, len(counts), first)
}

// readCounts reads "origin,count" rows (origin 1-based, in order).
func readCounts(path string) ([]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	out := make([]int, 0, len(recs))
	for i, r := range recs {
		if len(r) != 2 {
			return nil, fmt.Errorf("%s line %d: want 2 fields", path, i+1)
		}
		c, err := strconv.Atoi(r[1])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: count %q: %w", path, i+1, r[1], err)
		}
		out = append(out, c)
	}
	return out, nil
}
