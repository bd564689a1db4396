package coverage

import (
	"context"
	"runtime"
	"slices"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// ActivityReach is one activity's share of a profile's resolution-9
// coverage: the cells (indices into Input.Cells, ascending) from which at
// least one of its sessions in the week is reachable, and per cell how
// many of its sessions are, and how many of those rely on unknown or
// assumed data. Coverage is a sum of these shares: a cell's activities
// are the shares that list it, its sessions the sum of their counts.
type ActivityReach struct {
	ActivityID string
	Cells      []int32
	Sessions   []int32
	Unknown    []int32
	Assumed    []int32
}

// ByActivity is a run over some activities, kept per activity.
type ByActivity struct {
	ProfileID string
	// Activities holds one share per activity asked for, in that order
	// (an activity with no session in the week has an empty share).
	Activities []ActivityReach
	// Sessions counts the sessions in the week; TransitSearches and
	// Fallbacks as in Result.
	Sessions        int
	TransitSearches int
	Fallbacks       int
}

// indexedReach is a finished share and the batch index of its activity.
type indexedReach struct {
	ai int32
	r  ActivityReach
}

// keepActivity records the share of activity ai that the worker just
// judged.
func (w *worker) keepActivity(ai int32) {
	cells := slices.Clone(w.actCells)
	slices.Sort(cells)
	r := ActivityReach{ActivityID: w.b.acts[ai].ID, Cells: cells, Sessions: make([]int32, len(cells)),
		Unknown: make([]int32, len(cells)), Assumed: make([]int32, len(cells))}
	for k, ci := range cells {
		r.Sessions[k], r.Unknown[k], r.Assumed[k] = w.aSess[ci], w.aUnk[ci], w.aAssume[ci]
	}
	w.byAct = append(w.byAct, indexedReach{ai: ai, r: r})
}

// Counts are per-cell totals at resolution 9, indexed as Input.Cells.
type Counts struct {
	Activities, Sessions, Unknown, Assumed []int32
}

// NewCounts returns zero totals for n cells.
func NewCounts(n int) Counts {
	return Counts{Activities: make([]int32, n), Sessions: make([]int32, n), Unknown: make([]int32, n), Assumed: make([]int32, n)}
}

// Add adds a share to the totals (sign 1) or takes it away (sign -1).
func (c Counts) Add(r ActivityReach, sign int32) {
	for k, ci := range r.Cells {
		c.Activities[ci] += sign
		c.Sessions[ci] += sign * r.Sessions[k]
		c.Unknown[ci] += sign * r.Unknown[k]
		c.Assumed[ci] += sign * r.Assumed[k]
	}
}

// Clone copies the totals.
func (c Counts) Clone() Counts {
	return Counts{Activities: slices.Clone(c.Activities), Sessions: slices.Clone(c.Sessions),
		Unknown: slices.Clone(c.Unknown), Assumed: slices.Clone(c.Assumed)}
}

// Counts sums the shares over n cells.
func (b ByActivity) Counts(n int) Counts {
	c := NewCounts(n)
	for _, r := range b.Activities {
		c.Add(r, 1)
	}
	return c
}

// Prepared is one profile's computation made ready over an input: the
// cell grid, the parent cells, each network's stop → cells index, the
// cells of each dial-a-ride zone and the fare floor. Compute prepares and
// runs once; a what-if prepares once, runs the activities it needs
// (Activities) as often as it likes, and derives a Prepared for changed
// timetables or zones (With) that reuses what they leave alone. It is
// safe for concurrent use.
type Prepared struct {
	c *computation
}

// Prepare readies profile p over in (which must not be modified while
// the Prepared is used).
func Prepare(in Input, p profile.Profile) (*Prepared, error) {
	c, err := prepare(&in, p)
	if err != nil {
		return nil, err
	}
	return &Prepared{c: c}, nil
}

// Input is the input the computation reads.
func (pr *Prepared) Input() *Input { return pr.c.in }

// Profile is the profile it computes.
func (pr *Prepared) Profile() profile.Profile { return pr.c.p }

// Activities judges acts (which need not be the input's: a what-if passes
// changed or new ones) and returns each one's share. Workers are
// Input.Workers, at most one per activity.
func (pr *Prepared) Activities(ctx context.Context, acts []reach.Activity) (ByActivity, error) {
	b := &batch{acts: acts, byActivity: true}
	n := pr.c.in.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = max(1, min(n, len(acts)))
	ws, err := pr.c.run(ctx, b, n)
	if err != nil {
		return ByActivity{}, err
	}
	out := ByActivity{ProfileID: pr.c.p.ID, Activities: make([]ActivityReach, len(acts))}
	for _, w := range ws {
		for _, x := range w.byAct {
			out.Activities[x.ai] = x.r
		}
		out.Sessions += w.sessions
		out.TransitSearches += w.searches
		out.Fallbacks += w.fallback
	}
	return out, nil
}

// With returns a Prepared over the same input with other timetable
// networks and dial-a-ride zones (a what-if's). A network whose snapshot
// has the same stops as one already indexed (transit.Snapshot.SameStops:
// a derived snapshot) reuses its stop → cells index, and when all of them
// do, the fare floor is kept; the cell grid and the parents are always
// reused.
func (pr *Prepared) With(networks []Network, zones []dar.Zone) (*Prepared, error) {
	old := pr.c
	in := *old.in
	in.Networks, in.Zones = networks, zones
	c := &computation{in: &in, p: old.p, margin: old.margin, marginDur: old.marginDur, urbanLimit: old.urbanLimit,
		ruralLimit: old.ruralLimit, maxDur: old.maxDur, usesTransit: old.usesTransit, roadMode: old.roadMode,
		static: old.static, grid: old.grid, parents: old.parents, cellSnaps: old.cellSnaps}
	if err := c.indexNetworksFrom(old.nets); err != nil {
		return nil, err
	}
	c.indexZones()
	c.indexDarBus()
	c.floor = old.floor
	if !c.derivedFrom(old) {
		c.floor = newFareFloor(in.Networks, in.Fares, c.p, in.Authority, in.Week)
	}
	return &Prepared{c: c}, nil
}

// derivedFrom reports whether every network of c has the same stops as
// one of old's (a snapshot derived from it: transit.Snapshot.Derive adds
// runs of existing routes only, so the routes, and the fare floor, stay).
func (c *computation) derivedFrom(old *computation) bool {
	if len(c.in.Networks) != len(old.in.Networks) {
		return false
	}
	for i, n := range c.in.Networks {
		if o := old.in.Networks[i]; (n.Snapshot == nil) != (o.Snapshot == nil) || (n.Snapshot != nil && !n.Snapshot.SameStops(o.Snapshot)) {
			return false
		}
	}
	return true
}
