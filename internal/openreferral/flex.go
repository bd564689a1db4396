package openreferral

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Publishers disagree about JSON types: OR-UK v1 feeds write interval as
// "2", amounts as "4.50", latitudes as strings. The flex types accept a
// scalar of any JSON type and never fail to decode, so one odd field
// becomes an Issue naming it instead of losing the whole service; objects
// and arrays where a scalar belongs are remembered as bad and reported the
// same way.

// flexString is a JSON scalar read as text; null and absent are empty.
type flexString struct {
	s   string
	bad bool // an object or array was given
}

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = flexString{}
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString{s: s}
	case b[0] == '{' || b[0] == '[':
		*f = flexString{bad: true}
	default: // number, true, false
		*f = flexString{s: string(b)}
	}
	return nil
}

// text returns the trimmed value.
func (f flexString) text() string { return strings.TrimSpace(f.s) }

// flexNumber is a JSON number, or a string holding one; it keeps the text
// so that amounts are read exactly as decimals, never through float64.
type flexNumber struct {
	raw string // number text, "" when null or absent
	set bool   // present and not null
	bad bool   // present but not a number (object, array, bool, non-numeric string)
}

func (f *flexNumber) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	t := strings.TrimSpace(s.s)
	switch {
	case s.bad:
		*f = flexNumber{set: true, bad: true, raw: string(bytes.TrimSpace(b))}
	case t == "":
		*f = flexNumber{}
	default:
		_, ok := new(big.Rat).SetString(t)
		*f = flexNumber{raw: t, set: true, bad: !ok}
	}
	return nil
}

// rat returns the value as an exact rational.
func (f flexNumber) rat() (*big.Rat, error) {
	if f.bad {
		return nil, fmt.Errorf("%s is not a number", quoteShort(f.raw))
	}
	r, ok := new(big.Rat).SetString(f.raw)
	if !ok {
		return nil, fmt.Errorf("%s is not a number", quoteShort(f.raw))
	}
	return r, nil
}

// integer returns a whole number in [lo, hi].
func (f flexNumber) integer(lo, hi int64) (int64, error) {
	r, err := f.rat()
	if err != nil {
		return 0, err
	}
	if !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() < lo || r.Num().Int64() > hi {
		return 0, fmt.Errorf("%s: want a whole number from %d to %d", quoteShort(f.raw), lo, hi)
	}
	return r.Num().Int64(), nil
}

// float returns the value as a float64 in [lo, hi].
func (f flexNumber) float(lo, hi float64) (float64, error) {
	if f.bad {
		return 0, fmt.Errorf("%s is not a number", quoteShort(f.raw))
	}
	v, err := strconv.ParseFloat(f.raw, 64)
	if err != nil || v < lo || v > hi {
		return 0, fmt.Errorf("%s: want a number from %g to %g", quoteShort(f.raw), lo, hi)
	}
	return v, nil
}

// pence reads an amount in pounds (4.5, "4.50") as whole pence. It reports
// whether the value had to be rounded (more than two decimal places).
func (f flexNumber) pence() (p int64, rounded bool, err error) {
	r, err := f.rat()
	if err != nil {
		return 0, false, err
	}
	if r.Sign() < 0 {
		return 0, false, fmt.Errorf("%s is negative", quoteShort(f.raw))
	}
	r.Mul(r, big.NewRat(100, 1))
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() != 0 {
		rounded = true
		if new(big.Int).Mul(m, big.NewInt(2)).Cmp(r.Denom()) >= 0 {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() || q.Int64() > 1e12 {
		return 0, false, fmt.Errorf("%s is too large", quoteShort(f.raw))
	}
	return q.Int64(), rounded, nil
}

// flexBool reads true/false, "true"/"false", "yes"/"no" and 1/0.
type flexBool struct {
	v, set, bad bool
	raw         string
}

func (f *flexBool) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	t := strings.ToLower(strings.TrimSpace(s.s))
	switch {
	case s.bad:
		*f = flexBool{set: true, bad: true, raw: string(bytes.TrimSpace(b))}
	case t == "":
		*f = flexBool{}
	case t == "true" || t == "yes" || t == "1":
		*f = flexBool{v: true, set: true}
	case t == "false" || t == "no" || t == "0":
		*f = flexBool{set: true}
	default:
		*f = flexBool{set: true, bad: true, raw: s.s}
	}
	return nil
}

// quoteShort quotes s for a message, cut to a readable length.
func quoteShort(s string) string {
	const n = 40
	if len(s) > n {
		s = s[:n] + "..."
	}
	return strconv.Quote(s)
}
