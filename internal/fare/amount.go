package fare

import (
	"fmt"
	"strings"
)

// Confidence says where an amount came from. The zero value is Unknown, so
// an Amount nobody filled in can never be read as a free ride.
type Confidence uint8

// Confidences, worst first: the confidence of a sum is the minimum of its
// parts'.
const (
	Unknown   Confidence = iota // nothing applies: the fare is not known, and it is not zero
	Estimated                   // from configured operator rules (or a configured cap on a feed fare)
	Known                       // from the feed's own fares, or free by law under the ENCTS
)

func (c Confidence) String() string {
	switch c {
	case Known:
		return "known"
	case Estimated:
		return "estimated"
	default:
		return "unknown"
	}
}

// MarshalText writes the confidence as "known", "estimated" or "unknown".
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "known", "estimated" or "unknown".
func (c *Confidence) UnmarshalText(b []byte) error {
	for _, v := range []Confidence{Unknown, Estimated, Known} {
		if string(b) == v.String() {
			*c = v
			return nil
		}
	}
	return fmt.Errorf("confidence %q: want known, estimated or unknown", b)
}

// Amount is what a ride or journey costs. Pence counts minor units of
// Currency (pence for GBP, centavos for a BRL feed). When Confidence is
// Unknown, Pence is the sum of the parts that are known, a lower bound,
// never a price: an unknown fare is never free.
type Amount struct {
	Pence      int64      `json:"pence"`
	Currency   string     `json:"currency,omitempty"`
	Confidence Confidence `json:"confidence"`
	// Concession is true when at least one ride is free under the English
	// National Concessionary Travel Scheme.
	Concession bool   `json:"concession"`
	Note       string `json:"note,omitempty"`
}

// Free reports whether the amount is a zero the calculator stands behind:
// zero pence with a confidence other than Unknown.
func (a Amount) Free() bool { return a.Confidence != Unknown && a.Pence == 0 }

// plus adds b to a: pence add, the confidence is the worse of the two, the
// notes are kept once each. Amounts in different currencies cannot be
// added; the sum keeps a's pence and becomes Unknown.
func plus(a, b Amount) Amount {
	s := Amount{Pence: a.Pence, Currency: a.Currency, Confidence: min(a.Confidence, b.Confidence),
		Concession: a.Concession || b.Concession, Note: joinNotes(a.Note, b.Note)}
	switch {
	case s.Currency == "":
		s.Currency = b.Currency
	case b.Currency != "" && b.Currency != s.Currency:
		s.Confidence = Unknown
		s.Note = joinNotes(s.Note, "fares in "+s.Currency+" and "+b.Currency+" cannot be added")
		return s
	}
	s.Pence += b.Pence
	return s
}

// joinNotes joins notes with "; ", keeping each distinct note once.
func joinNotes(a, b string) string {
	if b == "" || a == b {
		return a
	}
	if a == "" {
		return b
	}
	for part := range strings.SplitSeq(a, "; ") {
		if part == b {
			return a
		}
	}
	return a + "; " + b
}

// unknownAmount is the amount of a ride nothing prices.
func unknownAmount(note string) Amount { return Amount{Confidence: Unknown, Note: note} }
