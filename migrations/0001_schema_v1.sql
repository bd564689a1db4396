-- Schema v1: the whole product's tables, so later work extends rather than
-- rewrites. PostGIS is the system of record; routing snapshots are loaded
-- from here. Coordinates are WGS84 (SRID 4326) in [lon, lat] order.

-- Four-valued access: missing data is 'unknown', never 'yes'. 'assumed' is
-- a value filled by a declared policy where the source says nothing.
CREATE DOMAIN access_value AS text NOT NULL DEFAULT 'unknown'
    CHECK (VALUE IN ('yes', 'no', 'unknown', 'assumed'));

-- How sure a money amount is.
CREATE DOMAIN money_confidence AS text NOT NULL DEFAULT 'unknown'
    CHECK (VALUE IN ('known', 'estimated', 'unknown'));

-- One row per imported source (a GTFS feed, a CSV, a boundary file...).
-- Re-importing a source replaces that source's rows only.
CREATE TABLE source (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('gtfs', 'naptan', 'osm', 'museums', 'nhle', 'openreferral', 'areas')),
    path        text NOT NULL,
    checksum    text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    run_id      bigint,
    region_id   text,
    attribution text NOT NULL DEFAULT '',
    illustrative boolean NOT NULL DEFAULT false
);

CREATE TABLE import_run (
    id            bigserial PRIMARY KEY,
    source_id     text NOT NULL,
    kind          text NOT NULL,
    path          text NOT NULL,
    checksum      text NOT NULL,
    status        text NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'succeeded', 'unchanged', 'failed')),
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    rows_read     bigint NOT NULL DEFAULT 0,
    rows_loaded   bigint NOT NULL DEFAULT 0,
    rows_rejected bigint NOT NULL DEFAULT 0,
    report        jsonb NOT NULL DEFAULT '{}',
    error         text
);
CREATE INDEX import_run_source ON import_run (source_id, started_at DESC);

CREATE TABLE region (
    id        text PRIMARY KEY,
    name      text NOT NULL,
    timezone  text NOT NULL DEFAULT 'Europe/London',
    manifest  jsonb NOT NULL,
    known_limits text[] NOT NULL DEFAULT '{}',
    loaded_at timestamptz NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------
-- GTFS. Every table is keyed by feed_id, the source id of its feed.
-------------------------------------------------------------------------------
CREATE TABLE gtfs_feed (
    feed_id        text PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    timezone       text NOT NULL,
    publisher      text,
    version        text,
    start_date     date,
    end_date       date,
    -- Declared per-feed policy that may fill silent accessibility fields
    -- with 'assumed' (e.g. England's PSV Accessibility Regulations).
    access_policy  jsonb,
    known_limits   text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE gtfs_agency (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    agency_id text NOT NULL,
    name      text NOT NULL,
    url       text,
    timezone  text NOT NULL,
    lang      text,
    phone     text,
    fare_url  text,
    PRIMARY KEY (feed_id, agency_id)
);

CREATE TABLE gtfs_level (
    feed_id  text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    level_id text NOT NULL,
    level_index double precision NOT NULL,
    name     text,
    PRIMARY KEY (feed_id, level_id)
);

CREATE TABLE gtfs_stop (
    feed_id     text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    stop_id     text NOT NULL,
    code        text,
    name        text,
    description text,
    geom        geometry(Point, 4326),
    zone_id     text,
    location_type smallint NOT NULL DEFAULT 0,
    parent_station text,
    -- As in the file: 0 no information, 1 some accessible boarding, 2 none.
    wheelchair_boarding smallint NOT NULL DEFAULT 0 CHECK (wheelchair_boarding IN (0, 1, 2)),
    -- After inheritance from the parent station, as an access value.
    step_free   access_value,
    level_id    text,
    platform_code text,
    atco_code   text,
    PRIMARY KEY (feed_id, stop_id)
);
CREATE INDEX gtfs_stop_geom ON gtfs_stop USING gist (geom);
CREATE INDEX gtfs_stop_atco ON gtfs_stop (atco_code);

CREATE TABLE gtfs_route (
    feed_id    text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    route_id   text NOT NULL,
    agency_id  text,
    short_name text,
    long_name  text,
    description text,
    route_type integer NOT NULL,
    color      text,
    text_color text,
    PRIMARY KEY (feed_id, route_id)
);

CREATE TABLE gtfs_shape (
    feed_id  text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    shape_id text NOT NULL,
    geom     geometry(LineString, 4326) NOT NULL,
    PRIMARY KEY (feed_id, shape_id)
);
CREATE INDEX gtfs_shape_geom ON gtfs_shape USING gist (geom);

CREATE TABLE gtfs_trip (
    feed_id    text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    trip_id    text NOT NULL,
    route_id   text NOT NULL,
    service_id text NOT NULL,
    headsign   text,
    short_name text,
    direction_id smallint,
    block_id   text,
    shape_id   text,
    -- As in the file: 0 no information, 1 accessible, 2 not accessible.
    wheelchair_accessible smallint NOT NULL DEFAULT 0 CHECK (wheelchair_accessible IN (0, 1, 2)),
    bikes_allowed smallint NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, trip_id)
);
CREATE INDEX gtfs_trip_route ON gtfs_trip (feed_id, route_id);

-- Times are seconds since the service day's noon-minus-12h (local midnight),
-- kept past 24:00. Interpolated rows were untimed in the source.
CREATE TABLE gtfs_stop_time (
    feed_id        text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    trip_id        text NOT NULL,
    stop_sequence  integer NOT NULL,
    stop_id        text NOT NULL,
    arrival_s      integer NOT NULL,
    departure_s    integer NOT NULL,
    interpolated   boolean NOT NULL DEFAULT false,
    timepoint      smallint,
    pickup_type    smallint NOT NULL DEFAULT 0,
    drop_off_type  smallint NOT NULL DEFAULT 0,
    stop_headsign  text,
    shape_dist_traveled double precision,
    PRIMARY KEY (feed_id, trip_id, stop_sequence)
);
CREATE INDEX gtfs_stop_time_stop ON gtfs_stop_time (feed_id, stop_id);

CREATE TABLE gtfs_calendar (
    feed_id    text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    service_id text NOT NULL,
    monday boolean NOT NULL, tuesday boolean NOT NULL, wednesday boolean NOT NULL,
    thursday boolean NOT NULL, friday boolean NOT NULL, saturday boolean NOT NULL,
    sunday boolean NOT NULL,
    start_date date NOT NULL,
    end_date   date NOT NULL,
    PRIMARY KEY (feed_id, service_id)
);

CREATE TABLE gtfs_calendar_date (
    feed_id    text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    service_id text NOT NULL,
    date       date NOT NULL,
    exception_type smallint NOT NULL CHECK (exception_type IN (1, 2)),
    PRIMARY KEY (feed_id, service_id, date)
);

CREATE TABLE gtfs_frequency (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    trip_id   text NOT NULL,
    start_s   integer NOT NULL,
    end_s     integer NOT NULL,
    headway_s integer NOT NULL CHECK (headway_s > 0),
    exact_times smallint NOT NULL DEFAULT 0,
    PRIMARY KEY (feed_id, trip_id, start_s)
);

CREATE TABLE gtfs_transfer (
    feed_id      text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    from_stop_id text,
    to_stop_id   text,
    from_route_id text,
    to_route_id  text,
    from_trip_id text,
    to_trip_id   text,
    transfer_type smallint NOT NULL DEFAULT 0,
    min_transfer_time integer
);
CREATE INDEX gtfs_transfer_feed ON gtfs_transfer (feed_id);

CREATE TABLE gtfs_pathway (
    feed_id      text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    pathway_id   text NOT NULL,
    from_stop_id text NOT NULL,
    to_stop_id   text NOT NULL,
    pathway_mode smallint NOT NULL,
    is_bidirectional boolean NOT NULL,
    length_m     double precision,
    traversal_time integer,
    stair_count  integer,
    max_slope    double precision,
    min_width    double precision,
    PRIMARY KEY (feed_id, pathway_id)
);

-- Fares v1.
CREATE TABLE gtfs_fare_attribute (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    fare_id   text NOT NULL,
    price     numeric NOT NULL,
    currency  text NOT NULL,
    payment_method smallint,
    transfers smallint,
    agency_id text,
    transfer_duration integer,
    PRIMARY KEY (feed_id, fare_id)
);

CREATE TABLE gtfs_fare_rule (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    fare_id   text NOT NULL,
    route_id  text,
    origin_id text,
    destination_id text,
    contains_id text
);
CREATE INDEX gtfs_fare_rule_feed ON gtfs_fare_rule (feed_id, fare_id);

-- Fares v2 (the parts Threshold uses).
CREATE TABLE gtfs_fare_product (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    fare_product_id text NOT NULL,
    name      text,
    fare_media_id text,
    amount    numeric NOT NULL,
    currency  text NOT NULL
);
CREATE INDEX gtfs_fare_product_feed ON gtfs_fare_product (feed_id, fare_product_id);

CREATE TABLE gtfs_fare_leg_rule (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    leg_group_id text,
    network_id text,
    from_area_id text,
    to_area_id text,
    from_timeframe_group_id text,
    to_timeframe_group_id text,
    fare_product_id text NOT NULL,
    rule_priority integer
);
CREATE INDEX gtfs_fare_leg_rule_feed ON gtfs_fare_leg_rule (feed_id);

CREATE TABLE gtfs_fare_transfer_rule (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    from_leg_group_id text,
    to_leg_group_id text,
    transfer_count integer,
    duration_limit integer,
    duration_limit_type smallint,
    fare_transfer_type smallint NOT NULL,
    fare_product_id text
);
CREATE INDEX gtfs_fare_transfer_rule_feed ON gtfs_fare_transfer_rule (feed_id);

-- GTFS-Flex: demand-responsive (dial-a-ride) zones and their booking rules.
CREATE TABLE gtfs_booking_rule (
    feed_id   text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    booking_rule_id text NOT NULL,
    booking_type smallint NOT NULL,
    prior_notice_duration_min integer,
    prior_notice_duration_max integer,
    prior_notice_last_day integer,
    prior_notice_last_time integer,
    message   text,
    phone_number text,
    info_url  text,
    booking_url text,
    PRIMARY KEY (feed_id, booking_rule_id)
);

CREATE TABLE dar_zone (
    feed_id     text NOT NULL REFERENCES gtfs_feed ON DELETE CASCADE,
    location_id text NOT NULL,
    name        text,
    geom        geometry(MultiPolygon, 4326) NOT NULL,
    -- Service window per service_id, from the Flex stop_times.
    service_id  text,
    start_s     integer,
    end_s       integer,
    booking_rule_id text,
    fare_pence  integer,
    fare_confidence money_confidence,
    step_free   access_value,
    illustrative boolean NOT NULL DEFAULT false,
    PRIMARY KEY (feed_id, location_id)
);
CREATE INDEX dar_zone_geom ON dar_zone USING gist (geom);

-------------------------------------------------------------------------------
-- NaPTAN
-------------------------------------------------------------------------------
CREATE TABLE naptan_stop (
    source_id   text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    atco_code   text NOT NULL,
    naptan_code text,
    name        text NOT NULL,
    indicator   text,
    locality    text,
    street      text,
    geom        geometry(Point, 4326),
    stop_type   text,
    bus_stop_type text,
    status      text,
    PRIMARY KEY (source_id, atco_code)
);
CREATE INDEX naptan_stop_atco ON naptan_stop (atco_code);
CREATE INDEX naptan_stop_geom ON naptan_stop USING gist (geom);
CREATE INDEX naptan_stop_name ON naptan_stop (lower(name));

-------------------------------------------------------------------------------
-- Heritage sites, designations, activities
-------------------------------------------------------------------------------
CREATE TABLE site (
    id          bigserial PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    kind        text NOT NULL DEFAULT 'heritage_site',
    geom        geometry(Point, 4326) NOT NULL,
    footprint   geometry(MultiPolygon, 4326),
    step_free_entrance access_value,
    accessible_toilet  access_value,
    hearing_loop       access_value,
    seating            access_value,
    access_notes text,
    website     text,
    governance  text,
    size        text,
    accreditation text,
    subject     text,
    illustrative boolean NOT NULL DEFAULT false
);
CREATE INDEX site_geom ON site USING gist (geom);
CREATE INDEX site_footprint ON site USING gist (footprint);
CREATE INDEX site_name ON site (lower(name));

-- Every source record that contributed to a site: a site keeps all its keys.
CREATE TABLE site_source (
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    source_key text NOT NULL,
    site_id    bigint NOT NULL REFERENCES site ON DELETE CASCADE,
    name       text NOT NULL,
    geom       geometry(Point, 4326),
    attrs      jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (source_id, source_key)
);
CREATE INDEX site_source_site ON site_source (site_id);

-- A Historic England list entry is a designation, not a venue.
CREATE TABLE designation (
    source_id   text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    list_entry  integer NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('listed_building', 'scheduled_monument', 'conservation_area', 'park_and_garden', 'other')),
    name        text NOT NULL,
    grade       text CHECK (grade IN ('I', 'II*', 'II')),
    geom        geometry(Point, 4326),
    footprint   geometry(MultiPolygon, 4326),
    url         text,
    site_id     bigint REFERENCES site ON DELETE SET NULL,
    PRIMARY KEY (source_id, list_entry)
);
CREATE INDEX designation_geom ON designation USING gist (geom);
CREATE INDEX designation_footprint ON designation USING gist (footprint);

CREATE TABLE activity (
    id          text PRIMARY KEY,
    source_id   text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    site_id     bigint REFERENCES site ON DELETE SET NULL,
    name        text NOT NULL,
    kind        text NOT NULL,
    description text,
    organisation text,
    languages   text[] NOT NULL DEFAULT '{}',
    welcome     text[] NOT NULL DEFAULT '{}',
    eligibility text,
    contact     jsonb NOT NULL DEFAULT '{}',
    how_to_refer text,
    capacity    integer CHECK (capacity >= 0),
    step_free_venue access_value,
    accessible_toilet access_value,
    location_name text,
    geom        geometry(Point, 4326),
    timezone    text NOT NULL DEFAULT 'Europe/London',
    illustrative boolean NOT NULL DEFAULT false,
    raw         jsonb
);
CREATE INDEX activity_site ON activity (site_id);
CREATE INDEX activity_geom ON activity USING gist (geom);

-- Schedules as Open Referral UK carries them: an RFC 5545 RRULE subset with
-- local opening times, expanded to sessions in code for any date range.
CREATE TABLE activity_schedule (
    activity_id text NOT NULL REFERENCES activity ON DELETE CASCADE,
    seq         integer NOT NULL,
    freq        text NOT NULL CHECK (freq IN ('WEEKLY', 'MONTHLY')),
    interval_n  integer NOT NULL DEFAULT 1 CHECK (interval_n >= 1),
    byday       text[] NOT NULL DEFAULT '{}',
    bymonthday  integer[] NOT NULL DEFAULT '{}',
    dtstart     date,
    until       date,
    count_n     integer,
    valid_from  date,
    valid_to    date,
    opens_at    time NOT NULL,
    closes_at   time NOT NULL,
    rrule       text,
    description text,
    PRIMARY KEY (activity_id, seq)
);

-- A missing amount is unknown, never free.
CREATE TABLE cost_option (
    activity_id text NOT NULL REFERENCES activity ON DELETE CASCADE,
    seq         integer NOT NULL,
    label       text,
    amount_pence integer CHECK (amount_pence >= 0),
    concession_pence integer CHECK (concession_pence >= 0),
    free_on_referral boolean NOT NULL DEFAULT false,
    confidence  money_confidence,
    PRIMARY KEY (activity_id, seq)
);

-------------------------------------------------------------------------------
-- OpenStreetMap networks (pedestrian, road)
-------------------------------------------------------------------------------
CREATE TABLE walk_edge (
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    edge_id    bigint NOT NULL,
    osm_way_id bigint,
    from_node  bigint NOT NULL,
    to_node    bigint NOT NULL,
    length_m   real NOT NULL,
    highway    text,
    steps      boolean NOT NULL DEFAULT false,
    step_count integer,
    kerb       text,
    incline    text,
    surface    text,
    width_m    real,
    wheelchair access_value,
    crossing   text,
    flags      integer NOT NULL DEFAULT 0,
    geom       geometry(LineString, 4326) NOT NULL,
    PRIMARY KEY (source_id, edge_id)
);
CREATE INDEX walk_edge_geom ON walk_edge USING gist (geom);

CREATE TABLE road_edge (
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    edge_id    bigint NOT NULL,
    osm_way_id bigint,
    from_node  bigint NOT NULL,
    to_node    bigint NOT NULL,
    length_m   real NOT NULL,
    highway    text NOT NULL,
    speed_kph  real NOT NULL,
    oneway     boolean NOT NULL DEFAULT false,
    name       text,
    geom       geometry(LineString, 4326) NOT NULL,
    PRIMARY KEY (source_id, edge_id)
);
CREATE INDEX road_edge_geom ON road_edge USING gist (geom);

-------------------------------------------------------------------------------
-- Areas and the H3 grid
-------------------------------------------------------------------------------
CREATE TABLE ward (
    code      text PRIMARY KEY,
    source_id text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    name      text NOT NULL,
    geom      geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX ward_geom ON ward USING gist (geom);

CREATE TABLE lsoa (
    code       text PRIMARY KEY,
    source_id  text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    name       text NOT NULL,
    lad_code   text,
    ward_code  text,
    geom       geometry(MultiPolygon, 4326) NOT NULL,
    residents  integer,
    disabled   integer,
    age_0_15   real,
    age_16_64  real,
    age_65_plus real,
    ruc21      text,
    ruc21_name text,
    rural      boolean,
    imd_decile smallint CHECK (imd_decile BETWEEN 1 AND 10),
    imd_rank   integer,
    imd_score  real
);
CREATE INDEX lsoa_geom ON lsoa USING gist (geom);

-- Cells are computed in Go (there is no H3 extension here) and stored as
-- bigint with their boundary where tiles need it.
CREATE TABLE h3_cell (
    cell        bigint PRIMARY KEY,
    res         smallint NOT NULL CHECK (res BETWEEN 0 AND 15),
    source_id   text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    geom        geometry(Polygon, 4326) NOT NULL,
    center      geometry(Point, 4326) NOT NULL,
    lsoa_code   text,
    ward_code   text,
    ruc21       text,
    rural       boolean,
    imd_decile  smallint,
    population  real NOT NULL DEFAULT 0,
    age_65_plus real NOT NULL DEFAULT 0,
    disabled    real NOT NULL DEFAULT 0
);
CREATE INDEX h3_cell_geom ON h3_cell USING gist (geom);
CREATE INDEX h3_cell_res ON h3_cell (res);

-- How each res-9 cell's population was built from the LSOAs it overlaps.
CREATE TABLE h3_cell_lsoa (
    cell       bigint NOT NULL REFERENCES h3_cell ON DELETE CASCADE,
    lsoa_code  text NOT NULL,
    share      real NOT NULL CHECK (share >= 0 AND share <= 1.0001),
    PRIMARY KEY (cell, lsoa_code)
);

-------------------------------------------------------------------------------
-- Coverage results
-------------------------------------------------------------------------------
CREATE TABLE coverage_run (
    id          bigserial PRIMARY KEY,
    profile_id  text NOT NULL,
    profile     jsonb NOT NULL,
    inputs      jsonb NOT NULL,
    week_start  date NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    published   boolean NOT NULL DEFAULT false
);

CREATE TABLE coverage_cell (
    run_id      bigint NOT NULL REFERENCES coverage_run ON DELETE CASCADE,
    profile_id  text NOT NULL,
    res         smallint NOT NULL,
    cell        bigint NOT NULL,
    activities  integer NOT NULL,
    sessions_per_week real NOT NULL,
    population  real NOT NULL,
    profile_population real NOT NULL,
    unknown_share real NOT NULL DEFAULT 0,
    assumed_share real NOT NULL DEFAULT 0,
    geom        geometry(Polygon, 4326),
    PRIMARY KEY (run_id, res, cell)
);
CREATE INDEX coverage_cell_profile ON coverage_cell (profile_id, res);
CREATE INDEX coverage_cell_geom ON coverage_cell USING gist (geom);
