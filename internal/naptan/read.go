package naptan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// columnsOf holds the positions of the columns the reader uses (-1 = absent).
type columnsOf struct {
	n                                   int
	atco, code, name, indicator, street int
	localityCode, locality              int
	easting, northing, lon, lat         int
	stopType, busStopType, status       int
}

func stopColumns(h header, n int) columnsOf {
	return columnsOf{
		n:    n,
		atco: h.col("ATCOCode"), code: h.col("NaptanCode"), name: h.col("CommonName"),
		indicator: h.col("Indicator"), street: h.col("Street"),
		localityCode: h.col("NptgLocalityCode"), locality: h.col("LocalityName"),
		easting: h.col("Easting"), northing: h.col("Northing"),
		lon: h.col("Longitude"), lat: h.col("Latitude"),
		stopType: h.col("StopType"), busStopType: h.col("BusStopType"), status: h.col("Status"),
	}
}

// Read streams the stops of a NaPTAN CSV (v2 column names, any order) to fn.
// file names the input in issues and errors. Bad rows are skipped and
// recorded in the report; a missing required column, broken quoting or an
// error from fn stops the read with an error naming the file and line.
func Read(r io.Reader, file string, fn func(Stop) error) (Report, error) {
	rep := Report{File: file}
	cr := newCSV(r)
	head, err := cr.Read()
	if err != nil {
		return rep, headerError(file, err)
	}
	cols := stopColumns(newHeader(head), len(head))
	if err := checkColumns(cols, file, &rep); err != nil {
		return rep, err
	}
	seen := make(map[string]int)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rep, nil
		}
		if err != nil {
			return rep, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		rep.Read++
		s, ok := parseRow(rec, cols, line, &rep, seen)
		if !ok {
			continue
		}
		rep.Loaded++
		if err := fn(s); err != nil {
			return rep, fmt.Errorf("%s line %d: %w", file, line, err)
		}
	}
}

// ReadAll reads every good stop into a slice.
func ReadAll(r io.Reader, file string) ([]Stop, Report, error) {
	var out []Stop
	rep, err := Read(r, file, func(s Stop) error {
		out = append(out, s)
		return nil
	})
	return out, rep, err
}

// csvError names the file and the line where quoting broke.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s line %d: %w", file, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("read %s: %w", file, err)
}

func headerError(file string, err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s line 1: empty file, no header", file)
	}
	return csvError(file, err)
}

func checkColumns(c columnsOf, file string, rep *Report) error {
	if c.atco < 0 || c.name < 0 {
		return fmt.Errorf("read %s line 1: header lacks ATCOCode or CommonName", file)
	}
	if c.lon < 0 || c.lat < 0 {
		rep.warn(1, "Longitude", "column absent: no stop has a longitude and latitude")
	}
	return nil
}

func parseRow(rec []string, c columnsOf, line int, rep *Report, seen map[string]int) (Stop, bool) {
	if len(rec) != c.n {
		rep.reject(line, "", fmt.Sprintf("row has %d fields, header has %d", len(rec), c.n))
		return Stop{}, false
	}
	s := Stop{
		ATCO: field(rec, c.atco), NaptanCode: field(rec, c.code), CommonName: field(rec, c.name),
		Indicator: field(rec, c.indicator), Street: field(rec, c.street),
		LocalityCode: field(rec, c.localityCode), Locality: field(rec, c.locality),
		StopType: field(rec, c.stopType), BusStopType: field(rec, c.busStopType),
		Status: strings.ToLower(field(rec, c.status)),
	}
	if col, reason := checkKeys(s, seen, line); reason != "" {
		rep.reject(line, col, reason)
		return Stop{}, false
	}
	if !parsePlace(&s, rec, c, line, rep) {
		return Stop{}, false
	}
	seen[s.ATCO] = line
	return s, true
}

func checkKeys(s Stop, seen map[string]int, line int) (col, reason string) {
	switch {
	case s.ATCO == "":
		return "ATCOCode", "empty"
	case s.CommonName == "":
		return "CommonName", "empty"
	}
	if first, dup := seen[s.ATCO]; dup {
		return "ATCOCode", fmt.Sprintf("duplicate of line %d", first)
	}
	return "", ""
}

// parsePlace reads the grid reference and the WGS84 point. Malformed numbers
// reject the row; absent ones leave HasGrid / HasPoint false with a warning.
func parsePlace(s *Stop, rec []string, c columnsOf, line int, rep *Report) bool {
	e, n, okGrid, bad := pair(field(rec, c.easting), field(rec, c.northing))
	if bad != "" {
		rep.reject(line, "Easting", bad)
		return false
	}
	lon, lat, okPoint, bad := pair(field(rec, c.lon), field(rec, c.lat))
	if bad == "" && okPoint && (math.Abs(lon) > 180 || math.Abs(lat) > 90) {
		bad = fmt.Sprintf("longitude %g, latitude %g out of range", lon, lat)
	}
	if bad != "" {
		rep.reject(line, "Longitude", bad)
		return false
	}
	s.Easting, s.Northing, s.HasGrid = e, n, okGrid
	s.Point, s.HasPoint = orb.Point{lon, lat}, okPoint
	if !okPoint && c.lon >= 0 && c.lat >= 0 {
		rep.warn(line, "Longitude", "empty longitude or latitude; stop kept without a point")
	}
	return true
}

// pair parses two numbers that belong together. ok is false when either is
// empty; bad describes a value that is present but not a finite number.
func pair(a, b string) (x, y float64, ok bool, bad string) {
	if a == "" || b == "" {
		return 0, 0, false, ""
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil || math.IsNaN(x+y) || math.IsInf(x+y, 0) {
		return 0, 0, false, fmt.Sprintf("not a pair of numbers: %q, %q", a, b)
	}
	return x, y, true, ""
}
