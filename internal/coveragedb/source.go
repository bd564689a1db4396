package coveragedb

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/scenario"
)

// Options tune a Source.
type Options struct {
	// Now says which week it is (default time.Now).
	Now func() time.Time
	// Workers per computation (default GOMAXPROCS).
	Workers int
	// MaxConcurrent computations (scenario.Options).
	MaxConcurrent int
	// Warm computes every standard profile's baseline as soon as data is
	// loaded, so the first scenario costs only its own part.
	Warm bool
}

// Source answers scenarios and suggestions over the published data of the
// current week. It loads the data (Refresh) and reloads it when an import
// lands or the week turns (Watch); until the first load it answers
// scenario.ErrNotLoaded. The engine it replaces finishes the requests
// already running on it.
type Source struct {
	db  *postgis.DB
	loc *time.Location
	o   Options

	mu     sync.RWMutex
	engine *scenario.Engine
}

// New returns a Source over db that has loaded nothing yet.
func New(db *postgis.DB, o Options) (*Source, error) {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return nil, err
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Source{db: db, loc: loc, o: o}, nil
}

// Engine is the current engine, nil before the first load.
func (s *Source) Engine() *scenario.Engine {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.engine
}

// Refresh loads the data when its version (the published sources' import
// runs and checksums, and the week) differs from the loaded one, and
// reports whether it did.
func (s *Source) Refresh(ctx context.Context) (bool, error) {
	inputs, err := s.db.CoverageInputs(ctx)
	if err != nil {
		return false, err
	}
	week := coverage.WeekOf(s.o.Now(), s.loc)
	v := version(inputs, week)
	if e := s.Engine(); e != nil && e.Version() == v {
		return false, nil
	}
	w, err := LoadWorld(ctx, s.db, s.loc, week, s.o.Workers)
	if err != nil {
		return false, err
	}
	w.Version = v
	e := scenario.NewEngine(w, scenario.Options{MaxConcurrent: s.o.MaxConcurrent})
	s.mu.Lock()
	old := s.engine
	s.engine = e
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	if s.o.Warm {
		go e.Warm(ctx, profile.Standard()) //nolint:errcheck // a failed baseline is retried by the first request
	}
	return true, nil
}

// version names the published data of a week.
func version(in postgis.CoverageInputs, week time.Time) string {
	h := fnv.New64a()
	fmt.Fprint(h, week.Format(time.DateOnly))
	for _, src := range in.Sources {
		fmt.Fprintf(h, "|%s|%s|%s|%d", src.ID, src.Kind, src.Checksum, src.RunID)
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// Watch refreshes every interval until ctx ends, logging failures (a
// failed refresh keeps what was loaded). It loads once at the start.
func (s *Source) Watch(ctx context.Context, log *slog.Logger, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			start := time.Now()
			loaded, err := s.Refresh(ctx)
			switch {
			case err != nil && ctx.Err() == nil:
				log.Warn("scenario data refresh failed", "err", err)
			case loaded:
				log.Info("scenario data loaded", "version", s.Engine().Version(), "ms", time.Since(start).Milliseconds())
			}
			select {
			case <-ctx.Done():
				if e := s.Engine(); e != nil {
					e.Close()
				}
				return
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// Scenario answers a what-if on the current data.
func (s *Source) Scenario(ctx context.Context, req scenario.Request) (scenario.Answer, error) {
	e := s.Engine()
	if e == nil {
		return scenario.Answer{}, scenario.ErrNotLoaded
	}
	return e.Run(ctx, req)
}

// Suggest answers a suggestion query on the current data.
func (s *Source) Suggest(ctx context.Context, q scenario.SuggestQuery) (scenario.Suggestions, error) {
	e := s.Engine()
	if e == nil {
		return scenario.Suggestions{}, scenario.ErrNotLoaded
	}
	return e.Suggest(ctx, q)
}
