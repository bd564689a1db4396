package transit

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestPropertyDayKeyWithin: two dates with the same DayKeyWithin(lo, hi)
// give every range search that rides only within [lo, hi] — forward from
// lo or later with a horizon at hi or before, reverse to hi or earlier
// with a horizon at lo or after — the same profile at every stop. The
// networks have services on some weekdays, calendar dates either side of
// genDate and trips past midnight, so keys that differ only outside the
// range are common; the test fails if no drawn pair had such keys.
func TestPropertyDayKeyWithin(t *testing.T) {
	var sharedOnlyWithin int
	rapid.Check(t, func(t *rapid.T) {
		in := genNetwork(t, genOpts{})
		s := buildT(t, in)
		a := genDate + Date(rapid.IntRange(-2, 2).Draw(t, "a"))
		b := a + Date(rapid.IntRange(1, 8).Draw(t, "b"))
		lo := int32(rapid.IntRange(0, 14*3600).Draw(t, "lo"))
		hi := lo + int32(rapid.IntRange(0, 16*3600).Draw(t, "span"))
		if s.DayKeyWithin(a, lo, hi) != s.DayKeyWithin(b, lo, hi) {
			return
		}
		if s.DayKey(a) != s.DayKey(b) {
			sharedOnlyWithin++
		}
		p := genParams(t)
		p.MaxDuration = 0
		reverse := rapid.Bool().Draw(t, "reverse")
		p.Time = lo + int32(rapid.IntRange(0, int(hi-lo)).Draw(t, "at"))
		window := int32(rapid.IntRange(0, int(hi-p.Time)).Draw(t, "window"))
		if reverse {
			p.Horizon = max(1, lo+int32(rapid.IntRange(0, int(p.Time-lo)).Draw(t, "horizon")))
		} else {
			p.Horizon = max(1, p.Time+window+int32(rapid.IntRange(0, int(hi-p.Time-window)).Draw(t, "horizon")))
		}
		ends := genEndpoints(t, len(in.Stops), "ends")
		profiles := func(d Date) [][]ProfilePoint {
			q := p
			q.Date = d
			w := NewSearcher(s)
			var res *RangeResult
			var err error
			if reverse {
				res, err = w.ReverseRange(ends, q, window)
			} else {
				res, err = w.ForwardRange(ends, q, window)
			}
			if err != nil {
				t.Fatal(err)
			}
			out := make([][]ProfilePoint, s.NumStops())
			for v := range out {
				out[v] = res.Profile(int32(v), nil)
			}
			return out
		}
		pa, pb := profiles(a), profiles(b)
		for v := range pa {
			if !slices.Equal(pa[v], pb[v]) {
				t.Fatalf("stop %d, range [%d, %d], %+v: on %s %v, on %s %v", v, lo, hi, p, a, pa[v], b, pb[v])
			}
		}
	})
	if sharedOnlyWithin == 0 {
		t.Error("no pair of dates shared a key only within the range: the test compared nothing DayKey would not")
	}
}

// DayKeyWithin compares what can be ridden, not service names: a Monday
// and a Tuesday whose services (one a day) copy the same timetable share
// a key; a Wednesday whose copy runs a minute later, or whose trip is not
// step-free, does not; and a night bus of the day before counts only when
// it runs into the range.
func TestDayKeyWithinComparesTimetables(t *testing.T) {
	in := line([]int32{100, 200, 300}, []int32{36000, 36600, 37200}, []int32{36000, 36600, 37200},
		[]int32{36060, 36660, 37260}, []int32{36000, 36600, 37200}, []int32{90000, 90600, 91200})
	in.Calendars = nil
	for i, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		id := wd.String()
		in.Calendars = append(in.Calendars, Calendar{FeedID: "f", ServiceID: id, Days: Weekdays(wd), Start: genDate - 30, End: genDate + 30})
		in.Trips[i+1].ServiceID = id
	}
	in.Trips[0].ServiceID = "Monday" // 00:01 on Mondays
	in.Trips[4].Wheelchair = 2       // Thursday's copy: not step-free
	in.Trips[5].ServiceID = "Friday" // 25:00 on Fridays, a Saturday 01:00 bus
	s := buildT(t, in)
	mon := genDate - 2
	if mon.Weekday() != time.Monday {
		t.Fatalf("%s is a %s", mon, mon.Weekday())
	}
	key := func(d Date, lo, hi int32) string { return s.DayKeyWithin(d, lo, hi) }
	if s.DayKey(mon+1) == s.DayKey(mon+2) {
		t.Fatal("Tuesday and Wednesday run different services but have one DayKey")
	}
	switch {
	case key(mon, 3600, 86400) != key(mon+1, 3600, 86400):
		t.Error("Monday and Tuesday run the same timetable after 01:00 but differ")
	case key(mon, 0, 86400) == key(mon+1, 0, 86400):
		t.Error("Monday's 00:01 bus left its key unchanged")
	case key(mon+2, 3600, 86400) == key(mon+1, 3600, 86400):
		t.Error("Wednesday's bus a minute later left its key unchanged")
	case key(mon+3, 3600, 86400) == key(mon+1, 3600, 86400):
		t.Error("Thursday's bus that is not step-free left its key unchanged")
	case key(mon+4, 7200, 86400) != key(mon+5, 7200, 86400):
		t.Error("Friday's night bus, over by 01:20 on Saturday, changed Saturday's key from 02:00")
	case key(mon+4, 0, 86400) == key(mon+5, 0, 86400):
		t.Error("Friday's night bus, running on Saturday until 01:20, left Saturday's key from 00:00 unchanged")
	case key(mon+1, 0, 30000) != key(mon+4, 0, 30000):
		t.Error("Tuesday and Friday differ before any of their buses runs")
	}
	// Tuesday's and Thursday's copies made step-free (surveyed: yes) are
	// one timetable, and Monday's (unknown) no longer Tuesday's; the
	// original's keys stay as they were.
	thursday := key(mon+3, 3600, 86400)
	d, err := s.Derive(Edit{StepFreeTrips: []int32{2, 4}})
	if err != nil {
		t.Fatal(err)
	}
	dkey := func(x Date) string { return d.DayKeyWithin(x, 3600, 86400) }
	if dkey(mon+3) != dkey(mon+1) || dkey(mon) == dkey(mon+1) {
		t.Error("the derived keys do not follow the trips made step-free")
	}
	if key(mon+3, 3600, 86400) != thursday || key(mon, 3600, 86400) != key(mon+1, 3600, 86400) {
		t.Error("deriving changed the original's keys")
	}
}
