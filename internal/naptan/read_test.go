package naptan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) ([]Stop, Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadAll(f, filepath.Base(path))
}

func TestReadGood(t *testing.T) {
	stops, rep, err := readFile(t, "testdata/stops_good.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 10 || rep.Loaded != 10 || rep.Rejected != 0 || len(rep.Issues) != 0 {
		t.Fatalf("report = %+v", rep)
	}
	first := stops[0]
	want := Stop{ATCO: "23000002001A", NaptanCode: "iowmamj", CommonName: "Bus Station",
		Indicator: "Stand A", Street: "Orchard Street", LocalityCode: "E0038923", Locality: "Newport",
		HasPoint: true, Easting: 449910, Northing: 89004, HasGrid: true,
		StopType: "BCS", Status: "active"}
	want.Point[0], want.Point[1] = -1.29467, 50.69855
	if first != want {
		t.Errorf("first stop\n got %+v\nwant %+v", first, want)
	}
	var active, har int
	for _, s := range stops {
		if s.Active() {
			active++
		}
		if s.BusStopType == "HAR" {
			har++
		}
	}
	if active != 8 || har != 2 {
		t.Errorf("active %d, hail-and-ride %d; want 8, 2", active, har)
	}
}

func TestReadReorderedBOMQuotesSpaces(t *testing.T) {
	got, rep, err := readFile(t, "testdata/stops_reordered.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := readFile(t, "testdata/stops_good.csv")
	if rep.Loaded != 4 || len(rep.Issues) != 0 {
		t.Fatalf("report = %+v", rep)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("row %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReadBad(t *testing.T) {
	stops, rep, err := readFile(t, "testdata/stops_bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 9 || rep.Loaded != 3 || rep.Rejected != 6 || len(stops) != 3 {
		t.Fatalf("report = %+v", rep)
	}
	type key struct {
		line    int
		field   string
		warning bool
	}
	want := map[key]bool{
		{2, "ATCOCode", false}: true, {4, "ATCOCode", false}: true, {5, "Longitude", true}: true,
		{6, "Longitude", false}: true, {7, "Longitude", false}: true, {8, "", false}: true,
		{9, "CommonName", false}: true,
	}
	for _, is := range rep.Issues {
		k := key{is.Line, is.Field, is.Warning}
		if !want[k] || is.File != "stops_bad.csv" {
			t.Errorf("unexpected issue %v", is)
		}
		delete(want, k)
	}
	for k := range want {
		t.Errorf("missing issue %+v", k)
	}
	if stops[1].HasPoint || !stops[1].HasGrid {
		t.Errorf("stop without lon/lat: %+v", stops[1])
	}
}

func TestReadStructuralErrors(t *testing.T) {
	for file, want := range map[string]string{
		"stops_broken.csv":   "stops_broken.csv line 3",
		"stops_nocolumn.csv": "stops_nocolumn.csv line 1",
	} {
		_, _, err := readFile(t, "testdata/"+file)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to name %q", file, err, want)
		}
	}
	_, _, err := ReadAll(strings.NewReader(""), "empty.csv")
	if err == nil || !strings.Contains(err.Error(), "empty.csv") {
		t.Errorf("empty input: %v", err)
	}
}

func TestReadCallbackError(t *testing.T) {
	f, err := os.Open("testdata/stops_good.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stop := errors.New("stop here")
	n := 0
	_, err = Read(f, "stops_good.csv", func(Stop) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "line 4") || n != 3 {
		t.Errorf("err = %v after %d stops", err, n)
	}
}

// The real NaPTAN extracts: SOURCE.txt gives 1,331 stops for area 230 and
// 258 for area 268; every row is well formed and has coordinates.
func TestReadRealFiles(t *testing.T) {
	for file, rows := range map[string]int{"230Stops.csv": 1331, "268Stops.csv": 258} {
		stops, rep, err := readFile(t, realFiles[file])
		if err != nil {
			t.Fatal(err)
		}
		if rep.Read != rows || rep.Loaded != rows || len(rep.Issues) != 0 {
			t.Errorf("%s: report %+v, issues %v", file, rep, rep.Issues)
		}
		for _, s := range stops {
			if !s.HasPoint || !s.HasGrid || s.Status == "" {
				t.Errorf("%s: incomplete stop %+v", file, s)
				break
			}
			if !strings.HasPrefix(s.ATCO, file[:3]) {
				t.Errorf("%s: ATCO %s outside the area", file, s.ATCO)
			}
		}
	}
}

// The NaPTAN files shipped with the regions.
var realFiles = map[string]string{"230Stops.csv": "../../geodata/isle-of-wight/naptan/230Stops.csv", "268Stops.csv": "../../geodata/rutland/naptan/268Stops.csv"}
