package postgis_test

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// AllSites returns what Sites does, uncapped and by id, and counts the
// activities of each site: on the Isle of Wight every museum but one hosts
// an (illustrative) activity.
func TestAllSitesCountsActivities(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	importIsleOfWightSitesAndActivities(t, open(t, d.ImporterURL))
	api := open(t, d.APIURL)
	all, err := api.AllSites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	listed, err := api.Sites(ctx, postgis.BBox{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(listed) || len(all) == 0 {
		t.Fatalf("AllSites gives %d sites, Sites %d", len(all), len(listed))
	}
	byID := map[string]postgis.SiteRow{}
	for _, s := range listed {
		byID[s.Site.ID] = s
	}
	var without []string
	for i, s := range all {
		l, ok := byID[s.Site.ID]
		if !ok || l.Activities != s.Activities || l.Site.Name != s.Site.Name || len(l.Site.SourceKeys) != len(s.Site.SourceKeys) {
			t.Errorf("site %s: AllSites and Sites disagree", s.Site.ID)
		}
		if i > 0 && len(s.Site.ID) < len(all[i-1].Site.ID) {
			t.Errorf("sites not in id order at %s", s.Site.ID)
		}
		if s.Activities == 0 {
			without = append(without, s.Site.Name)
		}
	}
	if len(without) != 1 || without[0] != "National Poo Museum" {
		t.Errorf("sites without an activity: %v, want the National Poo Museum alone", without)
	}
}
