package heritage

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseRRule(t *testing.T) {
	mon, sun := time.Monday, time.Sunday
	cases := []struct {
		in   string
		want RRule
	}{
		{"FREQ=WEEKLY;BYDAY=MO", RRule{Freq: FreqWeekly, Interval: 1, ByDay: []WeekdayNum{{0, time.Monday}}}},
		{"RRULE:freq=weekly;interval=2;byday=tu,th", RRule{Freq: FreqWeekly, Interval: 2, ByDay: []WeekdayNum{{0, time.Tuesday}, {0, time.Thursday}}}},
		{"FREQ=MONTHLY;BYDAY=2MO,-1FR", RRule{Freq: FreqMonthly, Interval: 1, ByDay: []WeekdayNum{{2, time.Monday}, {-1, time.Friday}}}},
		{"FREQ=MONTHLY;BYDAY=+3WE", RRule{Freq: FreqMonthly, Interval: 1, ByDay: []WeekdayNum{{3, time.Wednesday}}}},
		{"FREQ=MONTHLY;BYMONTHDAY=1,-1", RRule{Freq: FreqMonthly, Interval: 1, ByMonthDay: []int{1, -1}}},
		{" FREQ=WEEKLY ; COUNT=10 ", RRule{Freq: FreqWeekly, Interval: 1, Count: 10}},
		{"FREQ=WEEKLY;UNTIL=20261231", RRule{Freq: FreqWeekly, Interval: 1, Until: &Until{Date: Date{2026, 12, 31}}}},
		{"FREQ=WEEKLY;UNTIL=20261231T170000Z", RRule{Freq: FreqWeekly, Interval: 1, Until: &Until{Date: Date{2026, 12, 31}, Clock: NewClock(17, 0, 0), HasClock: true, UTC: true}}},
		{"FREQ=WEEKLY;UNTIL=20261231T093000", RRule{Freq: FreqWeekly, Interval: 1, Until: &Until{Date: Date{2026, 12, 31}, Clock: NewClock(9, 30, 0), HasClock: true}}},
		{"FREQ=WEEKLY;WKST=SU", RRule{Freq: FreqWeekly, Interval: 1, WeekStart: &sun}},
		{"FREQ=WEEKLY;WKST=MO", RRule{Freq: FreqWeekly, Interval: 1, WeekStart: &mon}},
	}
	for _, tc := range cases {
		got, err := ParseRRule(tc.in)
		if err != nil {
			t.Errorf("ParseRRule(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRRule(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseRRuleErrors(t *testing.T) {
	cases := []struct{ in, wantErr string }{
		{"", "empty"},
		{"RRULE:", "empty"},
		{"BYDAY=MO", "FREQ is missing"},
		{"FREQ=DAILY", "WEEKLY or MONTHLY"},
		{"FREQ=FORTNIGHTLY", "want WEEKLY or MONTHLY"},
		{"FREQ=WEEKLY;FREQ=MONTHLY", "appears twice"},
		{"FREQ=WEEKLY;BYDAY", "NAME=VALUE"},
		{"FREQ=WEEKLY;;BYDAY=MO", "NAME=VALUE"},
		{"FREQ=WEEKLY;INTERVAL=0", "INTERVAL"},
		{"FREQ=WEEKLY;INTERVAL=-2", "INTERVAL"},
		{"FREQ=WEEKLY;INTERVAL=two", "INTERVAL"},
		{"FREQ=WEEKLY;COUNT=0", "COUNT"},
		{"FREQ=WEEKLY;BYDAY=2MO", "only allowed with FREQ=MONTHLY"},
		{"FREQ=MONTHLY;BYDAY=6MO", "at most five"},
		{"FREQ=MONTHLY;BYDAY=0MO", "ordinal"},
		{"FREQ=MONTHLY;BYDAY=MON", "weekday"},
		{"FREQ=MONTHLY;BYDAY=MO,", "weekday"},
		{"FREQ=WEEKLY;BYMONTHDAY=1", "not allowed with FREQ=WEEKLY"},
		{"FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"},
		{"FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"},
		{"FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY"},
		{"FREQ=WEEKLY;COUNT=3;UNTIL=20261231", "both COUNT and UNTIL"},
		{"FREQ=WEEKLY;UNTIL=2026-12-31", "UNTIL"},
		{"FREQ=WEEKLY;UNTIL=20260231", "UNTIL"},
		{"FREQ=WEEKLY;UNTIL=20261231T250000", "UNTIL"},
		{"FREQ=WEEKLY;UNTIL=20261231X170000", "UNTIL"},
		{"FREQ=MONTHLY;BYSETPOS=-1", "not supported"},
		{"FREQ=WEEKLY;BYHOUR=10", "not supported"},
		{"FREQ=WEEKLY;COLOUR=RED", "unknown"},
		{"FREQ=WEEKLY;WKST=XX", "WKST"},
	}
	for _, tc := range cases {
		_, err := ParseRRule(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("ParseRRule(%q) error = %v, want one mentioning %q", tc.in, err, tc.wantErr)
		}
	}
}

func TestRRuleStringRoundTrip(t *testing.T) {
	for _, in := range []string{
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4;WKST=SU",
		"FREQ=MONTHLY;BYDAY=2MO,-1FR;BYMONTHDAY=-1,15;UNTIL=20261231T170000Z",
		"FREQ=MONTHLY;UNTIL=20270101",
	} {
		r, err := ParseRRule(in)
		if err != nil {
			t.Fatal(err)
		}
		if r.String() != in {
			t.Errorf("String() = %q, want %q", r.String(), in)
		}
	}
}

func TestRRuleJSONText(t *testing.T) {
	var r RRule
	if err := r.UnmarshalText([]byte("FREQ=MONTHLY;BYDAY=-1FR")); err != nil {
		t.Fatal(err)
	}
	b, err := r.MarshalText()
	if err != nil || string(b) != "FREQ=MONTHLY;BYDAY=-1FR" {
		t.Errorf("MarshalText = %q, %v", b, err)
	}
	if b, _ := (RRule{}).MarshalText(); len(b) != 0 {
		t.Errorf("zero rule marshals as %q, want empty", b)
	}
	if _, err := (RRule{Freq: FreqWeekly, ByDay: []WeekdayNum{{2, time.Monday}}}).MarshalText(); err == nil {
		t.Error("an invalid rule marshalled without error")
	}
}

// FuzzParseRRule checks that the parser never panics, and that every rule
// it accepts prints and re-parses to the same rule and expands without
// panicking.
func FuzzParseRRule(f *testing.F) {
	for _, s := range []string{
		"FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU",
		"FREQ=MONTHLY;BYDAY=2MO", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=-1",
		"FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=5", "RRULE:FREQ=WEEKLY;UNTIL=20261231T170000Z",
		"FREQ=MONTHLY;INTERVAL=3;UNTIL=20270101", "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=", ";;=", "FREQ=MONTHLY;BYDAY=-0MO",
	} {
		f.Add(s)
	}
	loc := london(f)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRRule(s)
		if err != nil {
			return
		}
		again, err := ParseRRule(r.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, r.String(), err)
		}
		if !reflect.DeepEqual(r, again) {
			t.Fatalf("%q printed as %q, which parses differently: %+v vs %+v", s, r.String(), r, again)
		}
		sc := Schedule{RRule: r, DTStart: Date{2025, 12, 15}, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(11, 0, 0)}
		prev := time.Time{}
		for _, x := range sc.Sessions(from, from.AddDate(0, 3, 0), loc) {
			if !x.Start.After(prev) || x.Start.Before(from) {
				t.Fatalf("%q: sessions out of order or before the window at %s", s, x.Start)
			}
			prev = x.Start
		}
	})
}
