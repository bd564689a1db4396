package museums

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

const realFile = "../../testdata/mapping-museums/museums-iow-rutland-trafford.csv"

func readFile(t *testing.T, path string) ([]Museum, Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadAll(f, filepath.Base(path))
}

func TestReadGood(t *testing.T) {
	ms, rep, err := readFile(t, "testdata/museums_good.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 10 || rep.Loaded != 10 || len(rep.Issues) != 0 {
		t.Fatalf("report %+v", rep)
	}
	arreton := ms[3]
	want := Museum{
		ID: "mm.wiki.218", Name: "Arreton Manor", Address1: "Main Road", Town: "Newport",
		Postcode: "PO30 3AA", AdminArea: "/England/South East (English Region)/Isle of Wight (English UA)",
		Governance: "Independent-Private", Size: "small", Accreditation: "Unaccredited",
		Subject: "Buildings-Houses-Large_houses", Point: orb.Point{-1.246341, 50.678043}, HasPoint: true,
		Opened: YearRange{1945, 1960}, Closed: YearRange{2015, 2015},
	}
	if !reflect.DeepEqual(arreton, want) {
		t.Errorf("Arreton Manor\n got %+v\nwant %+v", arreton, want)
	}
	if arreton.Open() || !ms[0].Open() || ms[0].Closed != (YearRange{OpenYear, OpenYear}) {
		t.Errorf("open flags wrong: %v %v", arreton.Closed, ms[0].Closed)
	}
	if got := arreton.Place(); got != "Isle of Wight" {
		t.Errorf("Place = %q", got)
	}
	// A comma inside a quoted name survives.
	if ms[9].Name != "Imperial War Museum, North" {
		t.Errorf("quoted name = %q", ms[9].Name)
	}
}

func TestReadReordered(t *testing.T) {
	got, rep, err := readFile(t, "testdata/museums_reordered.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := readFile(t, "testdata/museums_good.csv")
	if rep.Loaded != 4 || !reflect.DeepEqual(got, want[:4]) {
		t.Errorf("reordered read differs: %+v\n%+v", got, want[:4])
	}
}

func TestReadBad(t *testing.T) {
	ms, rep, err := readFile(t, "testdata/museums_bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 10 || rep.Loaded != 3 || rep.Rejected != 7 {
		t.Fatalf("report %+v", rep)
	}
	wantLines := map[int]string{2: "museum_id", 4: "museum_id", 5: "Year_closed", 6: "Year_closed",
		7: "Year_opened", 9: "Latitude", 10: ""}
	warnLines := map[int]string{8: "Latitude", 11: "Year_opened"}
	for _, is := range rep.Issues {
		m := wantLines
		if is.Warning {
			m = warnLines
		}
		if f, ok := m[is.Line]; !ok || f != is.Field {
			t.Errorf("unexpected issue %v", is)
		}
		delete(m, is.Line)
	}
	if len(wantLines)+len(warnLines) != 0 {
		t.Errorf("missing issues: %v %v", wantLines, warnLines)
	}
	last := ms[len(ms)-1]
	if last.Closed != (YearRange{1995, 1995}) || last.Opened != (YearRange{}) || last.Open() {
		t.Errorf("single-year close: %+v", last)
	}
}

func TestReadBroken(t *testing.T) {
	_, _, err := readFile(t, "testdata/museums_broken.csv")
	if err == nil || !strings.Contains(err.Error(), "museums_broken.csv line 5") {
		t.Errorf("error %v, want file and line 5", err)
	}
	_, _, err = ReadAll(strings.NewReader("Name_of_museum,Year_closed\nx,9999:9999\n"), "nokey.csv")
	if err == nil || !strings.Contains(err.Error(), "nokey.csv line 1") {
		t.Errorf("missing key column: %v", err)
	}
}

func TestParseYearRange(t *testing.T) {
	for _, c := range []struct {
		in   string
		want YearRange
		ok   bool
	}{
		{"9999:9999", YearRange{9999, 9999}, true},
		{"1990:1995", YearRange{1990, 1995}, true},
		{" 1990 : 1995 ", YearRange{1990, 1995}, true},
		{"2001", YearRange{2001, 2001}, true},
		{"1995:1990", YearRange{}, false},
		{"1990:", YearRange{}, false},
		{"0:10", YearRange{}, false},
		{"10000:10000", YearRange{}, false},
		{"", YearRange{}, false},
	} {
		got, err := ParseYearRange(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseYearRange(%q) = %v, %v", c.in, got, err)
		}
	}
}

// The real extract: SOURCE.txt says 49 rows; the brief says Isle of Wight 41
// rows (33 open, 8 closed) and Rutland 4 rows (3 open).
func TestRealFile(t *testing.T) {
	ms, rep, err := readFile(t, realFile)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 49 || rep.Loaded != 49 || len(rep.Issues) != 0 {
		t.Fatalf("report %+v", rep)
	}
	for _, c := range []struct {
		area              string
		rows, open, close int
	}{{"Isle of Wight", 41, 33, 8}, {"Rutland", 4, 3, 1}, {"Trafford", 4, 4, 0}} {
		in := InAdminArea(ms, c.area)
		open, closed := SplitOpen(in)
		if len(in) != c.rows || len(open) != c.open || len(closed) != c.close {
			t.Errorf("%s: %d rows, %d open, %d closed", c.area, len(in), len(open), len(closed))
		}
		for _, m := range closed {
			if m.Closed.To > 2022 || m.Closed.From < m.Opened.From {
				t.Errorf("%s: implausible closing %+v", m.Name, m)
			}
		}
	}
	if n := len(InAdminArea(ms, "england")); n != 49 {
		t.Errorf("England holds %d", n)
	}
}

func TestInBound(t *testing.T) {
	ms, _, err := readFile(t, realFile)
	if err != nil {
		t.Fatal(err)
	}
	// The Isle of Wight lies within this box; Rutland and Trafford do not.
	iow := orb.Bound{Min: orb.Point{-1.6, 50.57}, Max: orb.Point{-1.05, 50.78}}
	in := InBound(ms, iow)
	if len(in) != 41 {
		t.Errorf("InBound = %d, want the 41 Isle of Wight rows", len(in))
	}
	for _, m := range in {
		if m.Place() != "Isle of Wight" {
			t.Errorf("%s (%s) inside the Isle of Wight box", m.Name, m.Place())
		}
	}
	noPoint := []Museum{{ID: "x", Closed: YearRange{OpenYear, OpenYear}}}
	if got := InBound(noPoint, iow); len(got) != 0 {
		t.Errorf("a museum without a point is inside: %v", got)
	}
}

func TestInPolygon(t *testing.T) {
	ms, _, err := readFile(t, realFile)
	if err != nil {
		t.Fatal(err)
	}
	// A triangle over the west of the Isle of Wight, west of -1.3° at the
	// coast: it must keep exactly the rows the same test by hand keeps.
	tri := orb.MultiPolygon{{{{-1.6, 50.55}, {-1.3, 50.55}, {-1.6, 50.8}, {-1.6, 50.55}}}}
	got := InPolygon(ms, tri)
	want := 0
	for _, m := range ms {
		lon, lat := m.Point[0], m.Point[1]
		// inside when right of lon -1.6, above lat 50.55, below the hypotenuse
		if lon > -1.6 && lat > 50.55 && (lat-50.55)/(50.8-50.55) < (-1.3-lon)/(-1.3+1.6) {
			want++
		}
	}
	if len(got) != want || want == 0 {
		t.Errorf("InPolygon kept %d, hand test %d", len(got), want)
	}
}
