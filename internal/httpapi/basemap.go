package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/postgis"
)

// BasemapSource renders the basemap Threshold serves itself and searches
// place names; *postgis.DB is one.
type BasemapSource interface {
	BaseTileVersion(ctx context.Context) (string, error)
	BaseTile(ctx context.Context, z, x, y int) (postgis.BaseTile, error)
	Basemap(ctx context.Context) (postgis.BasemapInfo, error)
	SearchPlaces(ctx context.Context, q string, limit int) ([]postgis.PlaceHit, error)
}

// Basemap endpoints' settings.
const (
	baseTilesTemplate = "/tiles/base/{z}/{x}/{y}.mvt"
	// baseCacheControl: the basemap changes only when an import commits;
	// ten minutes' staleness is fine and the ETag makes revalidation
	// cheap.
	baseCacheControl = "public, max-age=600"
	// placesCacheControl keeps what a link worker typed out of shared
	// caches.
	placesCacheControl = "private, max-age=300"
	defaultPlacesLimit = 10
	minPlaceQueryRunes = 2
	maxPlaceQueryRunes = 100
	basemapCoordScale  = 1e6
)

// BasemapRoutes adds the basemap endpoints to r:
//
//	GET /tiles/base/{z}/{x}/{y}.mvt
//	GET /api/v1/basemap
//	GET /api/v1/places?q=&limit=
//
// A nil src answers 503. Server-side failures are logged to slog.Default,
// never with the search text.
func BasemapRoutes(r chi.Router, src BasemapSource) {
	log := slog.Default()
	// {y} holds the ".mvt" too: the pattern is then the OpenAPI path
	// template, whose path matching in the tests takes whole segments.
	r.Get("/tiles/base/{z}/{x}/{y}", baseTile(src, log))
	r.Get("/api/v1/basemap", basemapInfo(src, log))
	r.Get("/api/v1/places", places(src, log))
}

func baseTile(src BasemapSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, x, y, err := parseBaseTile(chi.URLParam(r, "z"), chi.URLParam(r, "x"), chi.URLParam(r, "y"))
		if err != nil {
			writeError(w, log, "render basemap tile", err)
			return
		}
		if src == nil {
			writeError(w, log, "render basemap tile", errUnconfigured)
			return
		}
		if match := r.Header.Get("If-None-Match"); match != "" {
			v, err := src.BaseTileVersion(r.Context())
			if err != nil {
				writeError(w, log, "render basemap tile", err)
				return
			}
			if baseETagMatches(match, baseETag(v)) {
				setBaseHeaders(w, v)
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		tile, err := src.BaseTile(r.Context(), z, x, y)
		if err != nil {
			writeError(w, log, "render basemap tile", err)
			return
		}
		setBaseHeaders(w, tile.Version)
		if len(tile.Data) == 0 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", mvtContentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(tile.Data)))
		w.WriteHeader(http.StatusOK)
		w.Write(tile.Data) //nolint:errcheck // client went away
	}
}

// parseBaseTile validates z (0 to postgis.BaseMaxZoom), x and y (with its
// ".mvt").
func parseBaseTile(zs, xs, ys string) (z, x, y int, err error) {
	z, err = strconv.Atoi(zs)
	if err != nil || z < postgis.BaseMinZoom || z > postgis.BaseMaxZoom {
		return 0, 0, 0, &fieldError{field: "z", reason: fmt.Sprintf("want a zoom from %d to %d", postgis.BaseMinZoom, postgis.BaseMaxZoom)}
	}
	n := 1 << z
	if x, err = strconv.Atoi(xs); err != nil || x < 0 || x >= n {
		return 0, 0, 0, &fieldError{field: "x", reason: fmt.Sprintf("want a column from 0 to %d at zoom %d", n-1, z)}
	}
	ys, mvt := strings.CutSuffix(ys, ".mvt")
	if y, err = strconv.Atoi(ys); err != nil || !mvt || y < 0 || y >= n {
		return 0, 0, 0, &fieldError{field: "y", reason: fmt.Sprintf("want a row from 0 to %d at zoom %d, then .mvt", n-1, z)}
	}
	return z, x, y, nil
}

func baseETag(version string) string { return `"base-` + version + `"` }

// baseETagMatches reads an If-None-Match list (or *).
func baseETagMatches(header, etag string) bool {
	for _, candidate := range strings.Split(header, ",") {
		c := strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if c == etag || c == "*" {
			return true
		}
	}
	return false
}

func setBaseHeaders(w http.ResponseWriter, version string) {
	w.Header().Set("Cache-Control", baseCacheControl)
	w.Header().Set("ETag", baseETag(version))
}

// basemapBody is GET /api/v1/basemap.
type basemapBody struct {
	Bounds      *[4]float64         `json:"bounds"`
	Regions     []basemapRegionBody `json:"regions"`
	Tiles       string              `json:"tiles"`
	MinZoom     int                 `json:"minzoom"`
	MaxZoom     int                 `json:"maxzoom"`
	Layers      []string            `json:"layers"`
	Attribution []attributionBody   `json:"attribution"`
}

type basemapRegionBody struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Bounds *[4]float64 `json:"bounds"`
}

type attributionBody struct {
	Source       string `json:"source"`
	Text         string `json:"text"`
	Licence      string `json:"licence"`
	URL          string `json:"url,omitempty"`
	Illustrative bool   `json:"illustrative,omitempty"`
}

func basemapInfo(src BasemapSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if src == nil {
			writeError(w, log, "describe basemap", errUnconfigured)
			return
		}
		info, err := src.Basemap(r.Context())
		if err != nil {
			writeError(w, log, "describe basemap", err)
			return
		}
		w.Header().Set("Cache-Control", readCacheControl)
		writeJSON(w, http.StatusOK, basemapBodyOf(info))
	}
}

func basemapBodyOf(info postgis.BasemapInfo) basemapBody {
	body := basemapBody{Bounds: basemapBounds(info.Bounds, info.HasBounds), Regions: []basemapRegionBody{},
		Tiles: baseTilesTemplate, MinZoom: postgis.BaseMinZoom, MaxZoom: postgis.BaseMaxZoom,
		Layers: postgis.BaseLayers(), Attribution: []attributionBody{}}
	for _, r := range info.Regions {
		body.Regions = append(body.Regions, basemapRegionBody{ID: r.ID, Name: r.Name, Bounds: basemapBounds(r.Bounds, r.HasBounds)})
	}
	for _, a := range info.Attribution {
		body.Attribution = append(body.Attribution, attributionBody{Source: a.Source, Text: a.Text, Licence: a.Licence,
			URL: a.URL, Illustrative: a.Illustrative})
	}
	return body
}

// basemapBounds is [west, south, east, north] rounded outwards to six decimals,
// or nil.
func basemapBounds(b postgis.BBox, ok bool) *[4]float64 {
	if !ok {
		return nil
	}
	return &[4]float64{
		math.Floor(b.Min[0]*basemapCoordScale) / basemapCoordScale, math.Floor(b.Min[1]*basemapCoordScale) / basemapCoordScale,
		math.Ceil(b.Max[0]*basemapCoordScale) / basemapCoordScale, math.Ceil(b.Max[1]*basemapCoordScale) / basemapCoordScale,
	}
}

// placeSearchBody is GET /api/v1/places.
type placeSearchBody struct {
	Places []placeHitBody `json:"places"`
}

type placeHitBody struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Detail string  `json:"detail"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

func places(src BasemapSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, limit, err := parsePlacesQuery(r.URL.Query().Get("q"), r.URL.Query().Get("limit"))
		if err != nil {
			writeError(w, log, "search places", err)
			return
		}
		if src == nil {
			writeError(w, log, "search places", errUnconfigured)
			return
		}
		hits, err := src.SearchPlaces(r.Context(), q, limit)
		if err != nil {
			writeError(w, log, "search places", err)
			return
		}
		body := placeSearchBody{Places: make([]placeHitBody, len(hits))}
		for i, h := range hits {
			body.Places[i] = placeHitBody{ID: h.ID, Name: h.Name, Kind: h.Kind, Detail: h.Detail,
				Lat: placeCoord6(h.Point[1]), Lon: placeCoord6(h.Point[0])}
		}
		w.Header().Set("Cache-Control", placesCacheControl)
		writeJSON(w, http.StatusOK, body)
	}
}

// parsePlacesQuery validates q (2 to 100 characters once trimmed, text
// without control characters) and limit (1 to postgis.MaxPlaceResults,
// default 10). The reasons never repeat the query.
func parsePlacesQuery(q, limitS string) (string, int, error) {
	q = strings.TrimSpace(q)
	n := utf8.RuneCountInString(q)
	if !utf8.ValidString(q) || strings.ContainsFunc(q, unicode.IsControl) {
		return "", 0, &fieldError{field: "q", reason: "want plain text"}
	}
	if n < minPlaceQueryRunes || n > maxPlaceQueryRunes {
		return "", 0, &fieldError{field: "q", reason: fmt.Sprintf("want %d to %d characters", minPlaceQueryRunes, maxPlaceQueryRunes)}
	}
	limit := defaultPlacesLimit
	if limitS != "" {
		l, err := strconv.Atoi(limitS)
		if err != nil || l < 1 || l > postgis.MaxPlaceResults {
			return "", 0, &fieldError{field: "limit", reason: fmt.Sprintf("want a whole number from 1 to %d", postgis.MaxPlaceResults)}
		}
		limit = l
	}
	return q, limit, nil
}

func placeCoord6(v float64) float64 { return math.Round(v*basemapCoordScale) / basemapCoordScale }
