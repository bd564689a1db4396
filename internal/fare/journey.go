package fare

import "time"

// RideFare is what one ride costs who: JourneyFare of that ride alone.
func (c *Calculator) RideFare(r Ride, who Rider) Amount {
	return c.JourneyFare([]Ride{r}, who)
}

// JourneyFare is what a journey of consecutive rides costs who, companion
// included. Rides are summed after the feed's transfer rules (fares v1
// transfers and transfer_duration, fares v2 fare_transfer_rules); the
// confidence is the worst of the parts, and an unknown part makes the total
// unknown while Pence keeps the sum of the rest. A pass holder pays the
// cheaper of using the pass and not using it, so a pass never costs more.
func (c *Calculator) JourneyFare(rides []Ride, who Rider) Amount {
	total := c.traveller(rides, who, false)
	if who.Companion {
		total = plus(total, c.traveller(rides, who, true))
	}
	return total
}

// ReturnFare is what going out and coming back costs who: the two journeys'
// fares or, when each is one ride priced by the same operator rule with a
// ReturnPence, that return fare if it is cheaper.
func (c *Calculator) ReturnFare(out, back []Ride, who Rider) Amount {
	total := c.returnTraveller(out, back, who, false)
	if who.Companion {
		total = plus(total, c.returnTraveller(out, back, who, true))
	}
	return total
}

func (c *Calculator) returnTraveller(out, back []Ride, who Rider, companion bool) Amount {
	singles := plus(c.traveller(out, who, companion), c.traveller(back, who, companion))
	if len(out) != 1 || len(back) != 1 {
		return singles
	}
	a, b := c.price(out[0]), c.price(back[0])
	if a.src != srcConfig || a.rule != b.rule || b.src != srcConfig || c.rules[a.rule].ReturnPence == nil {
		return singles
	}
	o := c.rules[a.rule]
	ret := Amount{Pence: *o.ReturnPence, Currency: "GBP", Confidence: Estimated, Note: joinNotes(o.Note, "return fare")}
	return cheaper(singles, ret)
}

// traveller prices rides for the holder (companion false) or the companion.
// Without a pass everything is paid; with one, the cheaper of paying and of
// riding free wherever the pass allows (for the companion, only where the
// holder's authority allows a companion).
func (c *Calculator) traveller(rides []Ride, who Rider, companion bool) Amount {
	full := c.pay(rides, func(Ride) bool { return false })
	if !who.Concession {
		return full
	}
	pass := c.pay(rides, func(r Ride) bool {
		w := c.window(r.authority(who))
		return w.free(r.Board, r.mode()) && (!companion || w.companion)
	})
	return cheaper(pass, full)
}

// cheaper prefers the amount that is not unknown, then the lower, then a.
func cheaper(a, b Amount) Amount {
	switch {
	case a.Confidence == Unknown && b.Confidence != Unknown:
		return b
	case b.Confidence == Unknown && a.Confidence != Unknown:
		return a
	case b.Pence < a.Pence:
		return b
	}
	return a
}

// pay sums the rides for one traveller; free says which rides the
// traveller's pass makes free. A free ride ends any ticket in use.
func (c *Calculator) pay(rides []Ride, free func(Ride) bool) Amount {
	total := Amount{Confidence: Known}
	var ch chain
	for _, r := range rides {
		if free(r) {
			total = plus(total, Amount{Confidence: Known, Concession: true, Note: "free under the ENCTS"})
			ch = chain{}
			continue
		}
		total = plus(total, c.charge(&ch, c.price(r), r))
	}
	total.Pence = max(total.Pence, 0)
	return total
}

// chain is the ticket in use along a journey: the fare (v1) or leg group
// (v2) of the last paid ride, and the sequence it began.
type chain struct {
	src       source
	feed      string
	key       string
	left      int   // v1: transfers left; negative is unlimited
	dur       int32 // v1: transfer duration
	first     Ride  // first ride of the sequence
	transfers int32 // v2: transfers so far in the sequence
	prev      int64 // v2: the previous leg's own price
}

// charge is what ride r costs given the ticket in use, updating it.
func (c *Calculator) charge(ch *chain, l leg, r Ride) Amount {
	if l.amt.Confidence != Unknown && ch.src == l.src && ch.feed == r.FeedID {
		switch l.src {
		case srcV1:
			if a, ok := ch.v1Transfer(l, r); ok {
				return a
			}
		case srcV2:
			if a, ok := c.feeds[r.FeedID].v2Transfer(ch, l, r); ok {
				return a
			}
		}
	}
	*ch = chain{src: l.src, feed: r.FeedID, key: l.key, left: l.transfers, dur: l.dur, first: r, prev: l.amt.Pence}
	if l.amt.Confidence == Unknown || (l.src != srcV1 && l.src != srcV2) {
		*ch = chain{}
	}
	return l.amt
}

// v1Transfer rides free on the same fare while transfers remain and the
// transfer duration since the first boarding has not run out.
func (ch *chain) v1Transfer(l leg, r Ride) (Amount, bool) {
	if ch.key != l.key || ch.left == 0 || !within(ch.first.Board, r.Board, ch.dur) {
		return Amount{}, false
	}
	if ch.left > 0 {
		ch.left--
	}
	return Amount{Currency: l.amt.Currency, Confidence: l.amt.Confidence, Note: "transfer on fare " + l.key}, true
}

// v2Transfer applies the fare_transfer_rules row from the previous leg's
// group to this one, within its transfer count and duration limit
// (measured from the first leg of the sequence).
func (x *feedIndex) v2Transfer(ch *chain, l leg, r Ride) (Amount, bool) {
	tr, ok := x.transferRule(ch.key, l.key)
	if !ok || (tr.TransferCount > 0 && ch.transfers >= tr.TransferCount) || !durationOK(tr, ch.first, r) {
		return Amount{}, false
	}
	ab := Amount{Currency: l.amt.Currency, Confidence: Known}
	if tr.ProductID != "" {
		if ab, ok = x.productPrice(tr.ProductID); !ok {
			return Amount{}, false
		}
	}
	cost := ab.Pence // 0: A+AB
	switch tr.Type {
	case 1: // A+AB+B
		cost += l.amt.Pence
	case 2: // AB in place of A+B
		cost -= ch.prev
	}
	ch.transfers++
	ch.key, ch.prev = l.key, l.amt.Pence
	return Amount{Pence: cost, Currency: l.amt.Currency, Confidence: min(l.amt.Confidence, ab.Confidence),
		Note: joinNotes(ab.Note, "transfer from leg group "+tr.FromLegGroupID)}, true
}

// durationOK checks a transfer rule's duration limit between the first
// ride of the sequence and this one. A limit that needs a time the rides
// do not carry is not met.
func durationOK(tr TransferRule, first, r Ride) bool {
	if tr.DurationLimitSec < 0 {
		return true
	}
	from, to := first.Board, r.Alight
	switch tr.DurationLimitType {
	case 1:
		to = r.Board
	case 2:
		from, to = first.Alight, r.Board
	case 3:
		from = first.Alight
	}
	return within(from, to, tr.DurationLimitSec)
}

// within reports whether t is no earlier than start and no more than dur
// seconds after it; a negative dur is no limit. Zero times never qualify
// against a limit.
func within(start, t time.Time, dur int32) bool {
	if dur < 0 {
		return true
	}
	if start.IsZero() || t.IsZero() {
		return false
	}
	d := t.Sub(start)
	return d >= 0 && d <= time.Duration(dur)*time.Second
}
