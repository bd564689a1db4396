package postgis_test

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// The version token of a timezone changes when one of its feeds is
// imported again, and not when nothing is (an unchanged checksum).
func TestTimetableVersions(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	api := open(t, d.APIURL)
	versions := func() map[string]string {
		t.Helper()
		v, err := api.TimetableVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := versions(); len(v) != 0 {
		t.Fatalf("empty database: %v", v)
	}
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	first := versions()["Europe/London"]
	if first == "" || len(versions()) != 1 {
		t.Fatalf("after one import: %v", versions())
	}
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil { // unchanged: a no-op
		t.Fatal(err)
	}
	if v := versions()["Europe/London"]; v != first {
		t.Errorf("unchanged import moved the version from %s to %s", first, v)
	}
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	if _, err := db.Import(ctx, postgis.ImportSpec{SourceID: "iow-bus", Kind: "gtfs", Path: iowGTFS, Checksum: "forced", Force: true},
		postgis.GTFSLoader(feed, postgis.GTFSOptions{})); err != nil {
		t.Fatal(err)
	}
	if v := versions()["Europe/London"]; v == first {
		t.Errorf("a new import left the version at %s", v)
	}
}
