package postgis

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/threshold-heritage/threshold/internal/area"
	"github.com/threshold-heritage/threshold/internal/geo"
)

// areaCellRes is the resolution of the cells that carry people: H3 res 9
// (about 0.1 km², a few minutes' walk across), the routing origins.
const areaCellRes = geo.ResOrigin

// AreaFilesIn finds a region's area files in dir by name: lsoa_*.geojson,
// ward_*.geojson, ruc21_*.csv, imd2025_*.csv, disability21_*.csv,
// population20_*.csv and lookup_*.csv. Each must match exactly one file,
// except the wards, which may be absent.
func AreaFilesIn(dir string) (area.Files, error) {
	var f area.Files
	for _, p := range []struct {
		pattern  string
		dst      *string
		optional bool
	}{
		{"lsoa_*.geojson", &f.LSOABoundaries, false},
		{"ward_*.geojson", &f.WardBoundaries, true},
		{"ruc21_*.csv", &f.RUC, false},
		{"imd2025_*.csv", &f.IMD, false},
		{"disability21_*.csv", &f.Disability, false},
		{"population20_*.csv", &f.Population, false},
		{"lookup_*.csv", &f.Lookup, false},
	} {
		path, err := matchOne(dir, p.pattern, p.optional)
		if err != nil {
			return f, err
		}
		*p.dst = path
	}
	return f, nil
}

func matchOne(dir, pattern string, optional bool) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return "", fmt.Errorf("find %s in %s: %w", pattern, dir, err)
	}
	switch {
	case len(m) == 1:
		return m[0], nil
	case len(m) == 0 && optional:
		return "", nil
	case len(m) == 0:
		return "", &Error{Kind: KindInvalid, Msg: fmt.Sprintf("no %s file in %s", pattern, dir)}
	}
	return "", &Error{Kind: KindInvalid, Msg: fmt.Sprintf("%d files match %s in %s (%s): keep one", len(m), pattern, dir, strings.Join(m, ", "))}
}

// AreasLoader replaces the import source's LSOAs and wards with those read
// from files, then shares their people among H3 resolution-9 cells.
//
// Distribution: each LSOA's candidate cells (area.CandidateCells, a
// superset) are intersected with it in PostGIS; a cell receives
// ST_Area(ST_Intersection(cell, lsoa)::geography) / ST_Area(lsoa::geography)
// of the LSOA's residents, disabled residents and residents aged 65+, and
// that share is recorded in h3_cell_lsoa. Cells with no overlapping area
// are dropped. A cell takes its RUC, rural flag, IMD decile and ward from
// the LSOA holding its centre or, where the centre lies offshore (or in no
// published LSOA), from the nearest of the LSOAs it overlaps.
//
// Cells at a border. h3_cell is keyed by cell alone, so a cell overlapping
// LSOAs of two sources (neighbouring districts imported separately) is one
// row. Its population is always derived: the sum over every published
// LSOA's share of it, whichever source the LSOA came from, and its
// source_id is that of the LSOA giving its attributes. An import therefore
// replaces its own LSOAs, wards and shares and recomputes every cell they
// touch (before or after), including a neighbour's border cells, which gain
// or lose this source's people; a cell left with no share is deleted. The
// report counts such shared cells. Deleting a source row outright cascades
// to the cells it owns, dropping the neighbours' shares of them: re-import
// the neighbour afterwards.
func AreasLoader(files area.Files) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		a, err := area.Load(files)
		if err != nil {
			return err
		}
		reportAreas(rep, a)
		if err := checkAreaOwners(ctx, tx, rep.SourceID, a); err != nil {
			return err
		}
		if err := clearAreas(ctx, tx, rep.SourceID); err != nil {
			return err
		}
		if err := publishAreas(ctx, tx, rep, files, a); err != nil {
			return err
		}
		if err := distributeToCells(ctx, tx, rep.SourceID, a.LSOAs); err != nil {
			return err
		}
		return areaFacts(ctx, tx, rep)
	}
}

// reportAreas copies the parsers' counts and issues into the report. Rows
// of the national tables outside the region count as read, not rejected.
func reportAreas(rep *Report, a area.Areas) {
	for _, r := range a.Reports {
		name := filepath.Base(r.File)
		fc := rep.File(name)
		fc.Read += int64(r.Read)
		fc.Loaded += int64(r.Loaded)
		for _, is := range r.Issues {
			addAreaIssue(rep, is)
		}
	}
	for _, is := range a.Issues {
		addAreaIssue(rep, is)
	}
}

func addAreaIssue(rep *Report, is area.Issue) {
	if is.Warning {
		rep.Notes = append(rep.Notes, is.String())
		return
	}
	rep.Reject(Rejection{File: filepath.Base(is.File), Line: is.Line, Field: is.Field, Reason: is.Reason})
}

// checkAreaOwners refuses LSOA or ward codes already published by another
// source: codes are primary keys, and one area has one owner.
func checkAreaOwners(ctx context.Context, tx pgx.Tx, source string, a area.Areas) error {
	lsoas := make([]string, len(a.LSOAs))
	for i, l := range a.LSOAs {
		lsoas[i] = l.Code
	}
	wards := make([]string, len(a.Wards))
	for i, w := range a.Wards {
		wards[i] = w.Code
	}
	if err := checkOwner(ctx, tx, "LSOA", sqlLSOAOwners, source, lsoas); err != nil {
		return err
	}
	return checkOwner(ctx, tx, "ward", sqlWardOwners, source, wards)
}

const sqlLSOAOwners = `
SELECT code, source_id FROM lsoa WHERE code = ANY($1) AND source_id <> $2 ORDER BY code LIMIT 5`

const sqlWardOwners = `
SELECT code, source_id FROM ward WHERE code = ANY($1) AND source_id <> $2 ORDER BY code LIMIT 5`

func checkOwner(ctx context.Context, tx pgx.Tx, what, query, source string, codes []string) error {
	rows, err := tx.Query(ctx, query, codes, source)
	if err != nil {
		return classify(err, "check %s owners", what)
	}
	var taken []string
	for rows.Next() {
		var code, owner string
		if err := rows.Scan(&code, &owner); err != nil {
			return classify(err, "check %s owners", what)
		}
		taken = append(taken, code+" (source "+owner+")")
	}
	if err := rows.Err(); err != nil {
		return classify(err, "check %s owners", what)
	}
	if len(taken) > 0 {
		return &Error{Kind: KindConflict, Msg: fmt.Sprintf("%s codes already published by another source: %s; remove that source or import these areas under its id",
			what, strings.Join(taken, ", "))}
	}
	return nil
}

// clearAreas removes the source's shares, LSOAs and wards, remembering the
// cells those shares were in so they can be recomputed. The cells
// themselves stay until the recomputation finds them empty.
func clearAreas(ctx context.Context, tx pgx.Tx, source string) error {
	if _, err := tx.Exec(ctx, sqlTouchedTable); err != nil {
		return classify(err, "clear areas of %s", source)
	}
	for _, q := range []string{sqlTouchOld, sqlClearShares, sqlClearLSOA, sqlClearWard} {
		if _, err := tx.Exec(ctx, q, source); err != nil {
			return classify(err, "clear areas of %s", source)
		}
	}
	return nil
}

const sqlTouchedTable = `CREATE TEMP TABLE touched_cell (cell bigint PRIMARY KEY) ON COMMIT DROP`

const sqlTouchOld = `
INSERT INTO touched_cell (cell)
SELECT cell FROM h3_cell WHERE source_id = $1
UNION
SELECT s.cell FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code WHERE l.source_id = $1`

const sqlClearShares = `
DELETE FROM h3_cell_lsoa s USING lsoa l WHERE l.code = s.lsoa_code AND l.source_id = $1`

const sqlClearLSOA = `DELETE FROM lsoa WHERE source_id = $1`

const sqlClearWard = `DELETE FROM ward WHERE source_id = $1`

// publishAreas stages LSOAs and wards with COPY (geometry as GeoJSON text)
// and inserts them, repairing invalid polygons with ST_MakeValid.
func publishAreas(ctx context.Context, tx pgx.Tx, rep *Report, files area.Files, a area.Areas) error {
	if _, err := tx.Exec(ctx, sqlStageAreas); err != nil {
		return classify(err, "stage areas")
	}
	if err := stageLSOAs(ctx, tx, a.LSOAs); err != nil {
		return err
	}
	if err := stageWards(ctx, tx, a.Wards); err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, sqlPublishWards, rep.SourceID)
	if err != nil {
		return classify(err, "publish wards")
	}
	if files.WardBoundaries != "" {
		rep.File(filepath.Base(files.WardBoundaries)).Loaded = tag.RowsAffected()
	}
	if tag, err = tx.Exec(ctx, sqlPublishLSOAs, rep.SourceID); err != nil {
		return classify(err, "publish LSOAs")
	}
	rep.File(filepath.Base(files.LSOABoundaries)).Loaded = tag.RowsAffected()
	return nil
}

const sqlStageAreas = `
CREATE TEMP TABLE stage_lsoa (code text, name text, ward_code text, boundary text, residents integer,
  disabled integer, age_0_15 real, age_16_64 real, age_65_plus real, ruc21 text, ruc21_name text,
  rural boolean, imd_decile smallint, imd_rank integer, imd_score real) ON COMMIT DROP;
CREATE TEMP TABLE stage_ward (code text, name text, boundary text) ON COMMIT DROP`

// validMulti is the SQL turning a GeoJSON text column into a valid
// MultiPolygon in SRID 4326.
const validMulti = `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(boundary), 4326)), 3))`

const sqlPublishWards = `
INSERT INTO ward (code, source_id, name, geom)
SELECT code, $1, name, ` + validMulti + ` FROM stage_ward`

const sqlPublishLSOAs = `
INSERT INTO lsoa (code, source_id, name, ward_code, geom, residents, disabled, age_0_15, age_16_64, age_65_plus,
  ruc21, ruc21_name, rural, imd_decile, imd_rank, imd_score)
SELECT code, $1, name, ward_code, ` + validMulti + `, residents, disabled, age_0_15, age_16_64, age_65_plus,
  ruc21, ruc21_name, rural, imd_decile, imd_rank, imd_score
FROM stage_lsoa`

func stageLSOAs(ctx context.Context, tx pgx.Tx, ls []area.LSOA) error {
	cols := []string{"code", "name", "ward_code", "boundary", "residents", "disabled", "age_0_15", "age_16_64",
		"age_65_plus", "ruc21", "ruc21_name", "rural", "imd_decile", "imd_rank", "imd_score"}
	_, err := copyStream(ctx, tx, "stage_lsoa", cols, func(emit func([]any) error) error {
		for _, l := range ls {
			row, err := lsoaRow(l)
			if err != nil {
				return err
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// lsoaRow is one staged LSOA; a part the tables lacked stays NULL (unknown).
func lsoaRow(l area.LSOA) ([]any, error) {
	b, err := geoJSONText(l.Polygon)
	if err != nil {
		return nil, fmt.Errorf("encode LSOA %s: %w", l.Code, err)
	}
	row := []any{l.Code, l.Name, nullStr(l.WardCode), b, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil}
	if l.HasCensus {
		row[4], row[5] = l.Residents, l.Disabled
	}
	if l.HasAge {
		row[6], row[7], row[8] = float32(l.Age0to15), float32(l.Age16to64), float32(l.Age65plus)
	}
	if l.HasRUC {
		row[9], row[10], row[11] = l.RUC21Code, l.RUC21Name, !l.Urban
	}
	if l.HasIMD {
		row[12], row[13], row[14] = int16(l.IMDDecile), l.IMDRank, float32(l.IMDScore)
	}
	return row, nil
}

func stageWards(ctx context.Context, tx pgx.Tx, ws []area.Ward) error {
	_, err := copyStream(ctx, tx, "stage_ward", []string{"code", "name", "boundary"}, func(emit func([]any) error) error {
		for _, w := range ws {
			b, err := geoJSONText(w.Polygon)
			if err != nil {
				return fmt.Errorf("encode ward %s: %w", w.Code, err)
			}
			if err := emit([]any{w.Code, w.Name, b}); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

func geoJSONText(g orb.Geometry) (string, error) {
	b, err := geojson.NewGeometry(g).MarshalJSON()
	return string(b), err
}

// distributeToCells stages the candidate cells and (cell, LSOA) pairs,
// creates missing cells, records the overlap shares and recomputes every
// touched cell.
func distributeToCells(ctx context.Context, tx pgx.Tx, source string, ls []area.LSOA) error {
	cells, pairs, err := candidatePairs(ls)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, sqlStageCells); err != nil {
		return classify(err, "stage cells")
	}
	if err := stageCells(ctx, tx, cells); err != nil {
		return err
	}
	if _, err := copyRows(ctx, tx, "stage_pair", []string{"cell", "lsoa_code"}, pgx.CopyFromRows(pairs)); err != nil {
		return err
	}
	for _, step := range []struct {
		what, q string
		args    []any
	}{
		{"create cells", sqlCreateCells, []any{source, areaCellRes}},
		{"share LSOAs among cells", sqlShareCells, []any{source, areaCellRes}},
		{"mark cells", sqlTouchNew, nil},
		{"recompute cells", sqlRecomputeCells, []any{areaCellRes}},
		{"drop empty cells", sqlDropEmptyCells, []any{areaCellRes}},
	} {
		if _, err := tx.Exec(ctx, step.q, step.args...); err != nil {
			return classify(err, "%s", step.what)
		}
	}
	return nil
}

// candidatePairs lists every candidate cell once, sorted, and every
// (cell, LSOA code) pair to intersect.
func candidatePairs(ls []area.LSOA) ([]int64, [][]any, error) {
	seen := make(map[int64]bool)
	var pairs [][]any
	for _, l := range ls {
		cs, err := area.CandidateCells(l.Polygon, areaCellRes)
		if err != nil {
			return nil, nil, fmt.Errorf("cells of LSOA %s: %w", l.Code, err)
		}
		for _, c := range cs {
			seen[c] = true
			pairs = append(pairs, []any{c, l.Code})
		}
	}
	cells := make([]int64, 0, len(seen))
	for c := range seen {
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i] < cells[j] })
	return cells, pairs, nil
}

const sqlStageCells = `
CREATE TEMP TABLE stage_cell (cell bigint PRIMARY KEY, boundary text, lon double precision, lat double precision) ON COMMIT DROP;
CREATE TEMP TABLE stage_pair (cell bigint, lsoa_code text) ON COMMIT DROP`

func stageCells(ctx context.Context, tx pgx.Tx, cells []int64) error {
	_, err := copyStream(ctx, tx, "stage_cell", []string{"cell", "boundary", "lon", "lat"}, func(emit func([]any) error) error {
		for _, c := range cells {
			row, err := cellRow(c)
			if err != nil {
				return err
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

func cellRow(c int64) ([]any, error) {
	hex, err := geo.CellBoundary(c)
	if err != nil {
		return nil, err
	}
	centre, err := geo.CellCenter(c)
	if err != nil {
		return nil, err
	}
	b, err := geoJSONText(hex)
	if err != nil {
		return nil, fmt.Errorf("encode cell %s: %w", geo.CellString(c), err)
	}
	return []any{c, b, centre[0], centre[1]}, nil
}

// sqlCreateCells adds the candidate cells not yet published; a cell another
// source already holds is kept as it is (its geometry is the same).
const sqlCreateCells = `
INSERT INTO h3_cell (cell, res, source_id, geom, center)
SELECT cell, $2, $1, ST_SetSRID(ST_GeomFromGeoJSON(boundary), 4326), ST_SetSRID(ST_MakePoint(lon, lat), 4326)
FROM stage_cell
ON CONFLICT (cell) DO NOTHING`

// sqlShareCells records each LSOA's share of each candidate cell, by
// geodesic area; pairs that only touch are left out.
const sqlShareCells = `
WITH l AS (
  SELECT code, geom, ST_Area(geom::geography) AS area FROM lsoa WHERE source_id = $1
), s AS (
  SELECT p.cell, p.lsoa_code, ST_Area(ST_Intersection(c.geom, l.geom)::geography) / l.area AS share
  FROM stage_pair p
  JOIN l ON l.code = p.lsoa_code
  JOIN h3_cell c ON c.cell = p.cell AND c.res = $2
  WHERE ST_Intersects(c.geom, l.geom) AND l.area > 0
)
INSERT INTO h3_cell_lsoa (cell, lsoa_code, share)
SELECT cell, lsoa_code, least(share, 1) FROM s WHERE share > 0`

const sqlTouchNew = `
INSERT INTO touched_cell (cell)
SELECT cell FROM stage_cell
ON CONFLICT (cell) DO NOTHING`

// sqlRecomputeCells derives each touched cell from all its shares: people
// summed over every LSOA overlapping it (in code order, so the float sums
// repeat exactly), attributes (and owner) from the
// LSOA holding its centre, else the nearest overlapping one.
const sqlRecomputeCells = `
WITH pop AS (
  SELECT s.cell, sum(s.share * coalesce(l.residents, 0) ORDER BY l.code) AS population,
         sum(s.share * coalesce(l.age_65_plus, 0) ORDER BY l.code) AS age_65_plus,
         sum(s.share * coalesce(l.disabled, 0) ORDER BY l.code) AS disabled
  FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code
  WHERE s.cell IN (SELECT cell FROM touched_cell)
  GROUP BY s.cell
), home AS (
  SELECT DISTINCT ON (s.cell) s.cell, l.code, l.source_id, l.ward_code, l.ruc21, l.rural, l.imd_decile
  FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code JOIN h3_cell c ON c.cell = s.cell
  WHERE s.cell IN (SELECT cell FROM touched_cell)
  ORDER BY s.cell, ST_Contains(l.geom, c.center) DESC,
           CASE WHEN ST_Contains(l.geom, c.center) THEN 0 ELSE ST_Distance(l.geom::geography, c.center::geography) END, l.code
)
UPDATE h3_cell c SET source_id = home.source_id, lsoa_code = home.code, ward_code = home.ward_code,
  ruc21 = home.ruc21, rural = home.rural, imd_decile = home.imd_decile,
  population = pop.population, age_65_plus = pop.age_65_plus, disabled = pop.disabled
FROM pop JOIN home USING (cell)
WHERE c.cell = pop.cell AND c.res = $1`

const sqlDropEmptyCells = `
DELETE FROM h3_cell c
WHERE c.res = $1 AND c.cell IN (SELECT cell FROM touched_cell)
  AND NOT EXISTS (SELECT FROM h3_cell_lsoa s WHERE s.cell = c.cell)`

// areaFacts reports the figures an operator checks: counts, residents,
// the people distributed to cells (which must match the residents), the
// cells shared with another source and those whose centre is offshore.
func areaFacts(ctx context.Context, tx pgx.Tx, rep *Report) error {
	var f struct {
		lsoas, wards, cells, shared, offshore, noCensus int64
		residents, distributed                          float64
	}
	err := tx.QueryRow(ctx, sqlAreaFacts, rep.SourceID).Scan(&f.lsoas, &f.wards, &f.cells, &f.shared, &f.offshore,
		&f.noCensus, &f.residents, &f.distributed)
	if err != nil {
		return classify(err, "count areas")
	}
	rep.Fact("lsoas", f.lsoas)
	rep.Fact("wards", f.wards)
	rep.Fact("cells", f.cells)
	rep.Fact("cells_shared_with_other_sources", f.shared)
	rep.Fact("offshore_centre_cells", f.offshore)
	rep.Fact("residents", int64(f.residents))
	rep.Fact("distributed_population", math.Round(f.distributed*10)/10)
	notePopulation(rep, f.residents, f.distributed, f.noCensus, f.shared)
	return nil
}

const sqlAreaFacts = `
SELECT
  (SELECT count(*) FROM lsoa WHERE source_id = $1),
  (SELECT count(*) FROM ward WHERE source_id = $1),
  (SELECT count(*) FROM h3_cell WHERE source_id = $1),
  (SELECT count(DISTINCT s.cell) FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code
     WHERE l.source_id = $1 AND EXISTS (SELECT FROM h3_cell_lsoa o JOIN lsoa m ON m.code = o.lsoa_code
       WHERE o.cell = s.cell AND m.source_id <> $1)),
  (SELECT count(*) FROM h3_cell c WHERE c.source_id = $1 AND NOT EXISTS (
     SELECT FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code WHERE s.cell = c.cell AND ST_Contains(l.geom, c.center))),
  (SELECT count(*) FROM lsoa WHERE source_id = $1 AND residents IS NULL),
  (SELECT coalesce(sum(residents), 0)::float8 FROM lsoa WHERE source_id = $1),
  (SELECT coalesce(sum(s.share * l.residents), 0)::float8 FROM h3_cell_lsoa s JOIN lsoa l ON l.code = s.lsoa_code
     WHERE l.source_id = $1)`

func notePopulation(rep *Report, residents, distributed float64, noCensus, shared int64) {
	if residents > 0 {
		gap := (distributed - residents) / residents * 100
		rep.Fact("distributed_minus_residents_percent", math.Round(gap*1000)/1000)
		if math.Abs(gap) > 0.5 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("cells hold %.0f people but the LSOAs have %.0f residents (%.2f%%): some LSOA area is not covered by cells", distributed, residents, gap))
		}
	}
	if noCensus > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d LSOAs have no Census 2021 residents: their cells get no people from them (unknown, not zero people)", noCensus))
	}
	if shared > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d cells overlap LSOAs of another source: their population sums both sources' shares", shared))
	}
}
