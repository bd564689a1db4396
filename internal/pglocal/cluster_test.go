package pglocal

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func freePort(t *testing.T) (int, net.Listener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln.Addr().(*net.TCPAddr).Port, ln
}

// The cluster life cycle on the real PostgreSQL programs: start twice
// (idempotent), a port taken by someone else named in the error, stop and
// remove.
func TestClusterLifeCycle(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	c := &Cluster{Dir: filepath.Join(os.TempDir(), "threshold-pglocal-test-"+strconv.Itoa(os.Getpid())), Database: "lifecycle"}
	if _, err := os.Stat(filepath.Join(c.binDir(), "initdb")); err != nil && os.Getenv("THRESHOLD_REQUIRE_DB") == "" {
		t.Skip("PostgreSQL is not installed")
	}
	ctx := context.Background()
	port, ln := freePort(t)
	c.Port = port
	t.Cleanup(func() { c.Stop(ctx, true) })

	err := c.Start(ctx)
	if err == nil || !strings.Contains(err.Error(), "port "+strconv.Itoa(port)) {
		t.Fatalf("start on a taken port: err = %v, want a message naming port %d", err, port)
	}
	ln.Close()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if !c.Running(ctx) {
		t.Fatal("not running after start")
	}
	if err := c.Start(ctx); err != nil {
		t.Fatalf("second start: %v", err)
	}
	if !strings.Contains(c.URL(RoleAPI), "threshold_api@127.0.0.1:"+strconv.Itoa(port)+"/lifecycle") {
		t.Fatalf("url %s", c.URL(RoleAPI))
	}
	if err := c.Stop(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.Dir); !os.IsNotExist(err) {
		t.Fatalf("cluster folder still there: %v", err)
	}
}

func TestDefaultDirFallsBackWhenUnreachable(t *testing.T) {
	if !runningAsRoot() {
		t.Skip("the fallback applies to root, whose home the postgres user cannot enter")
	}
	root := t.TempDir() // 0700, owned by root: postgres cannot enter it
	if err := os.Chmod(root, 0o700); err != nil {
		t.Fatal(err)
	}
	d := DefaultDir(filepath.Join(root, "repo"))
	if strings.HasPrefix(d, root) {
		t.Fatalf("DefaultDir = %s inside a folder postgres cannot enter", d)
	}
	if d2 := DefaultDir(filepath.Join(root, "repo")); d2 != d {
		t.Fatalf("fallback not stable: %s then %s", d, d2)
	}
}
