package coverage

import (
	"fmt"
	"math"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// Walking to the venue on the pedestrian graph, as reach walks.
//
// Where Input.Walk holds a graph, every cell's centre is snapped to it once
// per profile (pedestrian.Walking.Snap, under the profile's step-free need), and
// each activity's venue once per activity; one search from the venue,
// bounded by the profile's longest walk, then gives every candidate cell
// its walk (the graph being undirected, the walk home is the walk there
// reversed). A walk is the graph's when both ends are covered — the snap
// lines count as walked, and for a step-free profile as unsurveyed — none
// when either end is blocked (near the graph, but only over barriers the
// profile must avoid), and the straight-line estimate when either end is
// off the graph, exactly as pedestrian.Walking routes one walk (one
// pedestrian.Fan per activity). Walks between cells and bus stops (the
// stop → cells index, index.go) and between the venue and its stops
// (searchGroup) go on the graph by the same rules.

// snapCells snaps every cell's centre for the profile, or leaves
// cellSnaps nil where there is no graph to walk on.
func (c *computation) snapCells() {
	c.cellSnaps = nil
	if c.in.Walk == nil || !(c.p.MaxWalkM > 0) {
		return
	}
	prm := pedestrian.ParamsFor(c.p)
	c.cellSnaps = make([]pedestrian.Snapped, len(c.in.Cells))
	for i := range c.in.Cells {
		c.cellSnaps[i] = c.in.Walk.SnapPoint(c.in.Cells[i].Center, prm)
	}
}

// walkFrom walks from activity a's venue as far as the profile walks.
func (w *worker) walkFrom(a *reach.Activity) error {
	c := w.c
	if c.cellSnaps == nil {
		return nil
	}
	if w.walkSearch == nil {
		w.walkSearch = walk.NewSearch(c.in.Walk.Graph())
	}
	prm := pedestrian.ParamsFor(c.p)
	var err error
	if w.fan, err = c.in.Walk.FanFrom(w.walkSearch, c.in.Walk.SnapPoint(a.Venue, prm), prm); err != nil {
		return fmt.Errorf("walk from %s: %w", a.SiteName, err)
	}
	return nil
}

// graphWalkWay is walkWay on the graph; decided is false where the graph
// does not decide the walk (an end is off it: estimate instead).
func (w *worker) graphWalkWay(ci int32, limit int32) (x way, ok, decided bool) {
	if w.c.cellSnaps == nil {
		return way{}, false, false
	}
	leg, res := w.fan.To(w.c.cellSnaps[ci])
	switch res {
	case pedestrian.NotCovered:
		return way{}, false, false
	case pedestrian.NotFound:
		return way{}, false, true
	}
	secs := int32(math.Ceil(leg.Seconds))
	// reach notes a step-free walk's unsurveyed metres.
	return way{travel: 2 * secs, unknown: w.c.p.StepFree && leg.UnknownM >= 0.5}, secs <= limit, true
}
