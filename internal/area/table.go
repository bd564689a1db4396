package area

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// CodeSet is a set of area codes (LSOA 2011 or 2021) to keep when reading a
// national table. A nil set keeps every row.
type CodeSet map[string]bool

// table is a national CSV table read by column name, one row at a time, so
// that the national tables (35,000 rows and more) are filtered as they
// stream past.
type table struct {
	*csvtab.Table
	rep *Report
}

func openTable(r io.Reader, file string, rep *Report) (*table, error) {
	t, err := csvtab.Open(r, file)
	if err != nil {
		return nil, err
	}
	return &table{Table: t, rep: rep}, nil
}

// each calls fn for every well-formed row whose key column is in want (nil:
// every row). fn reports whether it used the row; a row it did not use must
// have been counted as rejected or skipped through t.rep.
func (t *table) each(key int, want CodeSet, fn func(rec []string, code string, line int) bool) error {
	return t.Rows(&t.rep.Report, func(rec []string, line int) error {
		code := csvtab.Field(rec, key)
		if want != nil && !want[code] {
			t.rep.Skipped++
			return nil
		}
		if fn(rec, code, line) {
			t.rep.Loaded++
		}
		return nil
	})
}

// count parses a non-negative whole number ("1475"; R writes no decimals
// for integer columns).
func count(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a count: %q", s)
	}
	return n, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
