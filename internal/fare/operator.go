package fare

// rule returns the index of the operator rule for r: same mode, every
// non-empty match field equal, the most of them set; among equals the
// first. It returns -1 when none matches.
func (c *Calculator) rule(r Ride) int {
	best, bestScore := -1, -1
	m := r.mode()
	for i, o := range c.rules {
		if o.Mode != m {
			continue
		}
		if s, ok := o.score(r); ok && s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// score counts the match fields o sets; ok is false when one differs.
func (o OperatorRule) score(r Ride) (int, bool) {
	n := 0
	for _, f := range [][2]string{{o.Feed, r.FeedID}, {o.Agency, r.AgencyID}, {o.Zone, r.BoardStopZone}} {
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

// single is the rule's single fare: SinglePence, no more than CapPence;
// CapPence alone when no single is configured.
func (o OperatorRule) single() int64 {
	if o.SinglePence == nil {
		return *o.CapPence
	}
	if o.CapPence != nil {
		return min(*o.SinglePence, *o.CapPence)
	}
	return *o.SinglePence
}

// estimate is the rule's single fare as an estimated amount in GBP.
func (o OperatorRule) estimate() Amount {
	note := o.Note
	if note == "" {
		note = "estimated from operator rules"
	}
	return Amount{Pence: o.single(), Currency: "GBP", Confidence: Estimated, Note: note}
}
