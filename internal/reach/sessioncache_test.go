package reach

import (
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/transit"
)

func weekly(t *testing.T, id, byDay string) Activity {
	rr, err := heritage.ParseRRule("FREQ=WEEKLY;BYDAY=" + byDay)
	if err != nil {
		t.Fatal(err)
	}
	return Activity{Activity: heritage.Activity{ID: id, Schedules: []heritage.Schedule{{RRule: rr,
		DTStart: heritage.Date{Year: 2026, Month: 12, Day: 1}, OpensAt: 10 * 3600, ClosesAt: 12 * 3600}}}}
}

// The cache hands back what it expanded for the same list and days, and
// expands again for other days, for another list of the same length, and
// after the list has fallen out of it.
func TestSessionCache(t *testing.T) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	acts := []Activity{weekly(t, "a", "MO"), weekly(t, "b", "TU,TH")}
	other := []Activity{weekly(t, "a", "MO"), weekly(t, "b", "TU,TH")}
	from := time.Date(2026, 12, 7, 0, 0, 0, 0, loc)
	week := from.AddDate(0, 0, 7)
	var c SessionCache
	first := c.get(acts, from, week)
	if len(first) != 3 || first[0].act != &acts[0] || first[0].startText != "2026-12-07T10:00:00Z" {
		t.Fatalf("expanded %d sessions, first %+v", len(first), first[0])
	}
	same := func(a, b []session) bool { return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0] }
	if !same(c.get(acts, from, week), first) {
		t.Error("the same list and days were expanded again")
	}
	if got := c.get(acts, from, from.AddDate(0, 0, 14)); same(got, first) || len(got) != 6 {
		t.Errorf("a fortnight gave %d sessions, or the week's", len(got))
	}
	if got := c.get(other, from, week); same(got, first) || got[0].act != &other[0] {
		t.Error("another list of the same length got the first list's sessions")
	}
	for d := range sessionCacheSize {
		c.get(acts, from.AddDate(0, 0, d+1), week.AddDate(0, 0, d+1))
	}
	if same(c.get(acts, from, week), first) {
		t.Error("the cache kept more than sessionCacheSize pairs")
	}
	var none *SessionCache
	if got := none.get(acts, from, week); len(got) != 3 || same(got, first) {
		t.Error("a nil cache did not expand")
	}
}

// The pool lends back what was returned for the same snapshot, keeps at
// most poolKeep per snapshot, and lets the oldest snapshot go when a
// newer one is pooled past poolSnapshots.
func TestPoolKeepsSearchersPerSnapshot(t *testing.T) {
	snap := func() *transit.Snapshot {
		s, err := transit.Build(transit.Input{Feeds: []transit.Feed{{ID: "f", Timezone: time.UTC}}}, transit.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	var p Pool
	a := snap()
	x := p.get(a)
	p.put(a, x)
	if p.get(a) != x {
		t.Fatal("the pool did not lend back the searchers returned for the snapshot")
	}
	if b := snap(); p.get(b) == x {
		t.Fatal("another snapshot got the first one's searchers")
	}
	for range poolKeep + 3 {
		p.put(a, newSearchers(a))
	}
	if n := len(p.lists[0].free); n != poolKeep {
		t.Errorf("kept %d sets, want %d", n, poolKeep)
	}
	for range poolSnapshots {
		s := snap()
		p.put(s, newSearchers(s))
	}
	for _, l := range p.lists {
		if l.snap == a {
			t.Error("the oldest snapshot was kept past poolSnapshots newer ones")
		}
	}
	if len(p.lists) != poolSnapshots {
		t.Errorf("%d snapshots pooled, want %d", len(p.lists), poolSnapshots)
	}
}
