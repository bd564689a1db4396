package csvtab

import "strings"

// Header maps normalised column names to their positions, so that rows are
// read by name and column order may vary between releases.
type Header map[string]int

// NewHeader indexes a header record; of repeated names the first counts.
func NewHeader(rec []string) Header {
	h := make(Header, len(rec))
	for i, name := range rec {
		k := NormName(name)
		if _, dup := h[k]; !dup {
			h[k] = i
		}
	}
	return h
}

// NormName strips a UTF-8 byte order mark, spaces, underscores and hyphens
// and lower-cases the rest: "ATCOCode", " atco_code" and "\ufeffATCOCode"
// all name the same column.
func NormName(s string) string {
	s = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "\ufeff"))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '\ufeff':
			return -1
		}
		return r
	}, s)
}

// Col returns the position of the first of names present, or -1.
func (h Header) Col(names ...string) int {
	for _, n := range names {
		if i, ok := h[NormName(n)]; ok {
			return i
		}
	}
	return -1
}

// Field returns rec[i] without surrounding spaces, or "" when the column is
// absent (i < 0) or the row too short.
func Field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}
