package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

func TestRunWritesReadableFeeds(t *testing.T) {
	for _, name := range []string{"grid", "grid.zip"} {
		out := filepath.Join(t.TempDir(), name)
		var stdout strings.Builder
		args := []string{"-out", out, "-rows", "3", "-cols", "4", "-headway", "3600", "-timed-every", "2"}
		if err := run(args, &stdout); err != nil {
			t.Fatal(err)
		}
		// 4 x 3 x 4 stops x 20 hourly departures from 05:00 to 25:00.
		if !strings.Contains(stdout.String(), "960 stop times") {
			t.Errorf("stdout = %q", stdout.String())
		}
		f, err := gtfs.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		if err := f.StopTimes(func(gtfs.StopTime) error { n++; return nil }); err != nil || n != 960 {
			t.Errorf("%s: %d stop times, %v", name, n, err)
		}
		f.Close()
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	var sink strings.Builder
	for _, args := range [][]string{{}, {"-out", t.TempDir(), "-preset", "huge"}, {"-out", t.TempDir(), "-rows", "1", "-cols", "1"}} {
		if err := run(args, &sink); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
