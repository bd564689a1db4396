package postgis

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Migration is one numbered SQL file.
type Migration struct {
	Version  int
	Name     string
	SQL      string
	Checksum string
}

// Migrator applies the migrations of one file system.
type Migrator struct {
	migrations []Migration
}

// migrationLock is the advisory lock key held while migrating ("thrshld").
const migrationLock = 0x7468727368_6c64

// NewMigrator reads every NNNN_name.sql file at the root of fsys.
func NewMigrator(fsys fs.FS) (*Migrator, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	m := &Migrator{}
	seen := map[int]string{}
	for _, name := range names {
		mig, err := readMigration(fsys, name)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[mig.Version]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, mig.Version)
		}
		seen[mig.Version] = name
		m.migrations = append(m.migrations, mig)
	}
	sort.Slice(m.migrations, func(i, j int) bool { return m.migrations[i].Version < m.migrations[j].Version })
	return m, nil
}

func readMigration(fsys fs.FS, name string) (Migration, error) {
	prefix, _, ok := strings.Cut(path.Base(name), "_")
	v, err := strconv.Atoi(prefix)
	if !ok || err != nil || v <= 0 {
		return Migration{}, fmt.Errorf("migration %s: name must start with a positive number and an underscore", name)
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Migration{}, fmt.Errorf("read migration %s: %w", name, err)
	}
	sum := sha256.Sum256(b)
	return Migration{Version: v, Name: name, SQL: string(b), Checksum: hex.EncodeToString(sum[:])}, nil
}

// All returns the migrations in order.
func (m *Migrator) All() []Migration { return m.migrations }

const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)`

// applied returns version → checksum of the recorded migrations; an absent
// table means none.
func applied(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
	QueryRow(context.Context, string, ...any) pgx.Row
}) (map[int]string, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return nil, classify(err, "look for schema_migrations")
	}
	out := map[int]string{}
	if !exists {
		return out, nil
	}
	rows, err := q.Query(ctx, `SELECT version, checksum FROM schema_migrations`)
	if err != nil {
		return nil, classify(err, "read schema_migrations")
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return nil, classify(err, "read schema_migrations")
		}
		out[v] = sum
	}
	return out, classify(rows.Err(), "read schema_migrations")
}

// Pending lists the migrations not yet applied, and fails when an applied
// file has changed since or the database is ahead of this binary.
func (m *Migrator) Pending(ctx context.Context, db *DB) ([]Migration, error) {
	done, err := applied(ctx, db.Pool)
	if err != nil {
		return nil, err
	}
	return m.pendingGiven(done)
}

func (m *Migrator) pendingGiven(done map[int]string) ([]Migration, error) {
	var pending []Migration
	known := map[int]bool{}
	for _, mig := range m.migrations {
		known[mig.Version] = true
		sum, ok := done[mig.Version]
		if !ok {
			pending = append(pending, mig)
			continue
		}
		if sum != mig.Checksum {
			return nil, &Error{Kind: KindConflict, Msg: fmt.Sprintf("migration %s was edited after it was applied", mig.Name)}
		}
	}
	for v := range done {
		if !known[v] {
			return nil, &Error{Kind: KindConflict, Msg: fmt.Sprintf("database has migration %d that this binary does not know: it is newer than the binary", v)}
		}
	}
	return pending, nil
}

// Up applies every pending migration, each in its own transaction, while
// holding an advisory lock so that two migrators never interleave. It
// returns the migrations it applied.
func (m *Migrator) Up(ctx context.Context, db *DB) ([]Migration, error) {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, classify(err, "acquire connection for migrations")
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return nil, classify(err, "take migration lock")
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock)) //nolint:errcheck // released with the session anyway
	if _, err := conn.Exec(ctx, createMigrationsTable); err != nil {
		return nil, classify(err, "create schema_migrations")
	}
	done, err := applied(ctx, conn)
	if err != nil {
		return nil, err
	}
	pending, err := m.pendingGiven(done)
	if err != nil {
		return nil, err
	}
	for i, mig := range pending {
		if err := applyOne(ctx, conn.Conn(), mig); err != nil {
			return pending[:i], err
		}
	}
	return pending, nil
}

func applyOne(ctx context.Context, conn *pgx.Conn, mig Migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return classify(err, "begin migration %s", mig.Name)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // no-op after commit
	if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = 0`); err != nil {
		return classify(err, "migration %s", mig.Name)
	}
	if _, err := tx.Exec(ctx, mig.SQL); err != nil {
		return classify(err, "apply migration %s", mig.Name)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
		mig.Version, mig.Name, mig.Checksum); err != nil {
		return classify(err, "record migration %s", mig.Name)
	}
	return classify(tx.Commit(ctx), "commit migration %s", mig.Name)
}
