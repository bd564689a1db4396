package postgis_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// TestMain lets the kill test re-run this test binary as the importing
// child process.
func TestMain(m *testing.M) {
	if url := os.Getenv("THRESHOLD_KILL_CHILD_URL"); url != "" {
		os.Exit(killChild(url, os.Getenv("THRESHOLD_KILL_CHILD_FEED")))
	}
	os.Exit(m.Run())
}

// killChild imports a feed and never returns normally: the parent kills it.
func killChild(url, dir string) int {
	ctx := context.Background()
	db, err := postgis.Open(ctx, url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	feed, err := gtfs.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	_, err = db.Import(ctx, postgis.ImportSpec{SourceID: "iow-bus", Kind: "gtfs", Path: dir, Checksum: "synthetic", Force: true},
		postgis.GTFSLoader(feed, postgis.GTFSOptions{}))
	fmt.Fprintln(os.Stderr, "child import finished:", err)
	return 0
}

func TestImportKilledDuringCopyLeavesPublishedDataIdentical(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importGTFS(t, db, "iow-bus", iowGTFS); err != nil {
		t.Fatal(err)
	}
	before := publishedChecksum(t, db)

	// A synthetic feed of about 480k stop_times under the same source id:
	// big enough that the child is still copying when it is killed.
	dir := t.TempDir()
	if err := gtfs.WriteSyntheticGrid(dir, gtfs.SyntheticOptions{Rows: 15, Cols: 15, Headway: 300}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "THRESHOLD_KILL_CHILD_URL="+d.ImporterURL, "THRESHOLD_KILL_CHILD_FEED="+dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child's COPY of stop times is running, then SIGKILL it.
	admin := open(t, d.AdminURL)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var copying bool
		err := admin.Pool.QueryRow(context.Background(), `
SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = current_database()
               AND query ILIKE 'copy%gtfs_stop_time%' AND state = 'active')`).Scan(&copying)
		if err != nil {
			t.Fatal(err)
		}
		if copying {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never reached the stop_times COPY")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	// The server notices the dead client and rolls back; wait for its
	// backend to go before comparing.
	for i := 0; i < 200; i++ {
		n := count(t, admin, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'threshold_importer' AND query ILIKE 'copy%'`)
		if n == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if after := publishedChecksum(t, db); after != before {
		t.Fatal("published data changed after the import was killed")
	}
	if n := count(t, db, `SELECT count(*) FROM gtfs_stop_time WHERE feed_id = 'iow-bus'`); n != 2608 {
		t.Fatalf("stop_times = %d after the kill, want the Isle of Wight's 2608", n)
	}
}
