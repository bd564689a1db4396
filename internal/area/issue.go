package area

import (
	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// Issue is one problem found in one row or feature of an input file, or in
// joining the files (Line 0). A rejected row is not used; a warning (Warning
// true) describes something used anyway or left unknown.
type Issue = csvtab.Issue

// Report counts the rows (or features) of one file:
// Read = Loaded + Rejected + Skipped, where Skipped counts rows outside the
// set of codes asked for (national tables are read filtered to a region).
type Report struct {
	csvtab.Report
	Skipped int
}

func newReport(file string) Report { return Report{Report: csvtab.Report{File: file}} }
