package nhle

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// checkEntries holds for any successful read: counts add up, keys are
// unique and non-empty, points are WGS84 and grid references on the grid.
func checkEntries(t *testing.T, es []Entry, rep Report) {
	if rep.Read != rep.Loaded+rep.Rejected+rep.Merged || rep.Loaded != len(es) {
		t.Errorf("counts do not add up: %+v, %d entries", rep, len(es))
	}
	seen := make(map[string]bool)
	for _, e := range es {
		if e.Key == "" || e.Name == "" || seen[e.Key] {
			t.Errorf("bad or repeated key: %+v", e)
		}
		seen[e.Key] = true
		if e.HasPoint && !validLonLat(e.Point) {
			t.Errorf("point %v out of range", e.Point)
		}
		if e.HasGrid && (e.SRID != SRIDGrid || e.Easting < 0 || e.Northing < 0) {
			t.Errorf("grid %+v", e)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	addSeeds(f, "testdata/*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		es, rep, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", ListedBuilding)
		if err == nil {
			checkEntries(t, es, rep)
		}
	})
}

func FuzzReadGeoJSON(f *testing.F) {
	addSeeds(f, "testdata/*.geojson")
	f.Fuzz(func(t *testing.T, data []byte) {
		es, rep, err := ReadGeoJSON(bytes.NewReader(data), "fuzz.geojson", ScheduledMonument)
		if err == nil {
			checkEntries(t, es, rep)
		}
	})
}
