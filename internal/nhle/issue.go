package nhle

import (
	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// Issue is one problem found in one row or feature of an input file. A
// rejected row is not passed on; a warning (Warning true) describes a row
// that was passed on with something missing or folded into an earlier one.
type Issue = csvtab.Issue

// Report counts the rows (or features) of one file:
// Read = Loaded + Rejected + Merged, where Merged counts rows folded into an
// earlier row of the same list entry.
type Report struct {
	csvtab.Report
	Merged int
}

func newReport(file string) Report { return Report{Report: csvtab.Report{File: file}} }
