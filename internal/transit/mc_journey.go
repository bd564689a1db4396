package transit

import "slices"

// mcJourney follows parents back from label id to its origin and fills j
// with the access walk, rides and walking transfers, in order.
func (w *Searcher) mcJourney(id int32, j *Journey) bool {
	m := w.mc
	legs := j.Legs[:0]
	for i, steps := id, 0; i >= 0; i, steps = m.labels[i].parent, steps+1 {
		if steps > 2*w.k+1 {
			return false // defensive: parents never cycle
		}
		l := &m.labels[i]
		switch l.kind {
		case mcRide:
			legs = append(legs, w.rideLeg(l.trip, int(l.slot), int32(l.board), int32(l.alight)))
		case mcWalk:
			legs = append(legs, w.walkLeg(m.labels[l.parent].stop, l.stop))
		default:
			sec := w.srcSec[l.stop]
			legs = append(legs, Leg{Kind: LegAccess, From: -1, To: l.stop, Seconds: sec, Metres: w.srcM[l.stop],
				Depart: l.arr - sec, Arrive: l.arr, Trip: -1, Route: -1})
		}
	}
	slices.Reverse(legs)
	j.Legs = legs
	if len(legs) > 1 {
		w.forwardTimes(j) // the access walk ends as the first ride leaves
	} else {
		w.finish(j)
	}
	return true
}
