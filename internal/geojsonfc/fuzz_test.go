package geojsonfc

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRead checks that no input panics the reader, that features come in
// order with lines that never go back, and that each is valid JSON; errors
// name the file.
func FuzzRead(f *testing.F) {
	f.Add(collection)
	f.Add(`{"type": "FeatureCollection", "features": [1, 2}`)
	f.Add("{\"type\": \"FeatureCollection\",\n\"features\": []}\n{}")
	f.Add(`{"type":"FeatureCollection","crs":{"properties":{"name":"EPSG:4326"}},"features":[{"type":"Feature"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		index, line := 0, 1
		err := Read(strings.NewReader(in), "fuzz.geojson", func(f Feature) error {
			if f.Index != index || f.Line < line || !json.Valid(f.JSON) {
				t.Errorf("feature %d (want %d) on line %d after line %d: %s", f.Index, index, f.Line, line, f.JSON)
			}
			index, line = index+1, f.Line
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "read fuzz.geojson") {
			t.Errorf("error does not name the file: %v", err)
		}
		if n := strings.Count(in, "\n") + 1; line > n {
			t.Errorf("line %d of a %d-line input", line, n)
		}
	})
}
