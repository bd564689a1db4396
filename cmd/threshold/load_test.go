package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

type regionCounts struct {
	stops, trips, stopTimes, museumSites, lsoas, cells, activities int
}

func countRegion(t *testing.T, url string) regionCounts {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var c regionCounts
	err = conn.QueryRow(ctx, `SELECT
  (SELECT count(*) FROM gtfs_stop WHERE feed_id = 'iow-bus'),
  (SELECT count(*) FROM gtfs_trip WHERE feed_id = 'iow-bus'),
  (SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'iow-bus'),
  (SELECT count(DISTINCT site_id) FROM site_source WHERE source_id = 'mapping-museums-iow'),
  (SELECT count(*) FROM lsoa WHERE source_id = 'iow-areas'),
  (SELECT count(*) FROM h3_cell WHERE source_id = 'iow-areas'),
  (SELECT count(*) FROM activity WHERE source_id = 'iow-activities')`).Scan(
		&c.stops, &c.trips, &c.stopTimes, &c.museumSites, &c.lsoas, &c.cells, &c.activities)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// make run loads the Isle of Wight; loading Rutland after it leaves the
// Isle of Wight's rows as they were, and loading again changes nothing.
func TestLoadRegions(t *testing.T) {
	d := pgtest.New(t)
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL})
	ctx := context.Background()
	code, out, stderr := runMain(t, ctx, getenv, "load", "../../geodata/isle-of-wight")
	if code != 0 {
		t.Fatalf("load isle-of-wight: code %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(out, "278 of 315 stops matched in NaPTAN, 274 of them active") {
		t.Errorf("the NaPTAN report does not say 278 matched / 274 active:\n%s", out)
	}
	if !strings.Contains(out, "closed_museums") {
		t.Errorf("the museums report does not list the closed museums:\n%s", out)
	}
	iow := countRegion(t, d.OwnerURL)
	want := regionCounts{stops: 315, trips: 97, stopTimes: 2608, museumSites: 33, lsoas: 89, activities: 60}
	got := iow
	got.cells = 0
	if got != want {
		t.Errorf("after loading the Isle of Wight: %+v, want %+v", got, want)
	}
	if iow.cells < 1000 {
		t.Errorf("only %d H3 cells for the Isle of Wight", iow.cells)
	}

	code, out, stderr = runMain(t, ctx, getenv, "load", "../../geodata/rutland")
	if code != 0 {
		t.Fatalf("load rutland: code %d\n%s\n%s", code, out, stderr)
	}
	if after := countRegion(t, d.OwnerURL); after != iow {
		t.Errorf("loading Rutland changed the Isle of Wight: %+v, was %+v", after, iow)
	}
	// The same place from two sources is one site keeping both keys:
	// Rutland County Museum and Oakham Castle are in Mapping Museums and in
	// OpenStreetMap.
	merged := sitesWithKeys(t, d.OwnerURL, "mapping-museums-rutland", "osm-rutland")
	for _, name := range []string{"Rutland County Museum", "Oakham Castle"} {
		if !merged[name] {
			t.Errorf("%s is not one site with both its Mapping Museums and its OSM key (merged: %v)", name, merged)
		}
	}
	code, out, _ = runMain(t, ctx, getenv, "load", "../../geodata/isle-of-wight")
	if code != 0 || strings.Count(out, ": unchanged") < 6 {
		t.Errorf("loading again was not a no-op (code %d):\n%s", code, out)
	}
}

// sitesWithKeys returns the names of sites holding keys from both sources.
func sitesWithKeys(t *testing.T, url, a, b string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `
SELECT s.name FROM site s
WHERE EXISTS (SELECT FROM site_source x WHERE x.site_id = s.id AND x.source_id = $1)
  AND EXISTS (SELECT FROM site_source y WHERE y.site_id = s.id AND y.source_id = $2)`, a, b)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[n] = true
	}
	return out
}
