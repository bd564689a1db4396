package heritage

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Freq is an RRULE frequency. Open Referral UK allows only WEEKLY and
// MONTHLY, and so does Threshold.
type Freq uint8

// The supported frequencies. The zero Freq is invalid.
const (
	FreqWeekly Freq = iota + 1
	FreqMonthly
)

// String returns WEEKLY or MONTHLY.
func (f Freq) String() string {
	switch f {
	case FreqWeekly:
		return "WEEKLY"
	case FreqMonthly:
		return "MONTHLY"
	}
	return fmt.Sprintf("Freq(%d)", uint8(f))
}

// WeekdayNum is one BYDAY entry: a weekday, optionally with an ordinal
// within the month (2MO is the second Monday, -1FR the last Friday).
// Ordinal 0 means every such weekday.
type WeekdayNum struct {
	Ordinal int
	Weekday time.Weekday
}

// String formats w as RFC 5545 writes it: MO, 2MO, -1FR.
func (w WeekdayNum) String() string {
	if w.Ordinal == 0 {
		return dayCodes[w.Weekday]
	}
	return strconv.Itoa(w.Ordinal) + dayCodes[w.Weekday]
}

// Until is an RRULE UNTIL bound: a date (inclusive), or a date and time of
// day, either local (floating) or UTC (written with a trailing Z).
type Until struct {
	Date     Date
	Clock    Clock
	HasClock bool
	UTC      bool
}

// String formats u as RFC 5545 writes it: 20261231, 20261231T170000 or
// 20261231T170000Z.
func (u Until) String() string {
	s := u.Date.basic()
	if !u.HasClock {
		return s
	}
	c := int(u.Clock)
	s += fmt.Sprintf("T%02d%02d%02d", c/3600, c%3600/60, c%60)
	if u.UTC {
		s += "Z"
	}
	return s
}

// RRule is the subset of an RFC 5545 recurrence rule that Open Referral UK
// schedules use: FREQ (WEEKLY or MONTHLY), INTERVAL, BYDAY (with ordinals
// under MONTHLY), BYMONTHDAY (negative counts from the month's end), COUNT,
// UNTIL and WKST.
type RRule struct {
	Freq Freq
	// Interval is the step between periods (2 with WEEKLY is fortnightly).
	// 0 is read as 1.
	Interval   int
	ByDay      []WeekdayNum
	ByMonthDay []int
	// Count bounds the number of occurrences from the anchor date; 0 means
	// no bound.
	Count int
	// Until bounds the last occurrence; nil means no bound.
	Until *Until
	// WeekStart is WKST; nil means Monday, the RFC 5545 default. It only
	// matters for WEEKLY rules with INTERVAL > 1.
	WeekStart *time.Weekday
}

// Limits that keep expansion bounded and catch typos.
const (
	maxInterval = 1000
	maxCount    = 100000
)

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// unsupportedParts are valid RFC 5545 parts outside the OR-UK subset.
var unsupportedParts = []string{"BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY", "BYMONTH", "BYSETPOS"}

// ParseRRule parses an RFC 5545 RRULE value such as
// "FREQ=MONTHLY;BYDAY=-1FR" (an "RRULE:" prefix is allowed). It accepts only
// the subset RRule documents and says which part is wrong otherwise.
func ParseRRule(s string) (RRule, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	if s == "" {
		return RRule{}, errors.New("rrule is empty")
	}
	var r RRule
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s, ";") {
		name, value, ok := strings.Cut(part, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		if !ok || name == "" {
			return RRule{}, fmt.Errorf("rrule part %q: want NAME=VALUE", part)
		}
		if seen[name] {
			return RRule{}, fmt.Errorf("rrule part %s appears twice", name)
		}
		seen[name] = true
		if err := r.setPart(name, strings.TrimSpace(value)); err != nil {
			return RRule{}, err
		}
	}
	if r.Interval == 0 {
		r.Interval = 1
	}
	if err := r.Validate(); err != nil {
		return RRule{}, err
	}
	return r, nil
}

func (r *RRule) setPart(name, value string) error {
	var err error
	switch name {
	case "FREQ":
		r.Freq, err = parseFreq(value)
	case "INTERVAL":
		r.Interval, err = parsePositive(name, value, maxInterval)
	case "COUNT":
		r.Count, err = parsePositive(name, value, maxCount)
	case "UNTIL":
		var u Until
		u, err = parseUntil(value)
		r.Until = &u
	case "BYDAY":
		r.ByDay, err = parseByDay(value)
	case "BYMONTHDAY":
		r.ByMonthDay, err = parseByMonthDay(value)
	case "WKST":
		var wd time.Weekday
		wd, err = parseWeekday(value)
		r.WeekStart = &wd
		if err != nil {
			err = fmt.Errorf("rrule WKST=%q: %w", value, err)
		}
	default:
		if slices.Contains(unsupportedParts, name) {
			return fmt.Errorf("rrule part %s is not supported (Open Referral UK schedules use FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)", name)
		}
		return fmt.Errorf("rrule part %s is unknown", name)
	}
	return err
}

func parseFreq(v string) (Freq, error) {
	switch strings.ToUpper(v) {
	case "WEEKLY":
		return FreqWeekly, nil
	case "MONTHLY":
		return FreqMonthly, nil
	case "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "YEARLY":
		return 0, fmt.Errorf("rrule FREQ=%s is not supported: Open Referral UK allows WEEKLY or MONTHLY", strings.ToUpper(v))
	}
	return 0, fmt.Errorf("rrule FREQ=%q: want WEEKLY or MONTHLY", v)
}

func parsePositive(name, v string, limit int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > limit {
		return 0, fmt.Errorf("rrule %s=%q: want a whole number from 1 to %d", name, v, limit)
	}
	return n, nil
}

func parseWeekday(code string) (time.Weekday, error) {
	i := slices.Index(dayCodes[:], strings.ToUpper(code))
	if i < 0 {
		return 0, fmt.Errorf("weekday %q: want one of MO TU WE TH FR SA SU", code)
	}
	return time.Weekday(i), nil
}

func parseByDay(v string) ([]WeekdayNum, error) {
	var out []WeekdayNum
	for item := range strings.SplitSeq(v, ",") {
		w, err := parseWeekdayNum(strings.TrimSpace(item))
		if err != nil {
			return nil, fmt.Errorf("rrule BYDAY=%q: %w", v, err)
		}
		out = append(out, w)
	}
	return out, nil
}

func parseWeekdayNum(item string) (WeekdayNum, error) {
	if len(item) < 2 {
		return WeekdayNum{}, fmt.Errorf("entry %q: want a weekday such as MO, 2MO or -1FR", item)
	}
	wd, err := parseWeekday(item[len(item)-2:])
	if err != nil {
		return WeekdayNum{}, fmt.Errorf("entry %q: %w", item, err)
	}
	num := item[:len(item)-2]
	if num == "" {
		return WeekdayNum{Weekday: wd}, nil
	}
	n, err := strconv.Atoi(num)
	if err != nil || n == 0 || n < -53 || n > 53 {
		return WeekdayNum{}, fmt.Errorf("entry %q: ordinal %q: want -53..-1 or 1..53", item, num)
	}
	return WeekdayNum{Ordinal: n, Weekday: wd}, nil
}

func parseByMonthDay(v string) ([]int, error) {
	var out []int
	for item := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || n == 0 || n < -31 || n > 31 {
			return nil, fmt.Errorf("rrule BYMONTHDAY=%q: entry %q: want -31..-1 or 1..31", v, item)
		}
		out = append(out, n)
	}
	return out, nil
}

func parseUntil(v string) (Until, error) {
	bad := fmt.Errorf("rrule UNTIL=%q: want YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ", v)
	if len(v) < 8 {
		return Until{}, bad
	}
	d, err := ParseDate(v[:8])
	if err != nil || len(v) != 8 && len(v) != 15 && len(v) != 16 {
		return Until{}, bad
	}
	u := Until{Date: d}
	if len(v) == 8 {
		return u, nil
	}
	if v[8] != 'T' || (len(v) == 16 && v[15] != 'Z') {
		return Until{}, bad
	}
	c, err := ParseClock(v[9:11] + ":" + v[11:13] + ":" + v[13:15])
	if err != nil || c >= ClockEndOfDay {
		return Until{}, bad
	}
	u.Clock, u.HasClock, u.UTC = c, true, len(v) == 16
	return u, nil
}

// Validate checks a rule built in code against the same rules ParseRRule
// applies.
func (r RRule) Validate() error {
	if r.Freq != FreqWeekly && r.Freq != FreqMonthly {
		return errors.New("rrule FREQ is missing: want WEEKLY or MONTHLY")
	}
	if r.Interval < 0 || r.Interval > maxInterval {
		return fmt.Errorf("rrule INTERVAL=%d: want 1 to %d", r.Interval, maxInterval)
	}
	if r.Count < 0 || r.Count > maxCount {
		return fmt.Errorf("rrule COUNT=%d: want 1 to %d", r.Count, maxCount)
	}
	if r.WeekStart != nil && (*r.WeekStart < time.Sunday || *r.WeekStart > time.Saturday) {
		return fmt.Errorf("rrule WKST weekday %d is out of range", int(*r.WeekStart))
	}
	if r.Count > 0 && r.Until != nil {
		return errors.New("rrule has both COUNT and UNTIL: RFC 5545 allows one or the other")
	}
	if err := r.validateByDay(); err != nil {
		return err
	}
	return r.validateByMonthDay()
}

func (r RRule) validateByDay() error {
	for _, w := range r.ByDay {
		if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
			return fmt.Errorf("rrule BYDAY weekday %d is out of range", int(w.Weekday))
		}
		if w.Ordinal == 0 {
			continue
		}
		if r.Freq == FreqWeekly {
			return fmt.Errorf("rrule BYDAY %s: ordinal weekdays (2MO, -1FR) are only allowed with FREQ=MONTHLY", w)
		}
		if w.Ordinal < -5 || w.Ordinal > 5 {
			return fmt.Errorf("rrule BYDAY %s: a month has at most five of each weekday", w)
		}
	}
	return nil
}

func (r RRule) validateByMonthDay() error {
	if len(r.ByMonthDay) > 0 && r.Freq == FreqWeekly {
		return errors.New("rrule BYMONTHDAY is not allowed with FREQ=WEEKLY")
	}
	for _, d := range r.ByMonthDay {
		if d == 0 || d < -31 || d > 31 {
			return fmt.Errorf("rrule BYMONTHDAY %d: want -31..-1 or 1..31", d)
		}
	}
	return nil
}

// String formats r as an RRULE value (without the "RRULE:" prefix) that
// ParseRRule reads back to an equal rule.
func (r RRule) String() string {
	parts := []string{"FREQ=" + r.Freq.String()}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	if len(r.ByDay) > 0 {
		days := make([]string, len(r.ByDay))
		for i, w := range r.ByDay {
			days[i] = w.String()
		}
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	}
	if len(r.ByMonthDay) > 0 {
		md := make([]string, len(r.ByMonthDay))
		for i, d := range r.ByMonthDay {
			md[i] = strconv.Itoa(d)
		}
		parts = append(parts, "BYMONTHDAY="+strings.Join(md, ","))
	}
	if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	if r.Until != nil {
		parts = append(parts, "UNTIL="+r.Until.String())
	}
	if r.WeekStart != nil {
		parts = append(parts, "WKST="+dayCodes[*r.WeekStart])
	}
	return strings.Join(parts, ";")
}

// MarshalText writes the rule as String does; the zero RRule writes "".
func (r RRule) MarshalText() ([]byte, error) {
	if r.Freq == 0 {
		return []byte{}, nil
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return []byte(r.String()), nil
}

// UnmarshalText parses an RRULE value; empty text gives the zero RRule.
func (r *RRule) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = RRule{}
		return nil
	}
	v, err := ParseRRule(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

func (r RRule) interval() int { return max(r.Interval, 1) }

func (r RRule) weekStart() time.Weekday {
	if r.WeekStart == nil {
		return time.Monday
	}
	return *r.WeekStart
}
