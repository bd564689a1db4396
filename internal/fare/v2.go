package fare

import (
	"fmt"
	"slices"
)

// v2 matches a ride against fares v2 leg rules by network and areas (see
// legCandidates) and prices it with the cheapest matching product. A match
// that depends on timeframes is reported as unknown: timeframes are not
// evaluated.
func (x *feedIndex) v2(r Ride) (leg, bool) {
	if len(x.f.LegRules) == 0 {
		return leg{}, false
	}
	cand := x.legCandidates(r)
	best, bestPence := -1, int64(0)
	var bestAmt Amount
	for _, i := range cand {
		lr := x.f.LegRules[i]
		if lr.FromTimeframeGroupID != "" || lr.ToTimeframeGroupID != "" {
			return leg{amt: unknownAmount("the feed's fare depends on timeframes, which are not evaluated"), src: srcV2}, true
		}
		if a, ok := x.productPrice(lr.ProductID); ok && (best < 0 || a.Pence < bestPence) {
			best, bestPence, bestAmt = i, a.Pence, a
		}
	}
	if best < 0 {
		return leg{}, false
	}
	return leg{amt: bestAmt, src: srcV2, key: x.f.LegRules[best].LegGroupID}, true
}

// legCandidates filters the leg rules by network, departure area and
// arrival area. Without rule priorities, GTFS matches a field exactly when
// some rule names the ride's value and falls back to the rules leaving it
// empty otherwise; with priorities, empty matches anything and only the
// highest priority (absent counts as 0) is kept.
func (x *feedIndex) legCandidates(r Ride) []int {
	c := make([]int, len(x.f.LegRules))
	for i := range c {
		c[i] = i
	}
	keep := narrow
	if x.priority {
		keep = loose
	}
	rules := x.f.LegRules
	c = keep(c, func(i int) string { return rules[i].NetworkID }, nonEmpty(r.NetworkID))
	c = keep(c, func(i int) string { return rules[i].FromAreaID }, x.areas[r.BoardStopID])
	c = keep(c, func(i int) string { return rules[i].ToAreaID }, x.areas[r.AlightStopID])
	if x.priority {
		c = highestPriority(c, rules)
	}
	return c
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// narrow keeps the candidates whose field is one of vals or, when none is,
// those whose field is empty.
func narrow(c []int, field func(int) string, vals []string) []int {
	var exact, empty []int
	for _, i := range c {
		switch f := field(i); {
		case f == "":
			empty = append(empty, i)
		case slices.Contains(vals, f):
			exact = append(exact, i)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return empty
}

// loose keeps the candidates whose field is empty or one of vals.
func loose(c []int, field func(int) string, vals []string) []int {
	return slices.DeleteFunc(c, func(i int) bool { f := field(i); return f != "" && !slices.Contains(vals, f) })
}

func highestPriority(c []int, rules []LegRule) []int {
	top := int32(0)
	for _, i := range c {
		top = max(top, rules[i].Priority)
	}
	return slices.DeleteFunc(c, func(i int) bool { return max(rules[i].Priority, 0) != top })
}

// productPrice prices a fare product: of its rows (one per fare medium or
// rider category) in the first row's currency, the dearest, so that a
// budget is never judged on a discount the rider may not have.
func (x *feedIndex) productPrice(id string) (Amount, bool) {
	rows := x.products[id]
	if len(rows) == 0 {
		return Amount{}, false
	}
	lo, hi := rows[0].AmountPence, rows[0].AmountPence
	for _, p := range rows[1:] {
		if p.Currency == rows[0].Currency {
			lo, hi = min(lo, p.AmountPence), max(hi, p.AmountPence)
		}
	}
	a := Amount{Pence: hi, Currency: rows[0].Currency, Confidence: Known}
	if lo != hi {
		a.Note = fmt.Sprintf("fare %s varies by payment or rider from %d to %d", id, lo, hi)
	}
	return a, true
}

// transferRule finds the fare_transfer_rules row from leg group from to leg
// group to, with the same exact-or-empty matching as legCandidates.
func (x *feedIndex) transferRule(from, to string) (TransferRule, bool) {
	rules := x.f.TransferRules
	c := make([]int, len(rules))
	for i := range c {
		c[i] = i
	}
	c = narrow(c, func(i int) string { return rules[i].FromLegGroupID }, []string{from})
	c = narrow(c, func(i int) string { return rules[i].ToLegGroupID }, []string{to})
	if len(c) == 0 {
		return TransferRule{}, false
	}
	return rules[c[0]], true
}
