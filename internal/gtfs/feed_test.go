package gtfs

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
)

// unzip extracts a zip into dir, under prefix.
func unzip(t *testing.T, src, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, zf.Name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checksum(t *testing.T, path string) string {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := f.Checksum()
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestChecksumZipEqualsFolder(t *testing.T) {
	if _, err := os.Stat(iowZip); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	unzip(t, iowZip, dir)
	zipSum, dirSum := checksum(t, iowZip), checksum(t, dir)
	if zipSum != dirSum || len(zipSum) != 64 {
		t.Fatalf("zip %s, folder %s", zipSum, dirSum)
	}
	if again := checksum(t, iowZip); again != zipSum {
		t.Fatal("checksum not stable")
	}
	// One changed byte changes the checksum.
	p := filepath.Join(dir, "calendar_dates.txt")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, '\n'), 0o644)
	if checksum(t, dir) == dirSum {
		t.Fatal("checksum ignores content")
	}
}

func TestZipWithTopFolder(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"feed/agency.txt": "agency_name,agency_url,agency_timezone\nA,http://a.invalid,Europe/London\n",
		"feed/stops.txt":  "stop_id,stop_lat,stop_lon\nS1,50.7,-1.2\n",
	} {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "nested.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !f.Has("stops.txt") || f.Has("trips.txt") {
		t.Fatal("Has does not see into the top folder")
	}
	if stops := collect(t, f.Stops); len(stops) != 1 || stops[0].Pos[0] != -1.2 {
		t.Fatalf("stops = %+v", stops)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "absent.zip")); err == nil {
		t.Error("opened an absent path")
	}
	p := filepath.Join(t.TempDir(), "not.zip")
	os.WriteFile(p, []byte("not a zip"), 0o644)
	if _, err := Open(p); err == nil || !strings.Contains(err.Error(), "not.zip") {
		t.Errorf("err = %v", err)
	}
}

func TestEmptyAndBlankFiles(t *testing.T) {
	f := OpenFS(fstest.MapFS{
		"agency.txt": {Data: nil},
		"stops.txt":  {Data: []byte("stop_id,stop_lat,stop_lon\r\n\r\nS1,50.7,-1.2\r\n,,\r\n\r")},
	})
	if n := len(collect(t, f.Agencies)); n != 0 {
		t.Errorf("empty agency.txt gave %d rows", n)
	}
	if n := len(collect(t, f.Stops)); n != 1 {
		t.Errorf("stops with blank lines gave %d rows", n)
	}
	if rep, _ := f.FileReport("stops.txt"); rep.Read != 1 || len(rep.Issues) != 0 {
		t.Errorf("blank rows counted: %+v", rep)
	}
}

func TestFieldCounts(t *testing.T) {
	f := OpenFS(fstest.MapFS{"stops.txt": {Data: []byte(
		"stop_id,stop_lat,stop_lon,stop_name\n" +
			"S1,50.7,-1.2\n" + // short: kept with a warning
			"S2,50.7,-1.2,Shanklin, Bus Station\n" + // unquoted comma: rejected
			"S3,50.7,-1.2,Lake\n")}})
	stops := collect(t, f.Stops)
	if len(stops) != 2 || stops[0].ID != "S1" || stops[1].ID != "S3" {
		t.Fatalf("stops = %+v", stops)
	}
	rep, _ := f.FileReport("stops.txt")
	if rep.Rejected != 1 || rep.Warnings != 1 || rep.Issues[1].Line != 3 || !rep.Issues[1].Skipped {
		t.Errorf("report = %+v", rep)
	}
}

func TestIssueCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("stop_id,stop_lat,stop_lon\n")
	for range MaxIssuesPerFile + 50 {
		b.WriteString("S,x,y\n")
	}
	f := OpenFS(fstest.MapFS{"stops.txt": {Data: []byte(b.String())}})
	if n := len(collect(t, f.Stops)); n != 0 {
		t.Fatalf("%d bad stops loaded", n)
	}
	rep, _ := f.FileReport("stops.txt")
	if len(rep.Issues) != MaxIssuesPerFile || rep.IssuesDropped != 50 || rep.Rejected != MaxIssuesPerFile+50 {
		t.Errorf("issues %d dropped %d rejected %d", len(rep.Issues), rep.IssuesDropped, rep.Rejected)
	}
}

// TestImports keeps the package free of infrastructure.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"net/http", "github.com/jackc/", "github.com/go-chi/", "database/sql", "log/slog"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("gtfs depends on %s", dep)
			}
		}
	}
}

func TestGenericNodeWithoutCoordinates(t *testing.T) {
	f := feedOf("stops.txt", "stop_id,stop_lat,stop_lon,location_type,parent_station\nN1,,,3,STN\nP1,,,0,\n")
	stops := collect(t, f.Stops)
	if len(stops) != 1 || stops[0].ID != "N1" || stops[0].Pos != (orb.Point{}) {
		t.Fatalf("stops = %+v", stops)
	}
	if rep, _ := f.FileReport("stops.txt"); rep.Rejected != 1 || rep.Issues[0].Line != 3 {
		t.Errorf("a platform without coordinates was not rejected: %+v", rep)
	}
}

func TestTripStopTimesDuplicatesAndErrors(t *testing.T) {
	body := "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
		"T1,08:00:00,08:00:00,A,1\n" +
		"T1,08:05:00,08:05:00,B,2\n" +
		"T1,08:06:00,08:06:00,C,2\n" + // duplicate sequence: dropped
		"T2,09:00:00,09:00:00,A,1\n" +
		"T2,09:10:00,09:10:00,B,2\n"
	f := feedOf("stop_times.txt", body)
	var got []string
	err := f.TripStopTimes(func(id string, sts []StopTime) error {
		for _, st := range sts {
			got = append(got, id+st.StopID)
		}
		return nil
	})
	if err != nil || strings.Join(got, " ") != "T1A T1B T2A T2B" {
		t.Fatalf("got %v, %v", got, err)
	}
	rep, _ := f.FileReport("stop_times.txt")
	if rep.Read != 5 || rep.Loaded != 4 || rep.Rejected != 1 || rep.Issues[0].Line != 4 || rep.Issues[0].Field != "stop_sequence" {
		t.Errorf("report = %+v", rep)
	}
	stop := errors.New("stop")
	err = f.TripStopTimes(func(id string, _ []StopTime) error {
		if id == "T2" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), `stop_times.txt line 5: trip "T2"`) {
		t.Errorf("callback error = %v, want it to name T2's first line", err)
	}
}
