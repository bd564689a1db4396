package transit

import "slices"

// LegKind says what a journey leg is.
type LegKind uint8

// Leg kinds.
const (
	LegAccess LegKind = iota // walk from the origin point to the first stop
	LegWalk                  // walking transfer between two stops
	LegRide                  // a ride on one trip
	LegEgress                // walk from the last stop to the destination point
)

// String returns "access", "walk", "ride" or "egress".
func (k LegKind) String() string {
	return [...]string{"access", "walk", "ride", "egress"}[k]
}

// Leg is one part of a journey. Times are seconds since the query date's
// midnight (negative on the previous day, past 86400 on the next). From and
// To are stop indices, -1 for the origin or destination point.
type Leg struct {
	Kind           LegKind
	From, To       int32
	Depart, Arrive int32
	// Walks: Metres is the walking distance (-1 when the caller did not
	// give it), Seconds the walking time. Estimated marks a walking
	// transfer (LegWalk) that is a straight-line estimate rather than a
	// walk on the street graph (BuildOptions.Streets); it is false for
	// access and egress walks, which the caller measured.
	Metres    int32
	Seconds   int32
	Estimated bool
	// Rides: the GTFS trip and route indices and IDs, and the access
	// values of the boarding stop, the trip and the alighting stop.
	Trip, Route                           int32
	TripID, RouteID, RouteName            string
	BoardAccess, TripAccess, AlightAccess Access
}

// ElementKind names what an access value belongs to.
type ElementKind uint8

// Element kinds.
const (
	ElementStop ElementKind = iota
	ElementTrip
)

// String returns "stop" or "trip".
func (k ElementKind) String() string {
	if k == ElementTrip {
		return "trip"
	}
	return "stop"
}

// Element is a stop or trip a journey uses, with its access value; for an
// assumed value, Reason is the policy's reason.
type Element struct {
	Kind   ElementKind
	Index  int32 // stop or trip index
	ID     string
	Name   string
	Access Access
	Reason string
}

// Journey is a reconstructed journey. Access is the worst access value of
// the stops boarded and alighted at and the trips ridden (yes, assumed,
// unknown or no); Assumed lists the elements a policy filled, each once.
type Journey struct {
	Depart, Arrive int32
	Legs           []Leg
	Access         Access
	Assumed        []Element
}

// Rides counts the ride legs.
func (j *Journey) Rides() int {
	n := 0
	for _, l := range j.Legs {
		if l.Kind == LegRide {
			n++
		}
	}
	return n
}

// rideLeg describes a ride on global pattern-trip g of slot sl between two
// positions.
func (w *Searcher) rideLeg(g int32, sl int, board, alight int32) Leg {
	s := w.s
	p := s.ptPattern[g]
	n := s.patLen(p)
	base := s.timeBase(p, g-s.patTripOff[p], n)
	from, to := s.patStops[s.patStopOff[p]+board], s.patStops[s.patStopOff[p]+alight]
	t := s.ptMeta[g]
	r := s.tripRoute[t]
	return Leg{
		Kind: LegRide, From: from, To: to,
		Depart: s.times[base+int64(board)*2+1] + slotShift[sl],
		Arrive: s.times[base+int64(alight)*2] + slotShift[sl],
		Trip:   t, Route: r, TripID: s.tripID[t], RouteID: s.routeID[r], RouteName: s.routeShort[r],
		BoardAccess: s.stopAccess[from], TripAccess: s.tripAccess[t], AlightAccess: s.stopAccess[to],
		Metres: -1,
	}
}

// walkLeg describes a footpath from a to b.
func (w *Searcher) walkLeg(a, b int32) Leg {
	fp, k := w.fp, w.fpNeed
	for f := fp.off[a]; f < fp.off[a+1]; f++ {
		if m := fp.metres[k][f]; fp.to[f] == b && m != noWalk {
			var ms int32
			if fp.minSec != nil {
				ms = fp.minSec[f]
			}
			return Leg{Kind: LegWalk, From: a, To: b, Metres: int32(m), Seconds: w.walkSeconds(m, ms),
				Estimated: !fp.isMeasured(k, f), Trip: -1, Route: -1}
		}
	}
	return Leg{Kind: LegWalk, From: a, To: b, Metres: -1, Estimated: true, Trip: -1, Route: -1}
}

// rideAt resolves the ride label of v at round r (descending through
// inherited labels) into a leg; ok is false when there is none.
func (w *Searcher) rideAt(r int, v int32) (Leg, int, bool) {
	i := w.idx(r, v)
	for w.rideKind[i] == rideInherited && r > 0 {
		r--
		i = w.idx(r, v)
	}
	if w.rideKind[i] < rideSlot {
		return Leg{}, r, false
	}
	sl := int(w.rideKind[i] - rideSlot)
	return w.rideLeg(w.rideTrip[i], sl, int32(w.rideBoard[i]), int32(w.rideAlight[i])), r, true
}

// labelAt resolves the tau label kind of v at round r.
func (w *Searcher) labelAt(r int, v int32) (uint8, int) {
	i := w.idx(r, v)
	for w.kind[i] == kindInherited && r > 0 {
		r--
		i = w.idx(r, v)
	}
	return w.kind[i], r
}

// forwardJourney follows parents back from v's last-round label.
func (w *Searcher) forwardJourney(v int32, rideOnly bool, j *Journey) bool {
	legs := j.Legs[:0]
	r, useRide := w.k, rideOnly
	for steps := 0; ; steps++ {
		if steps > 4*(w.k+2) {
			return false // defensive: parents never cycle
		}
		if useRide {
			leg, rr, ok := w.rideAt(r, v)
			if !ok {
				return false
			}
			legs = append(legs, leg)
			v, r, useRide = leg.From, rr-1, false
			continue
		}
		kind, rr := w.labelAt(r, v)
		r = rr
		switch kind {
		case kindOrigin:
			legs = append(legs, Leg{Kind: LegAccess, From: -1, To: v, Seconds: w.srcSec[v], Metres: w.srcM[v], Trip: -1, Route: -1})
			slices.Reverse(legs)
			j.Legs = legs
			w.forwardTimes(j)
			return true
		case kindWalk:
			q := w.walkFrom[w.idx(r, v)]
			legs = append(legs, w.walkLeg(q, v))
			v, useRide = q, true
		case kindRide:
			useRide = true
		default:
			return false
		}
	}
}

// forwardTimes fills walk times: the access walk ends as the first ride
// leaves; transfers start when the previous ride arrives.
func (w *Searcher) forwardTimes(j *Journey) {
	legs := j.Legs
	for i := range legs {
		l := &legs[i]
		switch {
		case l.Kind == LegAccess && i+1 < len(legs):
			l.Arrive = legs[i+1].Depart
			l.Depart = l.Arrive - l.Seconds
		case l.Kind == LegAccess:
			l.Arrive = w.sign * w.tau[w.idx(0, l.To)]
			l.Depart = l.Arrive - l.Seconds
		case l.Kind == LegWalk:
			l.Depart = legs[i-1].Arrive
			l.Arrive = l.Depart + l.Seconds
		}
	}
	w.finish(j)
}

// reverseJourney follows parents forward in time from v's label in a
// reverse search.
func (w *Searcher) reverseJourney(v int32, rideOnly bool, j *Journey) bool {
	legs := j.Legs[:0]
	r, useRide := w.k, rideOnly
	for steps := 0; ; steps++ {
		if steps > 4*(w.k+2) {
			return false
		}
		if useRide {
			leg, rr, ok := w.rideAt(r, v)
			if !ok {
				return false
			}
			legs = append(legs, leg)
			v, r, useRide = leg.To, rr-1, false
			continue
		}
		kind, rr := w.labelAt(r, v)
		r = rr
		switch kind {
		case kindOrigin:
			legs = append(legs, Leg{Kind: LegEgress, From: v, To: -1, Seconds: w.srcSec[v], Metres: w.srcM[v], Trip: -1, Route: -1})
			j.Legs = legs
			w.reverseTimes(j)
			return true
		case kindWalk:
			q := w.walkFrom[w.idx(r, v)]
			legs = append(legs, w.walkLeg(v, q))
			v, useRide = q, true
		case kindRide:
			useRide = true
		default:
			return false
		}
	}
}

// reverseTimes fills walk times: transfers start when the previous ride
// arrives (or, first, end as the next ride leaves); the egress walk starts
// when the last ride arrives.
func (w *Searcher) reverseTimes(j *Journey) {
	legs := j.Legs
	for i := range legs {
		l := &legs[i]
		if l.Kind == LegRide {
			continue
		}
		switch {
		case i > 0:
			l.Depart = legs[i-1].Arrive
		case i+1 < len(legs):
			l.Depart = legs[i+1].Depart - l.Seconds
		default:
			l.Depart = w.sign * w.tau[w.idx(0, l.From)]
		}
		l.Arrive = l.Depart + l.Seconds
	}
	w.finish(j)
}

// appendEgress adds the walk from the last stop to the destination point.
func (w *Searcher) appendEgress(v int32, j *Journey) bool {
	last := j.Legs[len(j.Legs)-1]
	j.Legs = append(j.Legs, Leg{Kind: LegEgress, From: v, To: -1, Depart: last.Arrive,
		Arrive: last.Arrive + w.dstSec[v], Seconds: w.dstSec[v], Metres: w.dstM[v], Trip: -1, Route: -1})
	w.finish(j)
	return true
}

// prependAccess adds the walk from the origin point to the first stop.
func (w *Searcher) prependAccess(v int32, j *Journey) bool {
	first := j.Legs[0]
	j.Legs = append(j.Legs, Leg{})
	copy(j.Legs[1:], j.Legs)
	j.Legs[0] = Leg{Kind: LegAccess, From: -1, To: v, Depart: first.Depart - w.dstSec[v],
		Arrive: first.Depart, Seconds: w.dstSec[v], Metres: w.dstM[v], Trip: -1, Route: -1}
	w.finish(j)
	return true
}

// finish sets the journey's times and access summary.
func (w *Searcher) finish(j *Journey) {
	j.Depart, j.Arrive = j.Legs[0].Depart, j.Legs[len(j.Legs)-1].Arrive
	j.Access = AccessYes
	j.Assumed = j.Assumed[:0]
	for _, l := range j.Legs {
		if l.Kind != LegRide {
			continue
		}
		w.note(j, ElementStop, l.From, l.BoardAccess)
		w.note(j, ElementTrip, l.Trip, l.TripAccess)
		w.note(j, ElementStop, l.To, l.AlightAccess)
	}
}

func (w *Searcher) note(j *Journey, kind ElementKind, i int32, a Access) {
	j.Access = Worse(j.Access, a)
	if a != AccessAssumed {
		return
	}
	for _, e := range j.Assumed {
		if e.Kind == kind && e.Index == i {
			return
		}
	}
	j.Assumed = append(j.Assumed, w.s.element(kind, i))
}

// element describes a stop or trip with its access value and, when
// assumed, the reason of its feed's policy.
func (s *Snapshot) element(kind ElementKind, i int32) Element {
	if kind == ElementTrip {
		f := s.tripFeed[i]
		return Element{Kind: kind, Index: i, ID: s.tripID[i], Name: s.routeShort[s.tripRoute[i]],
			Access: s.tripAccess[i], Reason: s.reason(f, s.tripAccess[i])}
	}
	f := s.stopFeed[i]
	return Element{Kind: kind, Index: i, ID: s.stopID[i], Name: s.stopName[i],
		Access: s.stopAccess[i], Reason: s.reason(f, s.stopAccess[i])}
}

func (s *Snapshot) reason(feed int32, a Access) string {
	if a != AccessAssumed {
		return ""
	}
	return s.feeds[feed].policy.Reason
}
