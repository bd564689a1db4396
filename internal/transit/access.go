package transit

import "fmt"

// Access is one of the four access values Threshold carries everywhere:
// unknown (the data says nothing), yes, no, and assumed (the data says
// nothing but a declared per-feed policy fills the silence). The zero value
// is Unknown so that a forgotten field never reads as step-free.
type Access uint8

// The four access values. The numeric order is not a ranking; use Worse.
const (
	AccessUnknown Access = iota
	AccessYes
	AccessNo
	AccessAssumed
)

// String returns the API spelling: "unknown", "yes", "no" or "assumed".
func (a Access) String() string {
	switch a {
	case AccessYes:
		return "yes"
	case AccessNo:
		return "no"
	case AccessAssumed:
		return "assumed"
	default:
		return "unknown"
	}
}

// MarshalText implements encoding.TextMarshaler with the API spelling.
func (a Access) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Access) UnmarshalText(b []byte) error {
	switch string(b) {
	case "yes":
		*a = AccessYes
	case "no":
		*a = AccessNo
	case "assumed":
		*a = AccessAssumed
	case "unknown":
		*a = AccessUnknown
	default:
		return fmt.Errorf("access %q: want yes, no, unknown or assumed", b)
	}
	return nil
}

// StepFree reports whether a step-free search may use an element with this
// value: yes, or assumed under a declared policy. Unknown is not yes.
func (a Access) StepFree() bool { return a == AccessYes || a == AccessAssumed }

// severity ranks values from best to worst for combining along a journey.
func (a Access) severity() int {
	switch a {
	case AccessYes:
		return 0
	case AccessAssumed:
		return 1
	case AccessUnknown:
		return 2
	default:
		return 3
	}
}

// Worse returns the worse of a and b: no is worse than unknown, unknown
// worse than assumed, assumed worse than yes. A journey's access is the worst
// of its elements.
func Worse(a, b Access) Access {
	if b.severity() > a.severity() {
		return b
	}
	return a
}

// gtfsAccess maps a GTFS wheelchair_boarding / wheelchair_accessible value
// (0 no information, 1 yes, 2 no) to an Access.
func gtfsAccess(v uint8) Access {
	switch v {
	case 1:
		return AccessYes
	case 2:
		return AccessNo
	default:
		return AccessUnknown
	}
}

// AccessPolicy is a per-feed, caller-declared assumption that fills only the
// silences of the data (GTFS value 0). A value it fills becomes
// AccessAssumed, never AccessYes, and every journey that uses it says so.
type AccessPolicy struct {
	// AssumeTripsAccessible treats trips with no wheelchair_accessible
	// value as accessible (assumed).
	AssumeTripsAccessible bool
	// AssumeStopsBoardable treats stops with no wheelchair_boarding value
	// (after parent-station inheritance) as boardable (assumed).
	AssumeStopsBoardable bool
	// Reason is shown with every assumed element, e.g. the regulation
	// that makes the assumption safe.
	Reason string
}
