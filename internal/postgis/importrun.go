package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
)

// ImportSpec names one source and the file it comes from.
type ImportSpec struct {
	SourceID     string
	Kind         string
	Path         string
	Checksum     string
	RegionID     string
	Attribution  string
	Illustrative bool
	// Force re-imports even when the checksum is unchanged.
	Force bool
}

// Rejection is one row that was read but not loaded.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// FileCount is what happened to the rows of one input file or table.
type FileCount struct {
	Read     int64 `json:"read"`
	Loaded   int64 `json:"loaded"`
	Rejected int64 `json:"rejected"`
}

// Report is an import's account of its input, stored with the run and
// printed by the command.
type Report struct {
	RunID      int64                 `json:"run_id"`
	SourceID   string                `json:"source"`
	Kind       string                `json:"kind"`
	Status     string                `json:"status"`
	Checksum   string                `json:"checksum"`
	Files      map[string]*FileCount `json:"files"`
	Rejections []Rejection           `json:"rejections,omitempty"`
	// RejectionsDropped counts rejections beyond the stored cap.
	RejectionsDropped int64          `json:"rejections_dropped,omitempty"`
	Notes             []string       `json:"notes,omitempty"`
	Facts             map[string]any `json:"facts,omitempty"`
	Seconds           float64        `json:"seconds"`
}

// maxRejections caps the rejections kept in a report; the counts stay exact.
const maxRejections = 1000

// File returns the counts of one file, creating them.
func (r *Report) File(name string) *FileCount {
	if r.Files == nil {
		r.Files = map[string]*FileCount{}
	}
	fc := r.Files[name]
	if fc == nil {
		fc = &FileCount{}
		r.Files[name] = fc
	}
	return fc
}

// Reject records a rejected row.
func (r *Report) Reject(rej Rejection) {
	r.File(rej.File).Rejected++
	if len(r.Rejections) >= maxRejections {
		r.RejectionsDropped++
		return
	}
	r.Rejections = append(r.Rejections, rej)
}

// Fact records a named figure (matched stops, closed museums...).
func (r *Report) Fact(name string, v any) {
	if r.Facts == nil {
		r.Facts = map[string]any{}
	}
	r.Facts[name] = v
}

func (r *Report) totals() (read, loaded, rejected int64) {
	for _, fc := range r.Files {
		read += fc.Read
		loaded += fc.Loaded
		rejected += fc.Rejected
	}
	return
}

// Loader writes one source's rows inside the import transaction. It must
// replace what the source published before; Import has already locked the
// source and written its row.
type Loader func(ctx context.Context, tx pgx.Tx, rep *Report) error

// Import runs load for spec in one transaction: either every row of the
// source is replaced, or (on any error, or if the process dies) the
// published data stays exactly as it was. An unchanged checksum makes it a
// no-op recorded as "unchanged".
func (db *DB) Import(ctx context.Context, spec ImportSpec, load Loader) (*Report, error) {
	start := time.Now()
	rep := &Report{SourceID: spec.SourceID, Kind: spec.Kind, Checksum: spec.Checksum}
	if !spec.Force {
		same, err := db.sameChecksum(ctx, spec)
		if err != nil {
			return nil, err
		}
		if same {
			rep.Status = "unchanged"
			rep.Notes = append(rep.Notes, "the same input was imported before: nothing changed")
			err := db.recordRun(ctx, spec, rep)
			return rep, err
		}
	}
	runID, err := db.startRun(ctx, spec)
	if err != nil {
		return nil, err
	}
	rep.RunID = runID
	err = pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if err := prepareImport(ctx, tx, spec, runID); err != nil {
			return err
		}
		if err := load(ctx, tx, rep); err != nil {
			return err
		}
		if err := refreshBasemap(ctx, tx, spec.SourceID); err != nil {
			return err
		}
		rep.Status = "succeeded"
		rep.Seconds = time.Since(start).Seconds()
		return finishRun(ctx, tx, runID, rep)
	})
	if err != nil {
		db.failRun(ctx, runID, err)
		rep.Status = "failed"
		return rep, err
	}
	return rep, nil
}

func (db *DB) sameChecksum(ctx context.Context, spec ImportSpec) (bool, error) {
	var sum string
	err := db.Pool.QueryRow(ctx, `SELECT checksum FROM source WHERE id = $1 AND kind = $2`, spec.SourceID, spec.Kind).Scan(&sum)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, classify(err, "read source %s", spec.SourceID)
	}
	return sum == spec.Checksum, nil
}

func (db *DB) startRun(ctx context.Context, spec ImportSpec) (int64, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `
INSERT INTO import_run (source_id, kind, path, checksum) VALUES ($1, $2, $3, $4) RETURNING id`,
		spec.SourceID, spec.Kind, spec.Path, spec.Checksum).Scan(&id)
	return id, classify(err, "record import run")
}

func (db *DB) recordRun(ctx context.Context, spec ImportSpec, rep *Report) error {
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	_, err = db.Pool.Exec(ctx, `
INSERT INTO import_run (source_id, kind, path, checksum, status, finished_at, report)
VALUES ($1, $2, $3, $4, $5, now(), $6)`, spec.SourceID, spec.Kind, spec.Path, spec.Checksum, rep.Status, b)
	return classify(err, "record import run")
}

// prepareImport locks the source against concurrent imports and upserts its
// row. The statement timeout is lifted: big feeds take minutes.
func prepareImport(ctx context.Context, tx pgx.Tx, spec ImportSpec, runID int64) error {
	h := fnv.New64a()
	h.Write([]byte(spec.SourceID))
	if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = 0`); err != nil {
		return classify(err, "lift statement timeout")
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64())); err != nil {
		return classify(err, "lock source %s", spec.SourceID)
	}
	var kind string
	err := tx.QueryRow(ctx, `SELECT kind FROM source WHERE id = $1`, spec.SourceID).Scan(&kind)
	if err == nil && kind != spec.Kind {
		return &Error{Kind: KindConflict, Msg: fmt.Sprintf("source %q was imported as %s, not %s: choose another source id", spec.SourceID, kind, spec.Kind)}
	}
	_, err = tx.Exec(ctx, `
INSERT INTO source (id, kind, path, checksum, run_id, region_id, attribution, illustrative, imported_at)
VALUES ($1, $2, $3, $4, $5, nullif($6, ''), $7, $8, now())
ON CONFLICT (id) DO UPDATE SET path = EXCLUDED.path, checksum = EXCLUDED.checksum,
    run_id = EXCLUDED.run_id, region_id = EXCLUDED.region_id, attribution = EXCLUDED.attribution,
    illustrative = EXCLUDED.illustrative, imported_at = now()`,
		spec.SourceID, spec.Kind, spec.Path, spec.Checksum, runID, spec.RegionID, spec.Attribution, spec.Illustrative)
	return classify(err, "record source %s", spec.SourceID)
}

func finishRun(ctx context.Context, tx pgx.Tx, runID int64, rep *Report) error {
	read, loaded, rejected := rep.totals()
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	_, err = tx.Exec(ctx, `
UPDATE import_run SET status = 'succeeded', finished_at = now(), rows_read = $2, rows_loaded = $3,
    rows_rejected = $4, report = $5
WHERE id = $1`, runID, read, loaded, rejected, b)
	return classify(err, "finish import run")
}

// failRun records the failure outside the rolled-back transaction.
func (db *DB) failRun(ctx context.Context, runID int64, cause error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	db.Pool.Exec(ctx, `UPDATE import_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, //nolint:errcheck // best effort: the import's own error is returned
		runID, cause.Error())
}

// copyRows streams rows into table's columns with COPY inside tx.
func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, src pgx.CopyFromSource) (int64, error) {
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, src)
	if err != nil {
		return n, classify(err, "copy into %s", table)
	}
	return n, nil
}
