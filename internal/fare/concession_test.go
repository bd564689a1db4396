package fare

import (
	"fmt"
	"testing"
	"time"
)

func mustNew(t testing.TB, cfg Config, feeds map[string]FeedFares) *Calculator {
	t.Helper()
	c, err := New(cfg, feeds)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The national window over every quarter hour of a normal week (Monday 11
// to Sunday 17 May 2026) and of the early May bank holiday, Monday 4 May
// 2026: a bus boarding is free on weekdays from 09:30 inclusive to 23:00
// exclusive and at any time at weekends and on the bank holiday; rail and
// coach never are, and dial-a-ride is not without an extension.
func TestConcessionWindowEveryQuarterHour(t *testing.T) {
	c := mustNew(t, DefaultEngland(), nil)
	days := []struct {
		date    string
		allDay  bool
		weekday time.Weekday
	}{
		{"2026-05-11", false, time.Monday}, {"2026-05-12", false, time.Tuesday}, {"2026-05-13", false, time.Wednesday},
		{"2026-05-14", false, time.Thursday}, {"2026-05-15", false, time.Friday}, {"2026-05-16", true, time.Saturday},
		{"2026-05-17", true, time.Sunday}, {"2026-05-04", true, time.Monday},
	}
	freeCount := 0
	for _, d := range days {
		for q := range 96 {
			board := at(t, fmt.Sprintf("%s %02d:%02d", d.date, q/4, q%4*15))
			if board.Weekday() != d.weekday {
				t.Fatalf("%s is a %s", d.date, board.Weekday())
			}
			want := d.allDay || (q >= 38 && q < 92) // quarter 38 is 09:30, 92 is 23:00
			if got := c.ConcessionFree(board, Bus, ""); got != want {
				t.Errorf("bus at %s: free %v, want %v", board.Format("Mon 2006-01-02 15:04"), got, want)
			}
			for _, m := range []Mode{Rail, Coach, DialARide, Tram, Ferry, Other} {
				if c.ConcessionFree(board, m, "") {
					t.Errorf("%s at %s: free, want never", m, board.Format("Mon 2006-01-02 15:04"))
				}
			}
			if want {
				freeCount++
			}
		}
	}
	if want := 5*54 + 3*96; freeCount != want {
		t.Errorf("%d free quarter hours, want %d", freeCount, want)
	}
}

func TestConcessionEdges(t *testing.T) {
	c := mustNew(t, Config{}, nil)
	cases := []struct {
		at   string
		want bool
	}{
		{"2026-05-12 09:29:59", false}, {"2026-05-12 09:30:00", true},
		{"2026-05-12 22:59:59", true}, {"2026-05-12 23:00:00", false},
		{"2026-05-16 00:00:00", true}, {"2026-05-18 00:30:00", false}, // Saturday night; Monday after midnight
		{"2026-12-28 08:00:00", true}, // Boxing Day substitute
	}
	for _, cs := range cases {
		board, _ := time.Parse(time.DateTime, cs.at)
		if got := c.ConcessionFree(board, Bus, ""); got != cs.want {
			t.Errorf("%s: %v, want %v", cs.at, got, cs.want)
		}
	}
}

// The window is judged on the boarding time's own clock: 09:15 UTC is
// 10:15 in London in summer.
func TestConcessionLocalClock(t *testing.T) {
	c := mustNew(t, Config{}, nil)
	utc := at(t, "2026-05-12 09:15")
	if c.ConcessionFree(utc, Bus, "") {
		t.Error("09:15 free")
	}
	if !c.ConcessionFree(utc.In(time.FixedZone("BST", 3600)), Bus, "") {
		t.Error("10:15 BST not free")
	}
}

func TestExtensions(t *testing.T) {
	cfg := Config{Extensions: []Extension{
		{Authority: "E06000046", EarlierStart: "09:00", ExtraModes: []Mode{DialARide}, CompanionAllowed: true},
		{Authority: "E06000017", EarlierStart: "00:00", LaterEnd: "24:00"},
	}}
	c := mustNew(t, cfg, nil)
	nine, early := at(t, "2026-05-12 09:00"), at(t, "2026-05-12 08:45")
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"iow 09:00 bus", c.ConcessionFree(nine, Bus, "E06000046"), true},
		{"iow 08:45 bus", c.ConcessionFree(early, Bus, "E06000046"), false},
		{"iow 09:00 dial-a-ride", c.ConcessionFree(nine, DialARide, "E06000046"), true},
		{"iow 09:00 rail", c.ConcessionFree(nine, Rail, "E06000046"), false},
		{"national 09:00 bus", c.ConcessionFree(nine, Bus, ""), false},
		{"unlisted 09:00 bus", c.ConcessionFree(nine, Bus, "E09000001"), false},
		{"rutland 00:00 bus", c.ConcessionFree(at(t, "2026-05-12 00:00"), Bus, "E06000017"), true},
		{"rutland 23:45 bus", c.ConcessionFree(at(t, "2026-05-12 23:45"), Bus, "E06000017"), true},
		{"rutland dial-a-ride", c.ConcessionFree(nine, DialARide, "E06000017"), false},
	}
	for _, cs := range cases {
		if cs.got != cs.want {
			t.Errorf("%s: %v, want %v", cs.name, cs.got, cs.want)
		}
	}
}

// A companion pays the fare unless the holder's authority allows one, and
// then rides free only when the holder does.
func TestCompanion(t *testing.T) {
	cfg := DefaultEngland()
	cfg.Extensions = []Extension{{Authority: "A", CompanionAllowed: true}}
	c := mustNew(t, cfg, nil)
	bus := Ride{Mode: Bus, FeedID: "f", RouteID: "1", Board: at(t, "2026-05-12 10:00")}
	earlyBus := bus
	earlyBus.Board = at(t, "2026-05-12 08:00")
	cases := []struct {
		name string
		r    Ride
		who  Rider
		want int64
	}{
		{"holder alone", bus, Rider{Concession: true}, 0},
		{"holder with companion, national", bus, Rider{Concession: true, Companion: true}, 300},
		{"holder with companion, allowed", bus, Rider{Concession: true, Companion: true, Authority: "A"}, 0},
		{"allowed but before 09:30", earlyBus, Rider{Concession: true, Companion: true, Authority: "A"}, 600},
		{"allowed but boarding elsewhere", withAuthority(bus, "B"), Rider{Concession: true, Companion: true, Authority: "A"}, 300},
		{"no pass, companion", bus, Rider{Companion: true}, 600},
	}
	for _, cs := range cases {
		got := c.RideFare(cs.r, cs.who)
		if got.Pence != cs.want || got.Confidence == Unknown {
			t.Errorf("%s: %+v, want %dp", cs.name, got, cs.want)
		}
	}
}

func withAuthority(r Ride, a string) Ride { r.Authority = a; return r }
