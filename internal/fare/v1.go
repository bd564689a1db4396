package fare

import (
	"slices"
)

// v1 matches a ride against fares v1: of the fares whose agency and rules
// match, the most specific rule wins (a fare with no rules at all is the
// least specific and applies to every ride of its agency), and among
// equally specific fares the cheapest.
func (x *feedIndex) v1(r Ride) (leg, bool) {
	best, bestScore := -1, -1
	for i, a := range x.f.Attributes {
		if a.AgencyID != "" && r.AgencyID != "" && a.AgencyID != r.AgencyID {
			continue
		}
		s := x.score(a.ID, r)
		if s > bestScore || (s == bestScore && s >= 0 && a.PricePence < x.f.Attributes[best].PricePence) {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return leg{}, false
	}
	a := x.f.Attributes[best]
	return leg{amt: Amount{Pence: a.PricePence, Currency: a.Currency, Confidence: Known},
		src: srcV1, key: a.ID, transfers: a.Transfers, dur: a.TransferDurationSec}, true
}

// score is how specifically fare id matches r: the number of fields of its
// best matching rule (plus one for a contains group), 0 for a fare with no
// rules, -1 for no match.
func (x *feedIndex) score(id string, r Ride) int {
	simple, groups := x.simple[id], x.contains[id]
	if len(simple) == 0 && len(groups) == 0 {
		return 0
	}
	best := -1
	for _, rule := range simple {
		if n, ok := keyMatch(rule, r); ok {
			best = max(best, n)
		}
	}
	passed := zonesPassed(r)
	for _, g := range groups {
		if n, ok := keyMatch(g.key, r); ok && sameSet(g.zones, passed) {
			best = max(best, n+1)
		}
	}
	return best
}

// keyMatch matches route, origin and destination; it returns how many of
// them the rule sets.
func keyMatch(rule Rule, r Ride) (int, bool) {
	n := 0
	for _, f := range [][2]string{{rule.RouteID, r.RouteID}, {rule.OriginID, r.BoardStopZone}, {rule.DestinationID, r.AlightStopZone}} {
		if f[0] == "" {
			continue
		}
		if f[0] != f[1] {
			return 0, false
		}
		n++
	}
	return n, true
}

func zonesPassed(r Ride) []string {
	if r.ZonesPassed != nil {
		return r.ZonesPassed
	}
	var zs []string
	for _, z := range []string{r.BoardStopZone, r.AlightStopZone} {
		if z != "" {
			zs = append(zs, z)
		}
	}
	return zs
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
