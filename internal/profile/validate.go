package profile

import (
	"fmt"
	"math"
	"slices"
)

// FieldError says which field of a profile is invalid and why. Field is
// the JSON name, with an index for list elements ("available[0].from").
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return "profile: " + e.Field + ": " + e.Reason }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Limits of Validate.
const (
	MaxWalkSpeedMPS  = 3.0    // a brisk walk is about 1.8 m/s
	MaxWalkLimitM    = 10_000 // ten kilometres
	MaxJourneyLimit  = 600    // minutes
	MaxBudgetPence   = 1_000_000
	maxWindowsPerDay = 24
)

// Validate checks every field and returns a *FieldError naming the first
// invalid one.
func (p Profile) Validate() error {
	checks := []func() error{p.checkID, p.checkWalk, p.checkModes, p.checkLimits, p.checkAvailable}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

func (p Profile) checkID() error {
	if p.ID == "" {
		return fieldErr("id", "must not be empty")
	}
	return nil
}

func (p Profile) checkWalk() error {
	if math.IsNaN(p.WalkSpeedMPS) || p.WalkSpeedMPS <= 0 || p.WalkSpeedMPS > MaxWalkSpeedMPS {
		return fieldErr("walk_speed_mps", "must be above 0 and at most %v m/s, got %v", MaxWalkSpeedMPS, p.WalkSpeedMPS)
	}
	if math.IsNaN(p.MaxWalkM) || p.MaxWalkM < 0 || p.MaxWalkM > MaxWalkLimitM {
		return fieldErr("max_walk_m", "must be between 0 and %d m, got %v", MaxWalkLimitM, p.MaxWalkM)
	}
	return nil
}

func (p Profile) checkModes() error {
	if len(p.Modes) == 0 {
		return fieldErr("modes", "must list at least one of %v", Modes())
	}
	for i, m := range p.Modes {
		if !slices.Contains(Modes(), m) {
			return fieldErr(fmt.Sprintf("modes[%d]", i), "unknown mode %q, want one of %v", m, Modes())
		}
		if slices.Index(p.Modes, m) != i {
			return fieldErr(fmt.Sprintf("modes[%d]", i), "mode %q listed twice", m)
		}
	}
	return nil
}

func (p Profile) checkLimits() error {
	if p.MaxJourneyMin != nil && (*p.MaxJourneyMin < 1 || *p.MaxJourneyMin > MaxJourneyLimit) {
		return fieldErr("max_journey_min", "must be null or 1 to %d minutes, got %d", MaxJourneyLimit, *p.MaxJourneyMin)
	}
	if p.BudgetPence != nil && (*p.BudgetPence < 0 || *p.BudgetPence > MaxBudgetPence) {
		return fieldErr("budget_pence", "must be null or 0 to %d pence, got %d", MaxBudgetPence, *p.BudgetPence)
	}
	return nil
}

func (p Profile) checkAvailable() error {
	if len(p.Available) == 0 {
		return fieldErr("available", "must list at least one window")
	}
	if len(p.Available) > 7*maxWindowsPerDay {
		return fieldErr("available", "at most %d windows", 7*maxWindowsPerDay)
	}
	for i, w := range p.Available {
		if err := w.check(fmt.Sprintf("available[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (w Window) check(at string) error {
	if len(w.Days) == 0 {
		return fieldErr(at+".days", "must list at least one day")
	}
	for k, d := range w.Days {
		if _, ok := d.Weekday(); !ok {
			return fieldErr(fmt.Sprintf("%s.days[%d]", at, k), "unknown day %q, want mon … sun", d)
		}
	}
	from, err := parseClock(w.From)
	if err != nil {
		return fieldErr(at+".from", "%v", err)
	}
	to, err := parseClock(w.To)
	if err != nil {
		return fieldErr(at+".to", "%v", err)
	}
	if from >= to {
		return fieldErr(at+".to", "%s is not after from %s", w.To, w.From)
	}
	return nil
}
