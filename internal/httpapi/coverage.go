package httpapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// CoverageSource reads published coverage runs; *postgis.DB is one.
type CoverageSource interface {
	CoverageCells(ctx context.Context, profileID string, res int, bbox postgis.BBox, limit int) (postgis.CoverageRunInfo, []postgis.CoverageRow, bool, error)
	CoverageTotals(ctx context.Context, profileID, by string) (postgis.CoverageRunInfo, []postgis.CoverageTotal, postgis.CoverageTotal, error)
	CoverageTile(ctx context.Context, profileID string, res, z, x, y int) (postgis.CoverageRunInfo, []byte, error)
}

// Coverage endpoints' settings.
const (
	defaultCoverageRes = 8
	maxTileZoom        = 22
	// coverageCacheControl: a run changes when `compute coverage`
	// publishes a new one; five minutes' staleness is acceptable, and the
	// ETag (the run) makes revalidation cheap.
	coverageCacheControl = "public, max-age=300"
	mvtContentType       = "application/vnd.mapbox-vector-tile"
)

// CoverageRoutes adds the coverage endpoints to r:
//
//	GET /api/v1/coverage?profile=&res=&bbox=&format=json|csv
//	GET /api/v1/coverage/totals?profile=&by=region|ruc|imd|lsoa|ward&format=json|csv
//	GET /tiles/coverage/{profile}/{z}/{x}/{y}.mvt
//
// A nil src answers 503. Server-side failures are logged to slog.Default.
// At most one opts is read; without it the tiles are cached with
// DefaultTileCacheBytes.
func CoverageRoutes(r chi.Router, src CoverageSource, opts ...CoverageOptions) {
	log := slog.Default()
	var o CoverageOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	r.Get("/api/v1/coverage", coverageCells(src, log))
	r.Get("/api/v1/coverage/totals", coverageTotals(src, log))
	r.Get("/tiles/coverage/{profile}/{z}/{x}/{y}.mvt", coverageTile(src, o.tileCache(src), log))
}

// CoverageOptions tune the coverage routes.
type CoverageOptions struct {
	// TileCacheBytes bounds the in-process cache of rendered tiles: zero
	// is DefaultTileCacheBytes, negative turns the cache off. The cache
	// needs a source that is also a CoverageRunSource (as *postgis.DB is).
	TileCacheBytes int64
}

func (o CoverageOptions) tileCache(src CoverageSource) *tileCache {
	if _, ok := src.(CoverageRunSource); !ok {
		return nil
	}
	if o.TileCacheBytes == 0 {
		return newTileCache(DefaultTileCacheBytes)
	}
	return newTileCache(o.TileCacheBytes)
}

// CoverageRunSource says which run a profile has published, in one cheap
// query; *postgis.DB is one. With it a tile is served from the cache, and
// a revalidation answered, without drawing the tile again.
type CoverageRunSource interface {
	PublishedCoverage(ctx context.Context, profileID string) (postgis.CoverageRunInfo, error)
}

// coverageCell is one cell as deck.gl's and kepler.gl's H3 layers read it.
type coverageCell struct {
	HexID             string  `json:"hex_id"`
	Activities        int     `json:"activities"`
	SessionsPerWeek   float64 `json:"sessions_per_week"`
	Population        float64 `json:"population"`
	ProfilePopulation float64 `json:"profile_population"`
	RUC21             *string `json:"ruc21"`
	IMDDecile         *int    `json:"imd_decile"`
	UnknownShare      float64 `json:"unknown_share"`
	AssumedShare      float64 `json:"assumed_share"`
}

var coverageCSVHeader = []string{"hex_id", "activities", "sessions_per_week", "population", "profile_population",
	"ruc21", "imd_decile", "unknown_share", "assumed_share"}

func coverageCells(src CoverageSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p, res, format, err := parseCoverageQuery(q.Get("profile"), q.Get("res"), q.Get("format"))
		if err != nil {
			writeError(w, log, "list coverage", err)
			return
		}
		bbox, hasBBox, err := parseBBox(q.Get("bbox"))
		if err != nil {
			writeError(w, log, "list coverage", err)
			return
		}
		if src == nil {
			writeError(w, log, "list coverage", errUnconfigured)
			return
		}
		if hasBBox && bbox == (postgis.BBox{}) {
			bbox.Max[0] = 1e-12 // a point box at 0,0: the store reads a zero box as everywhere
		}
		run, rows, truncated, err := src.CoverageCells(r.Context(), p, res, bbox, postgis.MaxCoverageCells)
		if err != nil {
			writeError(w, log, "list coverage", coverageNotFound(err, p))
			return
		}
		setCoverageHeaders(w, run)
		if truncated {
			w.Header().Set("Coverage-Truncated", strconv.Itoa(postgis.MaxCoverageCells))
		}
		cells := make([]coverageCell, len(rows))
		for i, c := range rows {
			cells[i] = coverageCellOf(c)
		}
		writeCoverage(w, log, format, fmt.Sprintf("coverage-%s-res%d.csv", p, res), cells, func(cw *csv.Writer) error {
			return writeCellsCSV(cw, cells)
		})
	}
}

func coverageCellOf(c postgis.CoverageRow) coverageCell {
	out := coverageCell{HexID: c.HexID, Activities: c.Activities, SessionsPerWeek: c.SessionsPerWeek, Population: c.Population,
		ProfilePopulation: c.ProfilePopulation, UnknownShare: c.UnknownShare, AssumedShare: c.AssumedShare}
	if c.RUC21 != "" {
		ruc := c.RUC21
		out.RUC21 = &ruc
	}
	if c.IMDDecile > 0 {
		imd := c.IMDDecile
		out.IMDDecile = &imd
	}
	return out
}

func writeCellsCSV(cw *csv.Writer, cells []coverageCell) error {
	if err := cw.Write(coverageCSVHeader); err != nil {
		return err
	}
	for _, c := range cells {
		ruc, imd := "", ""
		if c.RUC21 != nil {
			ruc = *c.RUC21
		}
		if c.IMDDecile != nil {
			imd = strconv.Itoa(*c.IMDDecile)
		}
		if err := cw.Write([]string{c.HexID, strconv.Itoa(c.Activities), csvNum(c.SessionsPerWeek), csvNum(c.Population),
			csvNum(c.ProfilePopulation), ruc, imd, csvNum(c.UnknownShare), csvNum(c.AssumedShare)}); err != nil {
			return err
		}
	}
	return nil
}

func csvNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 32) }

// coverageTotalsBody is the totals endpoint's JSON.
type coverageTotalsBody struct {
	Profile string                  `json:"profile"`
	By      string                  `json:"by"`
	Week    string                  `json:"week"`
	RunID   int64                   `json:"run_id"`
	Groups  []postgis.CoverageTotal `json:"groups"`
	Total   postgis.CoverageTotal   `json:"total"`
}

var coverageGroupings = []string{"region", "ruc", "imd", "lsoa", "ward"}

func coverageTotals(src CoverageSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p, _, format, err := parseCoverageQuery(q.Get("profile"), "", q.Get("format"))
		if err != nil {
			writeError(w, log, "sum coverage", err)
			return
		}
		by := q.Get("by")
		if by == "" {
			by = "region"
		}
		if !slices.Contains(coverageGroupings, by) {
			writeError(w, log, "sum coverage", &fieldError{field: "by", reason: "want one of " + strings.Join(coverageGroupings, ", ")})
			return
		}
		if src == nil {
			writeError(w, log, "sum coverage", errUnconfigured)
			return
		}
		run, groups, total, err := src.CoverageTotals(r.Context(), p, by)
		if err != nil {
			writeError(w, log, "sum coverage", coverageNotFound(err, p))
			return
		}
		setCoverageHeaders(w, run)
		body := coverageTotalsBody{Profile: p, By: by, Week: run.Week.Format("2006-01-02"), RunID: run.ID, Groups: groups, Total: total}
		writeCoverage(w, log, format, fmt.Sprintf("coverage-totals-%s-by-%s.csv", p, by), body, func(cw *csv.Writer) error {
			return writeTotalsCSV(cw, append(groups, total))
		})
	}
}

func writeTotalsCSV(cw *csv.Writer, rows []postgis.CoverageTotal) error {
	if err := cw.Write([]string{"group", "cells", "population", "profile_population", "covered_population", "covered_profile_population"}); err != nil {
		return err
	}
	for _, g := range rows {
		if err := cw.Write([]string{g.Group, strconv.Itoa(g.Cells), csvNum(g.Population), csvNum(g.ProfilePopulation),
			csvNum(g.CoveredPopulation), csvNum(g.CoveredProfilePopulation)}); err != nil {
			return err
		}
	}
	return nil
}

// coverageTile draws one tile in one query. With a cache it first asks
// which run is published (a cheap query), answers a matching
// If-None-Match with 304 and a cached tile from memory, and draws only on
// a miss. A request with "Cache-Control: no-cache" bypasses the cache
// (the path taken without one); the Tile-Cache header says hit, miss or
// bypass.
func coverageTile(src CoverageSource, cache *tileCache, log *slog.Logger) http.HandlerFunc {
	runs, _ := src.(CoverageRunSource)
	return func(w http.ResponseWriter, r *http.Request) {
		p, z, x, y, err := parseTile(chi.URLParam(r, "profile"), chi.URLParam(r, "z"), chi.URLParam(r, "x"), chi.URLParam(r, "y"))
		if err != nil {
			writeError(w, log, "render coverage tile", err)
			return
		}
		if src == nil {
			writeError(w, log, "render coverage tile", errUnconfigured)
			return
		}
		useCache := cache != nil && !requestsNoCache(r)
		match := r.Header.Get("If-None-Match")
		var (
			run  postgis.CoverageRunInfo
			tile []byte
			hit  bool
		)
		if runs != nil && (useCache || match != "") {
			if run, err = runs.PublishedCoverage(r.Context(), p); err != nil {
				writeError(w, log, "render coverage tile", coverageNotFound(err, p))
				return
			}
			if etagMatches(match, run) {
				setCoverageHeaders(w, run)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			if useCache {
				tile, hit = cache.get(tileKey{run: run.ID, profile: p, z: z, x: x, y: y})
			}
		}
		if !hit {
			if run, tile, err = src.CoverageTile(r.Context(), p, tileRes(z), z, x, y); err != nil {
				writeError(w, log, "render coverage tile", coverageNotFound(err, p))
				return
			}
			if useCache {
				// Filed under the run the tile was drawn from, which a
				// publication since the lookup may have changed.
				cache.put(tileKey{run: run.ID, profile: p, z: z, x: x, y: y}, tile)
			}
		}
		setCoverageHeaders(w, run)
		if etagMatches(match, run) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h := w.Header()
		switch {
		case cache == nil:
		case !useCache:
			h.Set("Tile-Cache", "bypass")
		case hit:
			h.Set("Tile-Cache", "hit")
		default:
			h.Set("Tile-Cache", "miss")
		}
		h.Set("Content-Type", mvtContentType)
		h.Set("Content-Length", strconv.Itoa(len(tile)))
		w.WriteHeader(http.StatusOK)
		w.Write(tile) //nolint:errcheck // client went away
	}
}

// requestsNoCache reports whether the request asks not to be answered
// from a cache ("Cache-Control: no-cache", as a browser's hard reload
// sends).
func requestsNoCache(r *http.Request) bool {
	for _, v := range r.Header.Values("Cache-Control") {
		for d := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(d), "no-cache") {
				return true
			}
		}
	}
	return false
}

// etagMatches reports whether an If-None-Match value names the run's
// ETag (weakly, as RFC 9110 compares for GET), or is "*".
func etagMatches(header string, run postgis.CoverageRunInfo) bool {
	if header == "" {
		return false
	}
	etag := coverageETag(run)
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// tileRes is the H3 resolution drawn at zoom z: cells a few pixels to a
// few dozen pixels across.
func tileRes(z int) int {
	switch {
	case z <= 8:
		return 6
	case z <= 10:
		return 7
	case z <= 12:
		return 8
	}
	return 9
}

// parseCoverageQuery validates the profile (a standard one), the
// resolution (6 to 9; default 8; "" skips it) and the format.
func parseCoverageQuery(p, res, format string) (string, int, string, error) {
	if err := checkProfile(p); err != nil {
		return "", 0, "", err
	}
	r := defaultCoverageRes
	if res != "" {
		n, err := strconv.Atoi(res)
		if err != nil || n < 6 || n > 9 {
			return "", 0, "", &fieldError{field: "res", reason: "want an H3 resolution from 6 to 9"}
		}
		r = n
	}
	switch format {
	case "":
		format = "json"
	case "json", "csv":
	default:
		return "", 0, "", &fieldError{field: "format", reason: "want json or csv"}
	}
	return p, r, format, nil
}

func checkProfile(p string) error {
	if _, ok := profile.ByID(p); ok {
		return nil
	}
	var ids []string
	for _, s := range profile.Standard() {
		ids = append(ids, s.ID)
	}
	return &fieldError{field: "profile", reason: "want a standard profile: " + strings.Join(ids, ", ")}
}

func parseTile(p, zs, xs, ys string) (prof string, z, x, y int, err error) {
	if err := checkProfile(p); err != nil {
		return "", 0, 0, 0, err
	}
	z, err = strconv.Atoi(zs)
	if err != nil || z < 0 || z > maxTileZoom {
		return "", 0, 0, 0, &fieldError{field: "z", reason: fmt.Sprintf("want a zoom from 0 to %d", maxTileZoom)}
	}
	n := 1 << z
	if x, err = strconv.Atoi(xs); err != nil || x < 0 || x >= n {
		return "", 0, 0, 0, &fieldError{field: "x", reason: fmt.Sprintf("want a column from 0 to %d at zoom %d", n-1, z)}
	}
	if y, err = strconv.Atoi(ys); err != nil || y < 0 || y >= n {
		return "", 0, 0, 0, &fieldError{field: "y", reason: fmt.Sprintf("want a row from 0 to %d at zoom %d", n-1, z)}
	}
	return p, z, x, y, nil
}

// coverageNotFound says which profile has no published run, and what
// makes one.
func coverageNotFound(err error, p string) error {
	if postgis.KindOf(err) == postgis.KindNotFound {
		return &notFoundError{msg: fmt.Sprintf("no coverage has been computed for profile %q yet: run `threshold compute coverage`", p)}
	}
	return err
}

func setCoverageHeaders(w http.ResponseWriter, run postgis.CoverageRunInfo) {
	w.Header().Set("Cache-Control", coverageCacheControl)
	w.Header().Set("ETag", coverageETag(run))
	w.Header().Set("Coverage-Run", strconv.FormatInt(run.ID, 10))
	w.Header().Set("Coverage-Week", run.Week.Format("2006-01-02"))
}

// coverageETag names the run: every response drawn from it is the same
// until another run is published.
func coverageETag(run postgis.CoverageRunInfo) string {
	return `"coverage-` + strconv.FormatInt(run.ID, 10) + `"`
}

// writeCoverage writes v as JSON, or as CSV (with a header row) by
// writeCSV.
func writeCoverage(w http.ResponseWriter, log *slog.Logger, format, filename string, v any, writeCSV func(*csv.Writer) error) {
	if format == "json" {
		b, err := json.Marshal(v)
		if err != nil {
			writeError(w, log, "encode coverage", err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write(append(b, '\n')) //nolint:errcheck // client went away
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
	w.WriteHeader(http.StatusOK)
	cw := csv.NewWriter(w)
	if err := writeCSV(cw); err != nil {
		return // client went away
	}
	cw.Flush()
}
