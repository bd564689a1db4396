package fare

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// propertyCalculator mixes every source: a v1 feed with transfers, a v2
// feed with a transfer rule, operator rules with caps, and an extension
// that allows companions and dial-a-ride.
func propertyCalculator(t *rapid.T) *Calculator {
	p := func(v int64) *int64 { return &v }
	f1 := gbp("v1", 280)
	f1.Transfers, f1.TransferDurationSec = 1, 3600
	cfg := Config{
		Rules: []OperatorRule{{Mode: Bus, CapPence: p(300)}, {Mode: DialARide, SinglePence: p(450)},
			{Mode: Coach, SinglePence: p(900), ReturnPence: p(1200)}},
		Extensions: []Extension{{Authority: "A", EarlierStart: "09:00", ExtraModes: []Mode{DialARide}, CompanionAllowed: true}},
	}
	c, err := New(cfg, map[string]FeedFares{
		"v1": {Attributes: []Attribute{f1}},
		"v2": {Products: []Product{product("p", 220), product("x", 60)},
			LegRules:      []LegRule{{LegGroupID: "g", ProductID: "p", Priority: -1}},
			TransferRules: []TransferRule{{FromLegGroupID: "g", ToLegGroupID: "g", TransferCount: 2, DurationLimitSec: 5400, DurationLimitType: 1, Type: 0, ProductID: "x"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func drawRides(t *rapid.T) []Ride {
	start := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 14*96).Draw(t, "start")) * 15 * time.Minute)
	n := rapid.IntRange(0, 5).Draw(t, "rides")
	rides := make([]Ride, n)
	for i := range rides {
		start = start.Add(time.Duration(rapid.IntRange(0, 90).Draw(t, "gap")) * time.Minute)
		rides[i] = Ride{
			Mode:      rapid.SampledFrom(Modes()).Draw(t, "mode"),
			FeedID:    rapid.SampledFrom([]string{"v1", "v2", "none"}).Draw(t, "feed"),
			RouteID:   "r",
			Board:     start,
			Alight:    start.Add(20 * time.Minute),
			Authority: rapid.SampledFrom([]string{"", "A", "B"}).Draw(t, "authority"),
		}
	}
	return rides
}

// A pass never makes a journey dearer or its fare less certain.
func TestPropertyConcessionNeverIncreases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := propertyCalculator(t)
		rides := drawRides(t)
		who := Rider{Authority: rapid.SampledFrom([]string{"", "A"}).Draw(t, "rider"), Companion: rapid.Bool().Draw(t, "companion")}
		paid := c.JourneyFare(rides, who)
		who.Concession = true
		pass := c.JourneyFare(rides, who)
		if pass.Confidence < paid.Confidence {
			t.Fatalf("pass made the fare less certain: %+v vs %+v", pass, paid)
		}
		if paid.Confidence != Unknown && pass.Pence > paid.Pence {
			t.Fatalf("pass made the fare dearer: %+v vs %+v", pass, paid)
		}
	})
}

// A companion never makes a journey cheaper or its fare more certain.
func TestPropertyCompanionNeverDecreases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := propertyCalculator(t)
		rides := drawRides(t)
		who := Rider{Concession: rapid.Bool().Draw(t, "pass"), Authority: rapid.SampledFrom([]string{"", "A"}).Draw(t, "rider")}
		alone := c.JourneyFare(rides, who)
		who.Companion = true
		both := c.JourneyFare(rides, who)
		if both.Pence < alone.Pence || both.Confidence > alone.Confidence {
			t.Fatalf("companion: %+v, alone: %+v", both, alone)
		}
	})
}

// Unknown is never free: a journey with a ride nothing prices (and the
// pass does not cover) is unknown; a journey whose total is Free has every
// ride either priced or covered by the pass.
func TestPropertyUnknownNeverFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := propertyCalculator(t)
		rides := drawRides(t)
		who := Rider{Concession: rapid.Bool().Draw(t, "pass")}
		got := c.JourneyFare(rides, who)
		for _, r := range rides {
			unpriced := c.price(r).amt.Confidence == Unknown
			covered := who.Concession && c.ConcessionFree(r.Board, r.mode(), "")
			if unpriced && !covered && got.Confidence != Unknown {
				t.Fatalf("ride %+v has no fare but the journey is %+v", r, got)
			}
		}
	})
}
