package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// region is the manifest region.json: what a region folder holds and how
// to import it. See the README ("Loading a region") for the format.
type region struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Timezone    string      `json:"timezone"`
	KnownLimits []string    `json:"known_limits"`
	Attribution []string    `json:"attribution"`
	Imports     []importJob `json:"imports"`
}

func readRegion(dir string) (*region, []byte, error) {
	path := filepath.Join(dir, "region.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read region manifest: %w", err)
	}
	var r region
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.ID == "" || r.Name == "" || len(r.Imports) == 0 {
		return nil, nil, fmt.Errorf("%s: id, name and imports are required", path)
	}
	if r.Timezone == "" {
		r.Timezone = "Europe/London"
	}
	for i := range r.Imports {
		job := &r.Imports[i]
		if job.Kind == "" || job.Path == "" {
			return nil, nil, fmt.Errorf("%s: import %d needs kind and path", path, i+1)
		}
		job.Path = filepath.Join(dir, job.Path)
		job.regionID = r.ID
	}
	return &r, b, nil
}

// cmdLoad runs every import a region names, in order, then records the
// region. Each import is its own transaction and skips unchanged input, so
// loading again is cheap and a failure leaves earlier sources published.
func cmdLoad(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"load needs <region dir>"}
	}
	r, manifest, err := readRegion(args[0])
	if err != nil {
		return err
	}
	db, err := e.open(ctx, pglocal.RoleImporter)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, job := range r.Imports {
		rep, err := runImport(ctx, e, db, job)
		if rep != nil {
			printReport(e, rep)
		}
		if err != nil {
			return fmt.Errorf("region %s: %w", r.ID, err)
		}
	}
	if err := db.SaveRegion(ctx, postgis.Region{ID: r.ID, Name: r.Name, Timezone: r.Timezone,
		KnownLimits: r.KnownLimits, Manifest: manifest}); err != nil {
		return err
	}
	return afterLoad(ctx, e, db, r)
}

// afterLoad brings what is derived from the imports up to date: the
// coverage of every standard profile for this week, recomputed only where
// an import made it stale, so that `load` stays idempotent.
func afterLoad(ctx context.Context, e *env, db *postgis.DB, _ *region) error {
	loc, err := time.LoadLocation(coverageZone)
	if err != nil {
		return err
	}
	return runCoverage(ctx, e, db, loc, coverageFlags{profiles: profile.Standard(), week: coverage.WeekOf(time.Now(), loc)})
}
