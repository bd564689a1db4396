package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// envOf builds a getenv over a fixed map, so tests never read the process
// environment.
func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func runMain(t *testing.T, ctx context.Context, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(ctx, args, &out, &errb, getenv)
	return code, out.String(), errb.String()
}

func TestMigrateCheckGatesAPendingSchema(t *testing.T) {
	d := pgtest.NewEmpty(t)
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL})
	ctx := context.Background()

	code, _, stderr := runMain(t, ctx, getenv, "migrate", "check")
	if code != 1 || !strings.Contains(stderr, "schema is behind") {
		t.Fatalf("check on an empty database: code %d, stderr %q; want 1 and 'schema is behind'", code, stderr)
	}
	code, stdout, stderr := runMain(t, ctx, getenv, "migrate", "up")
	if code != 0 || !strings.Contains(stdout, "applied 0001_schema_v1.sql") {
		t.Fatalf("up: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runMain(t, ctx, getenv, "migrate", "check")
	if code != 0 {
		t.Fatalf("check after up: code %d, stderr %q", code, stderr)
	}
}

func TestServeAnswersReadyAndShutsDown(t *testing.T) {
	d := pgtest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL, "THRESHOLD_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- Main(ctx, []string{"serve"}, &bytes.Buffer{}, &stderr, getenv) }()

	var resp *http.Response
	for i := 0; i < 100; i++ {
		resp, err = http.Get("http://" + addr + "/readyz")
		if err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never answered: %v; log %s", err, stderr.String())
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/readyz = %d", resp.StatusCode)
	}
	// The server connected as the read-only API role, never as the owner.
	if !strings.Contains(stderr.String(), `"msg":"serving"`) {
		t.Fatalf("no serving line in log: %s", stderr.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down within 10 s of the signal")
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, stderr := runMain(t, context.Background(), envOf(nil), "frobnicate")
	if code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("code %d stderr %q", code, stderr)
	}
}

func TestDBURLHonoursDatabaseURL(t *testing.T) {
	getenv := envOf(map[string]string{"DATABASE_URL": "postgres://me@db.example:5432/prod"})
	code, out, _ := runMain(t, context.Background(), getenv, "db", "url", "--role", "api")
	if code != 0 || strings.TrimSpace(out) != "postgres://threshold_api@db.example:5432/prod" {
		t.Fatalf("code %d url %q", code, out)
	}
	code, out, _ = runMain(t, context.Background(), getenv, "db", "start")
	if code != 0 || strings.TrimSpace(out) != "postgres://me@db.example:5432/prod" {
		t.Fatalf("db start with DATABASE_URL started something or printed %q (code %d)", out, code)
	}
}
