package csvtab

import "fmt"

// Issue is one problem found in one row (or feature) of an input file, or,
// with Line 0, in joining files. A rejected row is not passed on; a warning
// (Warning true) describes a row that was passed on with something missing.
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

// Report counts the rows of one file. Read = Loaded + Rejected unless a
// parser counts other outcomes beside these (rows merged or filtered out).
type Report struct {
	File     string
	Read     int
	Loaded   int
	Rejected int
	Issues   []Issue
}

// Reject counts a rejected row and records why.
func (r *Report) Reject(line int, field, reason string) {
	r.Rejected++
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason})
}

// Warn records a problem with a row that was kept.
func (r *Report) Warn(line int, field, reason string) {
	r.Issues = append(r.Issues, Issue{File: r.File, Line: line, Field: field, Reason: reason, Warning: true})
}
