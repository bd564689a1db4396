package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/reachdb"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
	"github.com/threshold-heritage/threshold/web"
)

// cmdServe runs the HTTP server as the read-only API role until ctx ends,
// then shuts down gracefully.
func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", e.addr, "listen address host:port")
	poll := fs.Duration("poll", 30*time.Second, "how often to look for a newer GTFS or OSM import to rebuild the routing snapshots from")
	tileMB := fs.Int("tile-cache-mb", int(httpapi.DefaultTileCacheBytes>>20), "memory for rendered coverage tiles, in MiB; 0 turns the cache off")
	reachN := fs.Int("reach-concurrency", 0, "reachability answers computed at once, the rest queue within their deadline (default: GOMAXPROCS)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	m, err := newMigrator()
	if err != nil {
		return err
	}
	db, err := e.open(ctx, pglocal.RoleAPI)
	if err != nil {
		return err
	}
	defer db.Close()
	if *poll <= 0 {
		return usageError{"--poll must be positive"}
	}
	planner := plan.New(plan.Options{})
	stopWatch := watchTimetables(ctx, e.log, db, planner, *poll)
	defer stopWatch()
	sources, err := reachdb.New(ctx, db, planner)
	if err != nil {
		return err
	}
	stopSources := sources.Watch(ctx, e.log, *poll)
	defer stopSources()
	scen, err := coveragedb.New(db, coveragedb.Options{Warm: true})
	if err != nil {
		return err
	}
	stopScen := scen.Watch(ctx, e.log, *poll)
	defer stopScen()
	handler := httpapi.New(httpapi.Deps{
		Log:              e.log,
		Ready:            func(ctx context.Context) error { return db.Ready(ctx, m) },
		OpenAPI:          httpapi.OpenAPI,
		Web:              web.Site(),
		Planner:          planner,
		Catalog:          db,
		Coverage:         db,
		Basemap:          db,
		Gaps:             db,
		Scenarios:        scen,
		Reacher:          &reach.Service{Catalog: sources, Areas: sources, Networks: sources, Describer: sources, Now: time.Now},
		ReachConcurrency: *reachN,
		TileCacheBytes:   tileCacheBytes(*tileMB),
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server using the port? choose one with --addr or THRESHOLD_ADDR)", *addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	e.log.Info("serving", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	e.log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watchTimetables loads the routing snapshots in the background, then
// polls the database every interval and rebuilds the timezone groups whose
// GTFS feeds were imported, added or removed since, or all of them when
// an OSM import changed the pedestrian graph their footpaths are walked
// on, publishing each new set with the dial-a-ride zones atomically. Until the first load finishes the planner answers 503. A
// failed load keeps the snapshot already published and is retried at the
// next poll. The returned function stops the watcher and waits for it.
func watchTimetables(ctx context.Context, log *slog.Logger, db *postgis.DB, pl *plan.Planner, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		seen := map[string]string{}
		for {
			seen = refreshTimetables(ctx, log, db, pl, seen)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// refreshTimetables rebuilds what changed since seen (timezone → version,
// see snapshotVersions) and returns the versions now published.
func refreshTimetables(ctx context.Context, log *slog.Logger, db *postgis.DB, pl *plan.Planner, seen map[string]string) map[string]string {
	versions, err := snapshotVersions(ctx, db)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("timetable poll failed", "err", err)
		}
		return seen
	}
	if pl.Loaded() && maps.Equal(versions, seen) {
		return seen
	}
	groups, err := db.FeedGroups(ctx)
	if err != nil {
		log.Warn("timetable poll failed", "err", err)
		return seen
	}
	zones, err := db.DarZones(ctx)
	if err != nil {
		log.Warn("timetable poll failed", "err", err)
		return seen
	}
	snaps := make(map[string]*transit.Snapshot, len(groups))
	next := make(map[string]string, len(groups))
	var streets *walk.Graph
	streetsRead := false
	for tz, feeds := range groups {
		if old := pl.Snapshot(tz); old != nil && seen[tz] == versions[tz] {
			snaps[tz], next[tz] = old, versions[tz]
			continue
		}
		start := time.Now()
		var s *transit.Snapshot
		if !streetsRead {
			streets, err = walkGraph(ctx, db)
			streetsRead = err == nil
		}
		if err == nil {
			s, err = loadGroup(ctx, db, feeds, true, streets)
		}
		switch {
		case ctx.Err() != nil:
			return seen // shutting down
		case err != nil && pl.Snapshot(tz) == nil && !pl.Loaded():
			log.Error("load timetable", "timezone", tz, "err", err)
			return seen // stay "loading" (503) rather than call the area outside the data
		case err != nil:
			log.Error("load timetable", "timezone", tz, "err", err)
			if old := pl.Snapshot(tz); old != nil {
				snaps[tz] = old // keep serving it; not recorded as seen, so retried
			}
			err = nil
			continue
		}
		snaps[tz], next[tz] = s, versions[tz]
		log.Info("timetable loaded", "timezone", tz, "feeds", len(feeds), "stops", s.NumStops(),
			"stop_times", s.NumStopTimes(), "ms", time.Since(start).Milliseconds())
	}
	// Walks to and from the stops are on the pedestrian graph read with
	// the timetables (a new OSM import changes every version, so it is
	// read again); otherwise the one published stays.
	walking := pl.Walking()
	if streetsRead {
		walking = pedestrian.New(streets)
	}
	pl.ReplaceAll(snaps, zones, walking)
	return next
}

// snapshotVersions returns, per timezone, a token that changes whenever
// what its routing snapshot is built from changes: its GTFS feeds (the
// import runs that published them, as TimetableVersions has them) and the
// pedestrian graph its footpaths are walked on, which is every OSM
// source's, so an OSM import, re-import or removal changes every
// timezone's token.
func snapshotVersions(ctx context.Context, db *postgis.DB) (map[string]string, error) {
	versions, err := db.TimetableVersions(ctx)
	if err != nil {
		return nil, err
	}
	sources, err := db.CoverageInputs(ctx) // every published source with its import run
	if err != nil {
		return nil, err
	}
	var osm []string
	for _, s := range sources.Sources {
		if s.Kind == "osm" {
			osm = append(osm, fmt.Sprintf("%s@%d", s.ID, s.RunID))
		}
	}
	streets := " streets:" + strings.Join(osm, ",")
	for tz := range versions {
		versions[tz] += streets
	}
	return versions, nil
}

// tileCacheBytes turns --tile-cache-mb into httpapi's setting: 0 or less
// is no cache.
func tileCacheBytes(mb int) int64 {
	if mb <= 0 {
		return -1
	}
	return int64(mb) << 20
}
