package pglocal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Role names shared with the migrations, which grant their privileges.
const (
	RoleOwner    = "threshold_owner"
	RoleImporter = "threshold_importer"
	RoleAPI      = "threshold_api"
	superuser    = "postgres"
)

// Cluster describes one local cluster: where it lives and how to reach it.
type Cluster struct {
	Dir      string // holds data/, sock/ and server.log
	Port     int
	Database string
	BinDir   string // PostgreSQL's programs; found with pg_config when empty
	// Out receives progress lines for a person at a terminal; may be nil.
	Out func(format string, args ...any)
}

func (c *Cluster) dataDir() string { return filepath.Join(c.Dir, "data") }
func (c *Cluster) sockDir() string { return filepath.Join(c.Dir, "sock") }
func (c *Cluster) logFile() string { return filepath.Join(c.Dir, "server.log") }

func (c *Cluster) say(format string, args ...any) {
	if c.Out != nil {
		c.Out(format, args...)
	}
}

// DefaultDir picks the cluster folder for a repository: repo/.local/pg when
// the postgres user can reach it, otherwise a folder under the system's
// temporary directory named after the repository path.
func DefaultDir(repo string) string {
	abs, err := filepath.Abs(repo)
	if err != nil {
		abs = repo
	}
	inRepo := filepath.Join(abs, ".local", "pg")
	if !runningAsRoot() || reachableByPostgres(inRepo) {
		return inRepo
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(os.TempDir(), "threshold-pg-"+hex.EncodeToString(sum[:6]))
}

// reachableByPostgres reports whether the postgres system user can enter
// every folder from / down to dir's parent.
func reachableByPostgres(dir string) bool {
	parent := filepath.Dir(dir)
	for p := parent; ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil {
			if exec.Command("runuser", "-u", superuser, "--", "test", "-x", p).Run() != nil {
				return false
			}
		}
		if p == "/" || p == "." {
			return true
		}
	}
}

func runningAsRoot() bool { return os.Geteuid() == 0 }

// URL is the connection URL for role on this cluster, over TCP on 127.0.0.1.
func (c *Cluster) URL(role string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(role),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)),
		Path:     "/" + c.Database,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Running reports whether this cluster's server is up.
func (c *Cluster) Running(ctx context.Context) bool {
	if _, err := os.Stat(filepath.Join(c.dataDir(), "PG_VERSION")); err != nil {
		return false
	}
	return c.pg(ctx, "pg_ctl", "status", "-D", c.dataDir()) == nil
}

// Start makes sure the packages are installed, the cluster exists, its
// server runs and the database, extension and roles exist. It is idempotent.
func (c *Cluster) Start(ctx context.Context) error {
	if err := c.ensurePackages(ctx); err != nil {
		return err
	}
	if err := c.ensureInit(ctx); err != nil {
		return err
	}
	if !c.Running(ctx) {
		if err := portFree(c.Port); err != nil {
			return err
		}
		c.say("starting PostgreSQL on 127.0.0.1:%d (data in %s)", c.Port, c.dataDir())
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.Port, c.sockDir())
		if err := c.pg(ctx, "pg_ctl", "start", "-w", "-t", "60", "-D", c.dataDir(), "-l", c.logFile(), "-o", opts); err != nil {
			return fmt.Errorf("start postgres (log in %s): %w", c.logFile(), err)
		}
	}
	return c.ensureDatabase(ctx)
}

// Stop stops the server if it runs; with remove it also deletes the folder.
func (c *Cluster) Stop(ctx context.Context, remove bool) error {
	if c.Running(ctx) {
		if err := c.pg(ctx, "pg_ctl", "stop", "-w", "-m", "fast", "-D", c.dataDir()); err != nil {
			return fmt.Errorf("stop postgres: %w", err)
		}
	}
	if remove {
		if err := os.RemoveAll(c.Dir); err != nil {
			return fmt.Errorf("remove cluster folder: %w", err)
		}
	}
	return nil
}

// portFree fails with a message naming the port when something listens on it.
func portFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d on 127.0.0.1 is in use by another program: stop it or choose another port with --port or THRESHOLD_PGPORT", port)
	}
	return l.Close()
}

func (c *Cluster) ensureInit(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.dataDir(), "PG_VERSION")); err == nil {
		return nil
	}
	c.say("creating a PostgreSQL cluster in %s", c.dataDir())
	// Folders above the cluster stay enterable by the postgres user.
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(c.Dir), err)
	}
	for _, d := range []string{c.Dir, c.sockDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
	}
	if err := c.chownToPostgres(c.Dir); err != nil {
		return err
	}
	err := c.pg(ctx, "initdb", "-D", c.dataDir(), "-U", superuser, "-E", "UTF8",
		"--locale=C.UTF-8", "--auth-local=trust", "--auth-host=trust")
	if err != nil {
		return fmt.Errorf("initdb: %w", err)
	}
	return nil
}

func (c *Cluster) chownToPostgres(dir string) error {
	if !runningAsRoot() {
		return nil
	}
	u, err := user.Lookup(superuser)
	if err != nil {
		return fmt.Errorf("look up the postgres system user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

func (c *Cluster) ensureDatabase(ctx context.Context) error {
	var b strings.Builder
	fmt.Fprintf(&b, "SELECT 'CREATE DATABASE %s' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '%s')\\gexec\n", c.Database, c.Database)
	for _, r := range []string{RoleOwner, RoleImporter, RoleAPI} {
		fmt.Fprintf(&b, "SELECT 'CREATE ROLE %s LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s')\\gexec\n", r, r)
	}
	// The owner creates the importer's and API's grants in migrations, and
	// test helpers create throwaway databases from a template.
	fmt.Fprintf(&b, "ALTER ROLE %s CREATEDB;\n", RoleOwner)
	fmt.Fprintf(&b, "ALTER DATABASE %s OWNER TO %s;\n", c.Database, RoleOwner)
	if err := c.psql(ctx, "postgres", b.String()); err != nil {
		return fmt.Errorf("create database and roles: %w", err)
	}
	ext := fmt.Sprintf("CREATE EXTENSION IF NOT EXISTS postgis;\nALTER SCHEMA public OWNER TO %s;\nGRANT CONNECT ON DATABASE %s TO %s, %s;\n",
		RoleOwner, c.Database, RoleImporter, RoleAPI)
	if err := c.psql(ctx, c.Database, ext); err != nil {
		return fmt.Errorf("create the postgis extension: %w", err)
	}
	return nil
}

// psql runs a script as the superuser over the cluster's socket.
func (c *Cluster) psql(ctx context.Context, db, script string) error {
	cmd := c.command(ctx, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", c.sockDir(),
		"-p", strconv.Itoa(c.Port), "-U", superuser, "-d", db)
	cmd.Stdin = strings.NewReader(script)
	return run(cmd)
}

func (c *Cluster) pg(ctx context.Context, prog string, args ...string) error {
	return run(c.command(ctx, prog, args...))
}

// command builds a command for one of PostgreSQL's programs, run as the
// postgres user when we are root.
func (c *Cluster) command(ctx context.Context, prog string, args ...string) *exec.Cmd {
	path := filepath.Join(c.binDir(), prog)
	if runningAsRoot() {
		return exec.CommandContext(ctx, "runuser", append([]string{"-u", superuser, "--", path}, args...)...)
	}
	return exec.CommandContext(ctx, path, args...)
}

func (c *Cluster) binDir() string {
	if c.BinDir != "" {
		return c.BinDir
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		d := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return "/usr/lib/postgresql/15/bin"
}

func run(cmd *exec.Cmd) error {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Dir = os.TempDir() // the postgres user may not be able to read our cwd
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(out.String())
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return fmt.Errorf("%s: %w: %s", filepath.Base(cmd.Args[0]), err, msg)
	}
	return nil
}

// WaitReady polls until the server accepts connections or ctx ends.
func (c *Cluster) WaitReady(ctx context.Context) error {
	for {
		if c.pg(ctx, "pg_isready", "-q", "-h", c.sockDir(), "-p", strconv.Itoa(c.Port)) == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.New("postgres did not become ready")
		case <-time.After(200 * time.Millisecond):
		}
	}
}
