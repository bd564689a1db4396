-- pgRouting peer, step 2: index the edges and give each origin its
-- bounding-box pre-filter. A node within 720 m of walking is within 720 m
-- in a straight line, and so is every edge of the path to it, so a box of
-- 720 m (plus 5 % for the degree approximation) around the origin loses no
-- answer; without it pgr_drivingDistance would load the whole graph per call.
CREATE INDEX edges_geom ON edges USING gist (the_geom);
UPDATE bench_origins SET
  geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326),
  box  = ST_Expand(ST_SetSRID(ST_MakePoint(lon, lat), 4326),
                   720 * 1.05 / (111195 * cos(radians(lat))), 720 * 1.05 / 111195);
ANALYZE edges;
ANALYZE bench_origins;
