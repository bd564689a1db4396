package fare

import (
	"errors"
	"fmt"
)

// feedIndex is one feed's fares with lookups built once.
type feedIndex struct {
	f        FeedFares
	simple   map[string][]Rule          // fare_id → rules without contains_id
	contains map[string][]containsGroup // fare_id → contains_id rule groups
	products map[string][]Product       // fare_product_id → rows
	areas    map[string][]string        // stop_id → area_ids
	priority bool                       // some leg rule sets rule_priority
}

// containsGroup is the contains_id rules of one fare sharing route, origin
// and destination: the fare applies when the zones a ride passes through
// are exactly Zones.
type containsGroup struct {
	key   Rule // RouteID, OriginID, DestinationID
	zones []string
}

func indexFeed(f FeedFares) (*feedIndex, error) {
	if err := checkFeed(f); err != nil {
		return nil, err
	}
	x := &feedIndex{f: f, simple: map[string][]Rule{}, contains: map[string][]containsGroup{},
		products: map[string][]Product{}, areas: map[string][]string{}}
	for _, r := range f.Rules {
		if r.ContainsID == "" {
			x.simple[r.FareID] = append(x.simple[r.FareID], r)
			continue
		}
		x.addContains(r)
	}
	for _, p := range f.Products {
		x.products[p.ID] = append(x.products[p.ID], p)
	}
	for _, sa := range f.StopAreas {
		x.areas[sa.StopID] = append(x.areas[sa.StopID], sa.AreaID)
	}
	for _, lr := range f.LegRules {
		x.priority = x.priority || lr.Priority >= 0
	}
	return x, nil
}

func (x *feedIndex) addContains(r Rule) {
	key := Rule{RouteID: r.RouteID, OriginID: r.OriginID, DestinationID: r.DestinationID}
	gs := x.contains[r.FareID]
	for i := range gs {
		if gs[i].key == key {
			gs[i].zones = append(gs[i].zones, r.ContainsID)
			return
		}
	}
	x.contains[r.FareID] = append(gs, containsGroup{key: key, zones: []string{r.ContainsID}})
}

// checkFeed rejects prices a sum could overflow on, negative fares and
// missing currencies.
func checkFeed(f FeedFares) error {
	for _, a := range f.Attributes {
		if a.PricePence < 0 || a.PricePence > MaxFeedPence {
			return fmt.Errorf("fare %s: price %d outside 0 to %d", a.ID, a.PricePence, MaxFeedPence)
		}
		if a.Currency == "" {
			return fmt.Errorf("fare %s: no currency", a.ID)
		}
	}
	for _, p := range f.Products {
		if p.AmountPence < -MaxFeedPence || p.AmountPence > MaxFeedPence {
			return fmt.Errorf("fare product %s: amount %d outside ±%d", p.ID, p.AmountPence, MaxFeedPence)
		}
		if p.Currency == "" {
			return fmt.Errorf("fare product %s: %w", p.ID, errors.New("no currency"))
		}
	}
	return nil
}
