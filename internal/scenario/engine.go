package scenario

import (
	"context"
	"sync"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// Options tune an Engine.
type Options struct {
	// MaxConcurrent bounds the scenario and suggestion computations
	// running at once (default 2); the others wait for a turn or for
	// their context to end.
	MaxConcurrent int
}

// Engine answers scenarios and suggestions over one World. It keeps each
// profile's baseline — its coverage prepared and kept per activity — so
// that a scenario costs one run of the activities it touches. It is safe
// for concurrent use; a new World needs a new Engine.
type Engine struct {
	world  *World
	ctx    context.Context // baselines are computed under it
	cancel context.CancelFunc
	turns  chan struct{}

	mu    sync.Mutex
	bases map[string]*baseline
}

// baseline is one profile's coverage of the World, kept per activity.
type baseline struct {
	ready  chan struct{} // closed when computed
	err    error
	prep   *coverage.Prepared
	shares []coverage.ActivityReach // per World.Input.Activities index
	counts coverage.Counts
}

// NewEngine returns an engine over w; nothing is computed until asked.
func NewEngine(w World, o Options) *Engine {
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Engine{world: &w, ctx: ctx, cancel: cancel, turns: make(chan struct{}, o.MaxConcurrent), bases: map[string]*baseline{}}
}

// Close stops the baselines still being computed.
func (e *Engine) Close() { e.cancel() }

// Version is the World's data version.
func (e *Engine) Version() string { return e.world.Version }

// Week is the first day of the week counted.
func (e *Engine) Week() time.Time { return e.world.Input.Week }

// Warm computes the baselines of ps ahead of the first request.
func (e *Engine) Warm(ctx context.Context, ps []profile.Profile) error {
	for _, p := range ps {
		if _, err := e.baseline(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// turn waits for a free computation slot; release gives it back.
func (e *Engine) turn(ctx context.Context) (release func(), err error) {
	select {
	case e.turns <- struct{}{}:
		return func() { <-e.turns }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// baseline returns p's baseline, computing it once. The computation runs
// under the engine's context, not the caller's: a caller that gives up
// still leaves it for the next one. A failed computation is forgotten, so
// the next caller tries again.
func (e *Engine) baseline(ctx context.Context, p profile.Profile) (*baseline, error) {
	e.mu.Lock()
	b, ok := e.bases[p.ID]
	if !ok {
		b = &baseline{ready: make(chan struct{})}
		e.bases[p.ID] = b
		go e.compute(b, p)
	}
	e.mu.Unlock()
	select {
	case <-b.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if b.err != nil {
		e.mu.Lock()
		if e.bases[p.ID] == b {
			delete(e.bases, p.ID)
		}
		e.mu.Unlock()
		return nil, b.err
	}
	return b, nil
}

func (e *Engine) compute(b *baseline, p profile.Profile) {
	defer close(b.ready)
	in := e.world.Input
	b.prep, b.err = coverage.Prepare(in, p)
	if b.err != nil {
		return
	}
	var all coverage.ByActivity
	if all, b.err = b.prep.Activities(e.ctx, in.Activities); b.err != nil {
		return
	}
	b.shares, b.counts = all.Activities, all.Counts(len(in.Cells))
}

// Run answers a scenario for each of the request's profiles. The World
// is not modified; references to data it does not hold are RefErrors.
func (e *Engine) Run(ctx context.Context, req Request) (Answer, error) {
	a, err := apply(e.world, req.Changes)
	if err != nil {
		return Answer{}, err
	}
	release, err := e.turn(ctx)
	if err != nil {
		return Answer{}, err
	}
	defer release()
	ans := Answer{Week: e.world.Input.Week.Format(time.DateOnly), DataVersion: e.world.Version, Changes: len(req.Changes)}
	for _, p := range req.Profiles {
		pa, err := e.profileAnswer(ctx, a, p, req.MaxCells)
		if err != nil {
			return Answer{}, err
		}
		ans.Profiles = append(ans.Profiles, pa)
	}
	return ans, nil
}

// profileAnswer recomputes the activities the changes touch for p and
// compares the result with p's baseline.
func (e *Engine) profileAnswer(ctx context.Context, a *applied, p profile.Profile, maxCells int) (ProfileAnswer, error) {
	start := time.Now()
	b, after, n, err := e.after(ctx, a, p)
	if err != nil {
		return ProfileAnswer{}, err
	}
	pa := compare(e.world.Input.Cells, p, b.counts, after, maxCells)
	pa.Recomputed = Recomputed{Activities: n, Of: len(a.acts), Network: a.netChanged}
	pa.MS = time.Since(start).Milliseconds()
	return pa, nil
}

// after is p's coverage under the scenario: the baseline's totals less
// the shares of the activities removed or touched, plus the touched
// activities' shares recomputed (n of them) on the scenario's networks.
func (e *Engine) after(ctx context.Context, a *applied, p profile.Profile) (b *baseline, after coverage.Counts, n int, err error) {
	if b, err = e.baseline(ctx, p); err != nil {
		return nil, after, 0, err
	}
	prep := b.prep
	if a.netChanged {
		if prep, err = prep.With(a.nets, a.zones); err != nil {
			return nil, after, 0, err
		}
	}
	idx := a.touched(p, &e.world.Input)
	acts := make([]reach.Activity, len(idx))
	for k, i := range idx {
		acts[k] = a.acts[i]
	}
	res, err := prep.Activities(ctx, acts)
	if err != nil {
		return nil, after, 0, err
	}
	after = b.counts.Clone()
	for _, o := range a.removed {
		after.Add(b.shares[o], -1)
	}
	for k, i := range idx {
		if o := a.origin[i]; o >= 0 {
			after.Add(b.shares[o], -1)
		}
		after.Add(res.Activities[k], 1)
	}
	return b, after, len(idx), nil
}
