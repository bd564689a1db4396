-- Coverage runs: what a run saw, one published run per profile, and the
-- area attributes each cell is reported with (resolution 9 copies its
-- h3_cell; coarser cells take those of most of their residents).

-- The newest import run (source.run_id) the run's inputs came from: a
-- newer one makes the run stale.
ALTER TABLE coverage_run ADD COLUMN max_import_run bigint NOT NULL DEFAULT 0;
ALTER TABLE coverage_run ADD COLUMN seconds real;
ALTER TABLE coverage_run ADD COLUMN summary jsonb NOT NULL DEFAULT '{}';

-- Publishing swaps which run a profile's readers see; at most one at a
-- time.
CREATE UNIQUE INDEX coverage_run_published ON coverage_run (profile_id) WHERE published;

ALTER TABLE coverage_cell ADD COLUMN ruc21 text;
ALTER TABLE coverage_cell ADD COLUMN imd_decile smallint CHECK (imd_decile BETWEEN 1 AND 10);

-- Readers filter by run and resolution, then by box.
CREATE INDEX coverage_cell_run_res ON coverage_cell (run_id, res);
