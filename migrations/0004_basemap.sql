-- The basemap Threshold serves itself (no internet tiles) and the place
-- names a link worker searches to set a person's home.
--
-- Derived tables are rebuilt per source by refresh_basemap(source_id),
-- which the import framework calls inside every import's transaction (after
-- the loader, before the run is recorded): the basemap changes exactly when
-- the published data does, and a failed import leaves both unchanged. The
-- end of this file fills them from the data already imported.
--
-- Geometries for tiles are stored in Web Mercator (EPSG:3857), the tiles'
-- projection, so that a tile request transforms nothing, and are simplified
-- ahead of time for the low zooms.

-- Trigram matching for the place search (a trusted extension: the database
-- owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A refresh bumps its source's version; the sum over sources (with their
-- count) is the tiles' ETag. A sequence and one row per source keep
-- concurrent imports of different sources from waiting on each other.
CREATE SEQUENCE basemap_version_seq;
CREATE TABLE basemap_source (
    source_id    text PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    version      bigint NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now()
);

-- Land: the union of an areas source's LSOA boundaries. There is no OSM
-- coastline here; the LSOAs follow the mean high water line. Level 0 serves
-- zooms 0-5, 1 zooms 6-8, 2 zooms 9-11, 3 (unsimplified) zooms 12 and up;
-- each level is simplified by about one tile unit at its highest zoom.
CREATE TABLE basemap_land (
    source_id text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    region_id text,
    level     smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
    geom      geometry(MultiPolygon, 3857) NOT NULL,
    PRIMARY KEY (source_id, level)
);
CREATE INDEX basemap_land_geom ON basemap_land USING gist (geom);

-- Roads: an OSM way's road edges merged back into lines, with the class
-- and the first zoom that draws them. geom_lo (simplified by 10 m) serves
-- zooms below 12.
CREATE TABLE basemap_road (
    source_id text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    way_id    bigint NOT NULL,
    highway   text NOT NULL,
    class     text NOT NULL CHECK (class IN ('motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'minor', 'service')),
    link      boolean NOT NULL,
    name      text,
    minzoom   smallint NOT NULL,
    geom      geometry(Geometry, 3857) NOT NULL,
    geom_lo   geometry(Geometry, 3857) NOT NULL,
    PRIMARY KEY (source_id, way_id, highway)
);
CREATE INDEX basemap_road_geom ON basemap_road USING gist (geom);

-- Paths: the pedestrian ways that are not roads (footways, steps, tracks...),
-- merged per way.
CREATE TABLE basemap_path (
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    way_id     bigint NOT NULL,
    kind       text NOT NULL,
    wheelchair access_value,
    geom       geometry(Geometry, 3857) NOT NULL,
    PRIMARY KEY (source_id, way_id, kind, wheelchair)
);
CREATE INDEX basemap_path_geom ON basemap_path USING gist (geom);

-- Routes: a GTFS route's shapes, or, where the feed has no shapes.txt,
-- straight stop-to-stop lines of a representative trip per direction (the
-- trip calling at the most stops), flagged shape_from = 'stops'.
CREATE TABLE basemap_route (
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    route_id   text NOT NULL,
    short_name text,
    long_name  text,
    colour     text CHECK (colour ~ '^#[0-9A-F]{6}$'),
    route_type integer NOT NULL,
    shape_from text NOT NULL CHECK (shape_from IN ('shapes', 'stops')),
    geom       geometry(Geometry, 3857) NOT NULL,
    geom_lo    geometry(Geometry, 3857) NOT NULL,
    PRIMARY KEY (source_id, route_id)
);
CREATE INDEX basemap_route_geom ON basemap_route USING gist (geom);

-- The text a name is matched on: lower case, every run of characters that
-- are not letters or digits one space, with a space at each end, so that
-- "a word starting with q" is LIKE '% q%'. Queries are normalised the same
-- way.
CREATE FUNCTION place_search_text(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ' ' || btrim(regexp_replace(lower(coalesce(t, '')), '[^[:alnum:]]+', ' ', 'g')) || ' ';

-- Names to search and label: NaPTAN localities (at the centre of their
-- stops; rank 1 for 25 stops or more, 2 for 8 or more, 3 below), ward names
-- from the areas (kind 'place'), NaPTAN stops and GTFS stops. Sites are
-- searched in the site table itself, which several sources merge into.
CREATE TABLE place_name (
    id        text PRIMARY KEY,
    source_id text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    kind      text NOT NULL CHECK (kind IN ('locality', 'place', 'stop')),
    origin    text NOT NULL CHECK (origin IN ('naptan', 'gtfs', 'areas')),
    name      text NOT NULL,
    detail    text NOT NULL DEFAULT '',
    region_id text,
    atco_code text,
    rank      smallint NOT NULL DEFAULT 3 CHECK (rank BETWEEN 1 AND 3),
    name_norm text NOT NULL,
    search    text NOT NULL,
    geom      geometry(Point, 4326) NOT NULL
);
CREATE INDEX place_name_search ON place_name USING gin (search gin_trgm_ops);
CREATE INDEX place_name_geom ON place_name USING gist (geom);
CREATE INDEX place_name_atco ON place_name (atco_code) WHERE origin = 'naptan';

CREATE INDEX site_search ON site USING gin (place_search_text(name || ' ' || replace(kind, '_', ' ')) gin_trgm_ops);

-- refresh_basemap rebuilds what one source contributes to the basemap and
-- the place names, and bumps the tiles' version. Sources whose data the
-- tiles read directly (sites, activities) only bump the version.
CREATE FUNCTION refresh_basemap(p_source text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_kind   text;
    v_region text;
BEGIN
    SELECT kind, region_id INTO v_kind, v_region FROM source WHERE id = p_source;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refresh basemap: no source %', p_source;
    END IF;
    DELETE FROM basemap_land WHERE source_id = p_source;
    DELETE FROM basemap_road WHERE source_id = p_source;
    DELETE FROM basemap_path WHERE source_id = p_source;
    DELETE FROM basemap_route WHERE source_id = p_source;
    DELETE FROM place_name WHERE source_id = p_source;
    CASE v_kind
    WHEN 'areas' THEN
        PERFORM basemap_refresh_areas(p_source, v_region);
    WHEN 'osm' THEN
        PERFORM basemap_refresh_osm(p_source);
    WHEN 'gtfs' THEN
        PERFORM basemap_refresh_gtfs(p_source, v_region);
    WHEN 'naptan' THEN
        PERFORM basemap_refresh_naptan(p_source, v_region);
    ELSE
        NULL;
    END CASE;
    INSERT INTO basemap_source (source_id, version) VALUES (p_source, nextval('basemap_version_seq'))
    ON CONFLICT (source_id) DO UPDATE SET version = EXCLUDED.version, refreshed_at = now();
END
$$;

CREATE FUNCTION basemap_refresh_areas(p_source text, p_region text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO basemap_land (source_id, region_id, level, geom)
    SELECT p_source, p_region, lv.level,
           ST_Multi(ST_CollectionExtract(ST_MakeValid(
               CASE WHEN lv.tol > 0 THEN ST_SimplifyPreserveTopology(u.geom, lv.tol) ELSE u.geom END), 3))
    FROM (SELECT ST_Transform(ST_Union(geom), 3857) AS geom FROM lsoa WHERE source_id = p_source) u,
         (VALUES (0, 300.0), (1, 38.0), (2, 5.0), (3, 0.0)) AS lv (level, tol)
    WHERE u.geom IS NOT NULL;

    INSERT INTO place_name (id, source_id, kind, origin, name, detail, region_id, rank, name_norm, search, geom)
    SELECT 'place:ward:' || code, p_source, 'place', 'areas', name, 'ward', p_region, 2,
           place_search_text(name), place_search_text(name || ' ward'), ST_PointOnSurface(geom)
    FROM ward WHERE source_id = p_source
    ON CONFLICT (id) DO NOTHING;
$$;

CREATE FUNCTION basemap_refresh_osm(p_source text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO basemap_road (source_id, way_id, highway, class, link, name, minzoom, geom, geom_lo)
    SELECT p_source, way_id, highway, class, link, name,
           CASE WHEN link THEN greatest(base_zoom, 11) ELSE base_zoom END, geom, ST_Simplify(geom, 10)
    FROM (
        SELECT way_id, highway, name, geom, class, highway LIKE '%\_link' AS link,
               CASE class WHEN 'motorway' THEN 8 WHEN 'trunk' THEN 8 WHEN 'primary' THEN 9 WHEN 'secondary' THEN 10
                          WHEN 'tertiary' THEN 11 WHEN 'minor' THEN 12 ELSE 14 END AS base_zoom
        FROM (
            SELECT coalesce(osm_way_id, -edge_id) AS way_id, highway, max(name) AS name,
                   ST_Transform(ST_LineMerge(ST_Collect(geom)), 3857) AS geom,
                   CASE regexp_replace(highway, '_link$', '')
                       WHEN 'motorway' THEN 'motorway' WHEN 'trunk' THEN 'trunk' WHEN 'primary' THEN 'primary'
                       WHEN 'secondary' THEN 'secondary' WHEN 'tertiary' THEN 'tertiary' WHEN 'service' THEN 'service'
                       ELSE 'minor' END AS class
            FROM road_edge WHERE source_id = p_source
            GROUP BY 1, 2) merged) classed;

    INSERT INTO basemap_path (source_id, way_id, kind, wheelchair, geom)
    SELECT p_source, way_id, kind, wheelchair, ST_Transform(ST_LineMerge(ST_Collect(geom)), 3857)
    FROM (
        SELECT coalesce(osm_way_id, -edge_id) AS way_id, wheelchair, geom,
               CASE WHEN steps THEN 'steps'
                    WHEN highway IN ('footway', 'path', 'cycleway', 'bridleway', 'track', 'pedestrian') THEN highway
                    ELSE 'other' END AS kind
        FROM walk_edge
        WHERE source_id = p_source
          AND (steps OR highway IS NULL OR regexp_replace(highway, '_link$', '') NOT IN ('motorway', 'trunk', 'primary', 'secondary',
               'tertiary', 'unclassified', 'residential', 'living_street', 'service', 'road', 'busway'))) e
    GROUP BY way_id, kind, wheelchair;
$$;

CREATE FUNCTION basemap_refresh_gtfs(p_source text, p_region text) RETURNS void
LANGUAGE sql AS $$
    -- Routes with shapes: every distinct shape their trips use.
    INSERT INTO basemap_route (source_id, route_id, short_name, long_name, colour, route_type, shape_from, geom, geom_lo)
    SELECT p_source, r.route_id, r.short_name, r.long_name,
           CASE WHEN r.color ~ '^[0-9A-Fa-f]{6}$' THEN '#' || upper(r.color) END, r.route_type, 'shapes', g.geom, ST_Simplify(g.geom, 10)
    FROM gtfs_route r
    JOIN LATERAL (
        SELECT ST_Transform(ST_Collect(sh.geom), 3857) AS geom
        FROM gtfs_shape sh
        WHERE sh.feed_id = p_source
          AND sh.shape_id IN (SELECT t.shape_id FROM gtfs_trip t WHERE t.feed_id = p_source AND t.route_id = r.route_id)
    ) g ON g.geom IS NOT NULL
    WHERE r.feed_id = p_source;

    -- Routes without: a representative trip per direction (the one calling
    -- at the most stops), stop to stop. Lines are built for those trips only.
    INSERT INTO basemap_route (source_id, route_id, short_name, long_name, colour, route_type, shape_from, geom, geom_lo)
    SELECT p_source, r.route_id, r.short_name, r.long_name,
           CASE WHEN r.color ~ '^[0-9A-Fa-f]{6}$' THEN '#' || upper(r.color) END, r.route_type, 'stops', l.geom, ST_Simplify(l.geom, 10)
    FROM gtfs_route r
    JOIN (
        SELECT rep.route_id, ST_Transform(ST_Collect(line.line), 3857) AS geom
        FROM (
            SELECT DISTINCT ON (t.route_id, coalesce(t.direction_id, 0)) t.route_id, t.trip_id
            FROM gtfs_trip t
            JOIN (SELECT trip_id, count(*) AS n FROM gtfs_stop_time WHERE feed_id = p_source GROUP BY trip_id) c
              ON c.trip_id = t.trip_id
            WHERE t.feed_id = p_source
              AND NOT EXISTS (SELECT FROM basemap_route b WHERE b.source_id = p_source AND b.route_id = t.route_id)
            ORDER BY t.route_id, coalesce(t.direction_id, 0), c.n DESC, t.trip_id) rep
        CROSS JOIN LATERAL (
            SELECT ST_MakeLine(s.geom ORDER BY st.stop_sequence) AS line, count(*) AS n
            FROM gtfs_stop_time st
            JOIN gtfs_stop s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id AND s.geom IS NOT NULL
            WHERE st.feed_id = p_source AND st.trip_id = rep.trip_id) line
        WHERE line.n >= 2
        GROUP BY rep.route_id) l ON l.route_id = r.route_id
    WHERE r.feed_id = p_source;

    INSERT INTO place_name (id, source_id, kind, origin, name, detail, region_id, atco_code, rank, name_norm, search, geom)
    SELECT 'stop:' || p_source || ':' || stop_id, p_source, 'stop', 'gtfs', name,
           CASE location_type WHEN 1 THEN 'station' ELSE 'stop' END, p_region, coalesce(atco_code, stop_id), 3,
           place_search_text(name), place_search_text(name || ' ' || coalesce(platform_code, '') || ' stop'), geom
    FROM gtfs_stop
    WHERE feed_id = p_source AND geom IS NOT NULL AND location_type IN (0, 1) AND coalesce(name, '') <> ''
    ON CONFLICT (id) DO NOTHING;
$$;

-- What a NaPTAN stop type is called in a search result.
CREATE FUNCTION naptan_stop_noun(stop_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN stop_type IN ('BCT', 'BCS', 'BCQ', 'BST', 'BCE', 'BCP') THEN 'bus stop'
        WHEN stop_type IN ('RSE', 'RLY', 'RPL') THEN 'railway station'
        WHEN stop_type IN ('TMU', 'MET', 'PLT') THEN 'tram or metro stop'
        WHEN stop_type IN ('FTD', 'FER', 'FBT') THEN 'ferry terminal'
        WHEN stop_type IN ('TXR', 'STR') THEN 'taxi rank'
        WHEN stop_type IN ('AIR', 'GAT') THEN 'airport'
        ELSE 'stop' END;

CREATE FUNCTION basemap_refresh_naptan(p_source text, p_region text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO place_name (id, source_id, kind, origin, name, detail, region_id, rank, name_norm, search, geom)
    SELECT 'locality:' || p_source || ':' || locality, p_source, 'locality', 'naptan', locality, '', p_region,
           CASE WHEN count(*) >= 25 THEN 1 WHEN count(*) >= 8 THEN 2 ELSE 3 END,
           place_search_text(locality), place_search_text(locality), ST_Centroid(ST_Collect(geom))
    FROM naptan_stop
    WHERE source_id = p_source AND coalesce(locality, '') <> '' AND geom IS NOT NULL AND status IS DISTINCT FROM 'inactive'
    GROUP BY locality
    ON CONFLICT (id) DO NOTHING;

    INSERT INTO place_name (id, source_id, kind, origin, name, detail, region_id, atco_code, rank, name_norm, search, geom)
    SELECT 'stop:' || atco_code, p_source, 'stop', 'naptan', full_name, concat_ws(', ', noun, nullif(locality, '')),
           p_region, atco_code, 3, place_search_text(full_name),
           place_search_text(concat_ws(' ', full_name, noun, locality, street)), geom
    FROM (SELECT atco_code, locality, street, geom, naptan_stop_noun(stop_type) AS noun,
                 name || coalesce(' (' || nullif(indicator, '') || ')', '') AS full_name
          FROM naptan_stop
          WHERE source_id = p_source AND geom IS NOT NULL AND status IS DISTINCT FROM 'inactive') s
    ON CONFLICT (id) DO NOTHING;
$$;

-- Fill the basemap from what was imported before this migration.
SELECT refresh_basemap(id) FROM source ORDER BY id;
