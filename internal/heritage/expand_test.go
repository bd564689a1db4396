package heritage

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// refMatches is a deliberately naive reading of the rule, day by day, to
// check the period-by-period expansion against.
func refMatches(r RRule, anchor, d Date) bool {
	if r.Freq == FreqWeekly {
		days := r.ByDay
		if len(days) == 0 {
			days = []WeekdayNum{{Weekday: anchor.Weekday()}}
		}
		if !slices.ContainsFunc(days, func(w WeekdayNum) bool { return w.Weekday == d.Weekday() }) {
			return false
		}
		weekStart := func(x Date) int64 { return x.days() - int64((int(x.Weekday())-int(r.weekStart())+7)%7) }
		return (weekStart(d)-weekStart(anchor))/7%int64(r.interval()) == 0
	}
	months := (d.Year*12 + int(d.Month)) - (anchor.Year*12 + int(anchor.Month))
	if months%r.interval() != 0 {
		return false
	}
	n := daysIn(d.Year, d.Month)
	mdOK := slices.ContainsFunc(r.ByMonthDay, func(v int) bool { return v == d.Day || v == d.Day-n-1 })
	dOK := slices.ContainsFunc(r.ByDay, func(w WeekdayNum) bool {
		switch {
		case w.Weekday != d.Weekday():
			return false
		case w.Ordinal > 0:
			return (d.Day-1)/7+1 == w.Ordinal
		case w.Ordinal < 0:
			return (n-d.Day)/7+1 == -w.Ordinal
		}
		return true
	})
	switch {
	case len(r.ByMonthDay) > 0 && len(r.ByDay) > 0:
		return mdOK && dOK
	case len(r.ByMonthDay) > 0:
		return mdOK
	case len(r.ByDay) > 0:
		return dOK
	}
	return d.Day == anchor.Day
}

func refDates(r RRule, anchor, lo, hi Date) []Date {
	var out []Date
	count := 0
	for d := anchor; !d.After(hi); d = d.AddDays(1) {
		if !refMatches(r, anchor, d) {
			continue
		}
		count++
		if r.Count > 0 && count > r.Count {
			break
		}
		if !d.Before(lo) {
			out = append(out, d)
		}
	}
	return out
}

func genRule(t *rapid.T) RRule {
	r := RRule{Freq: rapid.SampledFrom([]Freq{FreqWeekly, FreqMonthly}).Draw(t, "freq"), Interval: rapid.IntRange(1, 4).Draw(t, "interval")}
	for range rapid.IntRange(0, 3).Draw(t, "ndays") {
		w := WeekdayNum{Weekday: time.Weekday(rapid.IntRange(0, 6).Draw(t, "wd"))}
		if r.Freq == FreqMonthly {
			w.Ordinal = rapid.SampledFrom([]int{0, 1, 2, 3, 4, 5, -1, -2, -5}).Draw(t, "ord")
		}
		r.ByDay = append(r.ByDay, w)
	}
	if r.Freq == FreqMonthly {
		for range rapid.IntRange(0, 2).Draw(t, "nmd") {
			r.ByMonthDay = append(r.ByMonthDay, rapid.SampledFrom([]int{1, 2, 13, 15, 28, 29, 30, 31, -1, -2, -7, -31}).Draw(t, "md"))
		}
	}
	if rapid.Bool().Draw(t, "hasCount") {
		r.Count = rapid.IntRange(1, 30).Draw(t, "count")
	}
	if rapid.Bool().Draw(t, "hasWkst") {
		wk := time.Weekday(rapid.IntRange(0, 6).Draw(t, "wkst"))
		r.WeekStart = &wk
	}
	return r
}

// TestExpansionMatchesReference compares Sessions with a day-by-day reading
// of random rules over random windows.
func TestExpansionMatchesReference(t *testing.T) {
	loc := london(t)
	base := Date{2024, 1, 1}
	rapid.Check(t, func(t *rapid.T) {
		r := genRule(t)
		anchor := base.AddDays(rapid.IntRange(0, 1000).Draw(t, "anchor"))
		lo := base.AddDays(rapid.IntRange(0, 1400).Draw(t, "lo"))
		hi := lo.AddDays(rapid.IntRange(0, 400).Draw(t, "len"))
		s := Schedule{RRule: r, DTStart: anchor, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(12, 0, 0)}
		got := s.Sessions(WallTime(lo, 0, loc), WallTime(hi.AddDays(1), 0, loc), loc)
		want := refDates(r, anchor, lo, hi)
		if len(got) != len(want) {
			t.Fatalf("rule %s from %s, window %s..%s: got %d sessions %v, want %d %v", r, anchor, lo, hi, len(got), describe(got), len(want), want)
		}
		for i, g := range got {
			if DateOf(g.Start) != want[i] || g.Start.Hour() != 10 || g.Duration() != 2*time.Hour {
				t.Fatalf("rule %s: session %d at %s, want %s 10:00 for 2h", r, i, g.Start, want[i])
			}
		}
	})
}

// TestWallClockStableAcrossYear checks the invariant the BST cases sample:
// a weekly 10:00-12:00 session is 10:00-12:00 on the local clock every week
// of a year, whatever its UTC instant.
func TestWallClockStableAcrossYear(t *testing.T) {
	loc := london(t)
	r, _ := ParseRRule("FREQ=WEEKLY;BYDAY=SU")
	s := Schedule{RRule: r, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(12, 0, 0)}
	got := s.Sessions(time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2027, 1, 1, 0, 0, 0, 0, loc), loc)
	if len(got) != 52 {
		t.Fatalf("got %d Sundays in 2026, want 52", len(got))
	}
	bst := 0
	for _, x := range got {
		if x.Start.Hour() != 10 || x.Start.Minute() != 0 || x.End.Hour() != 12 || x.Duration() != 2*time.Hour {
			t.Errorf("session %s-%s", x.Start, x.End)
		}
		if _, off := x.Start.Zone(); off == 3600 {
			bst++
		}
	}
	// 2026 BST runs from 29 March to 25 October: Sundays 29 Mar..18 Oct.
	if bst != 30 {
		t.Errorf("%d sessions in BST, want 30", bst)
	}
}

func TestActivitySessionsMerged(t *testing.T) {
	loc := london(t)
	weekly, _ := ParseRRule("FREQ=WEEKLY;BYDAY=TU,TH")
	monthly, _ := ParseRRule("FREQ=MONTHLY;BYDAY=-1FR")
	a := Activity{ID: "a", SiteID: "s", Schedules: []Schedule{
		{ID: "m", RRule: monthly, OpensAt: NewClock(18, 0, 0), ClosesAt: NewClock(20, 0, 0)},
		{ID: "w", RRule: weekly, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(12, 0, 0)},
	}}
	got := a.Sessions(time.Date(2026, 1, 26, 0, 0, 0, 0, loc), time.Date(2026, 2, 2, 0, 0, 0, 0, loc), loc)
	want := []string{"2026-01-27T10:00+00:00/120", "2026-01-29T10:00+00:00/120", "2026-01-30T18:00+00:00/120"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", describe(got), want)
	}
	for i := range want {
		if describe(got)[i] != want[i] || got[i].ActivityID != "a" {
			t.Errorf("session %d = %s (%s), want %s for activity a", i, describe(got)[i], got[i].ActivityID, want[i])
		}
	}
}

func TestSessionsEmptyAndInvalid(t *testing.T) {
	loc := london(t)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	weekly, _ := ParseRRule("FREQ=WEEKLY;BYDAY=MO")
	fortnightly, _ := ParseRRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
	ok := Schedule{RRule: weekly, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(11, 0, 0)}
	if n := len(ok.Sessions(from, from, loc)); n != 0 {
		t.Errorf("empty range gave %d sessions", n)
	}
	if n := len(ok.Sessions(from.AddDate(0, 0, 7), from, loc)); n != 0 {
		t.Errorf("reversed range gave %d sessions", n)
	}
	if n := len(ok.Sessions(from, from.AddDate(0, 0, 7), nil)); n != 1 {
		t.Errorf("nil location (UTC) gave %d sessions in a week, want 1", n)
	}
	bad := []Schedule{
		{RRule: fortnightly, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(11, 0, 0)}, // no anchor
		{RRule: weekly, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(10, 0, 0)},      // empty
		{RRule: weekly, OpensAt: NewClock(14, 0, 0), ClosesAt: NewClock(10, 0, 0)},      // backwards
		{RRule: RRule{}, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(11, 0, 0)},     // no FREQ
		{RRule: weekly, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(11, 0, 0), ValidFrom: Date{2026, 2, 1}, ValidTo: Date{2026, 1, 1}},
	}
	for i, s := range bad {
		if s.Validate() == nil {
			t.Errorf("schedule %d validated", i)
		}
		if n := len(s.Sessions(from, from.AddDate(0, 1, 0), loc)); n != 0 {
			t.Errorf("invalid schedule %d gave %d sessions", i, n)
		}
	}
}
