package area

import (
	"fmt"
	"io"
	"strings"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// Change codes of the ONS LSOA 2011 to LSOA 2021 lookup.
const (
	Unchanged = "U" // same area
	Split     = "S" // one LSOA 2011 became several LSOA 2021
	Merged    = "M" // several LSOA 2011 became one LSOA 2021
	Complex   = "X" // redrawn: many to many
)

// LookupRow is one LSOA 2011 → LSOA 2021 link.
type LookupRow struct {
	LSOA11, LSOA21 string
	Change         string // Unchanged, Split, Merged or Complex
}

// ReadLookup reads the LSOA 2011 → 2021 lookup (lsoa11_code, lsoa21_code,
// change_code, ...). It keeps the rows whose LSOA 2021 is in want, and every
// row that is not "U": those are few (about 2,150 in England and Wales) and
// carrying counts across a split needs the LSOA 2021 siblings outside the
// region too.
func ReadLookup(r io.Reader, file string, want CodeSet) ([]LookupRow, Report, error) {
	rep := newReport(file)
	t, err := openTable(r, file, &rep)
	if err != nil {
		return nil, rep, err
	}
	k11, err11 := t.Need("lsoa11_code", "LSOA11CD")
	k21, err21 := t.Need("lsoa21_code", "LSOA21CD")
	chg, errC := t.Need("change_code", "CHGIND")
	if err := firstErr(err11, err21, errC); err != nil {
		return nil, rep, err
	}
	var out []LookupRow
	seen := make(map[[2]string]bool)
	err = t.each(k21, nil, func(rec []string, lsoa21 string, line int) bool {
		row := LookupRow{LSOA11: csvtab.Field(rec, k11), LSOA21: lsoa21, Change: strings.ToUpper(csvtab.Field(rec, chg))}
		if row.Change == Unchanged && want != nil && !want[lsoa21] {
			rep.Skipped++
			return false
		}
		pair := [2]string{row.LSOA11, row.LSOA21}
		reason := checkLookup(row)
		if reason == "" && seen[pair] {
			reason = fmt.Sprintf("%s → %s appears twice", row.LSOA11, row.LSOA21)
		}
		if reason != "" {
			rep.Reject(line, "change_code", reason)
			return false
		}
		seen[pair] = true
		out = append(out, row)
		return true
	})
	return out, rep, err
}

func checkLookup(r LookupRow) string {
	switch {
	case r.LSOA11 == "" || r.LSOA21 == "":
		return "empty LSOA code"
	case r.Change == Unchanged && r.LSOA11 != r.LSOA21:
		return fmt.Sprintf("unchanged but %s ≠ %s", r.LSOA11, r.LSOA21)
	case r.Change != Unchanged && r.Change != Split && r.Change != Merged && r.Change != Complex:
		return fmt.Sprintf("unknown change code %q", r.Change)
	}
	return ""
}
