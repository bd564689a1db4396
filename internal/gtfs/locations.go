package gtfs

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

const locationsFile = "locations.geojson"

// Location is a feature of locations.geojson (GTFS-Flex): a zone where a
// demand-responsive service picks up or drops off, such as a dial-a-ride
// area. Stop times refer to it by ID (StopTime.LocationID).
type Location struct {
	ID       string
	Geometry orb.Geometry // orb.Polygon or orb.MultiPolygon, [lon, lat], rings closed
	Name     string       // properties.stop_name
	Desc     string       // properties.stop_desc
}

// Locations streams the features of locations.geojson, a GeoJSON
// FeatureCollection, one feature at a time. The file is optional. A feature
// without an id, with a geometry other than Polygon or MultiPolygon, or
// with invalid coordinates is skipped as an Issue whose Line is the line
// where the feature ends; malformed JSON is an error.
func (f *Feed) Locations(fn func(Location) error) error {
	file, err := f.open(locationsFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return &FileError{File: locationsFile, Err: err}
	}
	defer file.Close()
	rep := FileReport{File: locationsFile}
	defer func() { f.storeReport(rep) }()
	lines := f.lineFinder(locationsFile)
	return streamLocations(bufio.NewReader(file), &rep, lines, fn)
}

// lineFinder returns a function that maps a byte offset of the named file
// to its 1-based line by reading the file again; it runs only when an issue
// or error needs a line, which keeps the main pass single-read.
func (f *Feed) lineFinder(name string) func(offset int64) int {
	return func(offset int64) int {
		file, err := f.open(name)
		if err != nil {
			return 0
		}
		defer file.Close()
		return lineAt(file, offset)
	}
}

func lineAt(r io.Reader, offset int64) int {
	br := bufio.NewReader(io.LimitReader(r, offset))
	line := 1
	for {
		b, err := br.ReadByte()
		if err != nil {
			return line
		}
		if b == '\n' {
			line++
		}
	}
}

type geojsonFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"stop_name"`
		Desc string `json:"stop_desc"`
	} `json:"properties"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

func streamLocations(in io.Reader, rep *FileReport, lineAt func(int64) int, fn func(Location) error) error {
	dec := json.NewDecoder(in)
	fail := func(err error) error {
		return &FileError{File: locationsFile, Line: lineAt(jsonErrorOffset(err, dec)), Err: err}
	}
	if err := expectDelim(dec, '{'); err != nil {
		return fail(fmt.Errorf("want a GeoJSON FeatureCollection: %w", err))
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		if key != "features" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
			continue
		}
		if err := streamFeatures(dec, rep, lineAt, fn); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return err
			}
			return fail(err)
		}
	}
	return nil
}

func streamFeatures(dec *json.Decoder, rep *FileReport, lineAt func(int64) int, fn func(Location) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	for dec.More() {
		var ft geojsonFeature
		if err := dec.Decode(&ft); err != nil {
			return err
		}
		rep.Read++
		loc, reason := decodeLocation(&ft)
		if reason != "" {
			rep.add(Issue{File: locationsFile, Line: lineAt(dec.InputOffset()), Field: "feature", Value: loc.ID, Reason: reason, Skipped: true})
			continue
		}
		rep.Loaded++
		if err := fn(loc); err != nil {
			return &FileError{File: locationsFile, Line: lineAt(dec.InputOffset()), Err: err}
		}
	}
	_, err := dec.Token() // the closing ]
	return err
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, found %v", want, tok)
	}
	return nil
}

func jsonErrorOffset(err error, dec *json.Decoder) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Offset
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Offset
	}
	return dec.InputOffset()
}

// decodeLocation validates one feature; a non-empty reason rejects it.
func decodeLocation(ft *geojsonFeature) (Location, string) {
	loc := Location{ID: featureID(ft.ID), Name: ft.Properties.Name, Desc: ft.Properties.Desc}
	switch {
	case ft.Type != "Feature":
		return loc, "type is not Feature"
	case loc.ID == "":
		return loc, "feature has no id"
	case ft.Geometry == nil:
		return loc, "feature has no geometry"
	}
	g, err := zoneGeometry(ft.Geometry.Type, ft.Geometry.Coordinates)
	if err != nil {
		return loc, err.Error()
	}
	loc.Geometry = g
	return loc, ""
}

// featureID accepts a string id or, leniently, a number.
func featureID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func zoneGeometry(typ string, coords json.RawMessage) (orb.Geometry, error) {
	switch typ {
	case "Polygon":
		var c [][][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, errors.New("polygon coordinates are not an array of rings")
		}
		return polygon(c)
	case "MultiPolygon":
		var c [][][][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, errors.New("multipolygon coordinates are not an array of polygons")
		}
		mp := make(orb.MultiPolygon, 0, len(c))
		for _, pc := range c {
			p, err := polygon(pc)
			if err != nil {
				return nil, err
			}
			mp = append(mp, p)
		}
		if len(mp) == 0 {
			return nil, errors.New("multipolygon has no polygons")
		}
		return mp, nil
	}
	return nil, fmt.Errorf("geometry type %q is not Polygon or MultiPolygon", typ)
}

func polygon(c [][][]float64) (orb.Polygon, error) {
	if len(c) == 0 {
		return nil, errors.New("polygon has no rings")
	}
	p := make(orb.Polygon, len(c))
	for i, rc := range c {
		ring, err := ring(rc)
		if err != nil {
			return nil, err
		}
		p[i] = ring
	}
	return p, nil
}

// ring checks positions and closure; GeoJSON requires a closed ring of at
// least four positions (three distinct corners).
func ring(c [][]float64) (orb.Ring, error) {
	r := make(orb.Ring, len(c))
	for i, pos := range c {
		if len(pos) < 2 {
			return nil, errors.New("position has fewer than two coordinates")
		}
		r[i] = geo.PointLatLon(pos[1], pos[0])
		if !geo.ValidLonLat(r[i]) {
			return nil, fmt.Errorf("position %v is not a valid [lon, lat]", pos)
		}
	}
	if len(r) < 4 || !r.Closed() {
		return nil, errors.New("ring is not closed or has fewer than four positions")
	}
	return r, nil
}
