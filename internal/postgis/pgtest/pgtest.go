// Package pgtest gives integration tests a fresh, migrated PostGIS database
// of their own on the real test cluster that `make test` starts.
//
// THRESHOLD_TEST_ADMIN_URL names a superuser connection to that cluster.
// When it is unset the tests that need a database are skipped, unless
// THRESHOLD_REQUIRE_DB is set (make test sets it), when they fail: a green
// run can never hide integration tests that did not run.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/migrations"
)

// Role names, as pglocal creates them.
const (
	RoleOwner    = "threshold_owner"
	RoleImporter = "threshold_importer"
	RoleAPI      = "threshold_api"
)

// DB is one throwaway database and how to reach it as each role.
type DB struct {
	Name        string
	AdminURL    string
	OwnerURL    string
	ImporterURL string
	APIURL      string
}

// URLFor returns the URL for another role on the same database.
func (d *DB) URLFor(role string) string { return withUserAndDB(d.AdminURL, role, d.Name) }

// AdminURL returns the cluster's superuser URL or skips (or fails) the test.
func AdminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("THRESHOLD_TEST_ADMIN_URL")
	if u == "" {
		if os.Getenv("THRESHOLD_REQUIRE_DB") != "" {
			t.Fatal("THRESHOLD_TEST_ADMIN_URL is not set but THRESHOLD_REQUIRE_DB is: run through `make test`")
		}
		t.Skip("no test database: set THRESHOLD_TEST_ADMIN_URL or run `make test`")
	}
	return u
}

// New creates a migrated database for the test and drops it afterwards.
func New(t testing.TB) *DB {
	t.Helper()
	admin := AdminURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tmpl, err := ensureTemplate(ctx, admin)
	if err != nil {
		t.Fatalf("prepare template database: %v", err)
	}
	return create(t, admin, "TEMPLATE "+pgx.Identifier{tmpl}.Sanitize())
}

// NewEmpty creates a database with PostGIS and no migrations applied.
func NewEmpty(t testing.TB) *DB {
	t.Helper()
	admin := AdminURL(t)
	d := create(t, admin, "TEMPLATE template0")
	ctx := context.Background()
	if err := execAs(ctx, withUserAndDB(admin, "", d.Name), "CREATE EXTENSION postgis", "ALTER SCHEMA public OWNER TO "+RoleOwner); err != nil {
		t.Fatalf("prepare empty database: %v", err)
	}
	return d
}

func create(t testing.TB, admin, from string) *DB {
	t.Helper()
	ctx := context.Background()
	name := "t_" + randomHex(6)
	err := execAs(ctx, admin,
		fmt.Sprintf("CREATE DATABASE %s %s OWNER %s", name, from, RoleOwner),
		fmt.Sprintf("GRANT CONNECT ON DATABASE %s TO %s, %s", name, RoleImporter, RoleAPI))
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_ = execAs(context.Background(), admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return &DB{
		Name:        name,
		AdminURL:    withUserAndDB(admin, "", name),
		OwnerURL:    withUserAndDB(admin, RoleOwner, name),
		ImporterURL: withUserAndDB(admin, RoleImporter, name),
		APIURL:      withUserAndDB(admin, RoleAPI, name),
	}
}

// ensureTemplate builds, once per set of migrations, a migrated template
// database that test databases are copied from (a file copy: fast).
func ensureTemplate(ctx context.Context, admin string) (string, error) {
	m, err := postgis.NewMigrator(migrations.FS)
	if err != nil {
		return "", err
	}
	all := m.All()
	name := "threshold_tmpl_" + all[len(all)-1].Checksum[:12]
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(4242)`); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, `SELECT pg_advisory_unlock(4242)`) //nolint:errcheck // ends with the session
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1 AND datistemplate)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	build := "tmpl_build_" + randomHex(4)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0 OWNER %s", build, RoleOwner)); err != nil {
		return "", err
	}
	if err := execAs(ctx, withUserAndDB(admin, "", build), "CREATE EXTENSION postgis", "ALTER SCHEMA public OWNER TO "+RoleOwner); err != nil {
		return "", err
	}
	db, err := postgis.Open(ctx, withUserAndDB(admin, RoleOwner, build))
	if err != nil {
		return "", err
	}
	_, err = m.Up(ctx, db)
	db.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	for _, stmt := range []string{
		fmt.Sprintf("DROP DATABASE IF EXISTS %s", name),
		fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", build, name),
		fmt.Sprintf("ALTER DATABASE %s WITH IS_TEMPLATE true", name),
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return "", err
		}
	}
	return name, nil
}

func execAs(ctx context.Context, dsn string, stmts ...string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// withUserAndDB rewrites a URL's user (when user is not empty) and database.
func withUserAndDB(raw, user, db string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if user != "" {
		u.User = url.User(user)
	}
	u.Path = "/" + db
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
