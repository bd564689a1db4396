package nhle

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// rowFields are the values of one CSV row or GeoJSON feature's properties,
// as text, before validation. Both readers build entries through them.
type rowFields struct {
	listEntry, ref, name, grade, date, url string
	easting, northing, lon, lat            string
}

// buildEntry validates one row into an Entry. ok is false when the row is
// rejected (the reason is already in rep).
func buildEntry(d Designation, f rowFields, line int, rep *Report) (Entry, bool) {
	e := Entry{Designation: d, Name: cleanName(f.name), URL: f.url}
	if col, reason := setKey(&e, f); reason != "" {
		rep.Reject(line, col, reason)
		return Entry{}, false
	}
	if e.Name == "" {
		rep.Reject(line, "Name", "empty")
		return Entry{}, false
	}
	if col, reason := setDetails(&e, f, line, rep); reason != "" {
		rep.Reject(line, col, reason)
		return Entry{}, false
	}
	return e, true
}

// setKey takes the list entry number, or for a conservation area (which has
// none) the reference Historic England gives it.
func setKey(e *Entry, f rowFields) (col, reason string) {
	if e.Designation == ConservationArea {
		if f.ref == "" {
			return "reference", "conservation area without a reference"
		}
		e.Key = "ca:" + f.ref
		return "", ""
	}
	n, err := parseListEntry(f.listEntry)
	if err != nil {
		return "ListEntry", err.Error()
	}
	e.ListEntry, e.Key = n, strconv.Itoa(n)
	return "", ""
}

func setDetails(e *Entry, f rowFields, line int, rep *Report) (col, reason string) {
	var err error
	if e.Grade, err = ParseGrade(f.grade); err != nil {
		return "Grade", err.Error()
	}
	if e.Grade == "" && e.Designation == ListedBuilding {
		rep.Warn(line, "Grade", "listed building without a grade")
	}
	if e.ListDate, err = parseDate(f.date); err != nil {
		rep.Warn(line, "ListDate", err.Error())
	}
	if reason := setGrid(e, f.easting, f.northing, line, rep); reason != "" {
		return "Easting", reason
	}
	if reason := setLonLat(e, f.lon, f.lat); reason != "" {
		return "Longitude", reason
	}
	return "", ""
}

// setGrid reads Easting and Northing. Some rows list several values
// ("376909.953, 376909.953") for an entry with several parts; the first is
// kept, with a warning when they differ.
func setGrid(e *Entry, es, ns string, line int, rep *Report) string {
	if blank(es) && blank(ns) {
		return ""
	}
	xs, errE := numbers(es)
	ys, errN := numbers(ns)
	if errE != nil || errN != nil {
		return fmt.Sprintf("not easting/northing numbers: %q, %q", es, ns)
	}
	x, y := xs[0], ys[0]
	if x < 0 || x > 700000 || y < 0 || y > 1300000 {
		return fmt.Sprintf("easting %g, northing %g outside the British National Grid", x, y)
	}
	if !allEqual(xs) || !allEqual(ys) {
		rep.Warn(line, "Easting", "several different grid references; the first is kept")
	}
	e.Easting, e.Northing, e.HasGrid, e.SRID = x, y, true, SRIDGrid
	return ""
}

func setLonLat(e *Entry, lonS, latS string) string {
	if blank(lonS) && blank(latS) {
		return ""
	}
	lon, errLon := strconv.ParseFloat(lonS, 64)
	lat, errLat := strconv.ParseFloat(latS, 64)
	p := orb.Point{lon, lat}
	if errLon != nil || errLat != nil || !validLonLat(p) {
		return fmt.Sprintf("not a WGS84 longitude, latitude: %q, %q", lonS, latS)
	}
	e.setPoint(p)
	return ""
}

// cleanName joins the lines of a multi-line name ("Stocks\r\nStocks South
// Of Junction With Wigsey Lane": Historic England puts alternative names on
// separate lines) with "; ", and collapses runs of spaces.
func cleanName(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

func validLonLat(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90
}

func blank(s string) bool { return s == "" || s == "NA" || s == "null" }

// numbers parses a comma-separated list of one or more finite numbers.
func numbers(s string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("not a number: %q", part)
		}
		out = append(out, v)
	}
	return out, nil
}

func allEqual(vs []float64) bool {
	for _, v := range vs[1:] {
		if v != vs[0] {
			return false
		}
	}
	return true
}
