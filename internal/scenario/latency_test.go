package scenario

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/profile"
)

// TestScenarioLatency measures, on the island, the baselines' first
// computation and then the median of 20 answers of typical requests; and
// checks that concurrent requests answer as a lone one does.
func TestScenarioLatency(t *testing.T) {
	w := island(t)
	e := NewEngine(w, Options{})
	defer e.Close()
	ctx := context.Background()
	start := time.Now()
	if err := e.Warm(ctx, profile.Standard()); err != nil {
		t.Fatal(err)
	}
	t.Logf("baselines of the six profiles: %v (%d cells, %d activities)", time.Since(start).Round(time.Millisecond),
		len(w.Input.Cells), len(w.Input.Activities))
	site := candidate(t, w).ID
	add := `{"type":"add_session","site_id":"` + site + `","days":["wed"],"start":"10:30","end":"12:00","price_pence":0}`
	s := w.Input.Networks[0].Snapshot
	route := s.Route(s.TripRouteIndex(latestTrip(s))).ID
	for _, c := range []struct{ name, body string }{
		{"add a session, bus-pass", `{"profiles":["bus-pass"],"changes":[` + add + `]}`},
		{"add a session, six profiles", `{"changes":[` + add + `]}`},
		{"later trip, six profiles", `{"changes":[{"type":"add_trip","feed_id":"iow-bus","route_id":"` + route + `","depart":"18:30"}]}`},
		{"step-free network, six profiles", `{"changes":[{"type":"step_free_network"}]}`},
		{"step-free network, wheelchair", `{"profiles":["wheelchair"],"changes":[{"type":"step_free_network"}]}`},
	} {
		req := parse(t, c.body)
		t.Logf("%-32s median %v", c.name, median(t, func() error { _, err := e.Run(ctx, req); return err }))
	}
	bp, _ := profile.ByID("bus-pass")
	t.Logf("%-32s median %v", "suggestions, bus-pass, k=5",
		median(t, func() error { _, err := e.Suggest(ctx, SuggestQuery{Profile: bp, K: 5}); return err }))
	checkConcurrent(t, e, parse(t, `{"changes":[`+add+`,{"type":"step_free_network"}]}`))
}

func median(t *testing.T, f func() error) time.Duration {
	t.Helper()
	var ds []time.Duration
	for range 20 {
		start := time.Now()
		if err := f(); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2].Round(10 * time.Microsecond)
}

// checkConcurrent runs the same request from eight goroutines at once.
func checkConcurrent(t *testing.T, e *Engine, req Request) {
	t.Helper()
	want, err := e.Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]Answer, 8)
	for i := range got {
		wg.Go(func() {
			got[i], _ = e.Run(context.Background(), req)
		})
	}
	wg.Wait()
	for _, g := range got {
		if !sameAnswer(g, want) {
			t.Fatal("concurrent requests answer differently")
		}
	}
}

func sameAnswer(a, b Answer) bool {
	if len(a.Profiles) != len(b.Profiles) {
		return false
	}
	for i := range a.Profiles {
		x, y := a.Profiles[i], b.Profiles[i]
		x.MS, y.MS = 0, 0
		if x.PeopleGained != y.PeopleGained || !slices.Equal(x.ChangedCells, y.ChangedCells) || x.Recomputed != y.Recomputed {
			return false
		}
	}
	return true
}
