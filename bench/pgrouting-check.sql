-- pgRouting peer, the untimed check: the size of the isochrone of the
-- first 50 origins (origin, nodes), compared with ours by the report.
SELECT o.i,
       (SELECT count(*) FROM pgr_drivingDistance(
          'SELECT id, source, target, cost, reverse_cost FROM edges WHERE step_free AND the_geom && '
            || quote_literal(o.box::text) || '::geometry',
          o.node, 720))
FROM bench_origins o
WHERE o.i <= 50
ORDER BY o.i;
