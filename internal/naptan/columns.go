package naptan

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// header maps normalised column names to their positions, so that rows are
// read by name and column order may vary between NaPTAN releases.
type header map[string]int

func newHeader(rec []string) header {
	h := make(header, len(rec))
	for i, name := range rec {
		k := normName(name)
		if _, dup := h[k]; !dup {
			h[k] = i
		}
	}
	return h
}

// normName strips a UTF-8 byte order mark, spaces, underscores and hyphens
// and lower-cases the rest: "ATCOCode", " atco_code" and "\ufeffATCOCode"
// all name the same column.
func normName(s string) string {
	s = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "\ufeff"))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '\ufeff':
			return -1
		}
		return r
	}, s)
}

// col returns the position of the first of names present, or -1.
func (h header) col(names ...string) int {
	for _, n := range names {
		if i, ok := h[normName(n)]; ok {
			return i
		}
	}
	return -1
}

// field returns rec[i] without surrounding spaces, or "" when the column is
// absent.
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// newCSV configures a strict reader: quotes must be well formed (a broken
// quote is a structural error), rows may have any length (checked per row).
// A UTF-8 byte order mark is dropped first: left in, it would make a quoted
// first header field look like a bare quote.
func newCSV(r io.Reader) *csv.Reader {
	cr := csv.NewReader(skipBOM(r))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	return cr
}

func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}
