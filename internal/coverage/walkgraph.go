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
// off the graph, exactly as pedestrian.Walking routes one walk. Walks
// between cells and bus stops are the stop → cells index's (index.go), on
// the graph by the same rules.

// snapPoint is a point snapped to the graph.
type snapPoint struct {
	node   int32
	metres float64
	cover  pedestrian.Cover
}

// walkParams is the profile as a walk search sees it (reach's).
func (c *computation) walkParams() walk.Params {
	return walk.Params{SpeedMPS: c.p.WalkSpeedMPS, MaxDistanceM: c.p.MaxWalkM, StepFree: c.p.StepFree}
}

// snapCells snaps every cell's centre for the profile, or leaves
// cellSnaps nil where there is no graph to walk on.
func (c *computation) snapCells() {
	c.cellSnaps = nil
	if c.in.Walk == nil || !(c.p.MaxWalkM > 0) {
		return
	}
	prm := c.walkParams()
	c.cellSnaps = make([]snapPoint, len(c.in.Cells))
	for i := range c.in.Cells {
		n, m, cv := c.in.Walk.Snap(c.in.Cells[i].Center, prm)
		c.cellSnaps[i] = snapPoint{node: n, metres: m, cover: cv}
	}
}

// walkFrom snaps activity a's venue and, when the graph covers it, walks
// from it as far as the profile walks.
func (w *worker) walkFrom(a *reach.Activity) error {
	c := w.c
	if c.cellSnaps == nil {
		return nil
	}
	prm := c.walkParams()
	n, m, cv := c.in.Walk.Snap(a.Venue, prm)
	w.venueSnap = snapPoint{node: n, metres: m, cover: cv}
	if cv != pedestrian.Covered || m > prm.MaxDistanceM {
		return nil
	}
	if w.walkSearch == nil {
		w.walkSearch = walk.NewSearch(c.in.Walk.Graph())
	}
	src := []walk.Source{{Node: n, Metres: m, Seconds: m / prm.SpeedMPS}}
	if err := w.walkSearch.Run(src, prm, 0); err != nil {
		return fmt.Errorf("walk from %s on the graph: %w", a.SiteName, err)
	}
	return nil
}

// graphWalk is cell ci's walk to the current activity's venue on the
// graph: its metres, seconds and unsurveyed metres, whether the graph
// decides it (ok false: an end is off the graph, estimate instead) and
// whether a walk was found within the profile's longest walk.
func (w *worker) graphWalk(ci int32) (leg walk.Leg, ok, found bool) {
	c := w.c
	if c.cellSnaps == nil {
		return leg, false, false
	}
	cs, vs := c.cellSnaps[ci], w.venueSnap
	switch {
	case cs.cover == pedestrian.OffGraph || vs.cover == pedestrian.OffGraph:
		return leg, false, false
	case cs.cover == pedestrian.Blocked || vs.cover == pedestrian.Blocked || cs.metres+vs.metres > c.p.MaxWalkM:
		return leg, true, false
	}
	leg, found = w.walkSearch.Leg(cs.node)
	if !found {
		return leg, true, false
	}
	leg.Metres += cs.metres
	leg.Seconds += cs.metres / c.p.WalkSpeedMPS
	leg.UnknownM += cs.metres + vs.metres
	return leg, true, leg.Metres <= c.p.MaxWalkM
}

// graphWalkWay is walkWay on the graph; decided is false where the graph
// does not decide the walk.
func (w *worker) graphWalkWay(ci int32, limit int32) (x way, ok, decided bool) {
	leg, decided, found := w.graphWalk(ci)
	if !decided || !found {
		return way{}, false, decided
	}
	secs := int32(math.Ceil(leg.Seconds))
	// reach notes a step-free walk's unsurveyed metres.
	return way{travel: 2 * secs, unknown: w.c.p.StepFree && leg.UnknownM >= 0.5}, secs <= limit, true
}
