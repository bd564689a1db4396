package gtfs

import (
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
)

// TripStopTimes streams stop_times.txt one trip at a time: fn receives the
// trip's rows sorted by stop_sequence. It relies on the file being grouped
// by trip_id (all rows of a trip consecutive, in any order within the
// trip), which is how feeds are written in practice. If a trip's rows
// resume after another trip's, it stops with an error naming the line:
// sort the file by trip_id first with a CSV-aware tool (a stable sort on
// the trip_id column, keeping the header); this package does no external
// sort. Rows with a duplicate stop_sequence within a
// trip are skipped as issues (the first in file order is kept).
//
// The slice passed to fn is reused for the next trip: copy what must
// outlive the call. Memory is bounded by the longest trip plus 8 bytes of
// hash per trip seen (used to detect ungrouped files), never by the number
// of rows. The pass is recorded as the stop_times.txt FileReport.
func (f *Feed) TripStopTimes(fn func(tripID string, sts []StopTime) error) error {
	t := stopTimesTable()
	file, err := f.open(t.file)
	if err != nil {
		return &FileError{File: t.file, Err: err}
	}
	defer file.Close()
	rep := FileReport{File: t.file}
	defer func() { f.storeReport(rep) }()
	g := &tripGrouper{rep: &rep, fn: fn, seed: maphash.MakeSeed(), seen: map[uint64]struct{}{}}
	if err := t.stream(file, &rep, g.add); err != nil {
		return err
	}
	return g.flush()
}

// ErrNotGrouped is wrapped by the error TripStopTimes returns for a
// stop_times.txt whose trips are interleaved.
var ErrNotGrouped = errors.New("file is not grouped by trip_id")

type groupRow struct {
	st   StopTime
	line int
}

type tripGrouper struct {
	rep   *FileReport
	fn    func(string, []StopTime) error
	seed  maphash.Seed
	seen  map[uint64]struct{}
	trip  string
	rows  []groupRow
	out   []StopTime
	first int // line of the current trip's first row
}

func (g *tripGrouper) add(st StopTime, line int) error {
	if len(g.rows) > 0 && st.TripID != g.trip {
		if err := g.flush(); err != nil {
			return err
		}
	}
	if len(g.rows) == 0 {
		h := maphash.String(g.seed, st.TripID)
		if _, dup := g.seen[h]; dup {
			return &FileError{File: g.rep.File, Line: line,
				Err: fmt.Errorf("rows of trip %q resume after other trips: %w", st.TripID, ErrNotGrouped)}
		}
		g.seen[h] = struct{}{}
		g.trip, g.first = st.TripID, line
	}
	g.rows = append(g.rows, groupRow{st, line})
	return nil
}

// flush sorts the current trip, drops duplicate stop_sequence rows and
// hands the trip to fn.
func (g *tripGrouper) flush() error {
	if len(g.rows) == 0 {
		return nil
	}
	byseq := func(a, b groupRow) int { return int(a.st.StopSequence) - int(b.st.StopSequence) }
	if !slices.IsSortedFunc(g.rows, byseq) {
		slices.SortStableFunc(g.rows, byseq)
	}
	g.out = g.out[:0]
	for i, r := range g.rows {
		if i > 0 && r.st.StopSequence == g.rows[i-1].st.StopSequence {
			g.rep.Loaded--
			g.rep.add(Issue{File: g.rep.File, Line: r.line, Field: "stop_sequence",
				Value: fmt.Sprint(r.st.StopSequence), Reason: "duplicate stop_sequence in trip " + r.st.TripID, Skipped: true})
			continue
		}
		g.out = append(g.out, r.st)
	}
	clear(g.rows) // drop references to row text
	g.rows = g.rows[:0]
	if err := g.fn(g.trip, g.out); err != nil {
		return &FileError{File: g.rep.File, Line: g.first, Err: fmt.Errorf("trip %q: %w", g.trip, err)}
	}
	clear(g.out)
	return nil
}
