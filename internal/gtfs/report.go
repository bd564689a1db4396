package gtfs

import (
	"fmt"
	"sort"
)

// MaxIssuesPerFile caps the issues kept for one file in one pass; further
// issues are still counted (FileReport.IssuesDropped).
const MaxIssuesPerFile = 1000

// maxIssueValue caps how much of an offending value an Issue quotes.
const maxIssueValue = 80

// Issue is one problem found in one row. If Skipped, the row was rejected
// and the callback never saw it; otherwise the row was kept and the field
// read as absent (its documented default, usually "unknown").
type Issue struct {
	File    string // e.g. "stops.txt"
	Line    int    // 1-based line where the row starts; the header is line 1
	Field   string // column name, empty for whole-row problems
	Value   string // the offending value, truncated
	Reason  string
	Skipped bool
}

func (i Issue) String() string {
	action := "field ignored"
	if i.Skipped {
		action = "row skipped"
	}
	if i.Field == "" {
		return fmt.Sprintf("%s line %d: %s (%s)", i.File, i.Line, i.Reason, action)
	}
	return fmt.Sprintf("%s line %d: %s %q: %s (%s)", i.File, i.Line, i.Field, i.Value, i.Reason, action)
}

// FileReport counts one pass over one file. Read counts data rows (not the
// header); Loaded rows reached the callback; Rejected rows were skipped with
// an Issue. Read = Loaded + Rejected unless the pass stopped early (an error,
// or the callback returned one). Warnings counts kept rows with an ignored
// field.
type FileReport struct {
	File          string
	Read          int
	Loaded        int
	Rejected      int
	Warnings      int
	Issues        []Issue // the first MaxIssuesPerFile issues
	IssuesDropped int     // issues counted but not kept
}

func (r *FileReport) add(is Issue) {
	if is.Skipped {
		r.Rejected++
	} else {
		r.Warnings++
	}
	if len(r.Issues) < MaxIssuesPerFile {
		r.Issues = append(r.Issues, is)
	} else {
		r.IssuesDropped++
	}
}

// Report returns the reports of the latest pass over each file read so far,
// in file-name order. A pass is recorded when it ends, even if it ended in an
// error; reading a file again replaces its report.
func (f *Feed) Report() []FileReport {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]FileReport, 0, len(f.reports))
	for _, r := range f.reports {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// FileReport returns the report of the latest pass over the named file and
// whether the file has been read.
func (f *Feed) FileReport(name string) (FileReport, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.reports[name]
	return r, ok
}

func (f *Feed) storeReport(r FileReport) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reports[r.File] = r
}
