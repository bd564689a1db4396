package profile

import (
	"fmt"
	"slices"
	"time"
)

// Mode is a way of travelling a person can use.
type Mode string

// The modes Threshold knows.
const (
	Bus          Mode = "bus"
	Rail         Mode = "rail"
	DialARide    Mode = "dial_a_ride"
	CarDriver    Mode = "car_driver"
	CarPassenger Mode = "car_passenger"
	Taxi         Mode = "taxi"
)

// Modes lists every known mode.
func Modes() []Mode { return []Mode{Bus, Rail, DialARide, CarDriver, CarPassenger, Taxi} }

// Day is a day of the week as written in JSON: mon, tue, wed, thu, fri,
// sat, sun.
type Day string

var dayNames = [...]Day{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Weekday converts d; ok is false for an unknown name.
func (d Day) Weekday() (time.Weekday, bool) {
	i := slices.Index(dayNames[:], d)
	return time.Weekday(i), i >= 0
}

// DayOf returns the JSON name of a weekday.
func DayOf(w time.Weekday) Day { return dayNames[w] }

// Window is a weekly time window in which the person can travel and take
// part: the days, and a start and end time of day, "HH:MM" local time,
// From before To ("24:00" allowed as To).
type Window struct {
	Days []Day  `json:"days"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Profile describes how one person (or one kind of person) moves, what
// they can spend and when they are free. JSON names are the API's; see
// doc.go.
type Profile struct {
	ID          string `json:"id"`
	BaseID      string `json:"base_id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`

	WalkSpeedMPS     float64 `json:"walk_speed_mps"`
	MaxWalkM         float64 `json:"max_walk_m"`
	StepFree         bool    `json:"step_free"`
	AccessibleToilet bool    `json:"accessible_toilet"`
	Modes            []Mode  `json:"modes"`

	ConcessionaryPass bool `json:"concessionary_pass"`
	Companion         bool `json:"companion"`

	// MaxJourneyMin is the longest one-way journey in minutes; nil means
	// "the default for the rurality of the home area".
	MaxJourneyMin *int `json:"max_journey_min"`
	// BudgetPence is the most the person can spend on one visit (return
	// journey and activity) in pence; nil means no limit, 0 means nothing.
	BudgetPence *int64 `json:"budget_pence"`

	Available []Window `json:"available"`

	// Reasons explains the values of a standard profile, keyed by JSON
	// field name.
	Reasons map[string]string `json:"reasons,omitempty"`
}

// Uses reports whether the profile may travel by m.
func (p Profile) Uses(m Mode) bool { return slices.Contains(p.Modes, m) }

// MaxJourney returns the journey limit, or def (the rurality default) when
// the profile leaves it open.
func (p Profile) MaxJourney(def time.Duration) time.Duration {
	if p.MaxJourneyMin == nil {
		return def
	}
	return time.Duration(*p.MaxJourneyMin) * time.Minute
}

// AvailableAt reports whether t (in its own location) falls in one of the
// profile's windows.
func (p Profile) AvailableAt(t time.Time) bool {
	day := DayOf(t.Weekday())
	clock := t.Hour()*60 + t.Minute()
	for _, w := range p.Available {
		from, _ := parseClock(w.From)
		to, _ := parseClock(w.To)
		if slices.Contains(w.Days, day) && clock >= from && clock < to {
			return true
		}
	}
	return false
}

// parseClock reads "HH:MM" (00:00 to 24:00) as minutes since midnight.
func parseClock(s string) (int, error) {
	digit := func(i int) (int, bool) { return int(s[i] - '0'), s[i] >= '0' && s[i] <= '9' }
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("%q is not HH:MM", s)
	}
	h1, ok1 := digit(0)
	h2, ok2 := digit(1)
	m1, ok3 := digit(3)
	m2, ok4 := digit(4)
	h, m := h1*10+h2, m1*10+m2
	if !ok1 || !ok2 || !ok3 || !ok4 || m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("%q is not a time of day HH:MM", s)
	}
	return h*60 + m, nil
}

// clone returns a deep copy, so that overriding never touches the source.
func (p Profile) clone() Profile {
	q := p
	q.Modes = slices.Clone(p.Modes)
	q.Available = make([]Window, len(p.Available))
	for i, w := range p.Available {
		q.Available[i] = Window{Days: slices.Clone(w.Days), From: w.From, To: w.To}
	}
	if p.MaxJourneyMin != nil {
		v := *p.MaxJourneyMin
		q.MaxJourneyMin = &v
	}
	if p.BudgetPence != nil {
		v := *p.BudgetPence
		q.BudgetPence = &v
	}
	if p.Reasons != nil {
		q.Reasons = make(map[string]string, len(p.Reasons))
		for k, v := range p.Reasons {
			q.Reasons[k] = v
		}
	}
	return q
}
