package coverage

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Cell is one populated resolution-9 origin cell and who lives there.
type Cell struct {
	ID     int64
	Center orb.Point
	// Rural is the ONS RUC 2021 rurality of the cell's area; RuralKnown
	// false uses the urban defaults, as reach does.
	Rural, RuralKnown bool
	RUC21             string
	IMDDecile         int // 0 when unknown
	Population        float64
	Age65Plus         float64
	Disabled          float64
}

// Network is one timetable network (one timezone's feeds).
type Network struct {
	Snapshot *transit.Snapshot
	// Strict is the same timetable built without the feeds' access
	// policies, so that a step-free journey that holds only under an
	// assumption can be told apart. Nil: every step-free journey on a
	// snapshot that assumes anything counts as assumed.
	Strict *transit.Snapshot
}

// Input is everything a computation reads. It is not modified.
type Input struct {
	// Location is the timezone of the sessions and timetables.
	Location *time.Location
	// Week is the first day (a Monday, by convention) of the seven days
	// counted, as a date in Location.
	Week       time.Time
	Cells      []Cell
	Activities []reach.Activity
	Networks   []Network
	Zones      []dar.Zone
	Fares      *fare.Calculator
	Costs      road.Costs
	// Walk is the pedestrian graph walks to venues are searched on; nil:
	// straight-line estimates everywhere (see walkgraph.go).
	Walk *pedestrian.Walking
	// Authority issues the person's bus pass (for local extensions).
	Authority string
	// Referred: people are referred by a link worker, so free-on-referral
	// prices apply (the social-prescribing case).
	Referred bool
	// Margin is how long before the start people aim to arrive (default
	// reach.DefaultMargin).
	Margin time.Duration
	// Workers is the number of goroutines (default GOMAXPROCS).
	Workers int
	// KeepSessions records, for every session, the cells that reach it
	// (Result.Reached), for tests and what-if comparisons.
	KeepSessions bool
}

// CellResult is one cell's coverage for a profile.
type CellResult struct {
	Cell int64
	Res  int
	// Activities is the number of distinct activities with at least one
	// reachable session in the week (a union over children above res 9).
	Activities      int
	SessionsPerWeek float64
	Population      float64
	// ProfilePopulation is who the profile stands for (see
	// ProfilePopulation).
	ProfilePopulation float64
	UnknownShare      float64
	AssumedShare      float64
	RUC21             string
	IMDDecile         int
}

// SessionReach is one session and the cells (indices into Input.Cells)
// from which it is reachable.
type SessionReach struct {
	ActivityID string
	Start      time.Time
	Cells      []int32
}

// Result is one profile's coverage.
type Result struct {
	ProfileID string
	Week      time.Time
	// Cells holds resolution 9 in Input.Cells order, then 8, 7 and 6, each
	// sorted by cell.
	Cells []CellResult
	// Sessions is the number of sessions in the week; TransitSearches the
	// range searches run; Fallbacks the cell-sessions reach decided.
	Sessions        int
	TransitSearches int
	Fallbacks       int
	// Reached is filled when Input.KeepSessions is set, sorted by start
	// then activity.
	Reached []SessionReach
}

// Resolutions are the resolutions a result holds, finest first.
var Resolutions = [...]int{9, 8, 7, 6}

// Level returns the cells of one resolution.
func (r Result) Level(res int) []CellResult {
	lo := -1
	for i, c := range r.Cells {
		if c.Res == res && lo < 0 {
			lo = i
		}
		if c.Res != res && lo >= 0 {
			return r.Cells[lo:i]
		}
	}
	if lo < 0 {
		return nil
	}
	return r.Cells[lo:]
}

// Summary is a result in a few numbers.
type Summary struct {
	Cells                    int
	Population               float64
	ProfilePopulation        float64
	CoveredPopulation        float64
	CoveredProfilePopulation float64
}

// Summary counts the resolution-9 cells and the people in cells with at
// least one reachable activity.
func (r Result) Summary() Summary {
	var s Summary
	for _, c := range r.Level(9) {
		s.Cells++
		s.Population += c.Population
		s.ProfilePopulation += c.ProfilePopulation
		if c.Activities > 0 {
			s.CoveredPopulation += c.Population
			s.CoveredProfilePopulation += c.ProfilePopulation
		}
	}
	return s
}

// WeekOf returns the Monday (at midnight in loc) of t's week.
func WeekOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}
