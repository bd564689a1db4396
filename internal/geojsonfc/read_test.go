package geojsonfc

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// collection puts "features" before "type", a CRS84 "crs" and a foreign
// member between them, and spreads the features over known lines.
const collection = "\ufeff{\n" +
	`"name": "sample", "features": [` + "\n" +
	`  {"type": "Feature", "properties": {"a": 1}, "geometry": null},` + "\n" +
	"\n" +
	`  {"type": "Feature",` + "\n" +
	`   "properties": {"a": 2}, "geometry": null}` + "\n" +
	"],\n" +
	`"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},` + "\n" +
	`"type": "FeatureCollection"` + "\n" +
	"}\n"

type seen struct {
	Line, Index int
	A           float64
}

func readAll(t *testing.T, r io.Reader) ([]seen, error) {
	t.Helper()
	var out []seen
	err := Read(r, "c.geojson", func(f Feature) error {
		var v struct{ Properties struct{ A float64 } }
		if err := json.Unmarshal(f.JSON, &v); err != nil {
			t.Fatalf("feature %d is not the raw JSON: %v", f.Index, err)
		}
		out = append(out, seen{f.Line, f.Index, v.Properties.A})
		return nil
	})
	return out, err
}

func TestReadLinesAndOrder(t *testing.T) {
	want := []seen{{3, 0, 1}, {5, 1, 2}}
	// Line numbers must not depend on how the input arrives in reads.
	for name, r := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(collection) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(collection)) },
		"halves":   func() io.Reader { return iotest.HalfReader(strings.NewReader(collection)) },
	} {
		got, err := readAll(t, r())
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: features %+v, error %v; want %+v", name, got, err, want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	bng := `{"type": "FeatureCollection", "crs": {"properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}, "features": []}`
	for in, want := range map[string]string{
		`{"type": "Feature", "geometry": null, "properties": {}}`:  `read x.geojson line 1: type "Feature", want FeatureCollection`,
		`{"type": "FeatureCollection"}`:                            "read x.geojson: not a GeoJSON FeatureCollection (no type or no features)",
		`{"features": []}`:                                         "read x.geojson: not a GeoJSON FeatureCollection (no type or no features)",
		"{\"type\": \"FeatureCollection\",\n\"features\": []}\n{}": "read x.geojson line 3: data after the feature collection",
		`[]`: "read x.geojson line 1: expected \"{\", found [",
		`{"type": "FeatureCollection", "features": {}}`: "read x.geojson line 1: expected \"[\", found {",
		bng: `read x.geojson line 1: crs "urn:ogc:def:crs:EPSG::27700": only WGS84 longitude/latitude (CRS84, EPSG:4326) is read`,
		"{\"type\": \"FeatureCollection\",\n\"features\": [\n{},\n{\"a\": tru}\n]}": "read x.geojson line 4: invalid character '}' in literal true (expecting 'e')",
		"{\"type\": \"FeatureCollection\",\n\"features\": [\n{},\n":                 "read x.geojson line 4: unexpected EOF",
		"": "read x.geojson line 1: unexpected EOF",
		// the newline that breaks a string belongs to the line it ends
		"{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"a\": \"x\n\"}]}": "read x.geojson line 3: invalid character '\\n' in string literal",
	} {
		err := Read(strings.NewReader(in), "x.geojson", func(Feature) error { return nil })
		if err == nil || err.Error() != want {
			t.Errorf("%q:\n error %v\n want  %s", in, err, want)
		}
	}
}

func TestReadTruncatedIsUnexpectedEOF(t *testing.T) {
	err := Read(strings.NewReader(collection[:len(collection)/2]), "t.geojson", func(Feature) error { return nil })
	if !errors.Is(err, io.ErrUnexpectedEOF) || !strings.HasPrefix(err.Error(), "read t.geojson line ") {
		t.Errorf("truncated: %v", err)
	}
}

func TestReadCallbackError(t *testing.T) {
	stop := errors.New("stop here")
	calls := 0
	err := Read(strings.NewReader(collection), "c.geojson", func(Feature) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || err.Error() != "read c.geojson: stop here" || calls != 1 {
		t.Errorf("error %v after %d calls, want the callback's error, prefixed with the file only, after 1", err, calls)
	}
}
