// Package coveragedb builds what coverage runs and what-if scenarios read
// from the published PostGIS data — the populated cells, the activities
// with their venues, the dial-a-ride zones, each timezone's timetable
// with and without its feeds' access policies, and the heritage sites —
// and, for the server, keeps a scenario engine over it current (Source).
// `threshold compute coverage` and the server read the data the same way
// through LoadInput.
//
// It is an adapter: it imports postgis (the only pgx importer) and the
// domain packages, and no HTTP.
package coveragedb

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/scenario"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Zone is the timezone coverage counts weeks, sessions and timetables in:
// the areas Threshold loads are England's.
const Zone = "Europe/London"

// LoadInput reads everything a coverage run for week needs: the populated
// cells, the activities, the dial-a-ride zones, England's default fares,
// the pedestrian graph, and the timetable of loc's timezone twice, with and without its access
// policies. People are taken to be referred (free-on-referral applies).
func LoadInput(ctx context.Context, db *postgis.DB, loc *time.Location, week time.Time, workers int) (coverage.Input, error) {
	in := coverage.Input{Location: loc, Week: week, Costs: road.DefaultCosts, Referred: true, Workers: workers}
	var err error
	if in.Cells, err = db.CoverageOrigins(ctx); err != nil {
		return in, err
	}
	if in.Activities, err = db.ReachActivities(ctx); err != nil {
		return in, fmt.Errorf("read activities: %w", err)
	}
	if in.Zones, err = db.DarZones(ctx); err != nil {
		return in, err
	}
	if in.Fares, err = fare.New(fare.DefaultEngland(), nil); err != nil {
		return in, err
	}
	wg, err := db.WalkGraph(ctx)
	if err != nil {
		return in, err
	}
	in.Walk = pedestrian.New(wg.Graph) // nil without a graph: estimates
	in.Networks, err = Networks(ctx, db, loc.String())
	return in, err
}

// Networks builds the timetable of timezone tz's feeds (none when it has
// no feed): one read, built with the feeds' access policies and again
// without them (coverage's Strict twin, which tells assumed step-free
// journeys apart).
func Networks(ctx context.Context, db *postgis.DB, tz string) ([]coverage.Network, error) {
	groups, err := db.FeedGroups(ctx)
	if err != nil {
		return nil, err
	}
	feeds := groups[tz]
	if len(feeds) == 0 {
		return nil, nil
	}
	in, err := db.TimetableInput(ctx, feeds, true)
	if err != nil {
		return nil, fmt.Errorf("timetable %s: %w", tz, err)
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		return nil, fmt.Errorf("timetable %s: %w", tz, err)
	}
	in.Feeds = slices.Clone(in.Feeds)
	for i := range in.Feeds {
		in.Feeds[i].Policy = transit.AccessPolicy{}
	}
	strict, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		return nil, fmt.Errorf("timetable %s without access policies: %w", tz, err)
	}
	return []coverage.Network{{Snapshot: snap, Strict: strict}}, nil
}

// LoadWorld reads the coverage input and the heritage sites for week:
// what a scenario engine starts from.
func LoadWorld(ctx context.Context, db *postgis.DB, loc *time.Location, week time.Time, workers int) (scenario.World, error) {
	in, err := LoadInput(ctx, db, loc, week, workers)
	if err != nil {
		return scenario.World{}, err
	}
	rows, err := db.AllSites(ctx)
	if err != nil {
		return scenario.World{}, err
	}
	w := scenario.World{Input: in, Sites: make([]scenario.Site, len(rows))}
	for i, r := range rows {
		s := r.Site
		w.Sites[i] = scenario.Site{ID: s.ID, Name: s.Name, Kind: string(s.Kind), Point: s.Point,
			StepFree: s.Access.StepFreeEntrance, Toilet: s.Access.AccessibleToilet, Illustrative: s.Illustrative,
			HasActivity: r.Activities > 0, Sources: s.SourceKeys, Designations: s.Designations}
	}
	return w, nil
}
