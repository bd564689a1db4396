package fare

import (
	"testing"
)

func gbp(id string, pence int64) Attribute {
	return Attribute{ID: id, PricePence: pence, Currency: "GBP", TransferDurationSec: -1}
}

func TestV1Matching(t *testing.T) {
	f := FeedFares{
		Attributes: []Attribute{gbp("generic", 200), gbp("route9", 350), gbp("zoneAB", 180), gbp("zoneAB9", 400),
			gbp("thru", 500), gbp("otherAgency", 100)},
		Rules: []Rule{
			{FareID: "route9", RouteID: "9"},
			{FareID: "zoneAB", OriginID: "A", DestinationID: "B"},
			{FareID: "zoneAB9", RouteID: "9", OriginID: "A", DestinationID: "B"},
			{FareID: "thru", ContainsID: "A"}, {FareID: "thru", ContainsID: "B"}, {FareID: "thru", ContainsID: "C"},
		},
	}
	f.Attributes[5].AgencyID = "OTHER"
	c := mustNew(t, Config{}, map[string]FeedFares{"f": f})
	cases := []struct {
		name string
		r    Ride
		want int64
	}{
		{"generic route", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "1"}, 200},
		{"route-specific beats generic though dearer", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "9"}, 350},
		{"zones A to B", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "1", BoardStopZone: "A", AlightStopZone: "B"}, 180},
		{"zones B to A is not A to B", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "1", BoardStopZone: "B", AlightStopZone: "A"}, 200},
		{"route and zones beat route", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "9", BoardStopZone: "A", AlightStopZone: "B"}, 400},
		{"contains exactly A B C", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "1", ZonesPassed: []string{"C", "A", "B", "A"}}, 500},
		{"contains A B only", Ride{FeedID: "f", Mode: Bus, AgencyID: "X", RouteID: "1", ZonesPassed: []string{"A", "B"}}, 200},
		{"other agency's generic fare is cheaper", Ride{FeedID: "f", Mode: Bus, AgencyID: "OTHER", RouteID: "1"}, 100},
	}
	for _, cs := range cases {
		got := c.RideFare(cs.r, Rider{})
		if got.Pence != cs.want || got.Confidence != Known {
			t.Errorf("%s: %+v, want %d known", cs.name, got, cs.want)
		}
	}
}

func TestV1TransferCount(t *testing.T) {
	one := gbp("one", 200)
	one.Transfers, one.TransferDurationSec = 1, 3600
	c := mustNew(t, Config{}, map[string]FeedFares{"f": {Attributes: []Attribute{one}}})
	r := Ride{FeedID: "f", Mode: Bus, Board: at(t, "2026-05-12 08:00")}
	rides := []Ride{r, r, r}
	rides[1].Board = r.Board.Add(10 * 60e9)
	rides[2].Board = r.Board.Add(20 * 60e9)
	if got := c.JourneyFare(rides, Rider{}); got.Pence != 400 {
		t.Errorf("three rides on a one-transfer fare: %+v, want 400", got)
	}
	other := mustNew(t, Config{}, map[string]FeedFares{"f": {Attributes: []Attribute{one}}, "g": {Attributes: []Attribute{one}}})
	rides[1].FeedID = "g"
	if got := other.JourneyFare(rides[:2], Rider{}); got.Pence != 400 {
		t.Errorf("no transfer between feeds: %+v, want 400", got)
	}
}

func product(id string, pence int64) Product {
	return Product{ID: id, AmountPence: pence, Currency: "GBP"}
}

func TestV2Matching(t *testing.T) {
	f := FeedFares{
		Products: []Product{product("any", 200), product("net", 300), product("town", 150), product("townNet", 120),
			product("peak", 500), product("xfer", 50)},
		LegRules: []LegRule{
			{LegGroupID: "g-any", ProductID: "any", Priority: -1},
			{LegGroupID: "g-net", NetworkID: "N", ProductID: "net", Priority: -1},
			{LegGroupID: "g-town", FromAreaID: "town", ToAreaID: "town", ProductID: "town", Priority: -1},
			{LegGroupID: "g-tn", NetworkID: "N", FromAreaID: "town", ToAreaID: "town", ProductID: "townNet", Priority: -1},
			{LegGroupID: "g-peak", NetworkID: "P", FromTimeframeGroupID: "peak", ProductID: "peak", Priority: -1},
		},
		TransferRules: []TransferRule{
			{FromLegGroupID: "g-any", ToLegGroupID: "g-net", TransferCount: -1, DurationLimitSec: -1, Type: 0, ProductID: "xfer"},
			{FromLegGroupID: "g-net", ToLegGroupID: "g-any", TransferCount: -1, DurationLimitSec: -1, Type: 1, ProductID: "xfer"},
			{FromLegGroupID: "g-town", ToLegGroupID: "g-town", TransferCount: -1, DurationLimitSec: -1, Type: 2, ProductID: "net"},
		},
		StopAreas: []StopArea{{"town", "s1"}, {"town", "s2"}},
	}
	c := mustNew(t, Config{}, map[string]FeedFares{"f": f})
	base := Ride{FeedID: "f", Mode: Bus, Board: at(t, "2026-05-12 10:00")}
	net, town, townNet, peak := base, base, base, base
	net.NetworkID = "N"
	town.BoardStopID, town.AlightStopID = "s1", "s2"
	townNet = town
	townNet.NetworkID = "N"
	peak.NetworkID = "P"
	for _, cs := range []struct {
		name string
		r    []Ride
		want int64
		conf Confidence
	}{
		{"empty network matches a route with none", []Ride{base}, 200, Known},
		{"network N exact", []Ride{net}, 300, Known},
		{"areas exact, network empty", []Ride{town}, 150, Known},
		{"network and areas exact", []Ride{townNet}, 120, Known},
		{"timeframes are not evaluated", []Ride{peak}, 0, Unknown},
		{"A+AB: any then net pays 200 + 50", []Ride{base, net}, 250, Known},
		{"A+AB+B: net then any pays 300 + 50 + 200", []Ride{net, base}, 550, Known},
		{"AB: town then town pays 300 in all", []Ride{town, town}, 300, Known},
	} {
		got := c.JourneyFare(cs.r, Rider{})
		if got.Pence != cs.want || got.Confidence != cs.conf {
			t.Errorf("%s: %+v, want %d %s", cs.name, got, cs.want, cs.conf)
		}
	}
}

func TestV2Priority(t *testing.T) {
	f := FeedFares{
		Products: []Product{product("low", 100), product("high", 400)},
		LegRules: []LegRule{
			{LegGroupID: "a", NetworkID: "N", ProductID: "low", Priority: 0},
			{LegGroupID: "b", ProductID: "high", Priority: 5},
		},
	}
	c := mustNew(t, Config{}, map[string]FeedFares{"f": f})
	if got := c.RideFare(Ride{FeedID: "f", Mode: Bus, NetworkID: "N"}, Rider{}); got.Pence != 400 {
		t.Errorf("higher priority empty-network rule should win: %+v", got)
	}
}

// A cap in configuration caps the operator's feed fares in GBP, and the
// capped fare becomes an estimate.
func TestCapOnFeedFare(t *testing.T) {
	cfg := DefaultEngland()
	c := mustNew(t, cfg, map[string]FeedFares{"f": {Attributes: []Attribute{gbp("dear", 450)}}})
	if got := c.RideFare(Ride{FeedID: "f", Mode: Bus}, Rider{}); got.Pence != 300 || got.Confidence != Estimated {
		t.Errorf("bus: %+v, want capped 300 estimated", got)
	}
	if got := c.RideFare(Ride{FeedID: "f", Mode: Rail}, Rider{}); got.Pence != 450 || got.Confidence != Known {
		t.Errorf("rail: %+v, want 450 known", got)
	}
}

func TestOperatorRules(t *testing.T) {
	p := func(v int64) *int64 { return &v }
	cfg := Config{Rules: []OperatorRule{
		{Mode: Bus, CapPence: p(300)},
		{Mode: Bus, Agency: "SV", SinglePence: p(500), CapPence: p(300), ReturnPence: p(650)},
		{Mode: Bus, Feed: "iow", Agency: "SV", SinglePence: p(250), ReturnPence: p(400)},
		{Mode: DialARide, Zone: "west-wight", SinglePence: p(400)},
		{Mode: Coach, SinglePence: p(0), Note: "a free shuttle"},
	}}
	c := mustNew(t, cfg, nil)
	ride := func(feed, agency string, m Mode) Ride {
		return Ride{FeedID: feed, AgencyID: agency, Mode: m, Board: at(t, "2026-05-12 08:00")}
	}
	drt := ride("iow", "DRT", DialARide)
	drt.BoardStopZone = "west-wight"
	for _, cs := range []struct {
		name string
		r    Ride
		want int64
		conf Confidence
	}{
		{"any bus: the cap", ride("x", "Y", Bus), 300, Estimated},
		{"agency single capped", ride("x", "SV", Bus), 300, Estimated},
		{"feed and agency single", ride("iow", "SV", Bus), 250, Estimated},
		{"dial-a-ride zone", drt, 400, Estimated},
		{"dial-a-ride elsewhere", ride("iow", "DRT", DialARide), 0, Unknown},
		{"configured free coach", ride("c", "C", Coach), 0, Estimated},
		{"rail", ride("r", "R", Rail), 0, Unknown},
	} {
		got := c.RideFare(cs.r, Rider{})
		if got.Pence != cs.want || got.Confidence != cs.conf {
			t.Errorf("%s: %+v, want %d %s", cs.name, got, cs.want, cs.conf)
		}
	}
	out, back := ride("iow", "SV", Bus), ride("iow", "SV", Bus)
	if got := c.ReturnFare([]Ride{out}, []Ride{back}, Rider{}); got.Pence != 400 {
		t.Errorf("return cheaper than two singles: %+v, want 400", got)
	}
	if got := c.ReturnFare([]Ride{out}, []Ride{back}, Rider{Companion: true}); got.Pence != 800 {
		t.Errorf("return with companion: %+v, want 800", got)
	}
	cap1, cap2 := ride("x", "SV", Bus), ride("x", "SV", Bus)
	if got := c.ReturnFare([]Ride{cap1}, []Ride{cap2}, Rider{}); got.Pence != 600 {
		t.Errorf("two capped singles: %+v, want 600 (the 650 return is dearer)", got)
	}
}

// Unknown stays unknown, is never free, and keeps the known partial sum.
func TestUnknownIsNeverFree(t *testing.T) {
	c := mustNew(t, DefaultEngland(), nil)
	bus := Ride{Mode: Bus, Board: at(t, "2026-05-12 08:00")}
	rail := Ride{Mode: Rail, RouteID: "GW", Board: at(t, "2026-05-12 09:00")}
	if got := c.RideFare(rail, Rider{}); got.Confidence != Unknown || got.Free() || got.Note == "" {
		t.Errorf("rail with no fares: %+v, want unknown with a note", got)
	}
	if got := c.RideFare(rail, Rider{Concession: true}); got.Confidence != Unknown || got.Free() {
		t.Errorf("pass on rail: %+v, want unknown", got)
	}
	got := c.JourneyFare([]Ride{bus, rail}, Rider{})
	if got.Confidence != Unknown || got.Pence != 300 {
		t.Errorf("bus + rail: %+v, want unknown with 300 known so far", got)
	}
	if (Amount{}).Free() {
		t.Error("the zero Amount reads as free")
	}
}
