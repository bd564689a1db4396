package naptan

import (
	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// Issue is one problem found in one row of a NaPTAN file. A rejected row is
// not passed on; a warning (Warning true) describes a row that was passed on
// with something missing, such as a stop without longitude and latitude.
type Issue = csvtab.Issue

// Report counts the rows of one file: Read = Loaded + Rejected.
type Report = csvtab.Report
