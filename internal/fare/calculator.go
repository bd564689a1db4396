package fare

import (
	"fmt"
	"slices"
)

// MaxFeedPence bounds every feed price (£10 million), so sums of journeys
// cannot overflow.
const MaxFeedPence = 1_000_000_000

// Calculator prices rides and journeys from feed fares and configuration.
// It is immutable after New and safe for concurrent use.
type Calculator struct {
	rules   []OperatorRule
	windows map[string]window
	feeds   map[string]*feedIndex
}

// New validates cfg and indexes the fares of each feed, keyed by the feed
// id that rides carry in Ride.FeedID. Neither argument is kept: the
// calculator copies what it needs.
func New(cfg Config, feeds map[string]FeedFares) (*Calculator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Calculator{rules: slices.Clone(cfg.Rules), windows: map[string]window{}, feeds: map[string]*feedIndex{}}
	for _, e := range cfg.Extensions {
		c.windows[e.Authority] = windowOf(e)
	}
	for id, f := range feeds {
		x, err := indexFeed(f)
		if err != nil {
			return nil, fmt.Errorf("feed %s: %w", id, err)
		}
		c.feeds[id] = x
	}
	return c, nil
}

// source is where a ride's price came from.
type source uint8

const (
	srcNone source = iota
	srcV1
	srcV2
	srcConfig
)

// leg is one ride's own price before transfers and concessions.
type leg struct {
	amt       Amount
	src       source
	key       string // v1 fare_id or v2 leg_group_id
	transfers int    // v1: transfers the fare allows
	dur       int32  // v1: transfer duration in seconds, negative for none
	rule      int    // index of the operator rule that priced it, or -1
}

// price finds a ride's single fare: the feed's fares v2, then v1, then an
// operator rule; otherwise it is unknown.
func (c *Calculator) price(r Ride) leg {
	if x := c.feeds[r.FeedID]; x != nil {
		if l, ok := x.v2(r); ok {
			return c.capFeed(l, r)
		}
		if l, ok := x.v1(r); ok {
			return c.capFeed(l, r)
		}
	}
	if i := c.rule(r); i >= 0 {
		return leg{amt: c.rules[i].estimate(), src: srcConfig, rule: i}
	}
	return leg{amt: unknownAmount(fmt.Sprintf("no fare for %s route %q of feed %q in the feed or configuration",
		r.mode(), r.RouteID, r.FeedID)), rule: -1}
}

// capFeed applies a matching operator rule's cap to a feed fare in GBP. A
// capped fare is an estimate: the cap comes from configuration.
func (c *Calculator) capFeed(l leg, r Ride) leg {
	l.rule = -1
	i := c.rule(r)
	if i < 0 || c.rules[i].CapPence == nil || l.amt.Currency != "GBP" || l.amt.Confidence == Unknown {
		return l
	}
	if limit := *c.rules[i].CapPence; l.amt.Pence > limit {
		l.amt.Pence = limit
		l.amt.Confidence = min(l.amt.Confidence, Estimated)
		l.amt.Note = joinNotes(l.amt.Note, fmt.Sprintf("capped at %dp", limit))
	}
	return l
}
