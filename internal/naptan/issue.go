package naptan

import "fmt"

// Issue is one problem found in one row of an input file. A rejected row is
// not passed on; a warning (Warning true) describes a row that was passed on
// with something missing, such as a stop without longitude and latitude.
type Issue struct {
	File    string
	Line    int
	Field   string
	Reason  string
	Warning bool
}

func (i Issue) String() string {
	kind := "rejected"
	if i.Warning {
		kind = "warning"
	}
	return fmt.Sprintf("%s line %d: %s: %s (%s)", i.File, i.Line, i.Field, i.Reason, kind)
}

// Report counts the rows of one file: Read = Loaded + Rejected.
type Report struct {
	File     string
	Read     int
	Loaded   int
	Rejected int
	Issues   []Issue
}

func (r *Report) reject(line int, field, reason string) {
	r.Rejected++
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason})
}

func (r *Report) warn(line int, field, reason string) {
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason, Warning: true})
}
