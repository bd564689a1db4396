-- pgRouting peer, step 1 (bench/run.sh): the tables the walk graph and the
-- isochrone origins are copied into. Run as the superuser of a throwaway
-- cluster. The rows come from `threshold-bench walk` (edges.csv,
-- origins.csv): the same edges our walk search uses, with cost and
-- reverse_cost in metres and step_free false where our step-free profile
-- forbids the edge (steps, raised kerb, steep, narrow, wheelchair=no, stile).
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pgrouting;
DROP TABLE IF EXISTS edges, bench_origins;
CREATE TABLE edges (
  id           bigint PRIMARY KEY,
  source       bigint NOT NULL,
  target       bigint NOT NULL,
  cost         float8 NOT NULL,
  reverse_cost float8 NOT NULL,
  step_free    boolean NOT NULL,
  the_geom     geometry(LineString, 4326) NOT NULL
);
CREATE TABLE bench_origins (
  i    integer PRIMARY KEY,
  node bigint NOT NULL,
  lon  float8 NOT NULL,
  lat  float8 NOT NULL,
  geom geometry(Point, 4326),
  box  geometry(Polygon, 4326)
);
