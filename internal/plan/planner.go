package plan

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
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
	opt Options
	pub atomic.Pointer[published]
}

// published is one complete set of timetables and dial-a-ride zones; it
// never changes after Replace.
type published struct {
	nets  []*network
	zones []dar.Zone
	walk  *pedestrian.Walking // nil: walks are straight-line estimates
}

// New returns a planner with no timetable: Plan returns ErrNotLoaded until
// the first Replace.
func New(opt Options) *Planner { return &Planner{opt: opt.withDefaults()} }

// Replace publishes a new set of timetables, one snapshot per group name
// (the timezone), atomically, keeping the dial-a-ride zones published.
// Groups not named are dropped; a group whose snapshot is the one already
// published keeps its searchers. Queries under way finish on the
// snapshots they started with.
func (p *Planner) Replace(snaps map[string]*transit.Snapshot) {
	var zones []dar.Zone
	var walking *pedestrian.Walking
	if cur := p.pub.Load(); cur != nil {
		zones, walking = cur.zones, cur.walk
	}
	p.ReplaceAll(snaps, zones, walking)
}

// ReplaceAll publishes a new set of timetables, as Replace, with the
// dial-a-ride zones and the pedestrian graph (nil: none) that go with
// them, in one step: a query sees all old or all new. The planner keeps
// zones; the caller must not change them after.
func (p *Planner) ReplaceAll(snaps map[string]*transit.Snapshot, zones []dar.Zone, walking *pedestrian.Walking) {
	var old []*network
	if cur := p.pub.Load(); cur != nil {
		old = cur.nets
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
	p.pub.Store(&published{nets: next, zones: zones, walk: walking})
}

// Walking returns the published pedestrian graph, or nil.
func (p *Planner) Walking() *pedestrian.Walking {
	if cur := p.pub.Load(); cur != nil {
		return cur.walk
	}
	return nil
}

// Loaded reports whether Replace has been called.
func (p *Planner) Loaded() bool { return p.pub.Load() != nil }

// Snapshot returns the published snapshot of a group, or nil.
func (p *Planner) Snapshot(name string) *transit.Snapshot {
	if cur := p.pub.Load(); cur != nil {
		for _, n := range cur.nets {
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
	if cur := p.pub.Load(); cur != nil {
		for _, n := range cur.nets {
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
	// The walks from the origin and to the destination, with which are
	// straight-line estimates; from and to are their Stops.
	fromWalks, toWalks pedestrian.Access
	near               []transit.StopAccess
	j, j2              transit.Journey
	// Dial-a-ride: the rides from the origin and to the destination,
	// the access and egress merged with the walks, and the journey.
	rideFrom, rideTo []dar.StopRide
	darFrom, darTo   []transit.StopAccess
	jd               transit.Journey
	// The zones tried at each end, and the best journey found so far
	// with its rides.
	zonesFrom, zonesTo       []*dar.Zone
	jdBest                   transit.Journey
	rideFromBest, rideToBest []dar.StopRide
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
