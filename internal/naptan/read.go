package naptan

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// columnsOf holds the positions of the columns the reader uses (-1 = absent).
type columnsOf struct {
	atco, code, name, indicator, street int
	localityCode, locality              int
	easting, northing, lon, lat         int
	stopType, busStopType, status       int
}

func stopColumns(h csvtab.Header) columnsOf {
	return columnsOf{
		atco: h.Col("ATCOCode"), code: h.Col("NaptanCode"), name: h.Col("CommonName"),
		indicator: h.Col("Indicator"), street: h.Col("Street"),
		localityCode: h.Col("NptgLocalityCode"), locality: h.Col("LocalityName"),
		easting: h.Col("Easting"), northing: h.Col("Northing"),
		lon: h.Col("Longitude"), lat: h.Col("Latitude"),
		stopType: h.Col("StopType"), busStopType: h.Col("BusStopType"), status: h.Col("Status"),
	}
}

// Read streams the stops of a NaPTAN CSV (v2 column names, any order) to fn.
// file names the input in issues and errors. Bad rows are skipped and
// recorded in the report; a missing required column, broken quoting or an
// error from fn stops the read with an error naming the file and line.
func Read(r io.Reader, file string, fn func(Stop) error) (Report, error) {
	rep := Report{File: file}
	t, err := csvtab.Open(r, file)
	if err != nil {
		return rep, err
	}
	cols := stopColumns(t.Header)
	if err := checkColumns(cols, file, &rep); err != nil {
		return rep, err
	}
	seen := make(map[string]int)
	err = csvtab.Emit(t, &rep, func(rec []string, line int) (Stop, bool) {
		return parseRow(rec, cols, line, &rep, seen)
	}, fn)
	return rep, err
}

// ReadAll reads every good stop into a slice.
func ReadAll(r io.Reader, file string) ([]Stop, Report, error) {
	return csvtab.Collect(func(fn func(Stop) error) (Report, error) { return Read(r, file, fn) })
}

func checkColumns(c columnsOf, file string, rep *Report) error {
	if c.atco < 0 || c.name < 0 {
		return fmt.Errorf("read %s line 1: header lacks ATCOCode or CommonName", file)
	}
	if c.lon < 0 || c.lat < 0 {
		rep.Warn(1, "Longitude", "column absent: no stop has a longitude and latitude")
	}
	return nil
}

func parseRow(rec []string, c columnsOf, line int, rep *Report, seen map[string]int) (Stop, bool) {
	s := Stop{
		ATCO: csvtab.Field(rec, c.atco), NaptanCode: csvtab.Field(rec, c.code), CommonName: csvtab.Field(rec, c.name),
		Indicator: csvtab.Field(rec, c.indicator), Street: csvtab.Field(rec, c.street),
		LocalityCode: csvtab.Field(rec, c.localityCode), Locality: csvtab.Field(rec, c.locality),
		StopType: csvtab.Field(rec, c.stopType), BusStopType: csvtab.Field(rec, c.busStopType),
		Status: strings.ToLower(csvtab.Field(rec, c.status)),
	}
	if col, reason := checkKeys(s, seen, line); reason != "" {
		rep.Reject(line, col, reason)
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
	e, n, okGrid, bad := pair(csvtab.Field(rec, c.easting), csvtab.Field(rec, c.northing))
	if bad != "" {
		rep.Reject(line, "Easting", bad)
		return false
	}
	lon, lat, okPoint, bad := pair(csvtab.Field(rec, c.lon), csvtab.Field(rec, c.lat))
	if bad == "" && okPoint && (math.Abs(lon) > 180 || math.Abs(lat) > 90) {
		bad = fmt.Sprintf("longitude %g, latitude %g out of range", lon, lat)
	}
	if bad != "" {
		rep.Reject(line, "Longitude", bad)
		return false
	}
	s.Easting, s.Northing, s.HasGrid = e, n, okGrid
	s.Point, s.HasPoint = orb.Point{lon, lat}, okPoint
	if !okPoint && c.lon >= 0 && c.lat >= 0 {
		rep.Warn(line, "Longitude", "empty longitude or latitude; stop kept without a point")
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
