package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/migrations"
)

// env is the configuration read once from the environment, plus outputs.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger

	databaseURL string // DATABASE_URL: an existing database; nothing is started
	apiURL      string // THRESHOLD_API_DATABASE_URL
	importURL   string // THRESHOLD_IMPORT_DATABASE_URL
	addr        string // THRESHOLD_ADDR
	pgPort      int    // THRESHOLD_PGPORT
	pgDir       string // THRESHOLD_PGDIR
	dbName      string // THRESHOLD_DB_NAME
	ci          bool   // CI: no progress bars
}

const (
	defaultAddr   = ":8080"
	defaultPGPort = 55432
	defaultDBName = "threshold"
)

func newEnv(stdout, stderr io.Writer, getenv func(string) string) *env {
	e := &env{
		stdout:      stdout,
		stderr:      stderr,
		log:         slog.New(slog.NewJSONHandler(stderr, nil)),
		databaseURL: getenv("DATABASE_URL"),
		apiURL:      getenv("THRESHOLD_API_DATABASE_URL"),
		importURL:   getenv("THRESHOLD_IMPORT_DATABASE_URL"),
		addr:        getenv("THRESHOLD_ADDR"),
		pgDir:       getenv("THRESHOLD_PGDIR"),
		dbName:      getenv("THRESHOLD_DB_NAME"),
		pgPort:      defaultPGPort,
		ci:          getenv("CI") != "",
	}
	if p, err := strconv.Atoi(getenv("THRESHOLD_PGPORT")); err == nil && p > 0 {
		e.pgPort = p
	}
	if e.addr == "" {
		e.addr = defaultAddr
	}
	if e.dbName == "" {
		e.dbName = defaultDBName
	}
	return e
}

var dbNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// cluster returns the local cluster this configuration describes.
func (e *env) cluster() (*pglocal.Cluster, error) {
	if !dbNamePattern.MatchString(e.dbName) {
		return nil, fmt.Errorf("database name %q: use lower-case letters, digits and underscores", e.dbName)
	}
	dir := e.pgDir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		dir = pglocal.DefaultDir(wd)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &pglocal.Cluster{Dir: abs, Port: e.pgPort, Database: e.dbName,
		Out: func(f string, a ...any) { fmt.Fprintf(e.stderr, f+"\n", a...) }}, nil
}

// url returns the connection URL for one role: DATABASE_URL (with the role's
// own override when set) or the local cluster's.
func (e *env) url(role string) (string, error) {
	if e.databaseURL != "" {
		switch role {
		case pglocal.RoleAPI:
			if e.apiURL != "" {
				return e.apiURL, nil
			}
			return swapUser(e.databaseURL, role)
		case pglocal.RoleImporter:
			if e.importURL != "" {
				return e.importURL, nil
			}
			return swapUser(e.databaseURL, role)
		}
		return e.databaseURL, nil
	}
	c, err := e.cluster()
	if err != nil {
		return "", err
	}
	return c.URL(role), nil
}

// swapUser keeps DATABASE_URL's host and database but connects as role
// (without DATABASE_URL's password, which belongs to its own user).
func swapUser(raw, role string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	u.User = url.User(role)
	return u.String(), nil
}

// open connects as role.
func (e *env) open(ctx context.Context, role string) (*postgis.DB, error) {
	u, err := e.url(role)
	if err != nil {
		return nil, err
	}
	db, err := postgis.Open(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("as %s: %w (is the database running? try `threshold db start`)", role, err)
	}
	return db, nil
}

func newMigrator() (*postgis.Migrator, error) { return postgis.NewMigrator(migrations.FS) }
