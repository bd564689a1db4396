package area

import (
	"fmt"
	"io"
	"strconv"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// AgeCounts is a population by single year of age: index 0..89 for ages
// 0 to 89, index 90 for 90 and over.
type AgeCounts [91]int

// Total returns the sum over all ages.
func (a AgeCounts) Total() int {
	t := 0
	for _, n := range a {
		t += n
	}
	return t
}

// ReadPopulation reads the ONS mid-2020 small area estimates by LSOA 2011
// and single year of age (lsoa11_code, total_population, "0" ... "89",
// "90+") keeping the LSOAs in want. A row whose ages do not sum to its
// total is rejected.
func ReadPopulation(r io.Reader, file string, want CodeSet) (map[string]AgeCounts, Report, error) {
	rep := newReport(file)
	t, err := openTable(r, file, &rep)
	if err != nil {
		return nil, rep, err
	}
	key, err := t.Need("lsoa11_code", "LSOA Code")
	if err != nil {
		return nil, rep, err
	}
	ages, err := ageColumns(t)
	if err != nil {
		return nil, rep, err
	}
	total := t.Header.Col("total_population", "All Ages")
	out := make(map[string]AgeCounts)
	err = t.each(key, want, func(rec []string, lsoa string, line int) bool {
		a, reason := parseAges(rec, ages, total)
		if reason == "" {
			reason = dupReason(out, lsoa)
		}
		if reason != "" {
			rep.Reject(line, "total_population", reason)
			return false
		}
		out[lsoa] = a
		return true
	})
	return out, rep, err
}

func ageColumns(t *table) ([91]int, error) {
	var cols [91]int
	for age := range cols {
		name := strconv.Itoa(age)
		if age == 90 {
			name = "90+"
		}
		i, err := t.Need(name)
		if err != nil {
			return cols, err
		}
		cols[age] = i
	}
	return cols, nil
}

func parseAges(rec []string, cols [91]int, total int) (AgeCounts, string) {
	var a AgeCounts
	for age, i := range cols {
		n, err := count(csvtab.Field(rec, i))
		if err != nil {
			return a, fmt.Sprintf("age %d: %v", age, err)
		}
		a[age] = n
	}
	if total >= 0 {
		if t, err := count(csvtab.Field(rec, total)); err != nil || t != a.Total() {
			return a, fmt.Sprintf("ages sum to %d, total_population is %q", a.Total(), csvtab.Field(rec, total))
		}
	}
	return a, ""
}
