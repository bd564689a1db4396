package gtfs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// row is the current data row of a table pass with helpers that parse its
// fields and record issues. Helpers follow one rule: a required field that
// is empty or invalid rejects the row; an optional field that is invalid is
// recorded as a warning and read as absent.
type row struct {
	file    string
	names   []string
	rep     *FileReport
	line    int
	rec     []string
	skipped bool
}

func (r *row) reset(line int, rec []string) {
	r.line, r.rec, r.skipped = line, rec, false
	switch n, want := len(rec), len(r.names); {
	case n > want:
		r.reject(-1, fmt.Sprintf("row has %d fields, header has %d", n, want))
	case n < want:
		r.warn(-1, fmt.Sprintf("row has %d fields, header has %d; missing fields read as empty", n, want))
	}
}

// str returns field i with surrounding spaces removed; "" if the column is
// absent (i < 0) or the row is short.
func (r *row) str(i int) string {
	if i < 0 || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

func (r *row) issue(i int, reason string, skipped bool) Issue {
	is := Issue{File: r.file, Line: r.line, Reason: reason, Skipped: skipped}
	if i >= 0 && i < len(r.names) {
		is.Field = r.names[i]
		is.Value = r.str(i)
		if len(is.Value) > maxIssueValue {
			is.Value = is.Value[:maxIssueValue]
		}
	}
	return is
}

// reject drops the row; only its first reason is recorded.
func (r *row) reject(i int, reason string) {
	if r.skipped {
		return
	}
	r.skipped = true
	r.rep.add(r.issue(i, reason, true))
}

func (r *row) warn(i int, reason string) {
	if r.skipped {
		return
	}
	r.rep.add(r.issue(i, reason, false))
}

// need returns field i, rejecting the row when it is empty.
func (r *row) need(i int) string {
	s := r.str(i)
	if s == "" {
		r.reject(i, "required value is empty")
	}
	return s
}

// flag is a GTFS enum or small count: an integer in [lo, hi]. def is the
// value of an empty optional field.
func (r *row) flag(i int, lo, hi, def int, required bool) int8 {
	return int8(r.integer(i, lo, hi, def, required))
}

func (r *row) integer(i int, lo, hi, def int, required bool) int {
	s := r.str(i)
	if s == "" {
		if required {
			r.reject(i, "required value is empty")
		}
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		r.bad(i, fmt.Sprintf("want an integer from %d to %d", lo, hi), required)
		return def
	}
	return v
}

// bad records an invalid value: a rejection if the field is required, a
// warning if not.
func (r *row) bad(i int, reason string, required bool) {
	if required {
		r.reject(i, reason)
	} else {
		r.warn(i, reason)
	}
}

// number parses a finite float in [lo, hi]; absent optional values are NaN.
func (r *row) number(i int, lo, hi float64, required bool) float64 {
	s := r.str(i)
	if s == "" {
		if required {
			r.reject(i, "required value is empty")
		}
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < lo || v > hi {
		r.bad(i, fmt.Sprintf("want a number from %g to %g", lo, hi), required)
		return math.NaN()
	}
	return v
}

// time parses a GTFS time; an empty optional field is NoTime.
func (r *row) time(i int, required bool) int32 {
	s := r.str(i)
	if s == "" {
		if required {
			r.reject(i, "required value is empty")
		}
		return NoTime
	}
	t, err := ParseTime(s)
	if err != nil {
		r.bad(i, err.Error(), required)
		return NoTime
	}
	return t
}

// date parses a GTFS date; an empty optional field is the zero Date.
func (r *row) date(i int, required bool) Date {
	s := r.str(i)
	if s == "" {
		if required {
			r.reject(i, "required value is empty")
		}
		return 0
	}
	d, err := ParseDate(s)
	if err != nil {
		r.bad(i, err.Error(), required)
		return 0
	}
	return d
}

// decimal checks a non-negative decimal amount such as "4.70" and returns it
// trimmed; money stays text here so that no precision is lost.
func (r *row) decimal(i int, required bool) string {
	s := r.str(i)
	if s == "" {
		if required {
			r.reject(i, "required value is empty")
		}
		return ""
	}
	if !isDecimal(s) {
		r.bad(i, "want a non-negative decimal amount", required)
		return ""
	}
	return s
}

func isDecimal(s string) bool {
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
