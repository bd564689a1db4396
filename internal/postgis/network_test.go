package postgis_test

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Porto Alegre's bus (EPTC) and metro (Trensurb) feeds are imported as two
// sources and route as one network: from bus stops near Mercado station a
// rider reaches Novo Hamburgo, 30 km north, which only the metro serves.
func TestPortoAlegreFeedsFormOneNetwork(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	for _, f := range []struct{ id, path string }{
		{"poa-eptc", "../../testdata/poa/poa_eptc.zip"},
		{"poa-trensurb", "../../testdata/poa/poa_trensurb.zip"},
	} {
		if _, err := importGTFS(t, db, f.id, f.path); err != nil {
			t.Fatal(err)
		}
	}
	groups, err := db.FeedGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	feeds := groups["America/Sao_Paulo"]
	if len(groups) != 1 || len(feeds) != 2 {
		t.Fatalf("feed groups = %v, want one group of two feeds", groups)
	}
	in, err := db.TimetableInput(ctx, feeds, true)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if snap.NumStops() != 3986+24 || snap.NumStopTimes() != 130019+14855 {
		t.Fatalf("snapshot has %d stops and %d stop times", snap.NumStops(), snap.NumStopTimes())
	}
	mercado, ok := snap.StopIndex("poa-trensurb", "MR")
	nh, ok2 := snap.StopIndex("poa-trensurb", "NH")
	if !ok || !ok2 {
		t.Fatal("Mercado or Novo Hamburgo station missing")
	}
	var origins []transit.StopAccess
	for _, a := range snap.StopsNear(snap.Stop(mercado).Point, 600, 1.2, nil) {
		if snap.Stop(a.Stop).FeedID == "poa-eptc" {
			origins = append(origins, a)
		}
	}
	if len(origins) == 0 {
		t.Fatal("no bus stop within 600 m of Mercado station")
	}
	s := transit.NewSearcher(snap)
	res, err := s.Forward(origins, transit.Params{Date: transit.DateOf(2019, 5, 15), Time: 12 * 3600,
		WalkSpeed: 1.2, MaxWalkM: 800, MaxTransfers: 3, MaxDuration: 3 * 3600})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Time(nh); !ok {
		t.Fatal("Novo Hamburgo is not reachable from the bus stops at Mercado: the feeds do not form one network")
	}
}
