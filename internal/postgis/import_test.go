package postgis_test

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

const iowGTFS = "../../geodata/isle-of-wight/gtfs/iow-bus-gtfs.zip"

// importGTFS runs the GTFS import of path as source id.
func importGTFS(t *testing.T, db *postgis.DB, id, path string) (*postgis.Report, error) {
	t.Helper()
	feed, err := gtfs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	sum, err := feed.Checksum()
	if err != nil {
		t.Fatal(err)
	}
	return db.Import(context.Background(), postgis.ImportSpec{SourceID: id, Kind: "gtfs", Path: path, Checksum: sum},
		postgis.GTFSLoader(feed, postgis.GTFSOptions{}))
}

func importNaPTAN(t *testing.T, db *postgis.DB, id, path string) *postgis.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := db.Import(context.Background(), postgis.ImportSpec{SourceID: id, Kind: "naptan", Path: path, Checksum: "test-" + id},
		postgis.NaPTANLoader(f, filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func count(t *testing.T, db *postgis.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Pool.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// publishedChecksum digests every published table's rows, so a test can
// say "identical" rather than "the counts match".
func publishedChecksum(t *testing.T, db *postgis.DB) string {
	t.Helper()
	tables := []string{"source", "gtfs_feed", "gtfs_agency", "gtfs_stop", "gtfs_route", "gtfs_trip", "gtfs_stop_time",
		"gtfs_calendar", "gtfs_calendar_date", "naptan_stop", "site", "site_source", "designation", "activity",
		"activity_schedule", "cost_option", "lsoa", "ward", "h3_cell", "walk_edge", "road_edge", "dar_zone"}
	var b strings.Builder
	for _, tbl := range tables {
		var sum string
		q := "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + tbl + " t"
		if err := db.Pool.QueryRow(context.Background(), q).Scan(&sum); err != nil {
			t.Fatalf("checksum %s: %v", tbl, err)
		}
		b.WriteString(tbl + ":" + sum + "\n")
	}
	return b.String()
}

func TestImportIsleOfWightGTFSAndNaPTAN(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	rep, err := importGTFS(t, db, "iow-bus", iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != "succeeded" || rep.Files["stop_times.txt"].Loaded != 2608 {
		t.Fatalf("report %+v", rep)
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop WHERE feed_id = 'iow-bus'`); n != 315 {
		t.Errorf("stops = %d, want 315", n)
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_trip WHERE feed_id = 'iow-bus'`); n != 97 {
		t.Errorf("trips = %d, want 97", n)
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'iow-bus'`); n != 2608 {
		t.Errorf("stop_times = %d, want 2608", n)
	}
	// The feed has no wheelchair fields: every stop is unknown, none yes.
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop WHERE feed_id = 'iow-bus' AND step_free <> 'unknown'`); n != 0 {
		t.Errorf("%d stops are not unknown although the feed says nothing", n)
	}
	nrep := importNaPTAN(t, db, "naptan-230", "../../geodata/isle-of-wight/naptan/230Stops.csv")
	m, ok := nrep.Facts["gtfs:iow-bus"].(map[string]any)
	if !ok {
		t.Fatalf("no match report for the feed: %+v", nrep.Facts)
	}
	if m["matched"] != int64(278) || m["active_matched"] != int64(274) || len(m["unmatched"].([]string)) != 37 {
		t.Errorf("naptan match = %v, want 278 matched, 274 active, 37 unmatched", m)
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop WHERE atco_code IS NOT NULL`); n != 278 {
		t.Errorf("linked stops = %d, want 278", n)
	}
}

func TestImportSameInputTwiceChangesNothing(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	before := publishedChecksum(t, db)
	rep, err := importGTFS(t, db, "iow-bus", iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != "unchanged" {
		t.Errorf("second import status %q, want unchanged", rep.Status)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Errorf("published data changed on re-import:\n%s\nvs\n%s", before, after)
	}
}

// copyZipTo unpacks a zip into dir, letting edit change a file's bytes.
func copyZipTo(t *testing.T, zipPath, dir string, edit func(name string, b []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			b = edit(f.Name, b)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMalformedGTFSLeavesPublishedDataUnchanged(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	before := publishedChecksum(t, db)

	// The same feed with a bare quote on line 1500 of stop_times.txt: stops,
	// routes and trips load fine inside the transaction before it breaks.
	dir := t.TempDir()
	copyZipTo(t, iowGTFS, dir, func(name string, b []byte) []byte {
		if name != "stop_times.txt" {
			return b
		}
		lines := strings.Split(string(b), "\n")
		lines[1499] = `9999,"09:30:00,"09:30:00",23"00105,"1",0`
		return []byte(strings.Join(lines, "\n"))
	})
	_, err := importGTFS(t, db, "iow-bus", dir)
	if err == nil {
		t.Fatal("a broken stop_times.txt imported without error")
	}
	if !strings.Contains(err.Error(), "stop_times.txt") || !strings.Contains(err.Error(), "line 1500") {
		t.Errorf("error %q does not name stop_times.txt line 1500", err)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Error("a failed import changed the published data")
	}
	var status string
	if err := db.Pool.QueryRow(context.Background(), `SELECT status FROM import_run ORDER BY id DESC LIMIT 1`).Scan(&status); err != nil || status != "failed" {
		t.Errorf("last run status %q (%v), want failed", status, err)
	}
}

func TestSourcesAddUpAndReplaceOnlyThemselves(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	iow := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'iow-bus'`)
	for _, f := range []struct{ id, path string }{
		{"poa-eptc", "../../testdata/poa/poa_eptc.zip"},
		{"poa-trensurb", "../../testdata/poa/poa_trensurb.zip"},
	} {
		rep, err := importGTFS(t, db, f.id, f.path)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Files["stop_times.txt"].Rejected != 0 {
			t.Errorf("%s: %d stop_times rejected", f.id, rep.Files["stop_times.txt"].Rejected)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'iow-bus'`); n != iow {
		t.Errorf("loading Porto Alegre changed the Isle of Wight: %d stop_times, want %d", n, iow)
	}
	// Porto Alegre's bus feed times only each trip's ends: after
	// interpolation no time is missing and times never go backwards.
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'poa-eptc'`); n != 130019 {
		t.Errorf("eptc stop_times = %d, want 130019", n)
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'poa-eptc' AND interpolated`); n < 120000 {
		t.Errorf("only %d eptc times interpolated", n)
	}
	if n := count(t, db, `
SELECT count(*) FROM (SELECT departure_s, lead(arrival_s) OVER (PARTITION BY trip_id ORDER BY stop_sequence) AS next
FROM gtfs_stop_time WHERE feed_id = 'poa-eptc') x WHERE next < departure_s`); n != 0 {
		t.Errorf("%d eptc hops go back in time", n)
	}
	// Re-importing one feed replaces that feed only.
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(DISTINCT feed_id) FROM gtfs_stop_time`); n != 3 {
		t.Errorf("%d feeds after re-import, want 3", n)
	}
}

// The reader's tolerant fixture feed carries fares v1 and v2, pathways,
// levels and a GTFS-Flex zone: all of it is published.
func TestImportGoodFixtureFeedWithFaresV2(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	rep, err := importGTFS(t, db, "fixture", "../gtfs/testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []string{"gtfs_fare_attribute", "gtfs_fare_rule", "gtfs_fare_product", "gtfs_fare_leg_rule",
		"gtfs_fare_transfer_rule", "gtfs_pathway", "gtfs_level", "gtfs_frequency", "gtfs_transfer", "gtfs_booking_rule", "dar_zone"} {
		if n := count(t, db, "SELECT count(*) FROM "+tbl+" WHERE feed_id = 'fixture'"); n == 0 {
			t.Errorf("%s: nothing published (report %+v)", tbl, rep.Files)
		}
	}
	// Parent-station inheritance: a platform that says nothing takes its
	// station's value; nothing is yes unless the feed says so.
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop c JOIN gtfs_stop p ON p.feed_id = c.feed_id AND p.stop_id = c.parent_station
WHERE c.feed_id = 'fixture' AND c.wheelchair_boarding = 0 AND p.wheelchair_boarding <> 0`); n == 0 {
		t.Fatal("the fixture has no silent platform under a station that says something: the test below would prove nothing")
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop c JOIN gtfs_stop p ON p.feed_id = c.feed_id AND p.stop_id = c.parent_station
WHERE c.feed_id = 'fixture' AND c.wheelchair_boarding = 0 AND p.wheelchair_boarding <> 0
  AND c.step_free <> CASE p.wheelchair_boarding WHEN 1 THEN 'yes' ELSE 'no' END`); n != 0 {
		t.Errorf("%d platforms did not inherit their station's access", n)
	}
}
