package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// CoverageOrigins reads the populated resolution-9 cells, the origins of a
// coverage run, by cell.
func (db *DB) CoverageOrigins(ctx context.Context) ([]coverage.Cell, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT cell, ST_X(center), ST_Y(center), coalesce(rural, false), rural IS NOT NULL, coalesce(ruc21, ''),
       coalesce(imd_decile, 0), population, age_65_plus, disabled
FROM h3_cell WHERE res = $1 AND population > 0 ORDER BY cell`, geo.ResOrigin)
	if err != nil {
		return nil, classify(err, "read coverage origins")
	}
	defer rows.Close()
	var out []coverage.Cell
	for rows.Next() {
		var c coverage.Cell
		var imd int16
		var pop, old, dis float32
		if err := rows.Scan(&c.ID, &c.Center[0], &c.Center[1], &c.Rural, &c.RuralKnown, &c.RUC21, &imd, &pop, &old, &dis); err != nil {
			return nil, classify(err, "read coverage origin")
		}
		c.IMDDecile, c.Population, c.Age65Plus, c.Disabled = int(imd), float64(pop), float64(old), float64(dis)
		out = append(out, c)
	}
	return out, classify(rows.Err(), "read coverage origins")
}

// CoverageSourceRef is one published source a run read: which import run
// published it and the checksum of its input.
type CoverageSourceRef struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Checksum string `json:"checksum"`
	RunID    int64  `json:"import_run"`
}

// CoverageInputs are the published sources a run reads, and the newest
// import run among them.
type CoverageInputs struct {
	Sources      []CoverageSourceRef `json:"sources"`
	MaxImportRun int64               `json:"max_import_run"`
}

// CoverageInputs lists the published sources.
func (db *DB) CoverageInputs(ctx context.Context) (CoverageInputs, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, kind, checksum, coalesce(run_id, 0) FROM source ORDER BY id`)
	if err != nil {
		return CoverageInputs{}, classify(err, "list sources")
	}
	defer rows.Close()
	in := CoverageInputs{Sources: []CoverageSourceRef{}}
	for rows.Next() {
		var s CoverageSourceRef
		if err := rows.Scan(&s.ID, &s.Kind, &s.Checksum, &s.RunID); err != nil {
			return in, classify(err, "list sources")
		}
		in.Sources = append(in.Sources, s)
		in.MaxImportRun = max(in.MaxImportRun, s.RunID)
	}
	return in, classify(rows.Err(), "list sources")
}

// CoverageCurrent reports whether the profile's published run is for
// this week and this profile definition and saw every import published
// since (no source's import run is newer than the run's).
func (db *DB) CoverageCurrent(ctx context.Context, p profile.Profile, week time.Time, in CoverageInputs) (bool, error) {
	pj, err := json.Marshal(p)
	if err != nil {
		return false, fmt.Errorf("encode profile: %w", err)
	}
	var current bool
	err = db.Pool.QueryRow(ctx, `
SELECT EXISTS (SELECT FROM coverage_run WHERE published AND profile_id = $1 AND week_start = $2
               AND profile = $3::jsonb AND max_import_run >= $4)`,
		p.ID, week.Format(time.DateOnly), string(pj), in.MaxImportRun).Scan(&current)
	return current, classify(err, "check coverage of %s", p.ID)
}

// CoverageRun is a finished computation to store.
type CoverageRun struct {
	Result  coverage.Result
	Profile profile.Profile
	Inputs  CoverageInputs
	// Settings are the computation's other inputs (referral, margin...),
	// recorded with the run.
	Settings map[string]any
	Seconds  float64
}

// SaveCoverage writes a run's cells at every resolution, with their
// boundaries, and publishes it in one transaction: readers see the
// previous run until the commit and this one after. The run before stays
// (unpublished) for comparison; older ones of the profile are deleted.
func (db *DB) SaveCoverage(ctx context.Context, run CoverageRun) (int64, error) {
	meta, err := runMeta(run)
	if err != nil {
		return 0, err
	}
	var id int64
	err = pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if err := lockProfile(ctx, tx, run.Profile.ID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `
INSERT INTO coverage_run (profile_id, profile, inputs, week_start, max_import_run, seconds, summary)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			run.Profile.ID, meta.profile, meta.inputs, run.Result.Week.Format(time.DateOnly), run.Inputs.MaxImportRun,
			run.Seconds, meta.summary).Scan(&id)
		if err != nil {
			return classify(err, "record coverage run")
		}
		if err := copyCoverageCells(ctx, tx, id, run.Profile.ID, run.Result.Cells); err != nil {
			return err
		}
		return publishRun(ctx, tx, id, run.Profile.ID)
	})
	return id, err
}

type runJSON struct{ profile, inputs, summary []byte }

func runMeta(run CoverageRun) (runJSON, error) {
	var m runJSON
	var err error
	if m.profile, err = json.Marshal(run.Profile); err != nil {
		return m, fmt.Errorf("encode profile: %w", err)
	}
	inputs := map[string]any{"sources": run.Inputs.Sources, "max_import_run": run.Inputs.MaxImportRun, "settings": run.Settings}
	if m.inputs, err = json.Marshal(inputs); err != nil {
		return m, fmt.Errorf("encode coverage inputs: %w", err)
	}
	s := run.Result.Summary()
	m.summary, err = json.Marshal(map[string]any{"cells": s.Cells, "population": s.Population, "profile_population": s.ProfilePopulation,
		"covered_population": s.CoveredPopulation, "covered_profile_population": s.CoveredProfilePopulation,
		"sessions": run.Result.Sessions, "transit_searches": run.Result.TransitSearches, "fallbacks": run.Result.Fallbacks})
	if err != nil {
		return m, fmt.Errorf("encode coverage summary: %w", err)
	}
	return m, nil
}

// lockProfile serialises runs of one profile; the statement timeout is
// lifted, as a national run writes millions of cells.
func lockProfile(ctx context.Context, tx pgx.Tx, profileID string) error {
	h := fnv.New64a()
	h.Write([]byte("coverage:" + profileID))
	if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = 0`); err != nil {
		return classify(err, "lift statement timeout")
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64()))
	return classify(err, "lock coverage of %s", profileID)
}

// copyCoverageCells stages the cells with their boundaries as WKB, then
// inserts them with their geometry.
func copyCoverageCells(ctx context.Context, tx pgx.Tx, runID int64, profileID string, cells []coverage.CellResult) error {
	if _, err := tx.Exec(ctx, `
CREATE TEMP TABLE stage_coverage (res smallint, cell bigint, activities integer, sessions real, population real,
  profile_population real, unknown_share real, assumed_share real, ruc21 text, imd_decile smallint, boundary bytea) ON COMMIT DROP`); err != nil {
		return classify(err, "stage coverage")
	}
	_, err := copyStream(ctx, tx, "stage_coverage", []string{"res", "cell", "activities", "sessions", "population",
		"profile_population", "unknown_share", "assumed_share", "ruc21", "imd_decile", "boundary"},
		func(emit func([]any) error) error {
			for _, c := range cells {
				row, err := coverageRow(c)
				if err != nil {
					return err
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return classify(err, "copy coverage cells")
	}
	_, err = tx.Exec(ctx, `
INSERT INTO coverage_cell (run_id, profile_id, res, cell, activities, sessions_per_week, population, profile_population,
  unknown_share, assumed_share, ruc21, imd_decile, geom)
SELECT $1, $2, res, cell, activities, sessions, population, profile_population, unknown_share, assumed_share,
  ruc21, imd_decile, ST_SetSRID(ST_GeomFromWKB(boundary), 4326)
FROM stage_coverage`, runID, profileID)
	return classify(err, "write coverage cells")
}

func coverageRow(c coverage.CellResult) ([]any, error) {
	poly, err := geo.CellBoundary(c.Cell)
	if err != nil {
		return nil, err
	}
	b, err := wkb.Marshal(poly)
	if err != nil {
		return nil, fmt.Errorf("encode boundary of %s: %w", geo.CellString(c.Cell), err)
	}
	var ruc *string
	if c.RUC21 != "" {
		ruc = &c.RUC21
	}
	var imd *int16
	if c.IMDDecile >= 1 && c.IMDDecile <= 10 {
		v := int16(c.IMDDecile)
		imd = &v
	}
	return []any{int16(c.Res), c.Cell, int32(c.Activities), float32(c.SessionsPerWeek), float32(c.Population),
		float32(c.ProfilePopulation), float32(c.UnknownShare), float32(c.AssumedShare), ruc, imd, b}, nil
}

// publishRun marks run published and the profile's previous run not, and
// deletes the profile's runs older than that previous one.
func publishRun(ctx context.Context, tx pgx.Tx, runID int64, profileID string) error {
	var prev int64
	err := tx.QueryRow(ctx, `
WITH old AS (UPDATE coverage_run SET published = false WHERE profile_id = $1 AND published RETURNING id)
SELECT coalesce(max(id), 0) FROM old`, profileID).Scan(&prev)
	if err != nil {
		return classify(err, "unpublish coverage of %s", profileID)
	}
	if _, err := tx.Exec(ctx, `
UPDATE coverage_run SET published = true, status = 'succeeded', finished_at = now() WHERE id = $1`, runID); err != nil {
		return classify(err, "publish coverage run %d", runID)
	}
	_, err = tx.Exec(ctx, `DELETE FROM coverage_run WHERE profile_id = $1 AND id <> $2 AND id <> $3`, profileID, runID, prev)
	return classify(err, "delete old coverage of %s", profileID)
}

// Caps of the coverage reads.
const (
	// MaxCoverageCells caps one list of cells.
	MaxCoverageCells = 200_000
	// MaxTileFeatures caps the cells of one vector tile.
	MaxTileFeatures = 20_000
	// tileTimeout bounds one tile's query (as a statement_timeout).
	tileTimeout = "5s"
	// coverageTileTimeout bounds a coverage tile's query by its context.
	coverageTileTimeout = 5 * time.Second
)

// CoverageRunInfo is a published run as readers see it.
type CoverageRunInfo struct {
	ID         int64
	ProfileID  string
	Week       time.Time
	FinishedAt time.Time
}

// CoverageRow is one cell of a published run.
type CoverageRow struct {
	HexID             string
	Activities        int
	SessionsPerWeek   float64
	Population        float64
	ProfilePopulation float64
	RUC21             string // empty when unknown
	IMDDecile         int    // 0 when unknown
	UnknownShare      float64
	AssumedShare      float64
}

// PublishedCoverage returns the profile's published run, or a not-found
// error naming the profile.
func (db *DB) PublishedCoverage(ctx context.Context, profileID string) (CoverageRunInfo, error) {
	r := CoverageRunInfo{ProfileID: profileID}
	err := db.Pool.QueryRow(ctx, `
SELECT id, week_start, coalesce(finished_at, started_at) FROM coverage_run WHERE published AND profile_id = $1`,
		profileID).Scan(&r.ID, &r.Week, &r.FinishedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, &Error{Kind: KindNotFound, Msg: fmt.Sprintf("no coverage has been published for profile %q", profileID), Err: err}
	}
	return r, classify(err, "read coverage run of %s", profileID)
}

// CoverageCells lists up to limit cells of the profile's published run at
// resolution res inside bbox (all when zero), by cell; truncated says
// more matched.
func (db *DB) CoverageCells(ctx context.Context, profileID string, res int, bbox BBox, limit int) (CoverageRunInfo, []CoverageRow, bool, error) {
	run, err := db.PublishedCoverage(ctx, profileID)
	if err != nil {
		return run, nil, false, err
	}
	limit = min(max(limit, 1), MaxCoverageCells)
	rows, err := db.Pool.Query(ctx, `
SELECT cell, activities, sessions_per_week, population, profile_population, coalesce(ruc21, ''), coalesce(imd_decile, 0),
       unknown_share, assumed_share
FROM coverage_cell
WHERE run_id = $1 AND res = $2 AND ($3::boolean OR geom && ST_MakeEnvelope($4, $5, $6, $7, 4326))
ORDER BY cell LIMIT $8`, run.ID, res, bbox == BBox{}, bbox.Min[0], bbox.Min[1], bbox.Max[0], bbox.Max[1], limit+1)
	if err != nil {
		return run, nil, false, classify(err, "list coverage cells")
	}
	defer rows.Close()
	var out []CoverageRow
	for rows.Next() {
		var c CoverageRow
		var cell int64
		var imd int16
		var spw, pop, ppop, unk, asm float32
		if err := rows.Scan(&cell, &c.Activities, &spw, &pop, &ppop, &c.RUC21, &imd, &unk, &asm); err != nil {
			return run, nil, false, classify(err, "read coverage cell")
		}
		c.HexID, c.IMDDecile = geo.CellString(cell), int(imd)
		c.SessionsPerWeek, c.Population, c.ProfilePopulation = float64(spw), float64(pop), float64(ppop)
		c.UnknownShare, c.AssumedShare = float64(unk), float64(asm)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return run, nil, false, classify(err, "list coverage cells")
	}
	truncated := len(out) > limit
	return run, out[:min(len(out), limit)], truncated, nil
}

// CoverageTotal is one group's people: everyone, those the profile stands
// for, and of each those living in cells with at least one reachable
// activity.
type CoverageTotal struct {
	Group                    string  `json:"group"`
	Cells                    int     `json:"cells"`
	Population               float64 `json:"population"`
	ProfilePopulation        float64 `json:"profile_population"`
	CoveredPopulation        float64 `json:"covered_population"`
	CoveredProfilePopulation float64 `json:"covered_profile_population"`
}

// coverageGroups are the SQL expressions of the totals' groupings; the
// key comes from the request, the expression only from here.
var coverageGroups = map[string]string{
	"region": `coalesce(s.region_id, h.source_id, 'unknown')`,
	"ruc":    `coalesce(c.ruc21, 'unknown')`,
	"imd":    `coalesce(c.imd_decile::text, 'unknown')`,
	"lsoa":   `coalesce(h.lsoa_code, 'unknown')`,
	"ward":   `coalesce(h.ward_code, 'unknown')`,
}

// CoverageTotals sums the profile's published resolution-9 cells by
// group (region, ruc, imd, lsoa or ward), and over all of them.
func (db *DB) CoverageTotals(ctx context.Context, profileID, by string) (CoverageRunInfo, []CoverageTotal, CoverageTotal, error) {
	expr, ok := coverageGroups[by]
	if !ok {
		return CoverageRunInfo{}, nil, CoverageTotal{}, &Error{Kind: KindInvalid, Msg: fmt.Sprintf("cannot group coverage by %q", by)}
	}
	run, err := db.PublishedCoverage(ctx, profileID)
	if err != nil {
		return run, nil, CoverageTotal{}, err
	}
	rows, err := db.Pool.Query(ctx, `
SELECT `+expr+`, count(*), sum(c.population)::float8, sum(c.profile_population)::float8,
       coalesce(sum(c.population) FILTER (WHERE c.activities > 0), 0)::float8,
       coalesce(sum(c.profile_population) FILTER (WHERE c.activities > 0), 0)::float8
FROM coverage_cell c
LEFT JOIN h3_cell h ON h.cell = c.cell
LEFT JOIN source s ON s.id = h.source_id
WHERE c.run_id = $1 AND c.res = $2
GROUP BY 1 ORDER BY 1`, run.ID, geo.ResOrigin)
	if err != nil {
		return run, nil, CoverageTotal{}, classify(err, "sum coverage by %s", by)
	}
	defer rows.Close()
	groups := []CoverageTotal{}
	all := CoverageTotal{Group: "total"}
	for rows.Next() {
		var g CoverageTotal
		if err := rows.Scan(&g.Group, &g.Cells, &g.Population, &g.ProfilePopulation, &g.CoveredPopulation, &g.CoveredProfilePopulation); err != nil {
			return run, nil, all, classify(err, "sum coverage by %s", by)
		}
		groups = append(groups, g)
		all.Cells += g.Cells
		all.Population += g.Population
		all.ProfilePopulation += g.ProfilePopulation
		all.CoveredPopulation += g.CoveredPopulation
		all.CoveredProfilePopulation += g.CoveredProfilePopulation
	}
	return run, groups, all, classify(rows.Err(), "sum coverage by %s", by)
}

// CoverageTile renders the profile's published cells at resolution res
// inside tile z/x/y as a Mapbox Vector Tile (layer "coverage"), at most
// MaxTileFeatures cells, within a statement timeout. An empty tile is a
// zero-length body.
//
// One round trip as a rule: the tile is drawn from the run last seen
// published for the profile, and the same statement checks that it still
// is; only the first tile of a profile, or the first after a new run is
// published, looks the run up first. With the run's id a parameter,
// PostgreSQL plans the cell scan for that run and the tile's box (a run
// found by a subquery in the same statement cost a third more).
func (db *DB) CoverageTile(ctx context.Context, profileID string, res, z, x, y int) (CoverageRunInfo, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, coverageTileTimeout)
	defer cancel()
	for looked := false; ; looked = true {
		id, ok := db.tileRuns.Load(profileID)
		if !ok || looked {
			r, err := db.PublishedCoverage(ctx, profileID)
			if err != nil {
				return r, nil, err
			}
			id = r.ID
			db.tileRuns.Store(profileID, id)
		}
		run, tile, err := db.coverageTileOf(ctx, profileID, id.(int64), res, z, x, y)
		if errors.Is(err, pgx.ErrNoRows) && !looked {
			continue // another run was published since: look it up
		}
		if errors.Is(err, pgx.ErrNoRows) {
			return run, nil, &Error{Kind: KindNotFound, Msg: fmt.Sprintf("no coverage has been published for profile %q", profileID), Err: err}
		}
		return run, tile, classify(err, "render coverage tile %d/%d/%d", z, x, y)
	}
}

// coverageTileOf draws the tile from run runID if it is still the
// profile's published run (pgx.ErrNoRows if not). The deadline cancels
// the query on the server when it runs too long. Sent as one simple-
// protocol query, its arguments (integers and a validated profile id)
// quoted by pgx, so that PostgreSQL plans each tile for its own box: a
// prepared statement turns generic after five runs, and the generic plan,
// blind to the box, did twice the work; an unnamed extended-protocol
// statement (planned per tile too) served 0.67 × the raw tiles per
// second against the simple protocol's 0.72 × in alternating runs of
// bench/coverage.sh.
func (db *DB) coverageTileOf(ctx context.Context, profileID string, runID int64, res, z, x, y int) (CoverageRunInfo, []byte, error) {
	run := CoverageRunInfo{ProfileID: profileID}
	var tile []byte
	err := db.Pool.QueryRow(ctx, `
WITH run AS (SELECT id, week_start, coalesce(finished_at, started_at) AS at FROM coverage_run
             WHERE id = $7 AND published AND profile_id = $4),
env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e),
feats AS (
  SELECT to_hex(c.cell) AS hex_id, c.activities, c.sessions_per_week, c.population, c.profile_population,
         c.unknown_share, c.assumed_share, c.ruc21, c.imd_decile,
         ST_AsMVTGeom(ST_Transform(c.geom, 3857), env.e, 4096, 64, true) AS geom
  FROM coverage_cell c, env
  WHERE c.run_id = $7 AND c.res = $5 AND c.geom && ST_Transform(env.e, 4326)
  ORDER BY c.cell LIMIT $6)
SELECT run.id, run.week_start, run.at,
       (SELECT coalesce(ST_AsMVT(feats, 'coverage', 4096, 'geom'), '') FROM feats WHERE geom IS NOT NULL)
FROM run`, pgx.QueryExecModeSimpleProtocol, z, x, y, profileID, res, MaxTileFeatures, runID).Scan(&run.ID, &run.Week, &run.FinishedAt, &tile)
	return run, tile, err
}
