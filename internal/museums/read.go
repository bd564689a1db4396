package museums

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

type columnsOf struct {
	n                                        int
	id, name, addr1, addr2, town, postcode   int
	lat, lon, admin                          int
	accreditation, governance, size, subject int
	opened, closed                           int
}

func museumColumns(h header, n int) columnsOf {
	return columnsOf{
		n: n, id: h.col("museum_id", "mm_id", "id"), name: h.col("Name_of_museum", "name"),
		addr1: h.col("Address_line_1"), addr2: h.col("Address_line_2"),
		town: h.col("town_or_city", "Village,_Town_or_City"), postcode: h.col("Postcode"),
		lat: h.col("Latitude"), lon: h.col("Longitude"), admin: h.col("Admin_area"),
		accreditation: h.col("Accreditation"), governance: h.col("Governance"),
		size: h.col("Size"), subject: h.col("Subject_Matter"),
		opened: h.col("Year_opened"), closed: h.col("Year_closed"),
	}
}

// Read streams the rows of a Mapping Museums CSV to fn. file names the input
// in issues and errors. Bad rows are skipped into the report; a missing
// required column (museum_id, Name_of_museum, Year_closed), broken quoting or
// an error from fn stops the read with an error naming the file and line.
func Read(r io.Reader, file string, fn func(Museum) error) (Report, error) {
	rep := Report{File: file}
	cr := newCSV(r)
	head, err := cr.Read()
	if err != nil {
		return rep, headerError(file, err)
	}
	c := museumColumns(newHeader(head), len(head))
	if c.id < 0 || c.name < 0 || c.closed < 0 {
		return rep, fmt.Errorf("read %s line 1: header lacks museum_id, Name_of_museum or Year_closed", file)
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
		m, ok := parseRow(rec, c, line, &rep, seen)
		if !ok {
			continue
		}
		rep.Loaded++
		if err := fn(m); err != nil {
			return rep, fmt.Errorf("%s line %d: %w", file, line, err)
		}
	}
}

// ReadAll reads every good row into a slice (the national file has about
// 4,200 rows).
func ReadAll(r io.Reader, file string) ([]Museum, Report, error) {
	var out []Museum
	rep, err := Read(r, file, func(m Museum) error {
		out = append(out, m)
		return nil
	})
	return out, rep, err
}

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

func parseRow(rec []string, c columnsOf, line int, rep *Report, seen map[string]int) (Museum, bool) {
	if len(rec) != c.n {
		rep.reject(line, "", fmt.Sprintf("row has %d fields, header has %d", len(rec), c.n))
		return Museum{}, false
	}
	m := Museum{
		ID: field(rec, c.id), Name: field(rec, c.name),
		Address1: field(rec, c.addr1), Address2: field(rec, c.addr2),
		Town: field(rec, c.town), Postcode: field(rec, c.postcode), AdminArea: field(rec, c.admin),
		Accreditation: field(rec, c.accreditation), Governance: field(rec, c.governance),
		Size: field(rec, c.size), Subject: field(rec, c.subject),
	}
	col, reason := checkKeys(m, seen)
	if reason == "" {
		col, reason = parseYears(&m, field(rec, c.opened), field(rec, c.closed))
	}
	if reason == "" {
		col, reason = parsePoint(&m, field(rec, c.lon), field(rec, c.lat))
	}
	if reason != "" {
		rep.reject(line, col, reason)
		return Museum{}, false
	}
	if !m.HasPoint {
		rep.warn(line, "Latitude", "no coordinates; museum kept without a point")
	}
	if m.Opened == (YearRange{}) {
		rep.warn(line, "Year_opened", "empty; opening year unknown")
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
