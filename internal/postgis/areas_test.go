package postgis_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/threshold-heritage/threshold/internal/area"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

const (
	iowAreas     = "../../geodata/isle-of-wight/areas"
	rutlandAreas = "../../geodata/rutland/areas"
)

// importAreas imports the area files of dir as source id. The checksum is
// of the files' bytes, so an unchanged folder is "unchanged".
func importAreas(t *testing.T, db *postgis.DB, id, dir string, force bool) (*postgis.Report, error) {
	t.Helper()
	files, err := postgis.AreaFilesIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	spec := postgis.ImportSpec{SourceID: id, Kind: "areas", Path: dir, Checksum: filesChecksum(t, files), Force: force}
	return db.Import(context.Background(), spec, postgis.AreasLoader(files))
}

func filesChecksum(t *testing.T, f area.Files) string {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{f.LSOABoundaries, f.WardBoundaries, f.RUC, f.IMD, f.Disability, f.Population, f.Lookup} {
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(filepath.Base(p)))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rowsDigest is an md5 of the rows a query returns, in text order.
func rowsDigest(t *testing.T, db *postgis.DB, q string, args ...any) string {
	t.Helper()
	var sum string
	full := "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM (" + q + ") t"
	if err := db.Pool.QueryRow(context.Background(), full, args...).Scan(&sum); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return sum
}

// sourceAreaDigest covers every area row a source owns or contributes.
func sourceAreaDigest(t *testing.T, db *postgis.DB, id string) string {
	t.Helper()
	return rowsDigest(t, db, `SELECT * FROM lsoa WHERE source_id = $1`, id) +
		rowsDigest(t, db, `SELECT * FROM ward WHERE source_id = $1`, id) +
		rowsDigest(t, db, `SELECT * FROM h3_cell WHERE source_id = $1`, id) +
		rowsDigest(t, db, `SELECT s.* FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code WHERE l.source_id = $1`, id)
}

func queryFloat(t *testing.T, db *postgis.DB, q string, args ...any) float64 {
	t.Helper()
	var v float64
	if err := db.Pool.QueryRow(context.Background(), q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func withinPct(got, want, pct float64) bool { return math.Abs(got-want) <= want*pct/100 }

func TestAreasIsleOfWight(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	start := time.Now()
	rep, err := importAreas(t, db, "iow-areas", iowAreas, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Isle of Wight areas import: %.2fs, facts %v", time.Since(start).Seconds(), rep.Facts)
	if len(rep.Rejections) != 0 {
		t.Errorf("rejections: %v", rep.Rejections)
	}
	checkIsleOfWight(t, db, rep)
	checkOffshoreCells(t, db)

	before := publishedChecksum(t, db)
	again, err := importAreas(t, db, "iow-areas", iowAreas, false)
	if err != nil {
		t.Fatal(err)
	}
	if again.Status != "unchanged" {
		t.Errorf("re-import status %q, want unchanged", again.Status)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Error("re-importing unchanged areas changed the published data")
	}
	// Forced, the loader itself must reproduce the same rows.
	rows := sourceAreaDigest(t, db, "iow-areas")
	if _, err := importAreas(t, db, "iow-areas", iowAreas, true); err != nil {
		t.Fatal(err)
	}
	if got := sourceAreaDigest(t, db, "iow-areas"); got != rows {
		t.Errorf("a forced re-import of the same files produced different area rows:\n%s\n%s", rows, got)
	}
}

func checkIsleOfWight(t *testing.T, db *postgis.DB, rep *postgis.Report) {
	t.Helper()
	wardFile, err := os.ReadFile(filepath.Join(iowAreas, "ward_E06000046.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	wards := strings.Count(string(wardFile), `"type": "Feature"`)
	if n := count(t, db, `SELECT count(*) FROM lsoa WHERE source_id = 'iow-areas'`); n != 89 {
		t.Errorf("LSOAs = %d, want 89", n)
	}
	if n := count(t, db, `SELECT count(*) FROM ward WHERE source_id = 'iow-areas'`); n != wards || wards == 0 {
		t.Errorf("wards = %d, want the %d features of the ward file", n, wards)
	}
	residents := count(t, db, `SELECT sum(residents) FROM lsoa WHERE source_id = 'iow-areas'`)
	if residents != 140464 {
		t.Errorf("residents = %d, want 140464", residents)
	}
	pop := queryFloat(t, db, `SELECT sum(population)::float8 FROM h3_cell WHERE source_id = 'iow-areas' AND res = 9`)
	if !withinPct(pop, float64(residents), 0.5) {
		t.Errorf("cells hold %.1f people, residents %d: more than 0.5%% apart", pop, residents)
	}
	if rep.Facts["residents"] != int64(residents) || !withinPct(rep.Facts["distributed_population"].(float64), pop, 0.01) {
		t.Errorf("report facts %v disagree with the tables (%d residents, %.1f in cells)", rep.Facts, residents, pop)
	}
	// Each LSOA's shares cover it: they sum to 1 within 0.5%.
	if n := count(t, db, `SELECT count(*) FROM (SELECT l.code, sum(s.share) AS total FROM lsoa l
LEFT JOIN h3_cell_lsoa s ON s.lsoa_code = l.code GROUP BY l.code) x WHERE coalesce(total, 0) NOT BETWEEN 0.995 AND 1.005`); n != 0 {
		t.Errorf("%d LSOAs whose cell shares do not sum to 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM h3_cell WHERE population > 0 AND (ruc21 IS NULL OR imd_decile IS NULL OR ward_code IS NULL)`); n != 0 {
		t.Errorf("%d populated cells lack RUC, IMD decile or ward", n)
	}
	if n := count(t, db, `SELECT count(*) FROM h3_cell c WHERE NOT EXISTS (SELECT FROM h3_cell_lsoa s WHERE s.cell = c.cell)
  OR NOT ST_Contains(c.geom, c.center) OR c.res <> 9`); n != 0 {
		t.Errorf("%d cells without a share, with their centre outside, or not res 9", n)
	}
	// The attributes are those of the LSOA holding the centre, where one does.
	if n := count(t, db, `SELECT count(*) FROM h3_cell c JOIN lsoa l ON ST_Contains(l.geom, c.center)
WHERE c.lsoa_code <> l.code OR c.ruc21 IS DISTINCT FROM l.ruc21 OR c.imd_decile IS DISTINCT FROM l.imd_decile
   OR c.rural IS DISTINCT FROM l.rural OR c.ward_code IS DISTINCT FROM l.ward_code`); n != 0 {
		t.Errorf("%d cells do not take the attributes of the LSOA holding their centre", n)
	}
	if n := count(t, db, `SELECT count(*) FROM lsoa WHERE rural IS DISTINCT FROM (ruc21 NOT LIKE 'U%')`); n != 0 {
		t.Errorf("%d LSOAs whose rural flag contradicts their RUC code", n)
	}
}

// checkOffshoreCells: along the coast, cells whose centre is in the sea
// take the attributes of the nearest LSOA.
func checkOffshoreCells(t *testing.T, db *postgis.DB) {
	t.Helper()
	const offshore = `SELECT c.* FROM h3_cell c WHERE NOT EXISTS (SELECT FROM lsoa l WHERE ST_Contains(l.geom, c.center))`
	n := count(t, db, `SELECT count(*) FROM (`+offshore+`) x`)
	if n == 0 {
		t.Fatal("no cell has its centre offshore: the coast was not covered")
	}
	wrong := count(t, db, `SELECT count(*) FROM (`+offshore+`) c
CROSS JOIN LATERAL (SELECT * FROM lsoa l ORDER BY ST_Distance(l.geom::geography, c.center::geography), l.code LIMIT 1) near
WHERE c.lsoa_code <> near.code OR c.ruc21 IS DISTINCT FROM near.ruc21 OR c.imd_decile IS DISTINCT FROM near.imd_decile`)
	if wrong != 0 {
		t.Errorf("%d of %d offshore-centre cells do not take their nearest LSOA's attributes", wrong, n)
	}
	t.Logf("%d cells have their centre offshore", n)
}

func TestAreasMalformedBoundaryLeavesPublishedData(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importAreas(t, db, "iow-areas", iowAreas, false); err != nil {
		t.Fatal(err)
	}
	before := publishedChecksum(t, db)
	dir := copyAreaDir(t, iowAreas)
	lsoaFile := filepath.Join(dir, "lsoa_E06000046.geojson")
	b, err := os.ReadFile(lsoaFile)
	if err != nil {
		t.Fatal(err)
	}
	// Lines 1..50 whole, then half of line 51, then nothing.
	lines := strings.SplitAfter(string(b), "\n")
	cut := strings.Join(lines[:50], "") + lines[50][:len(lines[50])/2]
	if err := os.WriteFile(lsoaFile, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = importAreas(t, db, "iow-areas", dir, false)
	if err == nil {
		t.Fatal("a truncated LSOA file imported without error")
	}
	if !strings.Contains(err.Error(), "lsoa_E06000046.geojson") || !strings.Contains(err.Error(), "line 51") {
		t.Errorf("error %q does not name lsoa_E06000046.geojson line 51", err)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Error("a failed areas import changed the published data")
	}
}

// copyAreaDir copies a region's area files into a temporary folder.
func copyAreaDir(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestAreasRutlandAfterIsleOfWight(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importAreas(t, db, "iow-areas", iowAreas, false); err != nil {
		t.Fatal(err)
	}
	iow := sourceAreaDigest(t, db, "iow-areas")
	rep, err := importAreas(t, db, "rutland-areas", rutlandAreas, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := sourceAreaDigest(t, db, "iow-areas"); got != iow {
		t.Error("importing Rutland changed the Isle of Wight's area rows")
	}
	if n := count(t, db, `SELECT count(*) FROM lsoa WHERE source_id = 'rutland-areas'`); n != 26 {
		t.Errorf("Rutland LSOAs = %d, want 26", n)
	}
	residents := queryFloat(t, db, `SELECT sum(residents)::float8 FROM lsoa WHERE source_id = 'rutland-areas'`)
	pop := queryFloat(t, db, `SELECT sum(population)::float8 FROM h3_cell WHERE source_id = 'rutland-areas'`)
	if !withinPct(pop, residents, 0.5) {
		t.Errorf("Rutland cells hold %.1f people, residents %.0f", pop, residents)
	}
	if rep.Facts["cells_shared_with_other_sources"] != int64(0) {
		t.Errorf("Rutland shares cells with the Isle of Wight: %v", rep.Facts)
	}
	// The same LSOAs under another source id are a conflict, not a takeover.
	_, err = importAreas(t, db, "iow-again", iowAreas, false)
	if err == nil || postgis.KindOf(err) != postgis.KindConflict || !strings.Contains(err.Error(), "iow-areas") {
		t.Errorf("importing the Isle of Wight under a second id: %v, want a conflict naming iow-areas", err)
	}
	if got := sourceAreaDigest(t, db, "iow-areas"); got != iow {
		t.Error("the refused import changed the Isle of Wight's area rows")
	}
}

// TestAreasNeighbouringSourcesShareBorderCells splits the Isle of Wight's
// LSOAs into two sources, as two neighbouring districts would be: cells on
// the seam overlap both, and together they must still hold every resident
// once, whichever is imported or re-imported last.
func TestAreasNeighbouringSourcesShareBorderCells(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	west, east := splitLSOAs(t)
	if _, err := importAreas(t, db, "iow-west", west, false); err != nil {
		t.Fatal(err)
	}
	rep, err := importAreas(t, db, "iow-east", east, false)
	if err != nil {
		t.Fatal(err)
	}
	shared, _ := rep.Facts["cells_shared_with_other_sources"].(int64)
	if shared == 0 {
		t.Fatalf("no shared border cells between the halves: %v", rep.Facts)
	}
	t.Logf("%d cells shared by the two halves", shared)
	checkWholeIsland := func(when string) {
		t.Helper()
		residents := queryFloat(t, db, `SELECT sum(residents)::float8 FROM lsoa`)
		pop := queryFloat(t, db, `SELECT sum(population)::float8 FROM h3_cell`)
		if residents != 140464 || !withinPct(pop, residents, 0.5) {
			t.Errorf("%s: cells hold %.1f people, LSOAs %.0f residents", when, pop, residents)
		}
		if n := count(t, db, `SELECT count(*) FROM h3_cell c WHERE abs(c.population -
  (SELECT sum(s.share * l.residents) FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code WHERE s.cell = c.cell)) > 0.01`); n != 0 {
			t.Errorf("%s: %d cells whose population is not the sum of their shares", when, n)
		}
	}
	checkWholeIsland("after both")
	westRows := rowsDigest(t, db, `SELECT * FROM lsoa WHERE source_id = 'iow-west'`)
	if _, err := importAreas(t, db, "iow-east", east, true); err != nil {
		t.Fatal(err)
	}
	checkWholeIsland("after re-importing the east")
	if _, err := importAreas(t, db, "iow-west", west, true); err != nil {
		t.Fatal(err)
	}
	checkWholeIsland("after re-importing the west")
	if got := rowsDigest(t, db, `SELECT * FROM lsoa WHERE source_id = 'iow-west'`); got != westRows {
		t.Error("re-imports changed the west's LSOAs")
	}
}

// splitLSOAs writes two area folders, the Isle of Wight's LSOAs west and
// east of 1.3°W, with the national tables; wards go with the west only
// (a ward has one owner).
func splitLSOAs(t *testing.T) (west, east string) {
	t.Helper()
	west, east = copyAreaDir(t, iowAreas), copyAreaDir(t, iowAreas)
	if err := os.Remove(filepath.Join(east, "ward_E06000046.geojson")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(iowAreas, "lsoa_E06000046.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	w, e := geojson.NewFeatureCollection(), geojson.NewFeatureCollection()
	for _, f := range fc.Features {
		if f.Geometry.Bound().Center()[0] < -1.3 {
			w.Append(f)
		} else {
			e.Append(f)
		}
	}
	if len(w.Features) == 0 || len(e.Features) == 0 {
		t.Fatalf("split %d west, %d east", len(w.Features), len(e.Features))
	}
	for dir, half := range map[string]*geojson.FeatureCollection{west: w, east: e} {
		out, err := half.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "lsoa_E06000046.geojson"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return west, east
}
