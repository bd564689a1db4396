package coverage

import (
	"fmt"
	"strings"
	"time"

	"github.com/threshold-heritage/threshold/internal/reach"
)

// fallbackJudge asks reach itself about one cell and session: used only
// when a finite budget might fit the session's transit fares, which
// coverage does not rebuild. Slow (reach's own searches from the cell),
// and exact.
func (w *worker) fallbackJudge(ci int32, s *session) (verdict, error) {
	c := w.c
	cell := &c.in.Cells[ci]
	net := reach.Network{Location: c.in.Location, Costs: c.in.Costs, Zones: c.in.Zones, Fares: c.in.Fares, Authority: c.in.Authority}
	for _, n := range c.nets {
		if len(n.net.Snapshot.StopsNear(cell.Center, c.p.MaxWalkM, c.p.WalkSpeedMPS, w.venueBuf[:0])) > 0 {
			net.Transit = n.net.Snapshot
			break
		}
	}
	for ni, ix := range c.darNets { // no stop on foot: one to ride to
		if net.Transit == nil && ix.cellZoneOff[ci+1] > ix.cellZoneOff[ci] {
			net.Transit = c.nets[ni].net.Snapshot
		}
	}
	day := time.Date(s.start.Year(), s.start.Month(), s.start.Day(), 0, 0, 0, 0, c.in.Location)
	ans, err := reach.New(net).Reach(w.ctx, reach.Request{Origin: cell.Center, Profile: c.p, Start: day, Days: 1,
		Rural: cell.Rural, RuralKnown: cell.RuralKnown, Margin: c.marginDur, Referred: c.in.Referred}, []reach.Activity{*s.act})
	if err != nil {
		return verdict{}, fmt.Errorf("reach from cell %d for %s: %w", cell.ID, s.act.ID, err)
	}
	want := s.start.Format(time.RFC3339)
	for _, it := range ans.Reachable {
		if it.SessionStart == want {
			return itemVerdict(it, c.p.StepFree), nil
		}
	}
	return verdict{}, nil
}

// itemVerdict reads reach's notes the way judge counts: anything unknown,
// and (for a step-free profile) anything assumed.
func itemVerdict(it reach.Item, stepFree bool) verdict {
	v := verdict{reached: true}
	if it.Cost != nil && it.Cost.Total.Confidence == "unknown" {
		v.unknown = true
	}
	for _, n := range it.AccessNotes {
		v.unknown = v.unknown || strings.Contains(n, "unknown")
		v.assumed = v.assumed || (stepFree && strings.Contains(n, "assumed"))
	}
	return v
}
