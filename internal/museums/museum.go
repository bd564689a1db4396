package museums

import (
	"strings"

	"github.com/paulmach/orb"
)

// Museum is one row of the Mapping Museums data, keyed by its museum_id.
// Text fields are kept as published (trimmed), so that the vocabulary of the
// source (governance "Independent-Not_for_profit", size "small", subject
// "Sea_and_seafaring-Mixed") stays searchable and documented upstream.
type Museum struct {
	ID            string // museum_id, e.g. "mm.wiki.218": the stable source key
	Name          string // Name_of_museum
	Address1      string
	Address2      string
	Town          string // town_or_city
	Postcode      string
	AdminArea     string // path, e.g. "/England/South East (English Region)/Isle of Wight (English UA)"
	Governance    string
	Size          string // small, medium, large, huge, unknown
	Accreditation string // Accredited, Unaccredited
	Subject       string // Subject_Matter

	// Point is [lon, lat] WGS84; meaningful only when HasPoint.
	Point    orb.Point
	HasPoint bool

	// Opened and Closed are year ranges: the project records the earliest and
	// latest year an event may have happened. Closed is StillOpen for a
	// museum open at the end of the project. Opened is zero when unknown.
	Opened YearRange
	Closed YearRange
}

// YearRange is a span of years "from:to" within which an event happened.
type YearRange struct{ From, To int }

// OpenYear is the sentinel the source writes as "9999:9999" in Year_closed.
const OpenYear = 9999

// StillOpen reports whether r is the "9999:9999" sentinel.
func (r YearRange) StillOpen() bool { return r.From == OpenYear && r.To == OpenYear }

// Open reports whether the museum was open at the end of the project.
func (m Museum) Open() bool { return m.Closed.StillOpen() }

// AdminAreaNames returns the names along the admin area path without their
// kind in brackets: "/England/South East (English Region)/Isle of Wight
// (English UA)" gives ["England", "South East", "Isle of Wight"].
func (m Museum) AdminAreaNames() []string {
	var out []string
	for _, part := range strings.Split(m.AdminArea, "/") {
		if i := strings.LastIndex(part, " ("); i >= 0 && strings.HasSuffix(part, ")") {
			part = part[:i]
		}
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Place returns the most local admin area name ("Isle of Wight").
func (m Museum) Place() string {
	names := m.AdminAreaNames()
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}
