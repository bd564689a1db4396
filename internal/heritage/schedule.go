package heritage

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Schedule is when an activity happens, as an Open Referral UK schedule row
// holds it: a recurrence rule, the first date it counts from, a window of
// validity, and local opening and closing wall times.
type Schedule struct {
	ID         string `json:"id,omitempty"`
	ActivityID string `json:"activity_id,omitempty"`
	RRule      RRule  `json:"rrule"`
	// DTStart is the date of the first session; INTERVAL and COUNT count
	// from it. When zero, ValidFrom serves instead.
	DTStart Date `json:"dtstart,omitzero"`
	// ValidFrom and ValidTo (inclusive) bound the dates the schedule is in
	// force; zero means unbounded on that side. Unlike UNTIL they do not
	// move the INTERVAL or COUNT anchor.
	ValidFrom Date `json:"valid_from,omitzero"`
	ValidTo   Date `json:"valid_to,omitzero"`
	// OpensAt and ClosesAt are local wall-clock times in the activity's
	// time zone (Europe/London in England) on each session date.
	OpensAt     Clock  `json:"opens_at"`
	ClosesAt    Clock  `json:"closes_at"`
	Description string `json:"description,omitempty"`
}

// Session is one occurrence of an activity, with instants in the location
// passed to Schedule.Sessions.
type Session struct {
	ActivityID string    `json:"activity_id"`
	ScheduleID string    `json:"schedule_id,omitempty"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
}

// Duration is End minus Start: real elapsed time, so a session spanning a
// clock change is an hour shorter or longer than its wall times suggest.
func (s Session) Duration() time.Duration { return s.End.Sub(s.Start) }

// anchor is the date INTERVAL and COUNT count from, and whether there is one.
func (s Schedule) anchor() (Date, bool) {
	if !s.DTStart.IsZero() {
		return s.DTStart, true
	}
	if !s.ValidFrom.IsZero() {
		return s.ValidFrom, true
	}
	return Date{}, false
}

// needsAnchor reports whether expansion depends on a first date: to count
// intervals or occurrences, or to take the weekday or day of month from it.
func (s Schedule) needsAnchor() string {
	r := s.RRule
	switch {
	case r.interval() > 1:
		return "INTERVAL > 1"
	case r.Count > 0:
		return "COUNT"
	case r.Freq == FreqWeekly && len(r.ByDay) == 0:
		return "FREQ=WEEKLY without BYDAY"
	case r.Freq == FreqMonthly && len(r.ByDay) == 0 && len(r.ByMonthDay) == 0:
		return "FREQ=MONTHLY without BYDAY or BYMONTHDAY"
	}
	return ""
}

// Validate reports the first problem that stops s from being expanded.
func (s Schedule) Validate() error {
	if err := s.RRule.Validate(); err != nil {
		return err
	}
	if why := s.needsAnchor(); why != "" {
		if _, ok := s.anchor(); !ok {
			return fmt.Errorf("schedule needs dtstart (or valid_from) for %s", why)
		}
	}
	if s.OpensAt < 0 || s.OpensAt >= ClockEndOfDay {
		return fmt.Errorf("opens_at %s is not a time of day", s.OpensAt)
	}
	if s.ClosesAt <= s.OpensAt || s.ClosesAt > ClockEndOfDay {
		return fmt.Errorf("closes_at %s must be after opens_at %s on the same day", s.ClosesAt, s.OpensAt)
	}
	if !s.ValidFrom.IsZero() && !s.ValidTo.IsZero() && s.ValidTo.Before(s.ValidFrom) {
		return errors.New("valid_to is before valid_from")
	}
	return nil
}

// Sessions returns the sessions of s that start in [from, to), in order,
// with wall times read in loc (nil means UTC). A 10:00 session is 10:00 on
// the local clock on both sides of a clock change; times that fall in a
// gap or an overlap are resolved as WallTime documents. An invalid
// schedule (see Validate) has no sessions.
func (s Schedule) Sessions(from, to time.Time, loc *time.Location) []Session {
	if loc == nil {
		loc = time.UTC
	}
	if !to.After(from) || s.Validate() != nil {
		return nil
	}
	lo, hi, ok := s.dateWindow(from, to, loc)
	if !ok {
		return nil
	}
	anchor, hasAnchor := s.anchor()
	if !hasAnchor {
		anchor = lo
	}
	var out []Session
	s.RRule.eachDate(anchor, lo, hi, func(d Date) bool {
		start := WallTime(d, s.OpensAt, loc)
		if !s.beforeUntil(d, start) || !start.Before(to) {
			return false
		}
		if d.Before(lo) || start.Before(from) {
			return true
		}
		out = append(out, Session{ActivityID: s.ActivityID, ScheduleID: s.ID, Start: start, End: WallTime(d, s.ClosesAt, loc)})
		return true
	})
	return out
}

// dateWindow turns [from, to) into the local dates worth looking at,
// narrowed by valid_from, valid_to and an UNTIL date.
func (s Schedule) dateWindow(from, to time.Time, loc *time.Location) (lo, hi Date, ok bool) {
	lo = DateOf(from.In(loc)).AddDays(-1)
	hi = DateOf(to.In(loc))
	if !s.ValidFrom.IsZero() && lo.Before(s.ValidFrom) {
		lo = s.ValidFrom
	}
	if !s.ValidTo.IsZero() && hi.After(s.ValidTo) {
		hi = s.ValidTo
	}
	if u := s.RRule.Until; u != nil && hi.After(u.Date.AddDays(1)) {
		hi = u.Date.AddDays(1) // a UTC UNTIL may fall on the next local date
	}
	return lo, hi, !hi.Before(lo)
}

// beforeUntil reports whether a session on date d starting at start is
// within the rule's UNTIL bound (inclusive, as RFC 5545 says).
func (s Schedule) beforeUntil(d Date, start time.Time) bool {
	u := s.RRule.Until
	switch {
	case u == nil:
		return true
	case !u.HasClock:
		return !d.After(u.Date)
	case u.UTC:
		limit := time.Date(u.Date.Year, u.Date.Month, u.Date.Day, 0, 0, int(u.Clock), 0, time.UTC)
		return !start.After(limit)
	}
	return d.Before(u.Date) || (d == u.Date && s.OpensAt <= u.Clock)
}

// Sessions returns the sessions of every schedule of a, merged in order
// of start time.
func (a Activity) Sessions(from, to time.Time, loc *time.Location) []Session {
	var out []Session
	for _, sc := range a.Schedules {
		if sc.ActivityID == "" {
			sc.ActivityID = a.ID
		}
		out = append(out, sc.Sessions(from, to, loc)...)
	}
	slices.SortStableFunc(out, func(x, y Session) int { return x.Start.Compare(y.Start) })
	return out
}
