package plan

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Options tune a Planner. The zero value uses the defaults.
type Options struct {
	// Workers bounds the concurrent searches per timetable (and the
	// Searchers kept). Default GOMAXPROCS.
	Workers int
	// MaxTransfers bounds the rides of a journey at MaxTransfers+1.
	// Default 3.
	MaxTransfers int
	// MaxJourney bounds a journey's duration when the profile sets no
	// max_journey_min. Default 3 hours.
	MaxJourney time.Duration
	// CoverageM is how far, in walking metres, a point may be from every
	// stop of every timetable and still count as inside the loaded data
	// (with no stop near enough to walk to). Default 5,000.
	CoverageM float64
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxTransfers <= 0 {
		o.MaxTransfers = 3
	}
	o.MaxTransfers = min(o.MaxTransfers, transit.MaxTransfersLimit)
	if o.MaxJourney <= 0 {
		o.MaxJourney = 3 * time.Hour
	}
	if o.CoverageM <= 0 {
		o.CoverageM = 5000
	}
	return o
}

// Planner answers journey questions over a set of timetables. Plan may be
// called from any number of goroutines, concurrently with Replace.
type Planner struct {
	opt  Options
	nets atomic.Pointer[[]*network]
}

// New returns a planner with no timetable: Plan returns ErrNotLoaded until
// the first Replace.
func New(opt Options) *Planner { return &Planner{opt: opt.withDefaults()} }

// Replace publishes a new set of timetables, one snapshot per group name
// (the timezone), atomically. Groups not named are dropped; a group whose
// snapshot is the one already published keeps its searchers. Queries under
// way finish on the snapshots they started with.
func (p *Planner) Replace(snaps map[string]*transit.Snapshot) {
	var old []*network
	if cur := p.nets.Load(); cur != nil {
		old = *cur
	}
	next := make([]*network, 0, len(snaps))
	for name, s := range snaps {
		if s == nil {
			continue
		}
		i := slices.IndexFunc(old, func(n *network) bool { return n.name == name && n.snap == s })
		if i >= 0 {
			next = append(next, old[i])
			continue
		}
		next = append(next, newNetwork(name, s, p.opt))
	}
	slices.SortFunc(next, func(a, b *network) int { return cmp.Compare(a.name, b.name) })
	p.nets.Store(&next)
}

// Loaded reports whether Replace has been called.
func (p *Planner) Loaded() bool { return p.nets.Load() != nil }

// Snapshot returns the published snapshot of a group, or nil.
func (p *Planner) Snapshot(name string) *transit.Snapshot {
	if cur := p.nets.Load(); cur != nil {
		for _, n := range *cur {
			if n.name == name {
				return n.snap
			}
		}
	}
	return nil
}

// SnapshotAt returns the published snapshot whose stops' area (grown by
// CoverageM) holds p, or nil where no timetable covers it.
func (p *Planner) SnapshotAt(pt orb.Point) *transit.Snapshot {
	if cur := p.nets.Load(); cur != nil {
		for _, n := range *cur {
			if n.covers(pt) {
				return n.snap
			}
		}
	}
	return nil
}

// network is one published snapshot with what the planner derives from it.
// It never changes after newNetwork.
type network struct {
	name  string
	snap  *transit.Snapshot
	loc   *time.Location
	bound orb.Bound // the stops' bounding box grown by CoverageM
	feeds []string  // feed ids, sorted
	slots chan *worker
}

func newNetwork(name string, s *transit.Snapshot, opt Options) *network {
	n := &network{name: name, snap: s, loc: s.Location(), slots: make(chan *worker, opt.Workers)}
	for range opt.Workers {
		n.slots <- nil // a free slot; its worker is made on first use
	}
	first := true
	for i := range int32(s.NumStops()) {
		st := s.Stop(i)
		if first {
			n.bound, first = orb.Bound{Min: st.Point, Max: st.Point}, false
		}
		n.bound = n.bound.Extend(st.Point)
		if !slices.Contains(n.feeds, st.FeedID) {
			n.feeds = append(n.feeds, st.FeedID)
		}
	}
	if !first {
		n.bound = geo.ExpandBound(n.bound, opt.CoverageM)
	}
	slices.Sort(n.feeds)
	return n
}

// covers reports whether p may be within CoverageM of one of the stops.
func (n *network) covers(p orb.Point) bool { return n.snap.NumStops() > 0 && n.bound.Contains(p) }

// worker is the per-query state for one snapshot: a Searcher and reusable
// buffers.
type worker struct {
	s        *transit.Searcher
	from, to []transit.StopAccess
	near     []transit.StopAccess
	j, j2    transit.Journey
}

// acquire waits for a free worker until ctx ends.
func (n *network) acquire(ctx context.Context) (*worker, error) {
	select {
	case w := <-n.slots:
		if w == nil {
			w = &worker{s: transit.NewSearcher(n.snap)}
		}
		return w, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (n *network) release(w *worker) { n.slots <- w }
