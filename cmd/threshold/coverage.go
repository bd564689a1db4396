package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// coverageZone is the timezone coverage counts weeks, sessions and
// timetables in: the areas Threshold loads are England's.
const coverageZone = coveragedb.Zone

// coverageFlags are the parsed arguments of `threshold compute coverage`.
type coverageFlags struct {
	profiles []profile.Profile
	week     time.Time
	force    bool
	workers  int
}

// cmdCompute runs `threshold compute coverage [--profile ID] [--week
// YYYY-MM-DD] [--force] [--workers N]` as the importer role: it
// recomputes each profile whose published coverage is missing, for
// another week or profile definition, or older than the newest import
// (all of them with --force), publishes each run and prints what it found.
func cmdCompute(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "coverage" {
		return usageError{"compute needs what to compute: coverage"}
	}
	loc, err := time.LoadLocation(coverageZone)
	if err != nil {
		return err
	}
	f, err := parseCoverage(e.stderr, args[1:], time.Now(), loc)
	if err != nil {
		return err
	}
	db, err := e.open(ctx, pglocal.RoleImporter)
	if err != nil {
		return err
	}
	defer db.Close()
	return runCoverage(ctx, e, db, loc, f)
}

// runCoverage computes and publishes the profiles in f whose coverage is
// stale (all of them with f.force).
func runCoverage(ctx context.Context, e *env, db *postgis.DB, loc *time.Location, f coverageFlags) error {
	inputs, err := db.CoverageInputs(ctx)
	if err != nil {
		return err
	}
	todo, err := staleProfiles(ctx, db, f, inputs)
	if err != nil || len(todo) == 0 {
		if err == nil {
			fmt.Fprintf(e.stdout, "coverage for the week of %s is up to date; --force recomputes it\n", f.week.Format(time.DateOnly))
		}
		return err
	}
	in, err := coverageInput(ctx, db, loc, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "coverage for the week of %s: %d cells, %d activities, %d timetable networks\n",
		f.week.Format(time.DateOnly), len(in.Cells), len(in.Activities), len(in.Networks))
	for _, p := range todo {
		if err := computeProfile(ctx, e.stdout, db, in, p, inputs); err != nil {
			return fmt.Errorf("coverage of %s: %w", p.ID, err)
		}
	}
	return nil
}

func parseCoverage(stderr io.Writer, args []string, now time.Time, loc *time.Location) (coverageFlags, error) {
	fs := flag.NewFlagSet("compute coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	prof := fs.String("profile", "", "one standard profile id (default: all six)")
	week := fs.String("week", "", "the Monday the week starts, YYYY-MM-DD (default: this week's, in "+coverageZone+")")
	force := fs.Bool("force", false, "recompute even when the published coverage is current")
	workers := fs.Int("workers", 0, "goroutines (default: GOMAXPROCS)")
	if err := fs.Parse(args); err != nil {
		return coverageFlags{}, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return coverageFlags{}, usageError{"compute coverage takes no arguments besides its flags"}
	}
	f := coverageFlags{profiles: profile.Standard(), week: coverage.WeekOf(now, loc), force: *force, workers: *workers}
	if *prof != "" {
		p, ok := profile.ByID(*prof)
		if !ok {
			return f, usageError{fmt.Sprintf("--profile: unknown profile %q; standard profiles: %s", *prof, profileIDs())}
		}
		f.profiles = []profile.Profile{p}
	}
	if *week != "" {
		t, err := time.ParseInLocation(time.DateOnly, *week, loc)
		if err != nil {
			return f, usageError{"--week: want a date YYYY-MM-DD"}
		}
		if t.Weekday() != time.Monday {
			return f, usageError{fmt.Sprintf("--week: %s is a %s; give the Monday the week starts", *week, t.Weekday())}
		}
		f.week = t
	}
	return f, nil
}

// staleProfiles are the profiles to compute.
func staleProfiles(ctx context.Context, db *postgis.DB, f coverageFlags, inputs postgis.CoverageInputs) ([]profile.Profile, error) {
	if f.force {
		return f.profiles, nil
	}
	var out []profile.Profile
	for _, p := range f.profiles {
		current, err := db.CoverageCurrent(ctx, p, f.week, inputs)
		if err != nil {
			return nil, err
		}
		if !current {
			out = append(out, p)
		}
	}
	return out, nil
}

// coverageInput reads everything a run needs (coveragedb.LoadInput): the
// populated cells, the activities, the dial-a-ride zones, and the
// timetable of the coverage timezone twice, with and without its access
// policies.
func coverageInput(ctx context.Context, db *postgis.DB, loc *time.Location, f coverageFlags) (coverage.Input, error) {
	return coveragedb.LoadInput(ctx, db, loc, f.week, f.workers)
}

// computeProfile computes, publishes and reports one profile.
func computeProfile(ctx context.Context, out io.Writer, db *postgis.DB, in coverage.Input, p profile.Profile, inputs postgis.CoverageInputs) error {
	start := time.Now()
	r, err := coverage.Compute(ctx, in, p)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	settings := map[string]any{"referred": in.Referred, "margin_min": reach.DefaultMargin.Minutes(), "timezone": coverageZone,
		"fares": "England default (bus singles at the £3 cap)", "networks": len(in.Networks)}
	id, err := db.SaveCoverage(ctx, postgis.CoverageRun{Result: r, Profile: p, Inputs: inputs, Settings: settings, Seconds: secs})
	if err != nil {
		return err
	}
	s := r.Summary()
	fmt.Fprintf(out, "%-18s %7d cells  covered %9.0f of %9.0f people (%5.1f%%)  profile population %9.0f of %9.0f  %.2f s (computed in %.2f s)  run %d\n",
		p.ID, s.Cells, s.CoveredPopulation, s.Population, pct(s.CoveredPopulation, s.Population),
		s.CoveredProfilePopulation, s.ProfilePopulation, time.Since(start).Seconds(), secs, id)
	return nil
}

func pct(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * a / b
}
