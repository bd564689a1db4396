package nhle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const realDir = "../../testdata/nhle-trafford"

func readCSVFile(t *testing.T, path string, d Designation) ([]Entry, Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadCSV(f, filepath.Base(path), d)
}

func readGeoJSONFile(t *testing.T, path string, d Designation) ([]Entry, Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadGeoJSON(f, filepath.Base(path), d)
}

func byKey(es []Entry) map[string]Entry {
	m := make(map[string]Entry, len(es))
	for _, e := range es {
		m[e.Key] = e
	}
	return m
}

func TestReadCSVGood(t *testing.T) {
	es, rep, err := readCSVFile(t, "testdata/listed_good.csv", ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	// Ten rows; the two gate-pier rows are one list entry.
	if rep.Read != 10 || rep.Loaded != 9 || rep.Merged != 1 || rep.Rejected != 0 {
		t.Fatalf("report %+v, issues %v", rep, rep.Issues)
	}
	church := byKey(es)["1067865"]
	if church.Name != "Old Church Of Saint Werburg" || church.Grade != GradeI ||
		church.ListDate != "1959-03-05" || !church.HasGrid || church.SRID != SRIDGrid ||
		church.Easting != 369694.15 || church.Northing != 389576.25384392 || church.HasPoint ||
		church.URL != "https://historicengland.org.uk/listing/the-list/list-entry/1067865" ||
		church.Designation != ListedBuilding || church.ListEntry != 1067865 {
		t.Errorf("church = %+v", church)
	}
	gate := byKey(es)["1389616"]
	if !gate.HasGrid || gate.Easting != 376909.953 {
		t.Errorf("multi-valued easting: %+v", gate)
	}
}

func TestReadCSVBad(t *testing.T) {
	es, rep, err := readCSVFile(t, "testdata/listed_bad.csv", ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 13 || rep.Rejected != 7 || rep.Merged != 1 || rep.Loaded != 5 || len(es) != 5 {
		t.Fatalf("report %+v, issues %v", rep, rep.Issues)
	}
	rejected := map[int]string{2: "ListEntry", 3: "Name", 4: "Grade", 5: "Easting", 6: "Easting", 8: "ListEntry", 9: ""}
	warned := map[int]string{10: "geometry", 11: "ListDate", 12: "Grade", 13: "Easting", 14: "ListEntry"}
	for _, is := range rep.Issues {
		m := rejected
		if is.Warning {
			m = warned
		}
		if f, ok := m[is.Line]; !ok || f != is.Field {
			t.Errorf("unexpected issue %v", is)
		}
		delete(m, is.Line)
	}
	if len(rejected)+len(warned) != 0 {
		t.Errorf("missing issues: rejected %v, warned %v", rejected, warned)
	}
}

func TestReadCSVStructural(t *testing.T) {
	_, _, err := readCSVFile(t, "testdata/listed_broken.csv", ListedBuilding)
	if err == nil || !strings.Contains(err.Error(), "listed_broken.csv line 4") {
		t.Errorf("broken quote: %v", err)
	}
	_, _, err = ReadCSV(strings.NewReader("Name,Grade\nx,II\n"), "nokey.csv", ListedBuilding)
	if err == nil || !strings.Contains(err.Error(), "nokey.csv line 1") {
		t.Errorf("no key column: %v", err)
	}
}

func TestReadGeoJSONGood(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, "testdata/listed_good.geojson", ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 10 || rep.Loaded != 9 || rep.Merged != 1 || rep.Rejected != 0 {
		t.Fatalf("report %+v, issues %v", rep, rep.Issues)
	}
	csvEntries, _, _ := readCSVFile(t, "testdata/listed_good.csv", ListedBuilding)
	want := byKey(csvEntries)
	for _, e := range es {
		w := want[e.Key]
		if e.Name != w.Name || e.Grade != w.Grade || e.ListDate != w.ListDate || e.Easting != w.Easting || !e.HasPoint {
			t.Errorf("GeoJSON and CSV disagree on %s:\n%+v\n%+v", e.Key, e, w)
		}
		// Trafford lies around 2.3°W, 53.4°N.
		if e.Point[0] < -2.5 || e.Point[0] > -2.2 || e.Point[1] < 53.3 || e.Point[1] > 53.5 {
			t.Errorf("%s: point %v outside Trafford", e.Key, e.Point)
		}
	}
	if gate := byKey(es)["1389616"]; len(gate.Points) != 2 || gate.Point != gate.Points[0] {
		t.Errorf("gate piers: %+v", gate)
	}
}

func TestReadGeoJSONBad(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, "testdata/listed_bad.geojson", ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 7 || rep.Loaded != 2 || rep.Rejected != 5 {
		t.Fatalf("report %+v, issues %v", rep, rep.Issues)
	}
	rejectedLines := map[int]bool{3: true, 4: true, 5: true, 6: true, 8: true}
	for _, is := range rep.Issues {
		if is.Warning {
			if is.Line != 7 {
				t.Errorf("unexpected warning %v", is)
			}
			continue
		}
		if !rejectedLines[is.Line] {
			t.Errorf("unexpected issue %v", is)
		}
		delete(rejectedLines, is.Line)
	}
	if len(rejectedLines) != 0 {
		t.Errorf("lines not rejected: %v", rejectedLines)
	}
	if e := byKey(es)["5"]; e.HasPoint || !e.HasGrid {
		t.Errorf("null geometry with grid reference: %+v", e)
	}
}

func TestReadGeoJSONStructural(t *testing.T) {
	for file, want := range map[string]string{
		"listed_truncated.geojson":     "listed_truncated.geojson line ",
		"listed_bng.geojson":           "EPSG::27700",
		"listed_notcollection.geojson": "listed_notcollection.geojson",
		"listed_syntax.geojson":        "listed_syntax.geojson line 43",
	} {
		_, _, err := readGeoJSONFile(t, "testdata/"+file, ListedBuilding)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", file, err, want)
		}
	}
}

func TestReadMonuments(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, "testdata/monuments_small.geojson", ScheduledMonument)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != 1 || len(rep.Issues) != 0 {
		t.Fatalf("report %+v", rep)
	}
	e := es[0]
	if e.ListEntry != 1014377 || e.Grade != "" || len(e.Polygon) != 1 || !e.HasPoint ||
		!strings.HasPrefix(e.Name, "Watch Hill motte and bailey castle") ||
		e.URL != "https://historicengland.org.uk/listing/the-list/list-entry/1014377" {
		t.Errorf("monument = %+v", e)
	}
	if !e.Polygon.Bound().Contains(e.Point) {
		t.Errorf("point %v outside the monument's bound %v", e.Point, e.Polygon.Bound())
	}
}

func TestParseGrade(t *testing.T) {
	for in, want := range map[string]string{"I": "I", "II*": "II*", " ii * ": "II*", "2": "II", "": ""} {
		if got, err := ParseGrade(in); err != nil || got != want {
			t.Errorf("ParseGrade(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"III", "A", "II**"} {
		if _, err := ParseGrade(in); err == nil {
			t.Errorf("ParseGrade(%q) accepted", in)
		}
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"Stocks\r\nStocks South Of Junction": "Stocks; Stocks South Of Junction",
		"Moss Cottage\nThe Beech":            "Moss Cottage; The Beech",
		"  Church  of St George \r\n\r\n":    "Church of St George",
		"":                                   "",
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}
