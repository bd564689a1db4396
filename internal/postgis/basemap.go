package postgis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// The basemap Threshold serves itself: vector tiles of the loaded regions
// from tables that refresh_basemap (migrations/0004_basemap.sql) derives
// from each source inside its import, and a search over place, stop and
// site names.

// Basemap tile limits.
const (
	BaseMinZoom = 0
	BaseMaxZoom = 16
	// MaxBaseFeatures caps the features of one layer of one tile.
	MaxBaseFeatures = 4000
	// MaxPlaceResults caps one place search.
	MaxPlaceResults = 50
)

// BaseLayers returns the basemap tile's layers, bottom to top.
func BaseLayers() []string {
	return []string{"land", "areas", "roads", "paths", "routes", "stops", "sites", "places"}
}

// BaseTile is one rendered basemap tile and the data version it shows. An
// empty Data is a tile with nothing in it.
type BaseTile struct {
	Version string
	Data    []byte
}

// refreshBasemap rebuilds what source contributes to the basemap and the
// place names; the import framework calls it inside every import.
func refreshBasemap(ctx context.Context, tx pgx.Tx, source string) error {
	_, err := tx.Exec(ctx, `SELECT refresh_basemap($1)`, source)
	return classify(err, "refresh basemap for %s", source)
}

const baseVersionSQL = `SELECT coalesce(sum(version), 0)::text || '.' || count(*) FROM basemap_source`

// BaseTileVersion returns the version of the basemap's data: it changes
// after every import, and is a tile's ETag.
func (db *DB) BaseTileVersion(ctx context.Context) (string, error) {
	var v string
	err := db.Pool.QueryRow(ctx, baseVersionSQL).Scan(&v)
	return v, classify(err, "read basemap version")
}

// landLevel is the precomputed simplification of land drawn at zoom z.
func landLevel(z int) int {
	switch {
	case z <= 5:
		return 0
	case z <= 8:
		return 1
	case z <= 11:
		return 2
	}
	return 3
}

// BaseTile renders tile z/x/y of the basemap (layers BaseLayers, each
// with at most MaxBaseFeatures features) within a statement timeout, with
// the version it shows, read in the same snapshot.
func (db *DB) BaseTile(ctx context.Context, z, x, y int) (BaseTile, error) {
	if z < BaseMinZoom || z > BaseMaxZoom || x < 0 || y < 0 || x >= 1<<z || y >= 1<<z {
		return BaseTile{}, &Error{Kind: KindInvalid, Msg: fmt.Sprintf("no basemap tile %d/%d/%d", z, x, y)}
	}
	var t BaseTile
	err := pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '`+tileTimeout+`'`); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, baseVersionSQL).Scan(&t.Version); err != nil {
			return err
		}
		return tx.QueryRow(ctx, baseTileSQL, z, x, y, landLevel(z), MaxBaseFeatures).Scan(&t.Data)
	})
	return t, classify(err, "render basemap tile %d/%d/%d", z, x, y)
}

// baseTileSQL renders every layer; $1..$3 are z, x, y, $4 the land level,
// $5 the feature cap. Geometries are clipped with a 64-unit buffer and
// selected with the same margin, so lines and labels continue across tile
// edges. Web Mercator tile edges are meridians and parallels, so the
// envelope's WGS84 box selects exactly from the 4326 tables' indexes.
const baseTileSQL = `
WITH box AS (
  SELECT ST_TileEnvelope($1, $2, $3) AS e, m, ST_Transform(m, 4326) AS m4326
  FROM ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS m),
land AS (
  SELECT coalesce(l.region_id, l.source_id) AS region, ST_AsMVTGeom(l.geom, b.e, 4096, 64, true) AS geom
  FROM basemap_land l, box b WHERE l.level = $4 AND l.geom && b.m
  ORDER BY l.source_id LIMIT $5),
areas AS (
  SELECT a.code, a.name, ST_AsMVTGeom(ST_Transform(a.geom, 3857), b.e, 4096, 64, true) AS geom
  FROM lsoa a, box b WHERE $1 >= 11 AND a.geom && b.m4326
  ORDER BY a.code LIMIT $5),
roads AS (
  SELECT r.class, r.link, r.name, ST_AsMVTGeom(CASE WHEN $1 < 12 THEN r.geom_lo ELSE r.geom END, b.e, 4096, 64, true) AS geom
  FROM basemap_road r, box b WHERE r.minzoom <= $1 AND r.geom && b.m
  ORDER BY r.minzoom, r.source_id, r.way_id LIMIT $5),
paths AS (
  SELECT p.kind, p.wheelchair, ST_AsMVTGeom(p.geom, b.e, 4096, 64, true) AS geom
  FROM basemap_path p, box b WHERE $1 >= 14 AND p.geom && b.m
  ORDER BY p.source_id, p.way_id LIMIT $5),
routes AS (
  SELECT r.route_id, r.source_id AS feed, r.short_name AS route_short_name, r.long_name AS route_long_name, r.colour,
         r.route_type, r.shape_from AS shape, s.illustrative,
         ST_AsMVTGeom(CASE WHEN $1 < 13 THEN r.geom_lo ELSE r.geom END, b.e, 4096, 64, true) AS geom
  FROM basemap_route r JOIN source s ON s.id = r.source_id, box b WHERE $1 >= 10 AND r.geom && b.m
  ORDER BY r.source_id, r.route_id LIMIT $5),
stops AS (
  SELECT s.stop_id, s.feed_id AS feed, s.name, s.code,
         CASE WHEN s.step_free = 'unknown' AND coalesce((f.access_policy ->> 'assume_stops_boardable')::boolean, false)
              THEN 'assumed' ELSE s.step_free END AS wheelchair_boarding, src.illustrative,
         ST_AsMVTGeom(ST_Transform(s.geom, 3857), b.e, 4096, 64, true) AS geom
  FROM gtfs_stop s JOIN gtfs_feed f ON f.feed_id = s.feed_id JOIN source src ON src.id = s.feed_id, box b
  WHERE $1 >= 13 AND s.location_type IN (0, 1) AND s.geom && b.m4326
  ORDER BY s.feed_id, s.stop_id LIMIT $5),
sites AS (
  SELECT s.id AS fid, s.id::text AS id, s.name, s.kind, s.illustrative,
         ST_AsMVTGeom(ST_Transform(s.geom, 3857), b.e, 4096, 64, true) AS geom
  FROM site s, box b WHERE $1 >= 11 AND s.geom && b.m4326
  ORDER BY s.id LIMIT $5),
places AS (
  SELECT p.name, p.kind, p.rank, ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.e, 4096, 64, true) AS geom
  FROM place_name p, box b
  WHERE p.kind = 'locality' AND $1 >= CASE p.rank WHEN 1 THEN 8 WHEN 2 THEN 10 ELSE 12 END AND p.geom && b.m4326
  ORDER BY p.rank, p.name, p.id LIMIT $5)
SELECT coalesce((SELECT ST_AsMVT(t, 'land', 4096, 'geom') FROM land t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'areas', 4096, 'geom') FROM areas t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'roads', 4096, 'geom') FROM roads t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'paths', 4096, 'geom') FROM paths t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'routes', 4096, 'geom') FROM routes t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'stops', 4096, 'geom') FROM stops t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'sites', 4096, 'geom', 'fid') FROM sites t WHERE t.geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(t, 'places', 4096, 'geom') FROM places t WHERE t.geom IS NOT NULL), '')`

// BasemapRegion is a loaded region and the box of its basemap data; a
// region with no data has a zero Bounds and HasBounds false.
type BasemapRegion struct {
	ID, Name  string
	Bounds    orb.Bound
	HasBounds bool
}

// Attribution is one credit the map must show.
type Attribution struct {
	// Source names the kind of source: ons, osm, gtfs, naptan, museums,
	// nhle, openreferral, or illustrative.
	Source  string
	Text    string
	Licence string
	URL     string
	// Illustrative marks invented data.
	Illustrative bool
}

// BasemapInfo is what the web map needs to draw the basemap.
type BasemapInfo struct {
	Bounds      orb.Bound
	HasBounds   bool
	Regions     []BasemapRegion
	Attribution []Attribution
}

// Basemap returns the box of the loaded basemap data (land, roads and
// timetabled stops), each loaded region with its own box, and a credit
// for every imported source.
func (db *DB) Basemap(ctx context.Context) (BasemapInfo, error) {
	var info BasemapInfo
	boxes, err := db.basemapBoxes(ctx)
	if err != nil {
		return info, err
	}
	for _, b := range boxes {
		if info.HasBounds {
			info.Bounds = info.Bounds.Union(b)
		} else {
			info.Bounds, info.HasBounds = b, true
		}
	}
	if info.Regions, err = db.basemapRegions(ctx, boxes); err != nil {
		return info, err
	}
	info.Attribution, err = db.attributions(ctx)
	return info, err
}

// basemapBoxes returns the WGS84 box of the basemap data of each region
// ("" for sources imported without one).
func (db *DB) basemapBoxes(ctx context.Context) (map[string]orb.Bound, error) {
	rows, err := db.Pool.Query(ctx, `
WITH ext AS (
  SELECT s.region_id, ST_Extent(l.geom) AS e FROM basemap_land l JOIN source s ON s.id = l.source_id WHERE l.level = 3 GROUP BY 1
  UNION ALL
  SELECT s.region_id, ST_Extent(r.geom) FROM basemap_road r JOIN source s ON s.id = r.source_id GROUP BY 1
  UNION ALL
  SELECT s.region_id, ST_Extent(ST_Transform(g.geom, 3857)) FROM gtfs_stop g JOIN source s ON s.id = g.feed_id
  WHERE g.geom IS NOT NULL GROUP BY 1),
boxes AS (
  SELECT coalesce(region_id, '') AS region, ST_Transform(ST_SetSRID(ST_Extent(e)::geometry, 3857), 4326) AS b
  FROM ext GROUP BY 1)
SELECT region, ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM boxes`)
	if err != nil {
		return nil, classify(err, "read basemap bounds")
	}
	defer rows.Close()
	out := map[string]orb.Bound{}
	for rows.Next() {
		var id string
		var b orb.Bound
		if err := rows.Scan(&id, &b.Min[0], &b.Min[1], &b.Max[0], &b.Max[1]); err != nil {
			return nil, classify(err, "read basemap bounds")
		}
		out[id] = b
	}
	return out, classify(rows.Err(), "read basemap bounds")
}

func (db *DB) basemapRegions(ctx context.Context, boxes map[string]orb.Bound) ([]BasemapRegion, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, name FROM region ORDER BY name, id`)
	if err != nil {
		return nil, classify(err, "list regions")
	}
	defer rows.Close()
	out := []BasemapRegion{}
	for rows.Next() {
		var r BasemapRegion
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, classify(err, "list regions")
		}
		r.Bounds, r.HasBounds = boxes[r.ID]
		out = append(out, r)
	}
	return out, classify(rows.Err(), "list regions")
}

// sourceCredit is what the attribution of one source is built from.
type sourceCredit struct {
	id, kind, text string
	illustrative   bool
	publisher      string
	operators      string
}

// attributions returns one credit per distinct text, sources in kind
// order (boundaries, OSM, timetables, stops, sites, activities).
func (db *DB) attributions(ctx context.Context) ([]Attribution, error) {
	rows, err := db.Pool.Query(ctx, `
SELECT s.id, s.kind, s.attribution, s.illustrative, coalesce(f.publisher, ''),
       coalesce((SELECT string_agg(a.name, ', ' ORDER BY lower(a.name), a.name)
                 FROM (SELECT DISTINCT name FROM gtfs_agency WHERE feed_id = s.id) a), '')
FROM source s LEFT JOIN gtfs_feed f ON f.feed_id = s.id
ORDER BY array_position(ARRAY['areas', 'osm', 'gtfs', 'naptan', 'museums', 'nhle', 'openreferral'], s.kind), s.id`)
	if err != nil {
		return nil, classify(err, "read sources")
	}
	defer rows.Close()
	out := []Attribution{}
	seen := map[string]bool{}
	for rows.Next() {
		var c sourceCredit
		if err := rows.Scan(&c.id, &c.kind, &c.text, &c.illustrative, &c.publisher, &c.operators); err != nil {
			return nil, classify(err, "read sources")
		}
		for _, a := range creditsOf(c) {
			if !seen[a.Text] {
				seen[a.Text] = true
				out = append(out, a)
			}
		}
	}
	return out, classify(rows.Err(), "read sources")
}

// Licence names and where to read them.
const (
	licenceOGL    = "OGL-UK-3.0"
	licenceODbL   = "ODbL-1.0"
	licenceCCBY   = "CC-BY-4.0"
	licenceNone   = "none"
	licenceUnsaid = "not stated"
	urlOGL        = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)

// creditsOf returns the credits of one source: its own attribution text
// where the import gave one, otherwise the standard wording of its kind.
func creditsOf(c sourceCredit) []Attribution {
	if c.illustrative {
		return []Attribution{illustrativeCredit(c)}
	}
	switch c.kind {
	case "areas":
		return []Attribution{
			credit("ons", c.text, "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data (c) Crown copyright and database right.", licenceOGL, urlOGL),
			credit("ons", "", "Contains public sector information licensed under the Open Government Licence v3.0 (English Indices of Deprivation 2025, MHCLG).", licenceOGL, urlOGL),
		}
	case "osm":
		return []Attribution{credit("osm", c.text, "(c) OpenStreetMap contributors, data available under the Open Database Licence.", licenceODbL, "https://www.openstreetmap.org/copyright")}
	case "naptan":
		return []Attribution{credit("naptan", c.text, "Contains public sector information licensed under the Open Government Licence v3.0 (NaPTAN, Department for Transport).", licenceOGL, urlOGL)}
	case "museums":
		return []Attribution{credit("museums", c.text, "Data from the Mapping Museums project, Birkbeck, University of London (www.mappingmuseums.org), CC BY 4.0.", licenceCCBY, "https://www.mappingmuseums.org")}
	case "nhle":
		return []Attribution{credit("nhle", c.text, "(c) Historic England. Contains Ordnance Survey data (c) Crown copyright and database right. The most publicly available up to date Historic England Data can be obtained from HistoricEngland.org.uk.", licenceOGL, "https://historicengland.org.uk")}
	case "gtfs":
		return []Attribution{gtfsCredit(c)}
	}
	return []Attribution{credit(c.kind, c.text, fmt.Sprintf("Activities from the Open Referral UK directory %q.", c.id), licenceUnsaid, "")}
}

// credit uses the source's own text when there is one; its licence is
// then read from the text (the kind's default is not assumed for it).
func credit(source, own, standard, licence, url string) Attribution {
	if own == "" {
		return Attribution{Source: source, Text: standard, Licence: licence, URL: url}
	}
	lic := licenceIn(own)
	if lic != licence {
		url = ""
	}
	return Attribution{Source: source, Text: own, Licence: lic, URL: url}
}

// licenceIn recognises the licence an attribution text names.
func licenceIn(text string) string {
	switch {
	case strings.Contains(text, "Open Government Licence"):
		return licenceOGL
	case strings.Contains(text, "ODbL"), strings.Contains(text, "Open Database Licence"):
		return licenceODbL
	case strings.Contains(text, "CC BY 4.0"), strings.Contains(text, "CC-BY-4.0"):
		return licenceCCBY
	}
	return licenceUnsaid
}

// gtfsCredit credits a timetable and names its operators.
func gtfsCredit(c sourceCredit) Attribution {
	text := c.text
	if text == "" {
		who := c.publisher
		if who == "" {
			who = "feed " + c.id
		}
		text = fmt.Sprintf("Timetables: GTFS from %s.", who)
	}
	if c.operators != "" {
		text += " Operators: " + c.operators + "."
	}
	a := Attribution{Source: "gtfs", Text: text, Licence: licenceIn(text)}
	if a.Licence == licenceOGL {
		a.URL = urlOGL
	}
	return a
}

// illustrativeCredit says that data was invented, in one wording per kind
// so that regions share it.
func illustrativeCredit(c sourceCredit) Attribution {
	var text string
	switch c.kind {
	case "openreferral":
		text = "Activities, their sessions, prices and venue access are ILLUSTRATIVE: invented for demonstration by Threshold, not real offers."
	case "gtfs":
		text = "Demand-responsive (dial-a-ride) services and their zones are ILLUSTRATIVE: invented for demonstration by Threshold."
	default:
		text = fmt.Sprintf("Data of source %q is ILLUSTRATIVE: invented for demonstration by Threshold.", c.id)
	}
	return Attribution{Source: "illustrative", Text: text, Licence: licenceNone, Illustrative: true}
}

// PlaceHit is one result of a place search.
type PlaceHit struct {
	ID     string
	Name   string
	Kind   string // locality, place, site or stop
	Detail string
	Point  orb.Point
}

// SearchPlaces finds localities, ward names, heritage sites and stops whose
// name starts with q, or whose name and detail hold every word of q at the
// start of a word (case-insensitive), then, failing those, names close to
// q (trigram word similarity, for typos). Exact names rank first, then
// prefixes, then word matches, then near matches; within each, places
// before sites before stops. limit is clamped to 1..MaxPlaceResults.
func (db *DB) SearchPlaces(ctx context.Context, q string, limit int) ([]PlaceHit, error) {
	if limit <= 0 || limit > MaxPlaceResults {
		limit = MaxPlaceResults
	}
	rows, err := db.Pool.Query(ctx, searchPlacesSQL, q, limit)
	if err != nil {
		return nil, classify(err, "search places")
	}
	defer rows.Close()
	out := []PlaceHit{}
	for rows.Next() {
		var h PlaceHit
		if err := rows.Scan(&h.ID, &h.Name, &h.Kind, &h.Detail, &h.Point[0], &h.Point[1]); err != nil {
			return nil, classify(err, "search places")
		}
		out = append(out, h)
	}
	return out, classify(rows.Err(), "search places")
}

// searchPlacesSQL: $1 the query, $2 the limit. The query is normalised as
// the names were (place_search_text), so it holds only letters, digits and
// single spaces: no LIKE wildcard can come from it. A GTFS stop that NaPTAN
// also lists appears once, as the NaPTAN stop. A site's detail names the
// nearest locality within about 5 km; a NaPTAN stop's its own locality;
// other places' their region.
const searchPlacesSQL = `
WITH q AS (
  SELECT t, btrim(t) AS core, ' ' || split_part(btrim(t), ' ', 1) AS first, string_to_array(btrim(t), ' ') AS words
  FROM place_search_text($1) AS t),
cand AS (
  SELECT p.id, p.kind, p.origin, p.name, p.detail, p.region_id, p.geom, p.name_norm, p.search, p.rank
  FROM place_name p, q
  WHERE q.core <> '' AND (p.search LIKE '%' || q.first || '%' OR q.core <% p.search)
    AND NOT (p.origin = 'gtfs' AND EXISTS (
      SELECT FROM place_name n WHERE n.origin = 'naptan' AND n.atco_code = p.atco_code))
  UNION ALL
  SELECT 'site:' || s.id, 'site', 'site', s.name, replace(s.kind, '_', ' '), NULL, s.geom, place_search_text(s.name),
         place_search_text(s.name || ' ' || replace(s.kind, '_', ' ')), 2
  FROM site s, q
  WHERE q.core <> '' AND (place_search_text(s.name || ' ' || replace(s.kind, '_', ' ')) LIKE '%' || q.first || '%'
         OR q.core <% place_search_text(s.name || ' ' || replace(s.kind, '_', ' ')))),
ranked AS (
  SELECT c.*,
         CASE WHEN c.name_norm = q.t THEN 0
              WHEN c.name_norm LIKE rtrim(q.t) || '%' THEN 1
              WHEN NOT EXISTS (SELECT FROM unnest(q.words) w WHERE position(' ' || w IN c.search) = 0) THEN 2
              ELSE 3 END AS tier,
         array_position(ARRAY['locality', 'place', 'site', 'stop'], c.kind) AS kind_order,
         word_similarity(q.core, c.search) AS sim
  FROM cand c, q),
best AS (
  SELECT * FROM ranked
  WHERE tier < 3 OR sim >= 0.6
  ORDER BY tier, kind_order, rank, sim DESC, length(name), name, id
  LIMIT $2)
SELECT b.id, b.name, b.kind,
       concat_ws(', ', nullif(b.detail, ''), CASE
         WHEN b.kind = 'site' THEN (SELECT l.name FROM place_name l
                                    WHERE l.kind = 'locality' AND ST_DWithin(l.geom, b.geom, 0.05)
                                    ORDER BY l.geom <-> b.geom LIMIT 1)
         WHEN b.origin <> 'naptan' OR b.kind <> 'stop' THEN r.name END),
       ST_X(b.geom), ST_Y(b.geom)
FROM best b LEFT JOIN region r ON r.id = b.region_id
ORDER BY b.tier, b.kind_order, b.rank, b.sim DESC, length(b.name), b.name, b.id`
