// Command gtfsgen writes a SYNTHETIC grid-city GTFS feed for tests and
// benchmarks: a grid of bus stops with a route along every row and column,
// in both directions, at a fixed headway over a service day running past
// midnight, with mixed wheelchair values. The feed is labelled SYNTHETIC in
// agency.txt, feed_info.txt and every stop's description. See
// gtfs.SyntheticOptions.
//
//	gtfsgen -out /tmp/grid                 # ~400k stop times, a folder
//	gtfsgen -preset 2.5m -out /tmp/grid.zip # ~2.5M stop times, a zip
//	gtfsgen -preset 5m -timed-every 4 -out /tmp/grid5m
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gtfsgen:", err)
		os.Exit(1)
	}
}

// preset returns the grid and headway for a named size.
func preset(name string) (gtfs.SyntheticOptions, error) {
	switch name {
	case "400k":
		return gtfs.SyntheticOptions{Rows: 25, Cols: 25, Headway: 450}, nil
	case "2.5m":
		return gtfs.SyntheticOptions{Rows: 50, Cols: 50, Headway: 288}, nil
	case "5m":
		return gtfs.SyntheticOptions{Rows: 100, Cols: 100, Headway: 576}, nil
	}
	return gtfs.SyntheticOptions{}, fmt.Errorf("unknown preset %q (want 400k, 2.5m or 5m)", name)
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gtfsgen", flag.ContinueOnError)
	out := fs.String("out", "", "output folder, or a path ending in .zip for an archive (required)")
	size := fs.String("preset", "400k", "feed size: 400k, 2.5m or 5m stop times")
	rows := fs.Int("rows", 0, "grid rows (overrides the preset)")
	cols := fs.Int("cols", 0, "grid columns (overrides the preset)")
	headway := fs.Int("headway", 0, "seconds between departures (overrides the preset)")
	timedEvery := fs.Int("timed-every", 1, "time only every n-th stop of a trip (and the last), leaving the rest for interpolation")
	stationEvery := fs.Int("station-every", 5, "give every n-th stop on both axes a parent station; -1 for none")
	spacing := fs.Float64("spacing", 400, "metres between neighbouring stops")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	o, err := preset(*size)
	if err != nil {
		return err
	}
	override(&o.Rows, *rows)
	override(&o.Cols, *cols)
	if *headway > 0 {
		o.Headway = int32(*headway)
	}
	o.TimedEvery, o.StationEvery, o.SpacingM = *timedEvery, *stationEvery, *spacing
	if err := write(*out, o); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote SYNTHETIC feed %s: %dx%d stops, %d departures per route and direction, %d stop times\n",
		*out, o.Rows, o.Cols, o.Departures(), o.StopTimeCount())
	return nil
}

func override(v *int, flagValue int) {
	if flagValue > 0 {
		*v = flagValue
	}
}

func write(out string, o gtfs.SyntheticOptions) error {
	if !strings.HasSuffix(strings.ToLower(out), ".zip") {
		return gtfs.WriteSyntheticGrid(out, o)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := gtfs.WriteSyntheticGridZip(f, o); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
