package nhle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// lineCounter remembers where newlines fall in what it has read, so that a
// byte offset from the JSON decoder can be reported as a line number.
type lineCounter struct {
	r   io.Reader
	n   int64
	nls []int64
}

func (c *lineCounter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	for i := 0; i < k; {
		j := bytes.IndexByte(p[i:k], '\n')
		if j < 0 {
			break
		}
		c.nls = append(c.nls, c.n+int64(i+j))
		i += j + 1
	}
	c.n += int64(k)
	return k, err
}

// lineAt returns the 1-based line holding byte offset off.
func (c *lineCounter) lineAt(off int64) int {
	return 1 + sort.Search(len(c.nls), func(i int) bool { return c.nls[i] >= off })
}

// rawFeature is one element of a FeatureCollection's "features" array, as
// bytes, with the line it starts on and its position in the array.
type rawFeature struct {
	Line, Index int
	JSON        json.RawMessage
}

// readFeatures walks a GeoJSON FeatureCollection and hands each feature to
// fn without holding the whole collection in memory. Members may come in any
// order. A "crs" naming anything but WGS84 longitude/latitude (CRS84,
// EPSG:4326) is an error, as is anything that is not a FeatureCollection.
func readFeatures(r io.Reader, file string, fn func(rawFeature) error) error {
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

// callbackError marks an error returned by the caller's fn so that it is
// passed through unchanged rather than dressed as a syntax error.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }
func (e callbackError) Unwrap() error { return e.err }

func eachFeature(dec *json.Decoder, lc *lineCounter, fn func(rawFeature) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		start := dec.InputOffset() - int64(len(raw))
		if err := fn(rawFeature{Line: lc.lineAt(start), Index: i, JSON: raw}); err != nil {
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

// jsonError names the file and the line where the input went wrong.
func jsonError(file string, lc *lineCounter, dec *json.Decoder, err error) error {
	var cb callbackError
	if errors.As(err, &cb) {
		return fmt.Errorf("read %s: %w", file, cb.err)
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off += syntaxOffset(dec)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		off, err = lc.n, io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read %s line %d: %w", file, lc.lineAt(off), err)
}

// syntaxOffset finds how far past InputOffset a syntax error lies. The
// decoder's own SyntaxError.Offset is not an absolute position when the
// error arises inside Decode, so the value is re-scanned from the bytes the
// decoder still holds (they include the offending byte).
func syntaxOffset(dec *json.Decoder) int64 {
	buf, _ := io.ReadAll(dec.Buffered())
	var raw json.RawMessage
	var se *json.SyntaxError
	err := json.NewDecoder(bytes.NewReader(buf)).Decode(&raw)
	if errors.As(err, &se) && se.Offset > 0 && se.Offset <= int64(len(buf)) {
		return se.Offset - 1
	}
	return 0
}

func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}
