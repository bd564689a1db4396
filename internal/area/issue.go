package area

import "fmt"

// Issue is one problem found in one row or feature of an input file, or in
// joining the files (Line 0). A rejected row is not used; a warning (Warning
// true) describes something used anyway or left unknown.
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

// Report counts the rows (or features) of one file:
// Read = Loaded + Rejected + Skipped, where Skipped counts rows outside the
// set of codes asked for (national tables are read filtered to a region).
type Report struct {
	File     string
	Read     int
	Loaded   int
	Rejected int
	Skipped  int
	Issues   []Issue
}

func (r *Report) reject(line int, field, reason string) {
	r.Rejected++
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason})
}

func (r *Report) warn(line int, field, reason string) {
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason, Warning: true})
}
