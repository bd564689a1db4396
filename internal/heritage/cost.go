package heritage

import (
	"errors"
	"fmt"
	"strings"
)

// Confidence says how sure a money figure is: known (published), estimated
// (derived, e.g. from a typical price), or unknown. The zero value is
// ConfidenceUnknown, written "unknown" in JSON.
type Confidence string

// The three confidence values.
const (
	ConfidenceUnknown   Confidence = ""
	ConfidenceKnown     Confidence = "known"
	ConfidenceEstimated Confidence = "estimated"
)

// ParseConfidence reads known, estimated or unknown ("" reads as unknown).
func ParseConfidence(s string) (Confidence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "unknown":
		return ConfidenceUnknown, nil
	case "known":
		return ConfidenceKnown, nil
	case "estimated":
		return ConfidenceEstimated, nil
	}
	return ConfidenceUnknown, fmt.Errorf("confidence %q: want known, estimated or unknown", s)
}

// String returns known, estimated or unknown.
func (c Confidence) String() string {
	if c == ConfidenceUnknown {
		return "unknown"
	}
	return string(c)
}

// Valid reports whether c is one of the three constants.
func (c Confidence) Valid() bool {
	return c == ConfidenceUnknown || c == ConfidenceKnown || c == ConfidenceEstimated
}

// MarshalText writes the value's name; the zero value writes "unknown".
func (c Confidence) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("confidence %q: want known, estimated or unknown", string(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads known, estimated or unknown.
func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Pence returns a pointer to n, for filling the nullable amounts below.
func Pence(n int64) *int64 { return &n }

// CostOption is one price for an activity, in integer pence.
//
// A nil Amount means the price is unknown. It is not free: free is an
// Amount of 0. Concession is the reduced price for people who qualify
// (nil: no concession known). FreeOnReferral says a social-prescribing
// referral makes the activity free whatever the amounts say.
type CostOption struct {
	Label          string     `json:"label,omitempty"`
	Amount         *int64     `json:"amount_pence"`
	Confidence     Confidence `json:"confidence"`
	Concession     *int64     `json:"concession_pence"`
	FreeOnReferral bool       `json:"free_on_referral"`
}

// Validate reports the first problem with o.
func (o CostOption) Validate() error {
	if o.Amount != nil && *o.Amount < 0 {
		return errors.New("cost amount is negative")
	}
	if o.Concession != nil && *o.Concession < 0 {
		return errors.New("cost concession amount is negative")
	}
	if !o.Confidence.Valid() {
		return fmt.Errorf("cost confidence %q: want known, estimated or unknown", string(o.Confidence))
	}
	if o.Amount == nil && o.Confidence != ConfidenceUnknown {
		return fmt.Errorf("cost amount is missing but confidence is %s", o.Confidence)
	}
	return nil
}

// Price is what one person pays for one session of an activity.
type Price struct {
	Pence      int64      `json:"pence"`
	Confidence Confidence `json:"confidence"`
}

// Known reports whether the price is known or estimated, not unknown.
func (p Price) Known() bool { return p.Confidence != ConfidenceUnknown }

// Payer describes the person paying: whether they qualify for concessions
// and whether they come with a social-prescribing referral.
type Payer struct {
	Concession bool
	Referred   bool
}

// PriceFor returns what p pays for one session of an activity with these
// cost options. The first option is the standard price (the others carry
// conditions, such as "members", that only a person can judge). A referred
// person pays nothing if any option is free on referral. With no options,
// or no amount on the first, the price is unknown, never free. An amount
// whose confidence was left unknown is reported as estimated.
func PriceFor(opts []CostOption, p Payer) Price {
	if p.Referred {
		for _, o := range opts {
			if o.FreeOnReferral {
				return Price{Pence: 0, Confidence: ConfidenceKnown}
			}
		}
	}
	if len(opts) == 0 {
		return Price{}
	}
	base := opts[0]
	amount := base.Amount
	if p.Concession && base.Concession != nil {
		amount = base.Concession
	}
	if amount == nil {
		return Price{}
	}
	conf := base.Confidence
	if conf == ConfidenceUnknown {
		conf = ConfidenceEstimated
	}
	return Price{Pence: *amount, Confidence: conf}
}
