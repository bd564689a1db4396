package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// feedID scopes the synthetic feed's identifiers in the snapshot.
const feedID = "grid"

// transitConfig is the transit stage's flags.
type transitConfig struct {
	feedDir, name, outDir string
	date                  transit.Date
	pairs, ranges, warmup int
	reps                  int // how often our engine repeats the pair set
	seed                  uint64
}

// The query window: departures drawn uniformly from 07:00 to 10:00.
const (
	windowStart = 7 * 3600
	windowEnd   = 10 * 3600
)

// runTransit builds our snapshot of one synthetic feed, draws the random
// pairs every tool answers, and times our engine on them.
func runTransit(cfg transitConfig) error {
	start := time.Now()
	in, err := readInput(cfg.feedDir, feedID)
	if err != nil {
		return fmt.Errorf("read %s: %w", cfg.feedDir, err)
	}
	snap, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		return err
	}
	loadMS := msSince(start)
	served := servedStops(in)
	pairs := drawPairs(served, cfg)
	if err := writeJSON(filepath.Join(cfg.outDir, "pairs-"+cfg.name+".json"), pairs); err != nil {
		return err
	}
	res, err := measureTransit(snap, pairs, served, cfg)
	if err != nil {
		return err
	}
	res.Stops, res.StopTimes, res.LoadMS = snap.NumStops(), snap.NumStopTimes(), loadMS
	res.BytesPerStopTime = float64(snap.Memory().Total) / float64(snap.NumStopTimes())
	return writeJSON(filepath.Join(cfg.outDir, "ours-"+cfg.name+".json"), res)
}

func msSince(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }

// servedStops lists, sorted, the IDs of the stops some stop time calls at:
// the stops a passenger can start from (stations have no stop times).
func servedStops(in transit.Input) []string {
	seen := map[string]bool{}
	for _, st := range in.StopTimes {
		seen[st.StopID] = true
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// drawPairs draws distinct origin/destination stops and departure times
// in [07:00, 10:00), deterministically from the seed.
func drawPairs(stops []string, cfg transitConfig) Pairs {
	rng := rand.New(rand.NewPCG(cfg.seed, uint64(len(stops))))
	draw := func(n int) []Pair {
		out := make([]Pair, n)
		for i := range out {
			a := rng.IntN(len(stops))
			b := (a + 1 + rng.IntN(len(stops)-1)) % len(stops)
			out[i] = Pair{From: stops[a], To: stops[b], Time: windowStart + rng.Int32N(windowEnd-windowStart)}
		}
		return out
	}
	return Pairs{Feed: cfg.name, Date: cfg.date.String(), Weekday: int(cfg.date.Weekday()),
		Pairs: draw(cfg.pairs), Ranges: min(cfg.ranges, cfg.pairs), Warmup: draw(cfg.warmup)}
}

// query is one pair resolved to stop indices.
type query struct {
	from, to []transit.StopAccess
	time     int32
}

func resolve(snap *transit.Snapshot, ps []Pair) ([]query, error) {
	qs := make([]query, len(ps))
	for i, p := range ps {
		a, okA := snap.StopIndex(feedID, p.From)
		b, okB := snap.StopIndex(feedID, p.To)
		if !okA || !okB {
			return nil, fmt.Errorf("pair %d: unknown stop %q or %q", i, p.From, p.To)
		}
		qs[i] = query{from: []transit.StopAccess{{Stop: a}}, to: []transit.StopAccess{{Stop: b}}, time: p.Time}
	}
	return qs, nil
}

// engine runs our queries with one reused searcher. Params match what the
// peer sees: no walking transfers (the feed has no transfers.txt, so the
// peer has none), no step-free need, and a ride limit RAPTOR never reaches
// on a grid.
type engine struct {
	w       *transit.Searcher
	p       transit.Params
	journey transit.Journey
}

func newEngine(snap *transit.Snapshot, date transit.Date) *engine {
	return &engine{w: transit.NewSearcher(snap),
		p: transit.Params{Date: date, WalkSpeed: 1.2, MaxWalkM: 0, MaxTransfers: 8}}
}

func (e *engine) at(t int32) transit.Params { p := e.p; p.Time = t; return p }

func (e *engine) route(q query) (bool, error) {
	return e.w.Route(q.from, q.to, e.at(q.time), false, &e.journey)
}

func (e *engine) oneToAll(q query, walkM float64) (*transit.Result, error) {
	p := e.at(q.time)
	p.MaxWalkM = walkM
	return e.w.Forward(q.from, p)
}

func (e *engine) range60(q query) error {
	_, err := e.w.ForwardRange(q.from, e.at(q.time), 3600)
	return err
}

// rangeWork counts, untimed, the work and answers of range60 and scans60
// over qs.
func (e *engine) rangeWork(qs []query) (*RangeWork, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	var w RangeWork
	var buf []transit.ProfilePoint
	n := int32(e.w.Snapshot().NumStops())
	for _, q := range qs {
		rr, err := e.w.ForwardRange(q.from, e.at(q.time), 3600)
		if err != nil {
			return nil, err
		}
		w.RangeLabels += float64(rr.Stats().LabelsImproved)
		for v := range n {
			buf = rr.Profile(v, buf[:0])
			w.ProfilePoints += float64(len(buf))
		}
		for k := range int32(60) {
			r, err := e.w.Forward(q.from, e.at(q.time+k*60))
			if err != nil {
				return nil, err
			}
			w.ScanLabels += float64(r.Stats().LabelsImproved)
			for v := range n {
				if _, ok := r.Time(v); ok {
					w.MinuteAnswers++
				}
			}
		}
	}
	k := float64(len(qs))
	w.RangeLabels, w.ProfilePoints, w.ScanLabels, w.MinuteAnswers = w.RangeLabels/k, w.ProfilePoints/k, w.ScanLabels/k, w.MinuteAnswers/k
	return &w, nil
}

// scans60 is the range query done the naive way: 60 one-to-all searches,
// one per departure minute.
func (e *engine) scans60(q query) error {
	for k := range int32(60) {
		if _, err := e.w.Forward(q.from, e.at(q.time+k*60)); err != nil {
			return err
		}
	}
	return nil
}

// measureTransit warms the searcher up, then times each operation over
// the pairs (reps times over) and counts heap allocations per query.
func measureTransit(snap *transit.Snapshot, ps Pairs, served []string, cfg transitConfig) (TransitResult, error) {
	qs, err := resolve(snap, ps.Pairs)
	if err != nil {
		return TransitResult{}, err
	}
	warm, err := resolve(snap, ps.Warmup)
	if err != nil {
		return TransitResult{}, err
	}
	e := newEngine(snap, cfg.date)
	ops := e.operations()
	for _, op := range ops {
		n := min(len(warm), op.warm)
		if _, _, err := timeQueries(n, func(i int) error { return op.run(warm[i]) }); err != nil {
			return TransitResult{}, fmt.Errorf("warm up %s: %w", op.name, err)
		}
	}
	res := TransitResult{Tool: "threshold", Feed: ps.Feed, Samples: map[string][]int64{}, Allocs: map[string]float64{}}
	for _, op := range ops {
		n := len(qs)
		if op.ranged {
			n = min(n, ps.Ranges)
		}
		samples, allocs, err := timeQueries(n*cfg.reps, func(i int) error { return op.run(qs[i%n]) })
		if err != nil {
			return res, fmt.Errorf("%s: %w", op.name, err)
		}
		res.Samples[op.name], res.Allocs[op.name] = samples, allocs
	}
	if err := e.check(qs, stopIndices(snap, served), &res); err != nil {
		return res, err
	}
	res.Work, err = e.rangeWork(qs[:min(len(qs), ps.Ranges)])
	return res, err
}

// stopIndices resolves stop IDs known to exist in the snapshot.
func stopIndices(snap *transit.Snapshot, ids []string) []int32 {
	out := make([]int32, 0, len(ids))
	for _, id := range ids {
		if v, ok := snap.StopIndex(feedID, id); ok {
			out = append(out, v)
		}
	}
	return out
}

// operation is one timed kind of query.
type operation struct {
	name   string
	ranged bool // only over the first Ranges pairs
	warm   int  // warm-up queries
	run    func(query) error
}

func (e *engine) operations() []operation {
	return []operation{
		{name: opP2P, warm: 50, run: func(q query) error { _, err := e.route(q); return err }},
		{name: opOneToAll, warm: 50, run: func(q query) error { _, err := e.oneToAll(q, 0); return err }},
		{name: opOneToAllWalk, warm: 50, run: func(q query) error { _, err := e.oneToAll(q, 1000); return err }},
		{name: opRange60, ranged: true, warm: 10, run: e.range60},
		{name: opScans60, ranged: true, warm: 2, run: e.scans60},
	}
}

// timeQueries runs q(0..total-1) and returns the nanoseconds of each call
// and the heap allocations per call.
func timeQueries(total int, q func(i int) error) ([]int64, float64, error) {
	if total == 0 {
		return nil, 0, nil
	}
	samples := make([]int64, 0, total)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range total {
		t := time.Now()
		if err := q(i); err != nil {
			return nil, 0, err
		}
		samples = append(samples, time.Since(t).Nanoseconds())
	}
	runtime.ReadMemStats(&after)
	return samples, float64(after.Mallocs-before.Mallocs) / float64(total), nil
}

// check records, untimed, what the peer is compared on: the earliest
// arrival of each point-to-point query and a digest of each one-to-all
// search over the served stops (stops reached, sum of their arrival
// times): the stops the peer knows, since it drops stations.
func (e *engine) check(qs []query, served []int32, res *TransitResult) error {
	for _, q := range qs {
		found, err := e.route(q)
		if err != nil {
			return err
		}
		res.Arrivals = append(res.Arrivals, arrivalOrNone(found, e.journey.Arrive))
		r, err := e.oneToAll(q, 0)
		if err != nil {
			return err
		}
		var reached, sum int64
		for _, v := range served {
			if t, ok := r.Time(v); ok {
				reached, sum = reached+1, sum+int64(t)
			}
		}
		res.Reached, res.ArrivalSum = append(res.Reached, reached), append(res.ArrivalSum, sum)
	}
	return nil
}

func arrivalOrNone(found bool, t int32) int64 {
	if !found {
		return -1
	}
	return int64(t)
}
