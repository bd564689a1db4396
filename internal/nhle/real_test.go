package nhle

import (
	"path/filepath"
	"strings"
	"testing"
)

func grades(es []Entry) map[string]int {
	m := make(map[string]int)
	for _, e := range es {
		m[e.Grade]++
	}
	return m
}

// SOURCE.txt: 265 listed buildings, 6 Grade I, 10 II*, 249 II. Those are
// rows: list entry 1389616 (gate piers and walls to Timperley Lodge, Grade
// II) appears on four rows, so there are 262 list entries (246 Grade II).
func TestRealListedCSV(t *testing.T) {
	es, rep, err := readCSVFile(t, filepath.Join(realDir, "trafford_listed_buildings.csv"), ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 265 || rep.Loaded != 262 || rep.Merged != 3 || rep.Rejected != 0 {
		t.Fatalf("report %+v", rep)
	}
	g := grades(es)
	if g[GradeI] != 6 || g[GradeIIStar] != 10 || g[GradeII] != 246 || len(g) != 3 {
		t.Errorf("grades by entry = %v", g)
	}
	if byKey(es)["1389616"].Grade != GradeII {
		t.Errorf("the merged entry is not Grade II, so rows are not 249 Grade II")
	}
	for _, e := range es {
		// Trafford lies within roughly E 365-385 km, N 380-400 km.
		if !e.HasGrid || e.SRID != 27700 || e.Easting < 360000 || e.Easting > 390000 ||
			e.Northing < 375000 || e.Northing > 400000 || e.HasPoint {
			t.Errorf("entry %s: %+v", e.Key, e)
		}
		if !strings.HasSuffix(e.URL, "/"+e.Key) {
			t.Errorf("entry %s: url %s", e.Key, e.URL)
		}
	}
}

func TestRealListedGeoJSON(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, filepath.Join(realDir, "trafford_listed_buildings.geojson"), ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 265 || rep.Loaded != 262 || rep.Merged != 3 || rep.Rejected != 0 {
		t.Fatalf("report %+v", rep)
	}
	csvEntries, _, err := readCSVFile(t, filepath.Join(realDir, "trafford_listed_buildings.csv"), ListedBuilding)
	if err != nil {
		t.Fatal(err)
	}
	fromCSV := byKey(csvEntries)
	for _, e := range es {
		c, ok := fromCSV[e.Key]
		if !ok || c.Name != e.Name || c.Grade != e.Grade || c.Easting != e.Easting || !e.HasPoint {
			t.Errorf("entry %s differs between CSV and GeoJSON", e.Key)
		}
	}
	if gate := byKey(es)["1389616"]; len(gate.Points) != 4 {
		t.Errorf("gate piers have %d points, want 4", len(gate.Points))
	}
}

func TestRealScheduledMonuments(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, filepath.Join(realDir, "trafford_scheduled_monuments.geojson"), ScheduledMonument)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 1 || rep.Loaded != 1 || len(rep.Issues) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if e := es[0]; e.ListEntry != 1014377 || len(e.Polygon) != 1 || len(e.Polygon[0][0]) < 100 {
		t.Errorf("monument %s with %d polygons", e.Key, len(e.Polygon))
	}
}

func TestRealConservationAreas(t *testing.T) {
	es, rep, err := readGeoJSONFile(t, filepath.Join(realDir, "trafford_conservation_areas.geojson"), ConservationArea)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 21 || rep.Loaded != 21 || len(rep.Issues) != 0 {
		t.Fatalf("report %+v, issues %v", rep, rep.Issues)
	}
	for _, e := range es {
		if !strings.HasPrefix(e.Key, "ca:90") || e.ListEntry != 0 || len(e.Polygon) == 0 ||
			e.ListDate == "" || !e.Polygon.Bound().Contains(e.Point) {
			t.Errorf("conservation area %+v", e.Key)
		}
	}
}
