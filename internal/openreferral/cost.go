package openreferral

import (
	"fmt"
	"strings"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// costs reads cost_options; amounts are pounds in OR-UK and pence in
// heritage. A missing amount stays unknown. Without cost_options, the
// deprecated free-text fees field is kept as the label of a price-unknown
// option, except that a plain "free" reads as an estimated zero.
func costs(in inService, c *issues) []heritage.CostOption {
	var out []heritage.CostOption
	for i, co := range in.CostOptions {
		out = append(out, costOption(co, fmt.Sprintf("cost_options[%d]", i), c))
	}
	if len(out) > 0 {
		return out
	}
	fees := str(in.Fees, "fees", c)
	switch strings.ToLower(strings.TrimRight(fees, ". ")) {
	case "":
		return nil
	case "free", "free of charge", "no charge", "no cost":
		return []heritage.CostOption{{Label: fees, Amount: heritage.Pence(0), Confidence: heritage.ConfidenceEstimated}}
	}
	return []heritage.CostOption{{Label: fees}}
}

func costOption(in inCostOption, field string, c *issues) heritage.CostOption {
	o := heritage.CostOption{Label: str(in.Option, field+".option", c)}
	if o.Label == "" {
		o.Label = str(in.AmountDescription, field+".amount_description", c)
	}
	o.Amount = amount(in.Amount, field+".amount", c)
	o.Concession = amount(in.ConcessionAmount, field+".concession_amount", c)
	if in.FreeOnReferral.bad {
		c.warnf(field+".free_on_referral", "%s: want true or false: ignored", quoteShort(in.FreeOnReferral.raw))
	}
	o.FreeOnReferral = in.FreeOnReferral.v
	conf, err := heritage.ParseConfidence(str(in.AmountConfidence, field+".amount_confidence", c))
	if err != nil {
		c.warnf(field+".amount_confidence", "%v: ignored", err)
	}
	switch {
	case o.Amount == nil && conf != heritage.ConfidenceUnknown:
		c.warnf(field+".amount_confidence", "confidence %s without an amount: the price stays unknown", conf)
		conf = heritage.ConfidenceUnknown
	case o.Amount != nil && conf == heritage.ConfidenceUnknown && in.AmountConfidence.text() == "":
		conf = heritage.ConfidenceKnown // a published amount
	}
	o.Confidence = conf
	return o
}

// amount reads pounds as pence; absent or unreadable gives nil (unknown).
func amount(f flexNumber, field string, c *issues) *int64 {
	if !f.set {
		return nil
	}
	p, rounded, err := f.pence()
	if err != nil {
		c.errorf(field, "%v: the price is unknown", err)
		return nil
	}
	if rounded {
		c.warnf(field, "%s has more than two decimal places: rounded to %d pence", quoteShort(f.raw), p)
	}
	return &p
}
