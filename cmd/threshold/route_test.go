package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// iowBusRegion writes a region folder holding only the Isle of Wight bus
// import of the real manifest (with its declared access policy), the feed
// linked in.
func iowBusRegion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../geodata/isle-of-wight/region.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Imports []map[string]any `json:"imports"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, im := range m.Imports {
		if im["source"] != "iow-bus" {
			continue
		}
		zip, err := filepath.Abs(filepath.Join("../../geodata/isle-of-wight", im["path"].(string)))
		if err != nil {
			t.Fatal(err)
		}
		im["path"] = "iow-bus-gtfs.zip"
		if err := os.Symlink(zip, filepath.Join(dir, "iow-bus-gtfs.zip")); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(map[string]any{"id": "iow-bus-test", "name": "Isle of Wight buses", "imports": []any{im}})
		if err := os.WriteFile(filepath.Join(dir, "region.json"), out, 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Fatal("no iow-bus import in the manifest")
	return ""
}

// Route 37's trip 10116 leaves Ryde Bus Station stand G (23000003001G) at
// 09:00:00 and reaches Swanmore Middle School (230000002160) at 09:12:00 on
// Wednesday 2019-05-15 (stop_times.txt); the one before left at 08:00.
func TestRouteCommand(t *testing.T) {
	d := pgtest.New(t)
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL})
	ctx := context.Background()
	if code, _, stderr := runMain(t, ctx, getenv, "load", iowBusRegion(t)); code != 0 {
		t.Fatalf("load: %d %s", code, stderr)
	}
	trip := []string{"route", "--from", "stop:23000003001G", "--to", "stop:iow-bus:230000002160", "--depart", "2019-05-15T08:30"}

	code, out, stderr := runMain(t, ctx, getenv, trip...)
	want := "  09:00:00–09:12:00  bus 37 (trip 10116)  Bus Station [stop:iow-bus:23000003001G] → Swanmore Middle School [stop:iow-bus:230000002160]\n"
	if code != 0 || !strings.Contains(out, want) || !strings.HasPrefix(out, "09:00:00 → 09:12:00  (2019-05-15, Europe/London; 12 min, 1 ride)") {
		t.Errorf("route: %d\n%s%s", code, out, stderr)
	}

	code, out, _ = runMain(t, ctx, getenv, append(trip, "--json")...)
	var a plan.Answer
	if err := json.Unmarshal([]byte(out), &a); code != 0 || err != nil || len(a.Legs) != 1 ||
		a.Legs[0].Depart != "2019-05-15T09:00:00+01:00" || a.Legs[0].Arrive != "2019-05-15T09:12:00+01:00" || a.Legs[0].TripID != "10116" {
		t.Errorf("--json: %d %v %s", code, err, out)
	}

	code, out, _ = runMain(t, ctx, getenv, append(trip, "--profile", "wheelchair")...)
	if code != 0 || !strings.Contains(out, "Step-free access of stops and vehicles: assumed") || !strings.Contains(out, "assumed: trip 10116 (37): Public Service Vehicles Accessibility Regulations 2000") {
		t.Errorf("wheelchair under the policy: %d\n%s", code, out)
	}
	code, out, _ = runMain(t, ctx, getenv, append(trip, "--profile", "wheelchair", "--no-policy")...)
	if code != 0 || !strings.HasPrefix(out, "No journey: no step-free journey") || !strings.Contains(out, "stop 23000003001G (Bus Station), whose step-free access is unknown") {
		t.Errorf("wheelchair without the policy: %d\n%s", code, out)
	}

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"route", "--from", "95,0", "--to", "stop:x", "--depart", "2019-05-15T08:30"}, 2, "--from:"},
		{[]string{"route", "--from", "stop:x", "--to", "stop:y", "--depart", "tomorrow"}, 2, "--depart:"},
		{[]string{"route", "--from", "stop:x", "--to", "stop:y"}, 2, "needs --from, --to and --depart"},
		{append(trip[:len(trip):len(trip)], "--profile", "nobody"), 2, "unknown profile"},
		{[]string{"route", "--from", "45,-30", "--to", "stop:230000002160", "--depart", "2019-05-15T08:30"}, 1, "--from: the origin is outside the loaded timetables"},
		{[]string{"route", "--from", "stop:nowhere", "--to", "stop:230000002160", "--depart", "2019-05-15T08:30"}, 1, "--from: no stop with this id"},
	} {
		code, _, stderr := runMain(t, ctx, getenv, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: %d %q, want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}

// serve loads the timetables after it starts, and notices an import made
// while it runs: the journey that was outside the (empty) data is planned
// after the next poll.
func TestServePlansJourneysAndReloads(t *testing.T) {
	d := pgtest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	getenv := envOf(map[string]string{"DATABASE_URL": d.OwnerURL, "THRESHOLD_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	var stderr syncWriter
	go func() { done <- Main(ctx, []string{"serve", "--poll", "200ms"}, &bytes.Buffer{}, &stderr, getenv) }()

	body := `{"from": {"stop_id": "23000003001G"}, "to": {"stop_id": "230000002160"}, "depart": "2019-05-15T08:30", "profile": "walker"}`
	status := func() (int, string) {
		resp, err := http.Post("http://"+addr+"/api/v1/journeys", "application/json", strings.NewReader(body))
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	waitFor := func(want int) string {
		for range 200 {
			if code, b := status(); code == want {
				return b
			}
			time.Sleep(50 * time.Millisecond)
		}
		code, b := status()
		t.Fatalf("journeys never answered %d: last %d %s; log %s", want, code, b, stderr.String())
		return ""
	}
	waitFor(http.StatusBadRequest) // loaded, no such stop in an empty database
	if code, _, errOut := runMain(t, context.Background(), getenv, "load", iowBusRegion(t)); code != 0 {
		t.Fatalf("load: %d %s", code, errOut)
	}
	if b := waitFor(http.StatusOK); !strings.Contains(b, `"trip_id":"10116"`) || !strings.Contains(b, `"depart":"2019-05-15T09:00:00+01:00"`) {
		t.Errorf("journey after the import: %s", b)
	}
	if !strings.Contains(stderr.String(), `"msg":"timetable loaded","timezone":"Europe/London"`) {
		t.Errorf("no load logged: %s", stderr.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// syncWriter collects the server's log while the test reads it.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
