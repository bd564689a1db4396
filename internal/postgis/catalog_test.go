package postgis_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

func importIsleOfWightSitesAndActivities(t *testing.T, db *postgis.DB) {
	t.Helper()
	ctx := context.Background()
	for _, f := range []struct {
		kind, source, path string
		loader             func(*os.File) postgis.Loader
	}{
		{"museums", "mm-iow", "../../geodata/isle-of-wight/museums/mapping-museums.csv",
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") }},
		{"openreferral", "iow-activities", "../../geodata/isle-of-wight/activities.json",
			func(f *os.File) postgis.Loader { return postgis.OpenReferralLoader(f, "activities.json", true) }},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Import(ctx, postgis.ImportSpec{SourceID: f.source, Kind: f.kind, Path: f.path, Checksum: f.path}, f.loader(fh))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCatalogReadsBackSitesAndActivities(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	importIsleOfWightSitesAndActivities(t, open(t, d.ImporterURL))
	api := open(t, d.APIURL)

	sites, err := api.Sites(ctx, postgis.BBox{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 33 {
		t.Fatalf("%d sites, want 33", len(sites))
	}
	// A box around Ryde holds only some of them.
	ryde := orb.Bound{Min: orb.Point{-1.20, 50.70}, Max: orb.Point{-1.12, 50.75}}
	near, err := api.Sites(ctx, ryde, 0)
	if err != nil || len(near) == 0 || len(near) >= 33 {
		t.Fatalf("sites near Ryde: %d, %v", len(near), err)
	}
	if capped, _ := api.Sites(ctx, postgis.BBox{}, 5); len(capped) != 5 {
		t.Errorf("limit 5 gave %d", len(capped))
	}
	acts, err := api.Activities(ctx, postgis.BBox{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 60 {
		t.Fatalf("%d activities, want 60", len(acts))
	}
	london, _ := time.LoadLocation("Europe/London")
	from := time.Date(2026, 12, 7, 0, 0, 0, 0, london)
	sessions, unknownPrice, unknownEntrance := 0, 0, 0
	for _, a := range acts {
		if !a.Activity.Illustrative {
			t.Errorf("%s is not marked illustrative", a.Activity.ID)
		}
		sessions += len(a.Activity.Sessions(from, from.AddDate(0, 0, 7), london))
		if len(a.Activity.Costs) == 0 || a.Activity.Costs[0].Amount == nil {
			unknownPrice++
		}
		if a.StepFree == heritage.AccessUnknown {
			unknownEntrance++
		}
	}
	if sessions < 60 || unknownPrice == 0 || unknownEntrance == 0 {
		t.Errorf("%d sessions in a week, %d unknown prices, %d unknown entrances", sessions, unknownPrice, unknownEntrance)
	}
	one, err := api.Activity(ctx, acts[0].Activity.ID)
	if err != nil || one.Activity.ID != acts[0].Activity.ID || one.SiteName == "" {
		t.Fatalf("activity %+v, %v", one, err)
	}
	if _, err := api.Activity(ctx, "no-such-activity"); postgis.KindOf(err) != postgis.KindNotFound {
		t.Errorf("missing activity: %v", err)
	}
}
