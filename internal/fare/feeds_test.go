package fare

import (
	"testing"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

// loadFares fills FeedFares from a GTFS feed the way a storage layer would.
func loadFares(t *testing.T, path string) FeedFares {
	t.Helper()
	feed, err := gtfs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	var f FeedFares
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(feed.FareAttributes(func(a gtfs.FareAttribute) error {
		p, err := gtfs.MinorUnits(a.Price, a.CurrencyType)
		f.Attributes = append(f.Attributes, Attribute{ID: a.ID, PricePence: p, Currency: a.CurrencyType,
			AgencyID: a.AgencyID, Transfers: int(a.Transfers), TransferDurationSec: a.TransferDuration})
		return err
	}))
	must(feed.FareRules(func(r gtfs.FareRule) error {
		f.Rules = append(f.Rules, Rule{r.FareID, r.RouteID, r.OriginID, r.DestinationID, r.ContainsID})
		return nil
	}))
	must(feed.FareProducts(func(p gtfs.FareProduct) error {
		v, err := gtfs.MinorUnits(p.Amount, p.Currency)
		f.Products = append(f.Products, Product{p.ID, p.Name, p.RiderCategoryID, p.FareMediaID, v, p.Currency})
		return err
	}))
	must(feed.FareLegRules(func(r gtfs.FareLegRule) error {
		f.LegRules = append(f.LegRules, LegRule{r.LegGroupID, r.NetworkID, r.FromAreaID, r.ToAreaID,
			r.FromTimeframeGroupID, r.ToTimeframeGroupID, r.FareProductID, r.RulePriority})
		return nil
	}))
	must(feed.FareTransferRules(func(r gtfs.FareTransferRule) error {
		f.TransferRules = append(f.TransferRules, TransferRule{r.FromLegGroupID, r.ToLegGroupID, r.TransferCount,
			r.DurationLimit, r.DurationLimitType, r.FareTransferType, r.FareProductID})
		return nil
	}))
	must(feed.StopAreas(func(sa gtfs.StopArea) error {
		f.StopAreas = append(f.StopAreas, StopArea{sa.AreaID, sa.StopID})
		return nil
	}))
	return f
}

// Porto Alegre's EPTC feed has one flat fare, R$4.70, with no fare_rules
// and no transfers: every route costs 470 centavos, known, even under the
// England config (its cap is in GBP), and two rides cost two fares.
func TestPortoAlegreFlatFare(t *testing.T) {
	c := mustNew(t, DefaultEngland(), map[string]FeedFares{"poa": loadFares(t, "../../testdata/poa/poa_eptc.zip")})
	r := Ride{Mode: Bus, FeedID: "poa", AgencyID: "EPTC", RouteID: "R4", Board: at(t, "2021-07-05 07:00")}
	got := c.RideFare(r, Rider{})
	if got.Pence != 470 || got.Currency != "BRL" || got.Confidence != Known {
		t.Fatalf("R4: %+v, want 470 BRL known", got)
	}
	r2 := r
	r2.RouteID, r2.Board = "2441", r.Board.Add(20*60e9)
	if got := c.JourneyFare([]Ride{r, r2}, Rider{}); got.Pence != 940 || got.Confidence != Known {
		t.Errorf("two rides: %+v, want 940 known", got)
	}
	// Brazil's buses are not English local buses, but the pass is judged on
	// mode alone: a caller must not give a Brazilian rider a pass.
	if got := c.RideFare(r, Rider{Concession: true}); got.Pence != 470 {
		t.Errorf("07:00 is before 09:30, pass holder pays: %+v", got)
	}
}

// The good fixture has fares v1 (F1: £2.50 on route 352, unlimited
// transfers within an hour) and fares v2 (product "single", £2.50 cash or
// £2.00 contactless, for every leg; free island→island transfers within an
// hour). Fares v2 wins when present.
func TestGoodFixtureFares(t *testing.T) {
	f := loadFares(t, "../gtfs/testdata/good")
	if len(f.Attributes) != 1 || len(f.LegRules) != 1 {
		t.Fatalf("fixture read %d attributes, %d leg rules", len(f.Attributes), len(f.LegRules))
	}
	r := Ride{Mode: Bus, FeedID: "iow", AgencyID: "SV", RouteID: "352", BoardStopID: "230000003100",
		Board: at(t, "2026-05-12 08:00")}
	later := r
	later.Board = r.Board.Add(45 * 60e9)
	tooLate := r
	tooLate.Board = r.Board.Add(70 * 60e9)

	v2 := mustNew(t, Config{}, map[string]FeedFares{"iow": f})
	if got := v2.RideFare(r, Rider{}); got.Pence != 250 || got.Confidence != Known || got.Note == "" {
		t.Errorf("v2 single: %+v, want 250 known, dearest medium, with a note", got)
	}
	if got := v2.JourneyFare([]Ride{r, later}, Rider{}); got.Pence != 250 {
		t.Errorf("v2 transfer within the hour: %+v, want 250", got)
	}
	if got := v2.JourneyFare([]Ride{r, tooLate}, Rider{}); got.Pence != 500 {
		t.Errorf("v2 transfer after the hour: %+v, want 500", got)
	}

	f.Products, f.LegRules, f.TransferRules = nil, nil, nil
	v1 := mustNew(t, Config{}, map[string]FeedFares{"iow": f})
	if got := v1.RideFare(r, Rider{}); got.Pence != 250 || got.Confidence != Known {
		t.Errorf("v1 route 352: %+v, want 250 known", got)
	}
	if got := v1.JourneyFare([]Ride{r, later}, Rider{}); got.Pence != 250 {
		t.Errorf("v1 transfer within transfer_duration: %+v, want 250", got)
	}
	if got := v1.JourneyFare([]Ride{r, tooLate}, Rider{}); got.Pence != 500 {
		t.Errorf("v1 transfer after transfer_duration: %+v, want 500", got)
	}
	other := r
	other.RouteID = "354"
	if got := v1.RideFare(other, Rider{}); got.Confidence != Unknown || got.Free() {
		t.Errorf("route 354 has no fare and no config: %+v, want unknown", got)
	}
	withCap := mustNew(t, DefaultEngland(), map[string]FeedFares{"iow": f})
	if got := withCap.RideFare(other, Rider{}); got.Pence != 300 || got.Confidence != Estimated {
		t.Errorf("route 354 under the England default: %+v, want 300 estimated", got)
	}
}
