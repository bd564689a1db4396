// Command threshold-bench measures Threshold's engines and prepares the
// same work for the peer tools, so that bench/run.sh (make bench) can time
// both in one run on one machine and print ratios against the targets.
//
//	threshold-bench feeds   -dir D                   write the SYNTHETIC grid feeds D/grid-400k, D/grid-2.5m
//	threshold-bench transit -feed F -name N -out O   draw the random pairs (O/pairs-N.json) and time our
//	                                                 RAPTOR on them (O/ours-N.json)
//	threshold-bench walk    -pbf P -out O            write the Rutland walk graph for pgRouting
//	                                                 (O/edges.csv, O/origins.csv) and time our step-free
//	                                                 isochrone from the same origins (O/ours-rutland.json)
//	threshold-bench report  -dir O                   read every stage's files and print the table
//
// The synthetic cities are SYNTHETIC (gtfs.WriteSyntheticGrid): regular
// grids of bus routes, not real networks. See bench/README.md for what is
// measured and how.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/transit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "threshold-bench:", err)
		os.Exit(1)
	}
}

const usage = "usage: threshold-bench feeds|transit|walk|report [flags] (-h for flags)"

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	cmds := map[string]func(context.Context, []string, io.Writer) error{
		"feeds": cmdFeeds, "transit": cmdTransit, "walk": cmdWalk, "report": cmdReport,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return fmt.Errorf("unknown command %q; %s", args[0], usage)
	}
	return cmd(ctx, args[1:], stdout)
}

// preset is a synthetic city of the targets.
type preset struct {
	name string
	opts gtfs.SyntheticOptions
}

// presets are the two cities (gtfs.SyntheticOptions documents the sizes).
func presets() []preset {
	return []preset{
		{"400k", gtfs.SyntheticOptions{Rows: 25, Cols: 25, Headway: 450}},
		{"2.5m", gtfs.SyntheticOptions{Rows: 50, Cols: 50, Headway: 288}},
	}
}

func cmdFeeds(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	dir := fs.String("dir", "", "folder to write grid-400k/ and grid-2.5m/ into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("feeds: -dir is required")
	}
	for _, p := range presets() {
		out := filepath.Join(*dir, "grid-"+p.name)
		if err := os.RemoveAll(out); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		if err := gtfs.WriteSyntheticGrid(out, p.opts); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		fmt.Fprintf(stdout, "wrote SYNTHETIC feed %s: %d stop times\n", out, p.opts.StopTimeCount())
	}
	return nil
}

func cmdTransit(_ context.Context, args []string, _ io.Writer) error {
	fs := flag.NewFlagSet("transit", flag.ContinueOnError)
	var cfg transitConfig
	fs.StringVar(&cfg.feedDir, "feed", "", "GTFS feed folder or zip (required)")
	fs.StringVar(&cfg.name, "name", "", "feed name used in output file names (required)")
	fs.StringVar(&cfg.outDir, "out", "", "output folder (required)")
	date := fs.String("date", "2025-05-14", "service date of every query (a Wednesday in the synthetic calendar)")
	fs.IntVar(&cfg.pairs, "pairs", 200, "random origin/destination/time pairs")
	fs.IntVar(&cfg.ranges, "ranges", 20, "pairs whose origin and time also get a 60-minute range query")
	fs.IntVar(&cfg.warmup, "warmup", 50, "untimed warm-up pairs")
	fs.IntVar(&cfg.reps, "reps", 3, "times our engine repeats the pair set")
	fs.Uint64Var(&cfg.seed, "seed", 20250514, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.feedDir == "" || cfg.name == "" || cfg.outDir == "" {
		return errors.New("transit: -feed, -name and -out are required")
	}
	d, err := transit.ParseDate(*date)
	if err != nil {
		return fmt.Errorf("transit: -date: %w", err)
	}
	cfg.date, cfg.reps = d, max(cfg.reps, 1)
	if err := os.MkdirAll(cfg.outDir, 0o755); err != nil {
		return fmt.Errorf("transit: %w", err)
	}
	if err := runTransit(cfg); err != nil {
		return fmt.Errorf("transit %s: %w", cfg.name, err)
	}
	return nil
}

func cmdWalk(ctx context.Context, args []string, _ io.Writer) error {
	fs := flag.NewFlagSet("walk", flag.ContinueOnError)
	var cfg walkConfig
	fs.StringVar(&cfg.pbf, "pbf", "geodata/rutland/osm/rutland-2022-07-20.osm.pbf", "OSM extract")
	fs.StringVar(&cfg.outDir, "out", "", "output folder (required)")
	fs.IntVar(&cfg.origins, "origins", 200, "random origin nodes")
	fs.IntVar(&cfg.reps, "reps", 10, "times our search repeats the origin set")
	fs.Uint64Var(&cfg.seed, "seed", 20220720, "random seed")
	fs.IntVar(&cfg.procs, "procs", 0, "PBF decoder goroutines (0: GOMAXPROCS, at most 4)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.outDir == "" {
		return errors.New("walk: -out is required")
	}
	cfg.reps = max(cfg.reps, 1)
	if err := os.MkdirAll(cfg.outDir, 0o755); err != nil {
		return fmt.Errorf("walk: %w", err)
	}
	if err := runWalk(ctx, cfg); err != nil {
		return fmt.Errorf("walk: %w", err)
	}
	return nil
}

func cmdReport(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var cfg reportConfig
	fs.StringVar(&cfg.dir, "dir", "", "folder holding every stage's output (required)")
	feeds := fs.String("feeds", "400k,2.5m", "comma-separated feed names")
	fs.StringVar(&cfg.peer, "peer", "raptor-journey-planner 2.2.3", "the transit peer, for the heading")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.dir == "" {
		return errors.New("report: -dir is required")
	}
	cfg.feeds = strings.Split(*feeds, ",")
	return runReport(stdout, cfg)
}
