package area

import (
	"fmt"
	"io"
	"strings"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// Census holds Census 2021 counts for an LSOA 2021 from table TS038.
type Census struct {
	Residents int // usual residents
	Disabled  int // "Disabled under the Equality Act"
}

// disabledCategory is the TS038 category counted as disabled.
const disabledCategory = "disabled under the equality act"

// ReadDisability reads Census 2021 TS038 in long form (lsoa21_code,
// disability, n, total_residents: two rows per LSOA) keeping the LSOAs in
// want. An LSOA whose rows disagree on total_residents, or whose disabled
// count exceeds its residents, is rejected.
func ReadDisability(r io.Reader, file string, want CodeSet) (map[string]Census, Report, error) {
	rep := newReport(file)
	t, err := openTable(r, file, &rep)
	if err != nil {
		return nil, rep, err
	}
	key, errK := t.Need("lsoa21_code", "geography code")
	cat, errC := t.Need("disability")
	n, errN := t.Need("n", "observation")
	tot, errT := t.Need("total_residents")
	if err := firstErr(errK, errC, errN, errT); err != nil {
		return nil, rep, err
	}
	acc := newCensusAcc(&rep)
	err = t.each(key, want, func(rec []string, lsoa string, line int) bool {
		return acc.add(lsoa, csvtab.Field(rec, cat), csvtab.Field(rec, n), csvtab.Field(rec, tot), line)
	})
	return acc.result(), rep, err
}

type censusAcc struct {
	rep      *Report
	out      map[string]Census
	disabled map[string]bool // LSOAs whose disabled row has been seen
	bad      map[string]bool
}

func newCensusAcc(rep *Report) *censusAcc {
	return &censusAcc{rep: rep, out: make(map[string]Census), disabled: make(map[string]bool), bad: make(map[string]bool)}
}

func (a *censusAcc) add(lsoa, category, nS, totS string, line int) bool {
	n, errN := count(nS)
	tot, errT := count(totS)
	if errN != nil || errT != nil {
		a.rep.Reject(line, "n", fmt.Sprintf("not counts: %q, %q", nS, totS))
		a.bad[lsoa] = true
		return false
	}
	c, seen := a.out[lsoa]
	isDisabled := strings.EqualFold(strings.TrimSpace(category), disabledCategory)
	switch {
	case seen && c.Residents != tot:
		a.rep.Reject(line, "total_residents", fmt.Sprintf("%s: %d here, %d on another row", lsoa, tot, c.Residents))
		a.bad[lsoa] = true
		return false
	case isDisabled && (a.disabled[lsoa] || n > tot):
		a.rep.Reject(line, "n", fmt.Sprintf("%s: repeated disabled row or %d disabled of %d residents", lsoa, n, tot))
		a.bad[lsoa] = true
		return false
	}
	c.Residents = tot
	if isDisabled {
		c.Disabled, a.disabled[lsoa] = n, true
	}
	a.out[lsoa] = c
	return true
}

// result drops LSOAs with a rejected row or without a disabled row: their
// counts would be wrong, and unknown is better than wrong.
func (a *censusAcc) result() map[string]Census {
	for _, lsoa := range sortedKeys(a.out) {
		switch {
		case a.bad[lsoa]:
			delete(a.out, lsoa)
		case !a.disabled[lsoa]:
			a.rep.Warn(0, "disability", lsoa+": no \"Disabled under the Equality Act\" row; left unknown")
			delete(a.out, lsoa)
		}
	}
	return a.out
}
