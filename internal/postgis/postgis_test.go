package postgis_test

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/migrations"
)

func open(t *testing.T, url string) *postgis.DB {
	t.Helper()
	db, err := postgis.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func TestMigrationsApplyOnceAndRecord(t *testing.T) {
	ctx := context.Background()
	d := pgtest.NewEmpty(t)
	db := open(t, d.OwnerURL)
	m, err := postgis.NewMigrator(migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Ready(ctx, m); err == nil {
		t.Fatal("an empty database reports ready")
	}
	done, err := m.Up(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != len(m.All()) || len(done) < 2 {
		t.Fatalf("applied %d of %d", len(done), len(m.All()))
	}
	again, err := m.Up(ctx, db)
	if err != nil || len(again) != 0 {
		t.Fatalf("second up applied %d, err %v", len(again), err)
	}
	if err := db.Ready(ctx, m); err != nil {
		t.Fatalf("not ready after up: %v", err)
	}
	// A migration added to the binary makes the schema behind.
	fsys := fstest.MapFS{}
	for _, mig := range m.All() {
		fsys[mig.Name] = &fstest.MapFile{Data: []byte(mig.SQL)}
	}
	fsys["9999_later.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE later (id int)")}
	later, err := postgis.NewMigrator(fsys)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := later.Pending(ctx, db)
	if err != nil || len(pending) != 1 || pending[0].Version != 9999 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	// An applied file that changed is refused, never silently re-run.
	fsys[m.All()[0].Name] = &fstest.MapFile{Data: []byte("-- edited\n" + m.All()[0].SQL)}
	edited, _ := postgis.NewMigrator(fsys)
	if _, err := edited.Pending(ctx, db); postgis.KindOf(err) != postgis.KindConflict {
		t.Fatalf("edited migration: err = %v, want a conflict", err)
	}
}

func TestNearestStopsUsesPostGIS(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	// Two real Isle of Wight stops (stops.txt of the bundled feed).
	_, err := imp.Pool.Exec(ctx, `
INSERT INTO source (id, kind, path, checksum) VALUES ('iow', 'gtfs', 'test', 'x');
INSERT INTO gtfs_feed (feed_id, timezone) VALUES ('iow', 'Europe/London');
INSERT INTO gtfs_stop (feed_id, stop_id, name, geom) VALUES
 ('iow', '230000003100', 'Shanklin Bus Station', ST_SetSRID(ST_MakePoint(-1.179534, 50.63165), 4326)),
 ('iow', '230000003490', 'Carter Avenue',        ST_SetSRID(ST_MakePoint(-1.187514, 50.63132), 4326));`)
	if err != nil {
		t.Fatal(err)
	}
	api := open(t, d.APIURL)
	from := geo.PointLatLon(50.6318, -1.1800)
	hits, err := api.NearestStops(ctx, from, 1000, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].StopID != "230000003100" {
		t.Fatalf("hits = %+v", hits)
	}
	// PostGIS's spheroid distance agrees with our haversine within 0.5%.
	for _, h := range hits {
		want := geo.DistanceM(from, h.Point)
		if diff := h.DistanceM - want; diff > want*0.005+1 || diff < -want*0.005-1 {
			t.Errorf("%s: postgis %.1f m, haversine %.1f m", h.StopID, h.DistanceM, want)
		}
		if h.StepFree != "unknown" {
			t.Errorf("%s: step_free = %q, want unknown when the feed says nothing", h.StopID, h.StepFree)
		}
	}
	near, err := api.NearestStops(ctx, from, 100, 5)
	if err != nil || len(near) != 1 {
		t.Fatalf("within 100 m: %+v, %v", near, err)
	}
}

func TestAPIRoleCannotWriteOrAlter(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	api := open(t, d.APIURL)
	for _, stmt := range []string{
		`INSERT INTO source (id, kind, path, checksum) VALUES ('x', 'gtfs', 'p', 'c')`,
		`UPDATE site SET name = 'x'`,
		`DELETE FROM gtfs_stop`,
		`TRUNCATE lsoa`,
		`ALTER TABLE site ADD COLUMN evil text`,
		`DROP TABLE coverage_cell`,
		`CREATE TABLE evil (id int)`,
		`CREATE INDEX evil ON site (name)`,
		`ALTER DOMAIN access_value DROP CONSTRAINT access_value_check`,
	} {
		_, err := api.Pool.Exec(ctx, stmt)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "42501" && pgErr.Code != "42809") {
			t.Errorf("%s: err = %v, want permission denied", stmt, err)
		}
	}
	// It can read.
	var n int
	if err := api.Pool.QueryRow(ctx, `SELECT count(*) FROM site`).Scan(&n); err != nil {
		t.Fatalf("api cannot read: %v", err)
	}
	// The importer can write published data but not alter the schema.
	imp := open(t, d.ImporterURL)
	if _, err := imp.Pool.Exec(ctx, `INSERT INTO source (id, kind, path, checksum) VALUES ('x', 'gtfs', 'p', 'c')`); err != nil {
		t.Fatalf("importer cannot insert: %v", err)
	}
	if _, err := imp.Pool.Exec(ctx, `ALTER TABLE site ADD COLUMN evil text`); err == nil {
		t.Fatal("importer altered a table")
	}
}

func TestAccessValueRejectsOthers(t *testing.T) {
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	_, err := imp.Pool.Exec(ctx, `INSERT INTO site (slug, name, geom, step_free_entrance) VALUES ('a', 'A', ST_SetSRID(ST_MakePoint(0,0),4326), 'maybe')`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23514" {
		t.Fatalf("access value 'maybe': err = %v, want a check violation", err)
	}
	var v string
	if err := imp.Pool.QueryRow(ctx, `INSERT INTO site (slug, name, geom) VALUES ('b', 'B', ST_SetSRID(ST_MakePoint(0,0),4326)) RETURNING step_free_entrance`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != "unknown" {
		t.Fatalf("default step_free_entrance = %q, want unknown", v)
	}
}
