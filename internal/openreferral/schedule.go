package openreferral

import (
	"fmt"
	"strings"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// schedules converts OR-UK schedule rows; a row that cannot be expanded is
// reported and dropped.
func schedules(in []inSchedule, field string, c *issues) []heritage.Schedule {
	var out []heritage.Schedule
	for i, s := range in {
		if sc, ok := schedule(s, fmt.Sprintf("%s[%d]", field, i), c); ok {
			out = append(out, sc)
		}
	}
	return out
}

func schedule(in inSchedule, field string, c *issues) (heritage.Schedule, bool) {
	sc := heritage.Schedule{ID: str(in.ID, field+".id", c), Description: str(in.Description, field+".description", c)}
	rule, ok := rruleOf(in, field, c)
	if !ok {
		return sc, false
	}
	sc.RRule = rule
	dates := []struct {
		f    flexString
		name string
		dst  *heritage.Date
	}{{in.DTStart, "dtstart", &sc.DTStart}, {in.ValidFrom, "valid_from", &sc.ValidFrom}, {in.ValidTo, "valid_to", &sc.ValidTo}}
	for _, d := range dates {
		v, err := looseDate(str(d.f, field+"."+d.name, c))
		if err != nil {
			c.errorf(field+"."+d.name, "%v: schedule dropped", err)
			return sc, false
		}
		*d.dst = v
	}
	if sc.OpensAt, ok = clockField(in.OpensAt, field+".opens_at", c); !ok {
		return sc, false
	}
	if sc.ClosesAt, ok = clockField(in.ClosesAt, field+".closes_at", c); !ok {
		return sc, false
	}
	if err := sc.Validate(); err != nil {
		c.errorf(field, "%v: schedule dropped", err)
		return sc, false
	}
	return sc, true
}

// rruleOf assembles the schedule's RRULE parts and parses them with the
// heritage parser, so OR-UK rows and RRULE strings obey the same rules.
func rruleOf(in inSchedule, field string, c *issues) (heritage.RRule, bool) {
	freq := strings.ToUpper(str(in.Freq, field+".freq", c))
	byday := normaliseByDay(str(in.ByDay, field+".byday", c))
	if freq == "" {
		if byday == "" || strings.ContainsAny(byday, "0123456789") {
			c.errorf(field+".freq", "freq is missing: schedule dropped")
			return heritage.RRule{}, false
		}
		c.warnf(field+".freq", "freq is missing: read as WEEKLY because byday is set")
		freq = "WEEKLY"
	}
	parts := []string{"FREQ=" + freq}
	var bad []string
	add := func(name, v string) {
		switch {
		case v == "":
		case strings.ContainsAny(v, ";="):
			bad = append(bad, strings.ToLower(name))
		default:
			parts = append(parts, name+"="+v)
		}
	}
	add("INTERVAL", numberText(in.Interval))
	add("BYDAY", byday)
	add("BYMONTHDAY", strings.ReplaceAll(str(in.ByMonthDay, field+".bymonthday", c), " ", ""))
	add("COUNT", numberText(in.Count))
	add("UNTIL", untilBasic(str(in.Until, field+".until", c)))
	add("WKST", str(in.WKST, field+".wkst", c))
	if len(bad) > 0 {
		c.errorf(field+"."+bad[0], "contains ';' or '=': schedule dropped")
		return heritage.RRule{}, false
	}
	r, err := heritage.ParseRRule(strings.Join(parts, ";"))
	if err != nil {
		c.errorf(field, "%v: schedule dropped", err)
		return r, false
	}
	return r, true
}

// numberText is a number field's text for an RRULE part; the parser
// rejects anything that is not a whole number.
func numberText(f flexNumber) string {
	if !f.set {
		return ""
	}
	if f.bad {
		return strings.Trim(f.raw, `"`)
	}
	return f.raw
}

var dayNames = map[string]string{
	"MONDAY": "MO", "MON": "MO", "TUESDAY": "TU", "TUE": "TU", "TUES": "TU",
	"WEDNESDAY": "WE", "WED": "WE", "THURSDAY": "TH", "THU": "TH", "THUR": "TH", "THURS": "TH",
	"FRIDAY": "FR", "FRI": "FR", "SATURDAY": "SA", "SAT": "SA", "SUNDAY": "SU", "SUN": "SU",
}

// normaliseByDay upper-cases BYDAY and turns day names some publishers
// write (Monday, Tue) into RFC 5545 codes, keeping any ordinal prefix.
func normaliseByDay(s string) string {
	if s == "" {
		return ""
	}
	items := strings.Split(strings.ToUpper(s), ",")
	for i, it := range items {
		it = strings.TrimSpace(it)
		j := strings.IndexFunc(it, func(r rune) bool { return r >= 'A' && r <= 'Z' })
		if j >= 0 {
			if code, ok := dayNames[it[j:]]; ok {
				it = it[:j] + code
			}
		}
		items[i] = it
	}
	return strings.Join(items, ",")
}

// untilBasic turns an ISO 8601 until (2026-12-31, 2026-12-31T17:00:00Z) into
// the RFC 5545 basic form the RRULE parser reads; basic forms pass through.
func untilBasic(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	date, tm, hasTime := strings.Cut(s, "T")
	out := strings.ReplaceAll(date, "-", "")
	if hasTime {
		tm, _, _ = strings.Cut(tm, ".")
		out += "T" + strings.ReplaceAll(tm, ":", "")
	}
	return out
}

// looseDate reads a date as OR-UK feeds write it: 2026-01-05, 20260105,
// or a date-time whose date part is taken (2026-01-05T00:00:00Z, as .NET
// feeds write dates). Empty gives the zero Date.
func looseDate(s string) (heritage.Date, error) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	if s == "" {
		return heritage.Date{}, nil
	}
	return heritage.ParseDate(s)
}

// clockField reads opens_at or closes_at as a local wall time. A date part
// (1900-01-01T10:00:00) and fractional seconds are dropped; a UTC offset is
// dropped with a warning, because OR-UK feeds write "Z" on times that are
// plainly local and Threshold reads every time as Europe/London wall time.
func clockField(f flexString, field string, c *issues) (heritage.Clock, bool) {
	s := str(f, field, c)
	if s == "" {
		c.errorf(field, "missing: sessions need a start and an end time; schedule dropped")
		return 0, false
	}
	if _, t, ok := strings.Cut(s, "T"); ok {
		s = t
	}
	if i := strings.IndexAny(s, "Z+-"); i >= 0 {
		c.warnf(field, "time zone %q ignored: read as local wall time", s[i:])
		s = s[:i]
	}
	s, _, _ = strings.Cut(s, ".")
	if len(s) >= 2 && s[1] == ':' {
		s = "0" + s // 9:30
	}
	v, err := heritage.ParseClock(s)
	if err != nil {
		c.errorf(field, "%v: schedule dropped", err)
		return 0, false
	}
	return v, true
}
