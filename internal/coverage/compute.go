package coverage

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// netIndex is one network and the cells its stops serve.
type netIndex struct {
	net Network
	sc  *stopCells
}

// computation is one profile's run: the read-only state every worker
// shares.
type computation struct {
	in                     *Input
	p                      profile.Profile
	margin                 int32
	marginDur              time.Duration
	urbanLimit, ruralLimit int32
	maxDur                 int32 // the longest limit any cell present can use (longestLimit)
	usesTransit            bool
	roadMode               string // "car", "car_passenger" or ""
	static                 bool   // no way depends on the time of day
	nets                   []netIndex
	strictKnown            bool // every network has its policy-free twin
	anyAssumes             bool // some network assumes step-free access somewhere
	grid                   *cellGrid
	zoneCells              [][]int32            // per zone, the cells inside
	cellZoneOff, cellZone  []int32              // per cell, the zones holding it (CSR)
	darNets                []*darIndex          // per network: rides to the bus (a dial-a-ride and bus profile)
	cellSnaps              []pedestrian.Snapped // per cell: its centre on the walk graph; nil without one
	parents                *parents
	floor                  fareFloor
}

// batch is one run over a list of activities: the work the workers share.
type batch struct {
	acts []reach.Activity
	next atomic.Int64 // the next activity to hand out
	// byActivity: keep each activity's share per cell (ActivityReach).
	byActivity bool
}

// ErrInvalid wraps an input that cannot be computed.
var ErrInvalid = errors.New("invalid coverage input")

// Compute counts, for every cell of in, the activities and sessions of
// in.Week reachable with profile p, and rolls them up to resolutions 8, 7
// and 6.
func Compute(ctx context.Context, in Input, p profile.Profile) (Result, error) {
	c, err := prepare(&in, p)
	if err != nil {
		return Result{}, err
	}
	ws, err := c.run(ctx, &batch{acts: in.Activities}, c.in.Workers)
	if err != nil {
		return Result{}, err
	}
	return c.result(ws), nil
}

func prepare(in *Input, p profile.Profile) (*computation, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%w: profile: %w", ErrInvalid, err)
	}
	if in.Location == nil || in.Week.IsZero() {
		return nil, fmt.Errorf("%w: a location and a week are needed", ErrInvalid)
	}
	c := &computation{in: in, p: p, marginDur: in.Margin}
	if c.marginDur <= 0 {
		c.marginDur = reach.DefaultMargin
	}
	c.margin = int32(c.marginDur.Seconds())
	c.urbanLimit = int32(p.MaxJourney(reach.DefaultMaxJourney(false)).Seconds())
	c.ruralLimit = int32(p.MaxJourney(reach.DefaultMaxJourney(true)).Seconds())
	c.maxDur = c.longestLimit()
	c.usesTransit = p.Uses(profile.Bus) || p.Uses(profile.Rail)
	switch {
	case p.Uses(profile.CarDriver):
		c.roadMode = "car"
	case p.Uses(profile.CarPassenger):
		c.roadMode = "car_passenger"
	}
	c.static = !c.usesTransit && !p.Uses(profile.DialARide)
	var err error
	if c.parents, err = newParents(in.Cells); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	c.grid = newCellGrid(in.Cells)
	if err := c.indexNetworks(); err != nil {
		return nil, err
	}
	c.indexZones()
	c.indexDarBus()
	c.snapCells()
	c.floor = newFareFloor(in.Networks, in.Fares, p, in.Authority, in.Week)
	return c, nil
}

// longestLimit bounds every search by the longest journey some cell of
// the input may make: the rural limit only when there is a rural cell, the
// urban one only when there is an urban cell. A journey longer than a
// cell's limit never counts for it, so the bound changes no cell's answer;
// an all-urban city searches 45 minutes, not a rural 90.
func (c *computation) longestLimit() int32 {
	var rural, urban bool
	for i := range c.in.Cells {
		if c.in.Cells[i].Rural {
			rural = true
		} else {
			urban = true
		}
	}
	switch {
	case rural && !urban:
		return c.ruralLimit
	case urban && !rural:
		return c.urbanLimit
	}
	return max(c.urbanLimit, c.ruralLimit)
}

// indexNetworks builds each network's stop → cells index for the
// profile's walk, and notes what can tell assumed step-free access.
func (c *computation) indexNetworks() error { return c.indexNetworksFrom(nil) }

// indexNetworksFrom is indexNetworks reusing the index of any network in
// old whose snapshot has the same stops.
func (c *computation) indexNetworksFrom(old []netIndex) error {
	c.strictKnown = true
	if !c.usesTransit {
		return nil
	}
	for _, n := range c.in.Networks {
		if n.Snapshot == nil {
			continue
		}
		var sc *stopCells
		for _, o := range old {
			if n.Snapshot.SameStops(o.net.Snapshot) {
				sc = o.sc
				break
			}
		}
		if sc == nil {
			var err error
			if sc, err = newStopCells(n.Snapshot, c.in.Cells, c.in.Walk, pedestrian.ParamsFor(c.p)); err != nil {
				return err
			}
		}
		c.nets = append(c.nets, netIndex{net: n, sc: sc})
		c.strictKnown = c.strictKnown && n.Strict != nil
		c.anyAssumes = c.anyAssumes || assumes(n.Snapshot)
	}
	return nil
}

// assumes reports whether any stop or trip of s is step-free only by
// assumption.
func assumes(s *transit.Snapshot) bool {
	for i := range s.NumStops() {
		if s.Stop(int32(i)).Access == transit.AccessAssumed {
			return true
		}
	}
	for i := range s.NumTrips() {
		if s.Trip(int32(i)).Access == transit.AccessAssumed {
			return true
		}
	}
	return false
}

// indexZones lists, for a dial-a-ride profile, the cells inside each zone
// and the zones around each cell.
func (c *computation) indexZones() {
	n := len(c.in.Cells)
	c.cellZoneOff = make([]int32, n+1)
	if !c.p.Uses(profile.DialARide) {
		return
	}
	c.zoneCells = make([][]int32, len(c.in.Zones))
	per := make([][]int32, n)
	for zi := range c.in.Zones {
		z := &c.in.Zones[zi]
		for ci := range c.in.Cells {
			if z.Contains(c.in.Cells[ci].Center) {
				c.zoneCells[zi] = append(c.zoneCells[zi], int32(ci))
				per[ci] = append(per[ci], int32(zi))
			}
		}
	}
	for ci, zs := range per {
		c.cellZone = append(c.cellZone, zs...)
		c.cellZoneOff[ci+1] = int32(len(c.cellZone))
	}
}

func (c *computation) cellZones(ci int32) []int32 {
	return c.cellZone[c.cellZoneOff[ci]:c.cellZoneOff[ci+1]]
}

// run shares the batch's activities out to n workers (GOMAXPROCS when
// n ≤ 0) and waits for them; the first error cancels the rest.
func (c *computation) run(ctx context.Context, b *batch, n int) ([]*worker, error) {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ws := make([]*worker, n)
	var wg sync.WaitGroup
	for i := range ws {
		ws[i] = newWorker(ctx, c, b)
		wg.Go(func() {
			if err := ws[i].loop(); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return ws, nil
}

// candidates appends to w.cand the cells that might reach activity a by
// walking, driving or dial-a-ride, once each; judge decides them exactly.
func (w *worker) candidates(a *reach.Activity, tag int32) {
	c := w.c
	radius := c.p.MaxWalkM / walk.DetourFactor
	if c.cellSnaps != nil {
		radius = c.p.MaxWalkM // a path on the graph may be straighter than the estimate's
	}
	if c.roadMode != "" || (c.p.Uses(profile.Taxi) && !c.p.StepFree) {
		radius = max(radius, float64(c.maxDur)*road.EstimateSpeedKPH(true)/3.6/road.DetourFactor)
	}
	w.cand = w.cand[:0]
	add := func(ci int32) {
		if w.candMark[ci] != tag {
			w.candMark[ci] = tag
			w.cand = append(w.cand, ci)
		}
	}
	w.near = c.grid.near(a.Venue, radius, w.near[:0])
	for _, ci := range w.near {
		add(ci)
	}
	for zi := range c.zoneCells {
		if c.in.Zones[zi].Contains(a.Venue) {
			for _, ci := range c.zoneCells[zi] {
				add(ci)
			}
		}
	}
}
