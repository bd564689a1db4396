package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is a pool of connections to Threshold's database as one role.
type DB struct {
	Pool *pgxpool.Pool
}

// Open connects to url and checks that the database answers.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &Error{Kind: KindInvalid, Msg: "parse database url", Err: err}
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.RuntimeParams["application_name"] = "threshold"
	// Every statement has a ceiling; long imports set their own.
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = "60000"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, classify(err, "connect to database")
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, classify(err, "connect to database")
	}
	return &DB{Pool: pool}, nil
}

// Close releases the pool.
func (db *DB) Close() { db.Pool.Close() }

// PostGISVersion returns the PostGIS library version the database runs.
func (db *DB) PostGISVersion(ctx context.Context) (string, error) {
	var v string
	err := db.Pool.QueryRow(ctx, `SELECT postgis_lib_version()`).Scan(&v)
	return v, classify(err, "read postgis version")
}

// Ready reports nil when the database answers and the schema is current.
func (db *DB) Ready(ctx context.Context, m *Migrator) error {
	pending, err := m.Pending(ctx, db)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return &Error{Kind: KindUnavailable, Msg: fmt.Sprintf("schema is behind: %d migrations pending, first %s", len(pending), pending[0].Name)}
	}
	return nil
}
