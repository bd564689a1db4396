package museums

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

type columnsOf struct {
	id, name, addr1, addr2, town, postcode   int
	lat, lon, admin                          int
	accreditation, governance, size, subject int
	opened, closed                           int
}

func museumColumns(h csvtab.Header) columnsOf {
	return columnsOf{
		id: h.Col("museum_id", "mm_id", "id"), name: h.Col("Name_of_museum", "name"),
		addr1: h.Col("Address_line_1"), addr2: h.Col("Address_line_2"),
		town: h.Col("town_or_city", "Village,_Town_or_City"), postcode: h.Col("Postcode"),
		lat: h.Col("Latitude"), lon: h.Col("Longitude"), admin: h.Col("Admin_area"),
		accreditation: h.Col("Accreditation"), governance: h.Col("Governance"),
		size: h.Col("Size"), subject: h.Col("Subject_Matter"),
		opened: h.Col("Year_opened"), closed: h.Col("Year_closed"),
	}
}

// Read streams the rows of a Mapping Museums CSV to fn. file names the input
// in issues and errors. Bad rows are skipped into the report; a missing
// required column (museum_id, Name_of_museum, Year_closed), broken quoting or
// an error from fn stops the read with an error naming the file and line.
func Read(r io.Reader, file string, fn func(Museum) error) (Report, error) {
	rep := Report{File: file}
	t, err := csvtab.Open(r, file)
	if err != nil {
		return rep, err
	}
	c := museumColumns(t.Header)
	if c.id < 0 || c.name < 0 || c.closed < 0 {
		return rep, fmt.Errorf("read %s line 1: header lacks museum_id, Name_of_museum or Year_closed", file)
	}
	seen := make(map[string]int)
	err = csvtab.Emit(t, &rep, func(rec []string, line int) (Museum, bool) {
		return parseRow(rec, c, line, &rep, seen)
	}, fn)
	return rep, err
}

// ReadAll reads every good row into a slice (the national file has about
// 4,200 rows).
func ReadAll(r io.Reader, file string) ([]Museum, Report, error) {
	return csvtab.Collect(func(fn func(Museum) error) (Report, error) { return Read(r, file, fn) })
}

func parseRow(rec []string, c columnsOf, line int, rep *Report, seen map[string]int) (Museum, bool) {
	m := Museum{
		ID: csvtab.Field(rec, c.id), Name: csvtab.Field(rec, c.name),
		Address1: csvtab.Field(rec, c.addr1), Address2: csvtab.Field(rec, c.addr2),
		Town: csvtab.Field(rec, c.town), Postcode: csvtab.Field(rec, c.postcode), AdminArea: csvtab.Field(rec, c.admin),
		Accreditation: csvtab.Field(rec, c.accreditation), Governance: csvtab.Field(rec, c.governance),
		Size: csvtab.Field(rec, c.size), Subject: csvtab.Field(rec, c.subject),
	}
	col, reason := checkKeys(m, seen)
	if reason == "" {
		col, reason = parseYears(&m, csvtab.Field(rec, c.opened), csvtab.Field(rec, c.closed))
	}
	if reason == "" {
		col, reason = parsePoint(&m, csvtab.Field(rec, c.lon), csvtab.Field(rec, c.lat))
	}
	if reason != "" {
		rep.Reject(line, col, reason)
		return Museum{}, false
	}
	if !m.HasPoint {
		rep.Warn(line, "Latitude", "no coordinates; museum kept without a point")
	}
	if m.Opened == (YearRange{}) {
		rep.Warn(line, "Year_opened", "empty; opening year unknown")
	}
	seen[m.ID] = line
	return m, true
}

func checkKeys(m Museum, seen map[string]int) (col, reason string) {
	switch {
	case m.ID == "":
		return "museum_id", "empty"
	case m.Name == "":
		return "Name_of_museum", "empty"
	}
	if first, dup := seen[m.ID]; dup {
		return "museum_id", fmt.Sprintf("duplicate of line %d", first)
	}
	return "", ""
}

// parseYears reads Year_opened (may be empty: unknown) and Year_closed
// (required: without it we cannot say whether the museum is open).
func parseYears(m *Museum, opened, closed string) (col, reason string) {
	var err error
	if opened != "" {
		if m.Opened, err = ParseYearRange(opened); err != nil {
			return "Year_opened", err.Error()
		}
	}
	if closed == "" {
		return "Year_closed", "empty; cannot tell whether the museum is open"
	}
	if m.Closed, err = ParseYearRange(closed); err != nil {
		return "Year_closed", err.Error()
	}
	return "", ""
}

// ParseYearRange reads "1990:1995", "2015:2015", "9999:9999" or a single
// year "1990" (taken as "1990:1990"). Years must be 1 to 9999 and from ≤ to.
func ParseYearRange(s string) (YearRange, error) {
	from, to, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found {
		to = from
	}
	a, errA := strconv.Atoi(strings.TrimSpace(from))
	b, errB := strconv.Atoi(strings.TrimSpace(to))
	switch {
	case errA != nil || errB != nil:
		return YearRange{}, fmt.Errorf("not a year range: %q", s)
	case a < 1 || b > OpenYear || a > b:
		return YearRange{}, fmt.Errorf("year range out of order or bounds: %q", s)
	}
	return YearRange{From: a, To: b}, nil
}

// parsePoint reads Longitude and Latitude; both empty leaves HasPoint false.
func parsePoint(m *Museum, lonS, latS string) (col, reason string) {
	if lonS == "" && latS == "" {
		return "", ""
	}
	lon, errLon := strconv.ParseFloat(lonS, 64)
	lat, errLat := strconv.ParseFloat(latS, 64)
	if errLon != nil || errLat != nil || math.IsNaN(lon+lat) || math.Abs(lon) > 180 || math.Abs(lat) > 90 {
		return "Latitude", fmt.Sprintf("not a valid latitude, longitude: %q, %q", latS, lonS)
	}
	m.Point, m.HasPoint = orb.Point{lon, lat}, true
	return "", ""
}
