package coveragedb_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coveragedb"
	"github.com/threshold-heritage/threshold/internal/islandtest"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/scenario"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// importIsland imports the areas, the bus feed, the museums and the
// activities (no dial-a-ride).
func importIsland(t *testing.T, db *postgis.DB) {
	t.Helper()
	islandtest.ImportAreas(t, db)
	islandtest.ImportBus(t, db)
	islandtest.ImportMuseums(t, db)
	islandtest.ImportActivities(t, db, "first")
}

// The Source loads the island, answers, reloads when an import lands or
// the week turns and not otherwise, and its watcher stops cleanly.
func TestSourceLoadsAndReloads(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp, err := postgis.Open(ctx, d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	defer imp.Close()
	importIsland(t, imp)
	api, err := postgis.Open(ctx, d.APIURL)
	if err != nil {
		t.Fatal(err)
	}
	defer api.Close()
	var now atomic.Int64
	now.Store(time.Date(2026, 12, 9, 12, 0, 0, 0, time.UTC).Unix())
	src, err := coveragedb.New(api, coveragedb.Options{Now: func() time.Time { return time.Unix(now.Load(), 0) }, Warm: true})
	if err != nil {
		t.Fatal(err)
	}
	walker, _ := profile.ByID("walker")
	if _, err := src.Suggest(ctx, scenario.SuggestQuery{Profile: walker, K: 1}); !errors.Is(err, scenario.ErrNotLoaded) {
		t.Fatalf("before loading: %v", err)
	}
	v1 := refresh(t, src, true)
	checkWorld(t, src)
	if v := refresh(t, src, false); v != v1 {
		t.Errorf("nothing imported, yet the version moved from %s to %s", v1, v)
	}
	islandtest.ImportActivities(t, imp, "second")
	v2 := refresh(t, src, true)
	now.Add(7 * 24 * 3600)
	v3 := refresh(t, src, true)
	if v1 == v2 || v2 == v3 || src.Engine().Week().Format(time.DateOnly) != "2026-12-14" {
		t.Errorf("versions %s, %s, %s; week %s", v1, v2, v3, src.Engine().Week())
	}
	stop := src.Watch(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), 10*time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	stop()
	if src.Engine().Version() != v3 {
		t.Error("the watcher reloaded data that had not changed")
	}
}

func refresh(t *testing.T, src *coveragedb.Source, want bool) string {
	t.Helper()
	loaded, err := src.Refresh(context.Background())
	if err != nil || loaded != want {
		t.Fatalf("refresh: loaded %v (want %v), %v", loaded, want, err)
	}
	return src.Engine().Version()
}

// checkWorld: the engine answers over the island, whose timetable is
// built twice: with the feed's policy (stops assumed step-free) and
// without (unknown).
func checkWorld(t *testing.T, src *coveragedb.Source) {
	t.Helper()
	ctx := context.Background()
	p, _ := profile.ByID("bus-pass")
	s, err := src.Suggest(ctx, scenario.SuggestQuery{Profile: p, K: 3})
	if err != nil || s.Week != "2026-12-07" || len(s.Suggestions) == 0 {
		t.Fatalf("suggestions: %+v, %v", s, err)
	}
	req, err := scenario.ParseRequest([]byte(`{"profiles":["wheelchair"],"changes":[{"type":"step_free_network","feed_id":"iow-bus"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	ans, err := src.Scenario(ctx, req)
	if err != nil || len(ans.Profiles) != 1 || !ans.Profiles[0].Recomputed.Network {
		t.Fatalf("scenario: %+v, %v", ans, err)
	}
}

// LoadInput builds the timetable with and without the feeds' policies
// from one read.
func TestLoadInputStrictTwin(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp, err := postgis.Open(ctx, d.ImporterURL)
	if err != nil {
		t.Fatal(err)
	}
	defer imp.Close()
	importIsland(t, imp)
	london, _ := time.LoadLocation(coveragedb.Zone)
	in, err := coveragedb.LoadInput(ctx, imp, london, time.Date(2026, 12, 7, 0, 0, 0, 0, london), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Networks) != 1 || len(in.Cells) == 0 || len(in.Activities) == 0 || in.Fares == nil || !in.Referred {
		t.Fatalf("input: %d networks, %d cells, %d activities", len(in.Networks), len(in.Cells), len(in.Activities))
	}
	n := in.Networks[0]
	if n.Snapshot.NumStops() != n.Strict.NumStops() || n.Snapshot.NumTrips() != n.Strict.NumTrips() {
		t.Fatal("the two timetables differ in size")
	}
	for v := range int32(n.Snapshot.NumStops()) {
		a, b := n.Snapshot.Stop(v).Access, n.Strict.Stop(v).Access
		if a != transit.AccessAssumed || b != transit.AccessUnknown {
			t.Fatalf("stop %s: %s with the policy, %s without; want assumed and unknown (the feed says nothing)", n.Snapshot.Stop(v).ID, a, b)
		}
	}
}
