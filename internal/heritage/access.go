package heritage

import (
	"fmt"
	"strings"
)

// Access is a four-valued answer to "does this place have X?": yes, no,
// unknown, or assumed (a safe default some rule supplies, shown as such).
//
// The zero value is AccessUnknown, never AccessYes: a record nobody surveyed
// must not be counted as step-free. AccessUnknown is stored as the empty
// string so that the zero value and the constant compare equal; it is
// written as "unknown" in JSON and by String.
type Access string

// The four access values.
const (
	AccessUnknown Access = ""
	AccessYes     Access = "yes"
	AccessNo      Access = "no"
	AccessAssumed Access = "assumed"
)

// ParseAccess reads yes, no, unknown or assumed (any case; surrounding
// space ignored). The empty string reads as unknown.
func ParseAccess(s string) (Access, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "unknown":
		return AccessUnknown, nil
	case "yes":
		return AccessYes, nil
	case "no":
		return AccessNo, nil
	case "assumed":
		return AccessAssumed, nil
	}
	return AccessUnknown, fmt.Errorf("access value %q: want yes, no, unknown or assumed", s)
}

// String returns yes, no, unknown or assumed.
func (a Access) String() string {
	if a == AccessUnknown {
		return "unknown"
	}
	return string(a)
}

// Valid reports whether a is one of the four access values.
func (a Access) Valid() bool {
	switch a {
	case AccessUnknown, AccessYes, AccessNo, AccessAssumed:
		return true
	}
	return false
}

// Usable reports whether a profile that needs this feature may rely on it:
// yes always, assumed only where the caller's policy accepts assumptions,
// never no or unknown.
func (a Access) Usable(acceptAssumed bool) bool {
	return a == AccessYes || (acceptAssumed && a == AccessAssumed)
}

// MarshalText writes the value's name; the zero value writes "unknown".
func (a Access) MarshalText() ([]byte, error) {
	if !a.Valid() {
		return nil, fmt.Errorf("access value %q: want yes, no, unknown or assumed", string(a))
	}
	return []byte(a.String()), nil
}

// UnmarshalText reads a value written by MarshalText (or the empty string,
// as unknown).
func (a *Access) UnmarshalText(b []byte) error {
	v, err := ParseAccess(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
