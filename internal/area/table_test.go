package area

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func openFixture(t *testing.T, path string) (io.Reader, string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, filepath.Base(path)
}

// issueLines returns "line:field" for rejections and "line:field!" for
// warnings, sorted, so a test states exactly which rows went wrong.
func issueLines(rep Report) string {
	var out []string
	for _, is := range rep.Issues {
		s := strings.Join([]string{strconv.Itoa(is.Line), is.Field}, ":")
		if is.Warning {
			s += "!"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func checkCounts(t *testing.T, rep Report, read, loaded, rejected, skipped int) {
	t.Helper()
	if rep.Read != read || rep.Loaded != loaded || rep.Rejected != rejected || rep.Skipped != skipped {
		t.Errorf("%s: read %d loaded %d rejected %d skipped %d; want %d %d %d %d",
			rep.File, rep.Read, rep.Loaded, rep.Rejected, rep.Skipped, read, loaded, rejected, skipped)
	}
}

func rutlandCodes(t *testing.T) CodeSet {
	t.Helper()
	r, name := openFixture(t, "testdata/rutland_lsoa.geojson")
	bs, _, err := ReadBoundaries(r, name, LSOA21)
	if err != nil {
		t.Fatal(err)
	}
	want := CodeSet{}
	for _, b := range bs {
		want[b.Code] = true
	}
	return want
}

func TestReadRUC(t *testing.T) {
	want := rutlandCodes(t)
	r, name := openFixture(t, "testdata/rutland_ruc21.csv")
	m, rep, err := ReadRUC(r, name, want)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 30, 26, 0, 4)
	if got := m["E01013787"]; got != (RUC{"RSF1", "Smaller rural: Further from a major town or city", false}) {
		t.Errorf("E01013787 = %+v", got)
	}
	r, name = openFixture(t, "testdata/bad_ruc21.csv")
	m, rep, err = ReadRUC(r, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 6, 2, 4, 0)
	if got := issueLines(rep); got != "3:ruc21_code 4:ruc21_code 5:ruc21_code 6:" {
		t.Errorf("issues %q", got)
	}
	if len(m) != 2 {
		t.Errorf("kept %d", len(m))
	}
}

func TestReadIMD(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_imd2025.csv")
	m, rep, err := ReadIMD(r, name, rutlandCodes(t))
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 30, 26, 0, 4)
	for code, v := range m {
		if v.Decile < 1 || v.Decile > 10 || v.Rank < 1 {
			t.Errorf("%s: %+v", code, v)
		}
	}
	r, name = openFixture(t, "testdata/bad_imd2025.csv")
	_, rep, err = ReadIMD(r, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 5, 2, 3, 0)
	if got := issueLines(rep); got != "3:IMD_decile 4:IMD_decile 5:IMD_decile" {
		t.Errorf("issues %q", got)
	}
}

func TestReadDisability(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_disability21.csv")
	m, rep, err := ReadDisability(r, name, rutlandCodes(t))
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 56, 52, 0, 4)
	if got := m["E01013787"]; got != (Census{Residents: 1279, Disabled: 201}) {
		t.Errorf("E01013787 = %+v", got)
	}
	r, name = openFixture(t, "testdata/bad_disability21.csv")
	m, rep, err = ReadDisability(r, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 9, 6, 3, 0)
	if got := issueLines(rep); got != "0:disability! 4:n 7:total_residents 9:n" {
		t.Errorf("issues %q", got)
	}
	// Only the first LSOA is whole; the others are unknown, not zero.
	if len(m) != 1 || m["E01013787"].Disabled != 201 {
		t.Errorf("kept %+v", m)
	}
}

func TestReadPopulation(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_population20.csv")
	m, rep, err := ReadPopulation(r, name, CodeSet{"E01013787": true, "E01013801": true})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 25, 2, 0, 23)
	if a := m["E01013787"]; a.Total() != 1355 || a[0] != 7 || a[1] != 15 {
		t.Errorf("E01013787 = %v", a)
	}
	r, name = openFixture(t, "testdata/bad_population20.csv")
	_, rep, err = ReadPopulation(r, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 4, 2, 2, 0)
	if got := issueLines(rep); got != "3:total_population 4:total_population" {
		t.Errorf("issues %q", got)
	}
}

func TestReadLookup(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_lookup.csv")
	rows, rep, err := ReadLookup(r, name, rutlandCodes(t))
	if err != nil {
		t.Fatal(err)
	}
	// 26 Rutland rows and 6 M/X rows elsewhere kept; 3 U rows elsewhere skipped.
	checkCounts(t, rep, 35, 32, 0, 3)
	splits := 0
	for _, row := range rows {
		if row.Change == Split {
			splits++
		}
	}
	if splits != 5 {
		t.Errorf("%d split rows, want 5", splits)
	}
	r, name = openFixture(t, "testdata/bad_lookup.csv")
	_, rep, err = ReadLookup(r, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 6, 2, 4, 0)
	if got := issueLines(rep); got != "3:change_code 4:change_code 5:change_code 6:change_code" {
		t.Errorf("issues %q", got)
	}
}

func TestTableStructuralErrors(t *testing.T) {
	r, name := openFixture(t, "testdata/broken_ruc21.csv")
	if _, _, err := ReadRUC(r, name, nil); err == nil || !strings.Contains(err.Error(), "broken_ruc21.csv line 4") {
		t.Errorf("broken quote: %v", err)
	}
	r, name = openFixture(t, "testdata/nocolumn_imd2025.csv")
	if _, _, err := ReadIMD(r, name, nil); err == nil || !strings.Contains(err.Error(), "nocolumn_imd2025.csv line 1") {
		t.Errorf("missing column: %v", err)
	}
	if _, _, err := ReadPopulation(strings.NewReader(""), "empty.csv", nil); err == nil || !strings.Contains(err.Error(), "empty.csv") {
		t.Errorf("empty: %v", err)
	}
}
