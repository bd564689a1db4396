-- pgRouting peer, the timed query (pgbench -f, with -D norigins=N): the
-- 15-minute wheelchair isochrone at 0.8 m/s, i.e. every node within 720
-- metres over step-free edges, from a random origin of the same set our
-- engine was timed on, with the bounding-box pre-filter on the edges query.
\set i random(1, :norigins)
SELECT count(*)
FROM bench_origins o,
     pgr_drivingDistance(
       'SELECT id, source, target, cost, reverse_cost FROM edges WHERE step_free AND the_geom && '
         || quote_literal(o.box::text) || '::geometry',
       o.node, 720) d
WHERE o.i = :i;
