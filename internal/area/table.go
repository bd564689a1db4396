package area

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// CodeSet is a set of area codes (LSOA 2011 or 2021) to keep when reading a
// national table. A nil set keeps every row.
type CodeSet map[string]bool

// table is a CSV file read by column name, one row at a time, so that the
// national tables (35,000 rows and more) are filtered as they stream past.
type table struct {
	file string
	rep  *Report
	cr   *csv.Reader
	h    header
	n    int
}

func openTable(r io.Reader, file string, rep *Report) (*table, error) {
	cr := newCSV(r)
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s line 1: empty file, no header", file)
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	return &table{file: file, rep: rep, cr: cr, h: newHeader(head), n: len(head)}, nil
}

// need returns the position of a required column, or an error naming the
// file and the header line.
func (t *table) need(names ...string) (int, error) {
	i := t.h.col(names...)
	if i < 0 {
		return -1, fmt.Errorf("read %s line 1: header lacks column %s", t.file, names[0])
	}
	return i, nil
}

// each calls fn for every well-formed row whose key column is in want (nil:
// every row). fn reports whether it used the row; a row it did not use must
// have been counted as rejected or skipped through t.rep.
func (t *table) each(key int, want CodeSet, fn func(rec []string, code string, line int) bool) error {
	for {
		rec, err := t.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(t.file, err)
		}
		line, _ := t.cr.FieldPos(0)
		t.rep.Read++
		if len(rec) != t.n {
			t.rep.reject(line, "", fmt.Sprintf("row has %d fields, header has %d", len(rec), t.n))
			continue
		}
		code := field(rec, key)
		if want != nil && !want[code] {
			t.rep.Skipped++
			continue
		}
		if fn(rec, code, line) {
			t.rep.Loaded++
		}
	}
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s line %d: %w", file, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("read %s: %w", file, err)
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
