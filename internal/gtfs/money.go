package gtfs

import (
	"errors"
	"fmt"
	"strings"
)

// MinorUnits converts a GTFS decimal amount ("4.7", "-1.50") in an ISO 4217
// currency into an integer count of the currency's minor unit: pence for
// GBP, centavos for BRL. Amounts with more decimals than the currency has
// are an error rather than rounded.
func MinorUnits(amount, currency string) (int64, error) {
	exp := currencyExponent(currency)
	if exp < 0 {
		return 0, fmt.Errorf("currency %q: not an ISO 4217 code", currency)
	}
	neg := strings.HasPrefix(amount, "-")
	s := trimSign(amount)
	if !isDecimal(s) {
		return 0, fmt.Errorf("amount %q: not a decimal", amount)
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return 0, fmt.Errorf("amount %q: more decimals than %s has", amount, currency)
	}
	frac += strings.Repeat("0", exp-len(frac))
	if len(whole)+len(frac) > 17 {
		return 0, errors.New("amount too large")
	}
	v, _ := digits(whole + frac)
	if neg {
		v = -v
	}
	return int64(v), nil
}

// currencyExponent returns the number of minor-unit digits of an ISO 4217
// code: 2 for most, 0 or 3 for the listed exceptions, -1 if the code is not
// three letters.
func currencyExponent(code string) int {
	if len(code) != 3 || strings.ToUpper(code) != code || strings.ContainsFunc(code, func(r rune) bool { return r < 'A' || r > 'Z' }) {
		return -1
	}
	switch code {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	}
	return 2
}
