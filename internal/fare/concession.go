package fare

import "time"

// The national concession's weekday window, in seconds after midnight:
// from 09:30 inclusive to 23:00 exclusive.
const (
	nationalStart = 9*3600 + 30*60
	nationalEnd   = 23 * 3600
)

// window is one authority's weekday window and covered modes, resolved
// from its Extension once.
type window struct {
	start, end int
	dialARide  bool
	tram       bool
	companion  bool
}

func nationalWindow() window { return window{start: nationalStart, end: nationalEnd} }

func windowOf(e Extension) window {
	w := nationalWindow()
	if s, _ := clockBetween(e.EarlierStart, 0, nationalStart); s >= 0 {
		w.start = s
	}
	if s, _ := clockBetween(e.LaterEnd, nationalEnd, 24*3600); s >= 0 {
		w.end = s
	}
	for _, m := range e.ExtraModes {
		w.dialARide = w.dialARide || m == DialARide
		w.tram = w.tram || m == Tram
	}
	w.companion = e.CompanionAllowed
	return w
}

func (w window) covers(m Mode) bool {
	return m == Bus || (m == DialARide && w.dialARide) || (m == Tram && w.tram)
}

// free reports whether a boarding at board on mode m is free: the mode must
// be covered, and then any time at weekends and on bank holidays, and on
// other days from start (inclusive) to end (exclusive) on board's clock.
func (w window) free(board time.Time, m Mode) bool {
	if !w.covers(m) {
		return false
	}
	if wd := board.Weekday(); wd == time.Saturday || wd == time.Sunday || IsBankHoliday(board) {
		return true
	}
	s := board.Hour()*3600 + board.Minute()*60 + board.Second()
	return s >= w.start && s < w.end
}

// window returns the window of authority, or the national one when the
// authority has no extension (or is empty).
func (c *Calculator) window(authority string) window {
	if w, ok := c.windows[authority]; ok && authority != "" {
		return w
	}
	return nationalWindow()
}

// ConcessionFree reports whether an English concessionary pass holder
// boards free at board (local time) on mode, under the national scheme and
// authority's extension if it has one: local buses from 09:30 to 23:00 on
// weekdays and all day at weekends and on bank holidays; rail and coaches
// never.
func (c *Calculator) ConcessionFree(board time.Time, mode Mode, authority string) bool {
	return c.window(authority).free(board, mode)
}
