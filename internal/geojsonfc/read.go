package geojsonfc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Feature is one element of a FeatureCollection's "features" array, as
// bytes, with the line it starts on and its position in the array.
type Feature struct {
	Line, Index int
	JSON        json.RawMessage
}

// Read walks a GeoJSON FeatureCollection and hands each feature to fn
// without holding the whole collection in memory. Members may come in any
// order. A "crs" naming anything but WGS84 longitude/latitude (CRS84,
// EPSG:4326) is an error, as is anything that is not a FeatureCollection.
// file names the input in errors.
func Read(r io.Reader, file string, fn func(Feature) error) error {
	lc := &lineCounter{r: skipBOM(r)}
	dec := json.NewDecoder(lc)
	fail := func(err error) error { return jsonError(file, lc, dec, err) }
	if err := expectDelim(dec, '{'); err != nil {
		return fail(err)
	}
	var sawType, sawFeatures bool
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		switch key, _ := tok.(string); key {
		case "type":
			sawType = true
			err = checkCollectionType(dec)
		case "crs":
			err = checkCRS(dec)
		case "features":
			sawFeatures = true
			err = eachFeature(dec, lc, fn)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return fail(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(errors.New("data after the feature collection"))
	}
	if !sawType || !sawFeatures {
		return fmt.Errorf("read %s: not a GeoJSON FeatureCollection (no type or no features)", file)
	}
	return nil
}

func eachFeature(dec *json.Decoder, lc *lineCounter, fn func(Feature) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		start := dec.InputOffset() - int64(len(raw))
		if err := fn(Feature{Line: lc.lineAt(start), Index: i, JSON: raw}); err != nil {
			return callbackError{err}
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

func checkCollectionType(dec *json.Decoder) error {
	var t string
	if err := dec.Decode(&t); err != nil {
		return err
	}
	if t != "FeatureCollection" {
		return fmt.Errorf("type %q, want FeatureCollection", t)
	}
	return nil
}

// checkCRS accepts the old GeoJSON 2008 "crs" member only when it names
// WGS84 longitude/latitude; British National Grid GeoJSON must be refused,
// not read as degrees.
func checkCRS(dec *json.Decoder) error {
	var crs struct {
		Properties struct{ Name string } `json:"properties"`
	}
	if err := dec.Decode(&crs); err != nil {
		return err
	}
	name := strings.ToUpper(crs.Properties.Name)
	if name == "" || strings.HasSuffix(name, "CRS84") || strings.HasSuffix(name, ":4326") {
		return nil
	}
	return fmt.Errorf("crs %q: only WGS84 longitude/latitude (CRS84, EPSG:4326) is read", crs.Properties.Name)
}

// skipBOM drops a UTF-8 byte order mark, which the JSON decoder would
// otherwise take for a syntax error on line 1.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}
