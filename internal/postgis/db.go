package postgis

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is a pool of connections to Threshold's database as one role.
type DB struct {
	Pool *pgxpool.Pool
	// tileRuns remembers, per profile, the coverage run last seen
	// published (CoverageTile).
	tileRuns sync.Map
}

// Open connects to url and checks that the database answers.
//
// The pool opens connections as they are needed, up to pool_max_conns
// from the url (as pgxpool reads it: "...?sslmode=disable&pool_max_conns=32")
// or else defaultMaxConns.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &Error{Kind: KindInvalid, Msg: "parse database url", Err: err}
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = defaultMaxConns()
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

// defaultMaxConns is the pool's size when the url does not set one: four
// connections per core, and at least 16. With pgxpool's own default, one
// per core and at least 4, concurrent requests (a map asks for a dozen
// tiles at once) queue for a connection while the database still has
// room, since a connection is held for the whole round trip, not only
// for the database's work. Connections beyond the requests in flight are
// never opened.
func defaultMaxConns() int32 { return int32(max(16, 4*runtime.NumCPU())) }

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
