package nhle

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Designation is the kind of protection an entry records.
type Designation string

// The designations Threshold reads. Conservation areas are designated by
// local planning authorities, not entered on the National Heritage List;
// Historic England publishes them alongside.
const (
	ListedBuilding    Designation = "listed building"
	ScheduledMonument Designation = "scheduled monument"
	ConservationArea  Designation = "conservation area"
)

// Listed building grades.
const (
	GradeI      = "I"
	GradeIIStar = "II*"
	GradeII     = "II"
	SRIDGrid    = 27700 // British National Grid, the CRS of Easting/Northing
)

// Entry is one designation: a legal record that something is protected, not
// a venue. A listed building entry may cover a terrace, a gate and its piers
// or a milestone; whether anyone can visit is not recorded here.
type Entry struct {
	Key         string // stable source key: the list entry number, or "ca:<ref>" for a conservation area
	ListEntry   int    // NHLE list entry number; 0 for conservation areas
	Name        string
	Designation Designation
	Grade       string // GradeI, GradeIIStar, GradeII, or "" (not graded or unknown)
	ListDate    string // YYYY-MM-DD, or "" when not given
	URL         string // as published

	// Point is a representative [lon, lat] WGS84 point, meaningful only when
	// HasPoint; Points holds every published location when an entry has
	// several (a pair of gate piers), Point being the first.
	Point    orb.Point
	HasPoint bool
	Points   orb.MultiPoint
	// Polygon is the WGS84 outline of a monument or area; nil for points.
	Polygon orb.MultiPolygon

	// Easting and Northing are as published, in SRID (27700) metres,
	// meaningful only when HasGrid; PostGIS transforms them to WGS84.
	Easting, Northing float64
	HasGrid           bool
	SRID              int
}

// ParseGrade normalises a listed building grade: "II*", "ii *", "2*" give
// "II*"; "" gives "". Anything else is an error.
func ParseGrade(s string) (string, error) {
	g := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	switch g {
	case "":
		return "", nil
	case "I", "1":
		return GradeI, nil
	case "II*", "2*":
		return GradeIIStar, nil
	case "II", "2":
		return GradeII, nil
	}
	return "", fmt.Errorf("unknown grade %q", s)
}

// parseListEntry reads a list entry number, which must be positive.
func parseListEntry(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("not a list entry number: %q", s)
	}
	return n, nil
}

// parseDate keeps the YYYY-MM-DD part of "1986-11-17T00:00:00Z" or
// "1986-11-17"; "", "NA" and "null" give "".
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "NA" || s == "null" {
		return "", nil
	}
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return "", fmt.Errorf("not a date: %q", s)
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return "", fmt.Errorf("not a date: %q", s)
		}
	}
	return s[:10], nil
}

func (e *Entry) setPoint(p orb.Point) {
	e.Point, e.HasPoint = p, true
	e.Points = orb.MultiPoint{p}
}
