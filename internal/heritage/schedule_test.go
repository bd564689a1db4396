package heritage

import (
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the machine's zoneinfo
)

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}
	return loc
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustClock(t testing.TB, s string) Clock {
	t.Helper()
	c, err := ParseClock(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestScheduleSessions expands schedules over date ranges. The expected
// sessions were computed independently with python-dateutil's rrule and
// zoneinfo (fold=0, which resolves gaps and overlaps as RFC 5545 does),
// except "until date inclusive": dateutil reads a DATE UNTIL as midnight,
// while OR-UK's dtstart is a DATE, so RFC 5545 makes a DATE UNTIL the last
// included day. Each want is "start with offset/duration in minutes"; the
// window is [from 00:00, to 00:00) local.
func TestScheduleSessions(t *testing.T) {
	loc := london(t)
	cases := []struct {
		name, rule, dtstart, validFrom, validTo, opens, closes, from, to string
		want                                                             []string
	}{
		{"weekly monday", "FREQ=WEEKLY;BYDAY=MO", "2026-01-05", "", "", "10:00", "12:00", "2026-01-01", "2026-01-26", []string{"2026-01-05T10:00+00:00/120", "2026-01-12T10:00+00:00/120", "2026-01-19T10:00+00:00/120"}},
		{"weekly three days", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-01-05", "", "", "10:00", "12:00", "2026-01-05", "2026-01-12", []string{"2026-01-05T10:00+00:00/120", "2026-01-07T10:00+00:00/120", "2026-01-09T10:00+00:00/120"}},
		{"weekly weekday from dtstart", "FREQ=WEEKLY", "2026-01-07", "", "", "14:00", "16:00", "2026-01-01", "2026-01-22", []string{"2026-01-07T14:00+00:00/120", "2026-01-14T14:00+00:00/120", "2026-01-21T14:00+00:00/120"}},
		{"weekend", "FREQ=WEEKLY;BYDAY=SA,SU", "2026-01-01", "", "", "10:30", "12:30", "2026-01-01", "2026-01-12", []string{"2026-01-03T10:30+00:00/120", "2026-01-04T10:30+00:00/120", "2026-01-10T10:30+00:00/120", "2026-01-11T10:30+00:00/120"}},
		{"no anchor needed for plain weekly", "FREQ=WEEKLY;BYDAY=TH", "", "", "", "10:00", "12:00", "2026-02-01", "2026-02-20", []string{"2026-02-05T10:00+00:00/120", "2026-02-12T10:00+00:00/120", "2026-02-19T10:00+00:00/120"}},
		{"fortnightly from dtstart", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-06", "", "", "10:00", "12:00", "2026-01-01", "2026-02-10", []string{"2026-01-06T10:00+00:00/120", "2026-01-20T10:00+00:00/120", "2026-02-03T10:00+00:00/120"}},
		{"fortnightly anchored years ago", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2019-01-08", "", "", "10:00", "12:00", "2026-06-01", "2026-07-01", []string{"2026-06-02T10:00+01:00/120", "2026-06-16T10:00+01:00/120", "2026-06-30T10:00+01:00/120"}},
		{"fortnightly dtstart off-rule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-08", "", "", "10:00", "12:00", "2026-01-01", "2026-02-10", []string{"2026-01-20T10:00+00:00/120", "2026-02-03T10:00+00:00/120"}},
		{"every third week", "FREQ=WEEKLY;INTERVAL=3;BYDAY=WE", "2026-01-07", "", "", "10:00", "12:00", "2026-01-01", "2026-03-01", []string{"2026-01-07T10:00+00:00/120", "2026-01-28T10:00+00:00/120", "2026-02-18T10:00+00:00/120"}},
		{"rfc wkst monday", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "1997-08-05", "", "", "09:00", "11:00", "1997-08-01", "1997-09-30", []string{"1997-08-05T09:00+01:00/120", "1997-08-10T09:00+01:00/120", "1997-08-19T09:00+01:00/120", "1997-08-24T09:00+01:00/120"}},
		{"rfc wkst sunday", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "1997-08-05", "", "", "09:00", "11:00", "1997-08-01", "1997-09-30", []string{"1997-08-05T09:00+01:00/120", "1997-08-17T09:00+01:00/120", "1997-08-19T09:00+01:00/120", "1997-08-31T09:00+01:00/120"}},
		{"second monday", "FREQ=MONTHLY;BYDAY=2MO", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-07-01", []string{"2026-01-12T10:00+00:00/120", "2026-02-09T10:00+00:00/120", "2026-03-09T10:00+00:00/120", "2026-04-13T10:00+01:00/120", "2026-05-11T10:00+01:00/120", "2026-06-08T10:00+01:00/120"}},
		{"last friday", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01", "", "", "14:00", "16:00", "2026-01-01", "2026-07-01", []string{"2026-01-30T14:00+00:00/120", "2026-02-27T14:00+00:00/120", "2026-03-27T14:00+00:00/120", "2026-04-24T14:00+01:00/120", "2026-05-29T14:00+01:00/120", "2026-06-26T14:00+01:00/120"}},
		{"first and third saturday", "FREQ=MONTHLY;BYDAY=1SA,3SA", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-04-01", []string{"2026-01-03T10:00+00:00/120", "2026-01-17T10:00+00:00/120", "2026-02-07T10:00+00:00/120", "2026-02-21T10:00+00:00/120", "2026-03-07T10:00+00:00/120", "2026-03-21T10:00+00:00/120"}},
		{"second to last wednesday", "FREQ=MONTHLY;BYDAY=-2WE", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-05-01", []string{"2026-01-21T10:00+00:00/120", "2026-02-18T10:00+00:00/120", "2026-03-18T10:00+00:00/120", "2026-04-22T10:00+01:00/120"}},
		{"fifth thursday", "FREQ=MONTHLY;BYDAY=5TH", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2027-01-01", []string{"2026-01-29T10:00+00:00/120", "2026-04-30T10:00+01:00/120", "2026-07-30T10:00+01:00/120", "2026-10-29T10:00+00:00/120", "2026-12-31T10:00+00:00/120"}},
		{"fifteenth", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-05-01", []string{"2026-01-15T10:00+00:00/120", "2026-02-15T10:00+00:00/120", "2026-03-15T10:00+00:00/120", "2026-04-15T10:00+01:00/120"}},
		{"last day of month", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-05-01", []string{"2026-01-31T10:00+00:00/120", "2026-02-28T10:00+00:00/120", "2026-03-31T10:00+01:00/120", "2026-04-30T10:00+01:00/120"}},
		{"second to last day leap year", "FREQ=MONTHLY;BYMONTHDAY=-2", "2028-01-01", "", "", "10:00", "12:00", "2028-01-01", "2028-04-01", []string{"2028-01-30T10:00+00:00/120", "2028-02-28T10:00+00:00/120", "2028-03-30T10:00+01:00/120"}},
		{"thirty-first skips short months", "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-07-01", []string{"2026-01-31T10:00+00:00/120", "2026-03-31T10:00+01:00/120", "2026-05-31T10:00+01:00/120"}},
		{"monthly day from dtstart", "FREQ=MONTHLY", "2026-01-30", "", "", "10:00", "12:00", "2026-01-01", "2026-05-01", []string{"2026-01-30T10:00+00:00/120", "2026-03-30T10:00+01:00/120", "2026-04-30T10:00+01:00/120"}},
		{"friday the thirteenth", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-01-01", "", "", "18:00", "20:00", "2026-01-01", "2027-01-01", []string{"2026-02-13T18:00+00:00/120", "2026-03-13T18:00+00:00/120", "2026-11-13T18:00+00:00/120"}},
		{"every other month first wednesday", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE", "2026-01-07", "", "", "10:00", "12:00", "2026-01-01", "2026-07-01", []string{"2026-01-07T10:00+00:00/120", "2026-03-04T10:00+00:00/120", "2026-05-06T10:00+01:00/120"}},
		{"quarterly first of month", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", "2025-11-01", "", "", "10:00", "12:00", "2026-01-01", "2027-01-01", []string{"2026-02-01T10:00+00:00/120", "2026-05-01T10:00+01:00/120", "2026-08-01T10:00+01:00/120", "2026-11-01T10:00+00:00/120"}},
		{"monthly across the year end", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01", "", "", "10:00", "12:00", "2026-12-01", "2027-02-01", []string{"2026-12-25T10:00+00:00/120", "2027-01-29T10:00+00:00/120"}},
		{"count", "FREQ=WEEKLY;BYDAY=TH;COUNT=3", "2026-01-01", "", "", "10:00", "12:00", "2026-01-01", "2026-04-01", []string{"2026-01-01T10:00+00:00/120", "2026-01-08T10:00+00:00/120", "2026-01-15T10:00+00:00/120"}},
		{"count counted from dtstart not window", "FREQ=WEEKLY;BYDAY=MO;COUNT=5", "2026-01-05", "", "", "10:00", "12:00", "2026-01-20", "2026-04-01", []string{"2026-01-26T10:00+00:00/120", "2026-02-02T10:00+00:00/120"}},
		{"until date inclusive", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260121", "2026-01-07", "", "", "10:00", "12:00", "2026-01-01", "2026-03-01", []string{"2026-01-07T10:00+00:00/120", "2026-01-14T10:00+00:00/120", "2026-01-21T10:00+00:00/120"}},
		{"until utc instant before start", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260121T095959Z", "2026-01-07", "", "", "10:00", "12:00", "2026-01-01", "2026-03-01", []string{"2026-01-07T10:00+00:00/120", "2026-01-14T10:00+00:00/120"}},
		{"until floating time equal to start", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260121T100000", "2026-01-07", "", "", "10:00", "12:00", "2026-01-01", "2026-03-01", []string{"2026-01-07T10:00+00:00/120", "2026-01-14T10:00+00:00/120", "2026-01-21T10:00+00:00/120"}},
		{"until utc in summer", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260617T090000Z", "2026-06-03", "", "", "10:00", "12:00", "2026-06-01", "2026-08-01", []string{"2026-06-03T10:00+01:00/120", "2026-06-10T10:00+01:00/120", "2026-06-17T10:00+01:00/120"}},
		{"valid_to cuts off", "FREQ=WEEKLY;BYDAY=MO", "2026-01-05", "", "2026-01-19", "10:00", "12:00", "2026-01-01", "2026-03-01", []string{"2026-01-05T10:00+00:00/120", "2026-01-12T10:00+00:00/120", "2026-01-19T10:00+00:00/120"}},
		{"valid_from starts late", "FREQ=WEEKLY;BYDAY=MO", "", "2026-01-10", "", "10:00", "12:00", "2026-01-01", "2026-01-27", []string{"2026-01-12T10:00+00:00/120", "2026-01-19T10:00+00:00/120", "2026-01-26T10:00+00:00/120"}},
		{"valid_from anchors interval", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "", "2026-01-07", "", "10:00", "12:00", "2026-01-01", "2026-02-10", []string{"2026-01-19T10:00+00:00/120", "2026-02-02T10:00+00:00/120"}},
		{"dtstart anchors, valid_from filters", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-01-05", "2026-01-20", "", "10:00", "12:00", "2026-01-01", "2026-02-20", []string{"2026-02-02T10:00+00:00/120", "2026-02-16T10:00+00:00/120"}},
		{"valid window outside range", "FREQ=WEEKLY;BYDAY=MO", "2026-01-05", "2026-01-01", "2026-01-31", "10:00", "12:00", "2026-03-01", "2026-04-01", []string{}},
		{"spring forward weekly sunday", "FREQ=WEEKLY;BYDAY=SU", "2026-03-01", "", "", "10:00", "12:00", "2026-03-22", "2026-04-06", []string{"2026-03-22T10:00+00:00/120", "2026-03-29T10:00+01:00/120", "2026-04-05T10:00+01:00/120"}},
		{"fall back weekly sunday", "FREQ=WEEKLY;BYDAY=SU", "2026-10-04", "", "", "10:00", "12:00", "2026-10-18", "2026-11-02", []string{"2026-10-18T10:00+01:00/120", "2026-10-25T10:00+00:00/120", "2026-11-01T10:00+00:00/120"}},
		{"last sunday is spring forward day", "FREQ=MONTHLY;BYDAY=-1SU", "2026-01-01", "", "", "10:00", "12:00", "2026-02-01", "2026-05-01", []string{"2026-02-22T10:00+00:00/120", "2026-03-29T10:00+01:00/120", "2026-04-26T10:00+01:00/120"}},
		{"last sunday is fall back day", "FREQ=MONTHLY;BYDAY=-1SU", "2026-01-01", "", "", "10:00", "12:00", "2026-09-01", "2026-12-01", []string{"2026-09-27T10:00+01:00/120", "2026-10-25T10:00+00:00/120", "2026-11-29T10:00+00:00/120"}},
		{"evening session across spring change", "FREQ=WEEKLY;BYDAY=SA,SU", "2026-03-01", "", "", "18:00", "20:30", "2026-03-28", "2026-03-30", []string{"2026-03-28T18:00+00:00/150", "2026-03-29T18:00+01:00/150"}},
		{"odd time in spring gap", "FREQ=WEEKLY;BYDAY=SU", "2026-03-22", "", "", "01:30", "03:00", "2026-03-22", "2026-04-06", []string{"2026-03-22T01:30+00:00/90", "2026-03-29T01:30+00:00/30", "2026-04-05T01:30+01:00/90"}},
		{"odd time in autumn overlap", "FREQ=WEEKLY;BYDAY=SU", "2026-10-18", "", "", "01:30", "02:30", "2026-10-18", "2026-11-02", []string{"2026-10-18T01:30+01:00/60", "2026-10-25T01:30+01:00/120", "2026-11-01T01:30+00:00/60"}},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseRRule(tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			s := Schedule{
				ID: "s1", ActivityID: "a1", RRule: r,
				DTStart: mustDate(t, tc.dtstart), ValidFrom: mustDate(t, tc.validFrom), ValidTo: mustDate(t, tc.validTo),
				OpensAt: mustClock(t, tc.opens), ClosesAt: mustClock(t, tc.closes),
			}
			from, to := mustDate(t, tc.from), mustDate(t, tc.to)
			got := s.Sessions(WallTime(from, 0, loc), WallTime(to, 0, loc), loc)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d sessions %v, want %d %v", len(got), describe(got), len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				checkSession(t, got[i], w, loc)
			}
		})
	}
}

func checkSession(t *testing.T, got Session, want string, loc *time.Location) {
	t.Helper()
	ts, mins, _ := strings.Cut(want, "/")
	start, err := time.Parse("2006-01-02T15:04-07:00", ts)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := strconv.Atoi(mins)
	if !got.Start.Equal(start) {
		t.Errorf("start %s (%s UTC), want %s", got.Start, got.Start.UTC().Format(time.RFC3339), want)
	}
	if got.Duration() != time.Duration(m)*time.Minute {
		t.Errorf("session at %s lasts %s, want %d minutes", got.Start, got.Duration(), m)
	}
	if got.Start.Location() != loc || got.ActivityID != "a1" || got.ScheduleID != "s1" {
		t.Errorf("session %+v: want location %s and ids a1/s1", got, loc)
	}
}

func describe(ss []Session) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Start.Format("2006-01-02T15:04-07:00") + "/" + strconv.Itoa(int(s.Duration().Minutes()))
	}
	return out
}
