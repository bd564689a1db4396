package postgis_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threshold-heritage/threshold/internal/nhle"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

const traffordNHLE = "../../testdata/nhle-trafford"

// importNHLE imports one NHLE file as source id; the checksum is of its
// bytes, so only a changed file (or force) runs the loader again.
func importNHLE(t *testing.T, db *postgis.DB, id, path string, d nhle.Designation, force bool) (*postgis.Report, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	spec := postgis.ImportSpec{SourceID: id, Kind: "nhle", Path: path, Checksum: hex.EncodeToString(sum[:]), Force: force}
	loader := postgis.NHLELoader(bytes.NewReader(b), filepath.Base(path), d, strings.HasSuffix(path, ".geojson"))
	return db.Import(context.Background(), spec, loader)
}

func TestNHLETraffordListedBuildings(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	rep, err := importNHLE(t, db, "trafford-listed", filepath.Join(traffordNHLE, "trafford_listed_buildings.csv"), nhle.ListedBuilding, false)
	if err != nil {
		t.Fatal(err)
	}
	fc := rep.Files["trafford_listed_buildings.csv"]
	if fc == nil || fc.Read != 265 || fc.Loaded != 262 || fc.Rejected != 0 {
		t.Fatalf("file counts %+v", fc)
	}
	for grade, want := range map[string]int{"I": 6, "II*": 10, "II": 246} {
		if n := count(t, db, `SELECT count(*) FROM designation WHERE source_id = 'trafford-listed' AND grade = $1 AND kind = 'listed_building'`, grade); n != want {
			t.Errorf("grade %s: %d designations, want %d", grade, n, want)
		}
	}
	// After the transform from British National Grid, every point lies in
	// Trafford's bounding box.
	if n := count(t, db, `SELECT count(*) FROM designation WHERE source_id = 'trafford-listed' AND (geom IS NULL
  OR ST_X(geom) NOT BETWEEN -2.48 AND -2.25 OR ST_Y(geom) NOT BETWEEN 53.35 AND 53.48)`); n != 0 {
		t.Errorf("%d designations without a point in Trafford", n)
	}
	if n := count(t, db, `SELECT count(*) FROM site`); n != 0 {
		t.Errorf("NHLE alone created %d sites; a list entry is not a venue", n)
	}
	checkTransformAgainstGeoJSON(t, db)
}

// checkTransformAgainstGeoJSON imports Historic England's own WGS84 points
// for the same entries and compares: PostGIS's transform of the grid
// references must agree to within a few metres.
func checkTransformAgainstGeoJSON(t *testing.T, db *postgis.DB) {
	t.Helper()
	if _, err := importNHLE(t, db, "trafford-listed-wgs84", filepath.Join(traffordNHLE, "trafford_listed_buildings.geojson"), nhle.ListedBuilding, false); err != nil {
		t.Fatal(err)
	}
	var pairs, beyond5, beyond20 int
	var median float64
	err := db.Pool.QueryRow(context.Background(), `
WITH d AS (
  SELECT ST_Distance(a.geom::geography, b.geom::geography) AS m
  FROM designation a JOIN designation b USING (list_entry)
  WHERE a.source_id = 'trafford-listed' AND b.source_id = 'trafford-listed-wgs84')
SELECT count(*), count(*) FILTER (WHERE m > 5), count(*) FILTER (WHERE m > 20),
       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY m), 0) FROM d`).Scan(&pairs, &beyond5, &beyond20, &median)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BNG transform vs published WGS84: %d entries, median %.2f m apart, %d beyond 5 m", pairs, median, beyond5)
	// Without the OSTN15 grid PROJ uses the OSGB36 Helmert transform (about
	// 2 m). The gate piers (1389616) keep the CSV's first grid reference
	// while the GeoJSON's first point is another pier, about 12 m away.
	if pairs != 262 || median > 2.5 || beyond5 > 2 || beyond20 > 0 {
		t.Errorf("%d entries in both files, median %.2f m apart, %d beyond 5 m, %d beyond 20 m", pairs, median, beyond5, beyond20)
	}
}

func TestNHLEAttachesSiteAtListedBuilding(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	ctx := context.Background()
	church, other := traffordEntry(t, 1067865), traffordEntry(t, 1067598)
	// A museum 20 m east of the Old Church of Saint Werburg, and a café 80 m
	// east of another listed building: only the first is close enough.
	execOrFail(t, db, `INSERT INTO source (id, kind, path, checksum) VALUES ('test-sites', 'museums', 'test', 'test')`)
	museum := insertSiteAt(t, db, "church-museum", "Church Museum", church.Easting+20, church.Northing)
	insertSiteAt(t, db, "far-cafe", "Far Cafe", other.Easting+80, other.Northing)
	if _, err := importNHLE(t, db, "trafford-listed", filepath.Join(traffordNHLE, "trafford_listed_buildings.csv"), nhle.ListedBuilding, false); err != nil {
		t.Fatal(err)
	}
	var siteID *int64
	var grade string
	if err := db.Pool.QueryRow(ctx, `SELECT site_id, grade FROM designation WHERE source_id = 'trafford-listed' AND list_entry = 1067865`).
		Scan(&siteID, &grade); err != nil {
		t.Fatal(err)
	}
	if siteID == nil || *siteID != museum || grade != "I" {
		t.Errorf("Old Church of Saint Werburg: site %v grade %s, want site %d grade I", siteID, grade, museum)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE list_entry = 1067598 AND site_id IS NOT NULL`); n != 0 {
		t.Error("a site 80 m away was attached to list entry 1067598")
	}
	if n := count(t, db, `SELECT count(*) FROM site`); n != 2 {
		t.Errorf("%d sites after the NHLE import, want the 2 inserted", n)
	}
	// A forced re-import attaches afresh: the museum moved 200 m away is let go.
	execOrFail(t, db, `UPDATE site SET geom = ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 27700), 4326) WHERE id = $1`,
		museum, church.Easting+200, church.Northing)
	if _, err := importNHLE(t, db, "trafford-listed", filepath.Join(traffordNHLE, "trafford_listed_buildings.csv"), nhle.ListedBuilding, true); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE list_entry = 1067865 AND site_id IS NOT NULL`); n != 0 {
		t.Error("the church stayed attached to a site now 200 m away")
	}
	// A site loaded after the designations finds them through AttachDesignations.
	execOrFail(t, db, `UPDATE site SET geom = ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 27700), 4326) WHERE id = $1`,
		museum, church.Easting, church.Northing+30)
	tx, err := db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit, a no-op
	attached, err := postgis.AttachDesignations(ctx, tx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE site_id IS NOT NULL`); int64(n) != attached {
		t.Errorf("AttachDesignations says %d attached, the table %d", attached, n)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE list_entry = 1067865 AND site_id = $1`, museum); n != 1 {
		t.Error("the church was not attached to the museum 30 m north of it")
	}
}

func traffordEntry(t *testing.T, listEntry int) nhle.Entry {
	t.Helper()
	f, err := os.Open(filepath.Join(traffordNHLE, "trafford_listed_buildings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, _, err := nhle.ReadCSV(f, "trafford_listed_buildings.csv", nhle.ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.ListEntry == listEntry && e.HasGrid {
			return e
		}
	}
	t.Fatalf("list entry %d not in the Trafford file", listEntry)
	return nhle.Entry{}
}

func execOrFail(t *testing.T, db *postgis.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Pool.Exec(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// insertSiteAt places a site at a British National Grid reference.
func insertSiteAt(t *testing.T, db *postgis.DB, key, name string, e, n float64) int64 {
	t.Helper()
	var id int64
	err := db.Pool.QueryRow(context.Background(), `
WITH s AS (
  INSERT INTO site (slug, name, kind, geom) VALUES ($1, $2, 'museum', ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), 27700), 4326))
  RETURNING id, geom)
INSERT INTO site_source (source_id, source_key, site_id, name, geom) SELECT 'test-sites', $1, id, $2, geom FROM s
RETURNING site_id`, key, name, e, n).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestNHLEMonumentsAndConservationAreas(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importNHLE(t, db, "trafford-monuments", filepath.Join(traffordNHLE, "trafford_scheduled_monuments.geojson"), nhle.ScheduledMonument, false); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE source_id = 'trafford-monuments' AND list_entry = 1014377
  AND kind = 'scheduled_monument' AND ST_IsValid(footprint) AND ST_Contains(footprint, geom)`); n != 1 {
		t.Error("scheduled monument 1014377 is not stored with a valid footprint holding its point")
	}
	rep, err := importNHLE(t, db, "trafford-ca", filepath.Join(traffordNHLE, "trafford_conservation_areas.geojson"), nhle.ConservationArea, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files["trafford_conservation_areas.geojson"].Loaded != 21 || len(rep.Rejections) != 0 {
		t.Errorf("conservation areas: %+v, rejections %v", rep.Files, rep.Rejections)
	}
	// Conservation areas have no list entry number: -reference (ca:9014 is
	// Ashton upon Mersey).
	if n := count(t, db, `SELECT count(*) FROM designation WHERE source_id = 'trafford-ca' AND list_entry < 0
  AND kind = 'conservation_area' AND footprint IS NOT NULL AND grade IS NULL`); n != 21 {
		t.Errorf("%d conservation areas stored with a negative key and a footprint, want 21", n)
	}
	if n := count(t, db, `SELECT count(*) FROM designation WHERE list_entry = -9014 AND name = 'Ashton upon Mersey'`); n != 1 {
		t.Error("ca:9014 is not stored as list entry -9014")
	}
}

func TestNHLEMalformedCSVLeavesPublishedData(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	src := filepath.Join(traffordNHLE, "trafford_listed_buildings.csv")
	if _, err := importNHLE(t, db, "trafford-listed", src, nhle.ListedBuilding, false); err != nil {
		t.Fatal(err)
	}
	before := publishedChecksum(t, db)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[100] = `99999,1099999,"Broken "quote,II,1986-11-17T00:00:00Z,NA,1:2500,x,SJ 1 2,380230,385291,E08000009,Trafford`
	broken := filepath.Join(t.TempDir(), "trafford_listed_buildings.csv")
	if err := os.WriteFile(broken, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = importNHLE(t, db, "trafford-listed", broken, nhle.ListedBuilding, false)
	if err == nil {
		t.Fatal("a CSV with a bare quote imported without error")
	}
	if !strings.Contains(err.Error(), "trafford_listed_buildings.csv") || !strings.Contains(err.Error(), "line 101") {
		t.Errorf("error %q does not name trafford_listed_buildings.csv line 101", err)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Error("a failed NHLE import changed the published data")
	}
}
