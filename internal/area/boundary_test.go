package area

import (
	"strings"
	"testing"
)

func TestReadBoundaries(t *testing.T) {
	r, name := openFixture(t, "testdata/rutland_lsoa.geojson")
	bs, rep, err := ReadBoundaries(r, name, LSOA21)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 26, 26, 0, 0)
	if bs[0].Code != "E01013787" || bs[0].Name != "Rutland 005A" || len(bs[0].Polygon) != 1 {
		t.Errorf("first = %s %s %d polygons", bs[0].Code, bs[0].Name, len(bs[0].Polygon))
	}
	r, name = openFixture(t, "testdata/rutland_ward.geojson")
	ws, rep, err := ReadBoundaries(r, name, WardLevel)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 15, 15, 0, 0)
	// WD25NMW (the Welsh name, blank here) must not be taken for the name.
	if ws[0].Code != "E05012632" || ws[0].Name != "Barleythorpe" {
		t.Errorf("first ward = %s %q", ws[0].Code, ws[0].Name)
	}
	// An LSOA file read as wards has no ward codes: every feature rejected.
	r, name = openFixture(t, "testdata/rutland_lsoa.geojson")
	_, rep, err = ReadBoundaries(r, name, WardLevel)
	if err != nil || rep.Rejected != 26 {
		t.Errorf("LSOAs read as wards: %v, %+v", err, rep.Rejected)
	}
}

func TestReadBoundariesBad(t *testing.T) {
	r, name := openFixture(t, "testdata/bad_lsoa.geojson")
	bs, rep, err := ReadBoundaries(r, name, LSOA21)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, 7, 2, 5, 0)
	if got := issueLines(rep); got != "3:code 4:geometry 5:code 6:geometry 7:geometry 8:name!" {
		t.Errorf("issues %q", got)
	}
	if len(bs) != 2 {
		t.Errorf("kept %d", len(bs))
	}
}

func TestReadBoundariesMalformed(t *testing.T) {
	r, name := openFixture(t, "testdata/truncated_lsoa.geojson")
	_, _, err := ReadBoundaries(r, name, LSOA21)
	if err == nil || !strings.Contains(err.Error(), "truncated_lsoa.geojson line ") {
		t.Errorf("truncated: %v", err)
	}
	for in, want := range map[string]string{
		`{"type": "Feature", "geometry": null, "properties": {}}`:  "type \"Feature\"",
		`{"type": "FeatureCollection"}`:                            "no type or no features",
		`{"type": "FeatureCollection", "features": [1, 2}`:         "line 1",
		"{\"type\": \"FeatureCollection\",\n\"features\": []}\n{}": "data after",
		`[]`: "expected",
	} {
		_, _, err := ReadBoundaries(strings.NewReader(in), "x.geojson", LSOA21)
		if err == nil || !strings.Contains(err.Error(), "x.geojson") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", in, err, want)
		}
	}
}

func TestLoadMalformedBoundaryNamesFile(t *testing.T) {
	f := fixtureFiles()
	f.LSOABoundaries = "testdata/truncated_lsoa.geojson"
	if _, err := Load(f); err == nil || !strings.Contains(err.Error(), "testdata/truncated_lsoa.geojson") {
		t.Errorf("Load: %v", err)
	}
	f = fixtureFiles()
	f.WardBoundaries = "testdata/bad_lsoa.geojson" // no ward codes at all
	if _, err := Load(f); err == nil || !strings.Contains(err.Error(), "bad_lsoa.geojson: no ward polygons") {
		t.Errorf("Load LSOAs as wards: %v", err)
	}
	f = fixtureFiles()
	f.LSOABoundaries = "testdata/rutland_ward.geojson" // wards given as LSOAs
	if _, err := Load(f); err == nil || !strings.Contains(err.Error(), "rutland_ward.geojson: no LSOA 2021 polygons") {
		t.Errorf("Load wards as LSOAs: %v", err)
	}
}
