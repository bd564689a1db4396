package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// The isochrone both tools compute: 15 minutes at a wheelchair user's
// 0.8 m/s, that is 720 metres over step-free edges.
const (
	isoSpeedMPS = 0.8
	isoSeconds  = 15 * 60
	isoMetres   = isoSpeedMPS * isoSeconds
)

// walkConfig is the walk stage's flags.
type walkConfig struct {
	pbf, outDir   string
	origins, reps int
	seed          uint64
	procs         int
}

// runWalk reads the OSM extract, writes its walk graph for pgRouting
// (edges.csv) with the random origins (origins.csv), and times our
// step-free isochrone from the same origins.
func runWalk(ctx context.Context, cfg walkConfig) error {
	start := time.Now()
	ex, err := osm.ReadFile(ctx, cfg.pbf, osm.Options{Procs: cfg.procs})
	if err != nil {
		return err
	}
	g := ex.Walk
	res := WalkResult{Nodes: g.NumNodes(), Edges: g.NumEdges(), LoadMS: msSince(start)}
	usable := stepFreeNodes(g)
	res.StepFreeEdges = countStepFree(g)
	if err := writeFile(filepath.Join(cfg.outDir, "edges.csv"), func(w io.Writer) error {
		return writeEdges(w, g, ex.WalkNodeIDs)
	}); err != nil {
		return err
	}
	origins := drawOrigins(usable, cfg.origins, cfg.seed)
	if err := writeFile(filepath.Join(cfg.outDir, "origins.csv"), func(w io.Writer) error {
		return writeOrigins(w, g, ex.WalkNodeIDs, origins)
	}); err != nil {
		return err
	}
	if err := measureIso(g, origins, cfg.reps, &res); err != nil {
		return err
	}
	return writeJSON(filepath.Join(cfg.outDir, "ours-rutland.json"), res)
}

// stepFreeNodes marks the nodes with at least one edge a step-free search
// may use: the isochrone origins are drawn from them.
func stepFreeNodes(g *walk.Graph) []bool {
	ok := make([]bool, g.NumNodes())
	for e := range int32(g.NumEdges()) {
		ed := g.Edge(e)
		if ed.Flags&walk.StepFreeForbidden == 0 {
			ok[ed.From], ok[ed.To] = true, true
		}
	}
	return ok
}

func countStepFree(g *walk.Graph) int {
	n := 0
	for e := range int32(g.NumEdges()) {
		if g.Edge(e).Flags&walk.StepFreeForbidden == 0 {
			n++
		}
	}
	return n
}

func drawOrigins(usable []bool, n int, seed uint64) []int32 {
	var cand []int32
	for v, ok := range usable {
		if ok {
			cand = append(cand, int32(v))
		}
	}
	rng := rand.New(rand.NewPCG(seed, uint64(len(usable))))
	out := make([]int32, min(n, len(cand)))
	for i := range out {
		out[i] = cand[rng.IntN(len(cand))]
	}
	return out
}

func writeFile(path string, body func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = body(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeEdges writes one CSV row per walk edge for COPY into pgRouting's
// edges table: id, source and target (OSM node ids), cost and reverse_cost
// in metres (our search's float32 edge length; -1 against a oneway),
// step_free (no StepFreeForbidden flag) and the geometry as EWKT.
func writeEdges(w io.Writer, g *walk.Graph, nodeIDs []int64) error {
	var b []byte
	for e := range int32(g.NumEdges()) {
		ed := g.Edge(e)
		cost := strconv.FormatFloat(float64(ed.LengthM), 'g', -1, 32)
		rev := cost
		if ed.Oneway {
			rev = "-1"
		}
		b = fmt.Appendf(b[:0], "%d,%d,%d,%s,%s,%t,\"SRID=4326;LINESTRING(", e+1, nodeIDs[ed.From], nodeIDs[ed.To],
			cost, rev, ed.Flags&walk.StepFreeForbidden == 0)
		b = appendCoord(b, g.Point(ed.From)[0], g.Point(ed.From)[1])
		for _, p := range ed.Shape {
			b = append(b, ',')
			b = appendCoord(b, p[0], p[1])
		}
		b = append(b, ',')
		b = appendCoord(b, g.Point(ed.To)[0], g.Point(ed.To)[1])
		b = append(b, ")\"\n"...)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func appendCoord(b []byte, lon, lat float64) []byte {
	b = strconv.AppendFloat(b, lon, 'f', 7, 64)
	b = append(b, ' ')
	return strconv.AppendFloat(b, lat, 'f', 7, 64)
}

// writeOrigins writes i (1-based, what pgbench draws), the OSM node id and
// its position.
func writeOrigins(w io.Writer, g *walk.Graph, nodeIDs []int64, origins []int32) error {
	for i, v := range origins {
		p := g.Point(v)
		if _, err := fmt.Fprintf(w, "%d,%d,%.7f,%.7f\n", i+1, nodeIDs[v], p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

// measureIso warms a search up, times the isochrone from every origin reps
// times over, and records the size of each.
func measureIso(g *walk.Graph, origins []int32, reps int, res *WalkResult) error {
	s := walk.NewSearch(g)
	src := make([]walk.Source, 1)
	prm := walk.Params{SpeedMPS: isoSpeedMPS, MaxDistanceM: isoMetres, StepFree: true}
	run := func(i int) error {
		src[0] = walk.Source{Node: origins[i%len(origins)]}
		return s.Run(src, prm, isoSeconds)
	}
	if _, _, err := timeQueries(min(len(origins), 50), run); err != nil {
		return fmt.Errorf("warm up isochrone: %w", err)
	}
	samples, allocs, err := timeQueries(len(origins)*reps, run)
	if err != nil {
		return fmt.Errorf("isochrone: %w", err)
	}
	res.Samples = map[string][]int64{opIso: samples}
	res.Allocs = map[string]float64{opIso: allocs}
	for i := range origins {
		if err := run(i); err != nil {
			return err
		}
		res.Reached = append(res.Reached, len(s.Reached()))
	}
	return nil
}
