package transit

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// BuildOptions tunes Build. The zero value uses the documented defaults.
type BuildOptions struct {
	// MaxFootpathM is the longest walking transfer stored, in walking
	// metres (straight line × DetourFactor). Default 1000; at most 65534.
	// A query's MaxWalkM can only shorten it.
	MaxFootpathM float64
	// DetourFactor turns straight-line metres into walking metres.
	// Default 1.3.
	DetourFactor float64
	// Streets, when set, is the pedestrian graph (internal/osm's walk
	// network, no edge speeds) footpaths are walked on wherever it covers
	// both stops, once for any walker and once for step-free walkers; stops
	// it does not cover keep straight-line footpaths, marked as estimates
	// (streets.go). Nil, or a graph with no edges, uses straight lines
	// everywhere. The snapshot keeps no reference to it.
	Streets *walk.Graph
	// MaxSnapM is how far a stop may be from the graph node it snaps to
	// for the graph to cover it. Default 300, as the walking layer.
	MaxSnapM float64
}

func (o BuildOptions) withDefaults() (BuildOptions, error) {
	if o.MaxFootpathM == 0 {
		o.MaxFootpathM = 1000
	}
	if o.DetourFactor == 0 {
		o.DetourFactor = 1.3
	}
	if o.MaxSnapM == 0 {
		o.MaxSnapM = 300
	}
	if o.MaxFootpathM < 0 || o.MaxFootpathM > maxFootpathM {
		return o, fmt.Errorf("max footpath %v m: want 0 to %d", o.MaxFootpathM, maxFootpathM)
	}
	if o.DetourFactor < 1 {
		return o, fmt.Errorf("detour factor %v: want at least 1", o.DetourFactor)
	}
	if !(o.MaxSnapM > 0) || math.IsInf(o.MaxSnapM, 1) {
		return o, fmt.Errorf("max snap %v m: want a positive number of metres", o.MaxSnapM)
	}
	return o, nil
}

// Build indexes an Input into an immutable Snapshot. It returns an error for
// input that cannot be interpreted (a reference to an unknown feed, stop,
// route or trip, duplicate IDs, feeds in different timezones); trips that
// cannot run (fewer than two stop times, times running backwards, no
// service) are left out and listed by Snapshot.Dropped.
func Build(in Input, opt BuildOptions) (*Snapshot, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("build snapshot: %w", err)
	}
	b := &builder{in: &in, s: &Snapshot{opt: opt}}
	if g := opt.Streets; g != nil && g.NumEdges() > 0 {
		b.streets, b.streetBound = g, streetBoundOf(g, opt.MaxSnapM)
	}
	b.s.opt.Streets = nil
	steps := []func() error{
		b.feeds, b.stops, b.routes, b.services, b.trips, b.stopTimes,
		b.listRuns, b.patterns, b.stopIndex, b.footpaths,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("build snapshot: %w", err)
		}
	}
	b.s.grid = newStopGrid(b.s.stopPoint, opt.MaxFootpathM)
	b.s.numberRuns()
	return b.s, nil
}

// builder holds the scratch state of one Build.
type builder struct {
	in *Input
	s  *Snapshot

	feedIdx  map[string]int32
	stopIdx  map[key]int32
	routeIdx map[key]int32
	svcIdx   map[key]int32
	tripIdx  map[key]int32
	tripByID map[string]int32 // -1 when ambiguous across feeds

	// stop times of trip t are st[stOff[t]:stOff[t+1]] (indices into
	// in.StopTimes, sorted by Seq); tripOK marks trips that can run.
	stOff  []int32
	st     []int32
	stStop []int32 // resolved stop index per input stop time
	tripOK []bool

	runs []run

	// the street graph footpaths are walked on (nil: straight lines), the
	// bound of its nodes grown by MaxSnapM, the stops snapped for any
	// walker, and a search for GTFS transfers
	streets     *walk.Graph
	streetBound orb.Bound
	anyStops    *streetStops
	search      *walk.Search
}

// key scopes an identifier by feed index.
type key struct {
	feed int32
	id   string
}

// run is one scheduled journey of a GTFS trip: the trip's stop times
// shifted by shift seconds (non-zero only for frequency expansion).
type run struct {
	meta  int32
	shift int32
}

func (b *builder) feeds() error {
	b.feedIdx = map[string]int32{}
	feeds := b.in.Feeds
	if len(feeds) == 0 {
		feeds = []Feed{{ID: "", Timezone: time.UTC}}
	}
	for i, f := range feeds {
		if _, dup := b.feedIdx[f.ID]; dup {
			return fmt.Errorf("feed %q listed twice", f.ID)
		}
		loc := f.Timezone
		if loc == nil {
			return fmt.Errorf("feed %q: no timezone", f.ID)
		}
		if b.s.loc != nil && b.s.loc.String() != loc.String() {
			return fmt.Errorf("feed %q: timezone %s differs from %s; build one snapshot per timezone", f.ID, loc, b.s.loc)
		}
		b.s.loc = loc
		b.feedIdx[f.ID] = int32(i)
		b.s.feeds = append(b.s.feeds, feedInfo{id: f.ID, policy: f.Policy})
	}
	return nil
}

func (b *builder) feed(id, what string) (int32, error) {
	f, ok := b.feedIdx[id]
	if !ok {
		return 0, fmt.Errorf("%s: unknown feed %q", what, id)
	}
	return f, nil
}

func (b *builder) stops() error {
	s, n := b.s, len(b.in.Stops)
	b.stopIdx = make(map[key]int32, n)
	s.stopID, s.stopName = make([]string, n), make([]string, n)
	s.stopFeed, s.stopAccess = make([]int32, n), make([]Access, n)
	s.stopPoint = make([]orb.Point, n)
	for i, st := range b.in.Stops {
		f, err := b.feed(st.FeedID, "stop "+st.ID)
		if err != nil {
			return err
		}
		k := key{f, st.ID}
		if _, dup := b.stopIdx[k]; dup {
			return fmt.Errorf("stop %q listed twice in feed %q", st.ID, st.FeedID)
		}
		b.stopIdx[k] = int32(i)
		s.stopID[i], s.stopName[i], s.stopFeed[i], s.stopPoint[i] = st.ID, st.Name, f, st.Point
	}
	s.stopOrder = make([]int32, n)
	for i := range s.stopOrder {
		s.stopOrder[i] = int32(i)
	}
	slices.SortFunc(s.stopOrder, func(x, y int32) int {
		if c := cmp.Compare(s.stopFeed[x], s.stopFeed[y]); c != 0 {
			return c
		}
		return strings.Compare(s.stopID[x], s.stopID[y])
	})
	for i, st := range b.in.Stops {
		a, err := b.stopAccess(st, s.stopFeed[i])
		if err != nil {
			return err
		}
		s.stopAccess[i] = a
	}
	return nil
}

// stopAccess applies parent-station inheritance (GTFS: a child's 0 means
// "as the parent") and then the feed's policy.
func (b *builder) stopAccess(st Stop, feed int32) (Access, error) {
	v := st.Wheelchair
	if v == 0 && st.ParentID != "" {
		p, ok := b.stopIdx[key{feed, st.ParentID}]
		if !ok {
			return 0, fmt.Errorf("stop %q: unknown parent station %q", st.ID, st.ParentID)
		}
		v = b.in.Stops[p].Wheelchair
	}
	a := gtfsAccess(v)
	if a == AccessUnknown && b.s.feeds[feed].policy.AssumeStopsBoardable {
		a = AccessAssumed
	}
	return a, nil
}

func (b *builder) routes() error {
	s, n := b.s, len(b.in.Routes)
	b.routeIdx = make(map[key]int32, n)
	for i, r := range b.in.Routes {
		f, err := b.feed(r.FeedID, "route "+r.ID)
		if err != nil {
			return err
		}
		k := key{f, r.ID}
		if _, dup := b.routeIdx[k]; dup {
			return fmt.Errorf("route %q listed twice in feed %q", r.ID, r.FeedID)
		}
		b.routeIdx[k] = int32(i)
		s.routeID = append(s.routeID, r.ID)
		s.routeShort = append(s.routeShort, r.ShortName)
		s.routeLong = append(s.routeLong, r.LongName)
		s.routeType = append(s.routeType, int32(r.Type))
		s.routeAgency = append(s.routeAgency, r.AgencyID)
		s.routeFeed = append(s.routeFeed, f)
	}
	return nil
}

func (b *builder) trips() error {
	s, n := b.s, len(b.in.Trips)
	b.tripIdx = make(map[key]int32, n)
	b.tripByID = make(map[string]int32, n)
	b.tripOK = make([]bool, n)
	for i, t := range b.in.Trips {
		f, err := b.feed(t.FeedID, "trip "+t.ID)
		if err != nil {
			return err
		}
		k := key{f, t.ID}
		if _, dup := b.tripIdx[k]; dup {
			return fmt.Errorf("trip %q listed twice in feed %q", t.ID, t.FeedID)
		}
		b.tripIdx[k] = int32(i)
		if _, seen := b.tripByID[t.ID]; seen {
			b.tripByID[t.ID] = -1
		} else {
			b.tripByID[t.ID] = int32(i)
		}
		r, ok := b.routeIdx[key{f, t.RouteID}]
		if !ok {
			return fmt.Errorf("trip %q: unknown route %q", t.ID, t.RouteID)
		}
		svc, ok := b.svcIdx[key{f, t.ServiceID}]
		b.tripOK[i] = ok
		if !ok {
			b.drop(int32(i), "service "+t.ServiceID+" has no calendar")
			svc = -1
		}
		a := gtfsAccess(t.Wheelchair)
		if a == AccessUnknown && s.feeds[f].policy.AssumeTripsAccessible {
			a = AccessAssumed
		}
		s.tripID = append(s.tripID, t.ID)
		s.tripRoute = append(s.tripRoute, r)
		s.tripService = append(s.tripService, svc)
		s.tripAccess = append(s.tripAccess, a)
		s.tripFeed = append(s.tripFeed, f)
	}
	return nil
}

func (b *builder) drop(trip int32, reason string) {
	t := b.in.Trips[trip]
	b.s.droppedTrip = append(b.s.droppedTrip, DroppedTrip{TripID: t.ID, FeedID: t.FeedID, Reason: reason})
}

// tripOf resolves a stop time's or frequency's trip reference.
func (b *builder) tripOf(idx int32, id, feedID string) (int32, error) {
	if id == "" {
		if idx < 0 || int(idx) >= len(b.in.Trips) {
			return 0, fmt.Errorf("trip index %d out of range", idx)
		}
		return idx, nil
	}
	if feedID != "" {
		f, err := b.feed(feedID, "trip "+id)
		if err != nil {
			return 0, err
		}
		t, ok := b.tripIdx[key{f, id}]
		if !ok {
			return 0, fmt.Errorf("unknown trip %q in feed %q", id, feedID)
		}
		return t, nil
	}
	t, ok := b.tripByID[id]
	if !ok {
		return 0, fmt.Errorf("unknown trip %q", id)
	}
	if t < 0 {
		return 0, fmt.Errorf("trip %q exists in several feeds; give its index", id)
	}
	return t, nil
}

// stopTimes resolves and groups stop times by trip, sorted by sequence, and
// drops trips whose times cannot be ridden.
func (b *builder) stopTimes() error {
	sts := b.in.StopTimes
	tripOf := make([]int32, len(sts))
	b.stStop = make([]int32, len(sts))
	b.stOff = make([]int32, len(b.in.Trips)+1)
	for i := range sts {
		st := &sts[i]
		t, err := b.tripOf(st.TripIndex, st.TripID, "")
		if err != nil {
			return fmt.Errorf("stop time %d: %w", i, err)
		}
		stop, err := b.stopOf(st, b.s.tripFeed[t])
		if err != nil {
			return fmt.Errorf("stop time %d of trip %q: %w", i, b.in.Trips[t].ID, err)
		}
		tripOf[i], b.stStop[i] = t, stop
		b.stOff[t+1]++
	}
	for t := range b.in.Trips {
		b.stOff[t+1] += b.stOff[t]
	}
	b.st = make([]int32, len(sts))
	fill := slices.Clone(b.stOff[:len(b.in.Trips)])
	for i, t := range tripOf {
		b.st[fill[t]] = int32(i)
		fill[t]++
	}
	for t := range b.in.Trips {
		calls := b.st[b.stOff[t]:b.stOff[t+1]]
		slices.SortStableFunc(calls, func(x, y int32) int { return int(sts[x].Seq) - int(sts[y].Seq) })
		b.checkTrip(int32(t), calls)
	}
	return nil
}

func (b *builder) stopOf(st *StopTime, feed int32) (int32, error) {
	if st.StopID == "" {
		if st.StopIndex < 0 || int(st.StopIndex) >= len(b.in.Stops) {
			return 0, fmt.Errorf("stop index %d out of range", st.StopIndex)
		}
		if b.s.stopFeed[st.StopIndex] != feed {
			return 0, fmt.Errorf("stop index %d is in another feed", st.StopIndex)
		}
		return st.StopIndex, nil
	}
	s, ok := b.stopIdx[key{feed, st.StopID}]
	if !ok {
		return 0, fmt.Errorf("unknown stop %q", st.StopID)
	}
	return s, nil
}

// checkTrip drops a trip that cannot be ridden: fewer than two calls,
// negative times, a departure before its arrival, or time running backwards
// between calls.
func (b *builder) checkTrip(t int32, calls []int32) {
	if !b.tripOK[t] {
		return
	}
	sts := b.in.StopTimes
	reason := ""
	switch {
	case len(calls) < 2:
		reason = "fewer than two stop times"
	default:
		for k, c := range calls {
			st := sts[c]
			if st.Arr < 0 || st.Dep < st.Arr {
				reason = fmt.Sprintf("stop_sequence %d: departure before arrival or negative time", st.Seq)
				break
			}
			if k > 0 && st.Arr < sts[calls[k-1]].Dep {
				reason = fmt.Sprintf("stop_sequence %d: arrives before the previous departure", st.Seq)
				break
			}
		}
	}
	if reason != "" {
		b.tripOK[t] = false
		b.drop(t, reason)
	}
}

// listRuns lists every journey to schedule: one per trip, or one per
// frequency start for frequency-based trips.
func (b *builder) listRuns() error {
	hasFreq := make([]bool, len(b.in.Trips))
	var freqRuns []run
	for i, f := range b.in.Frequencies {
		t, err := b.tripOf(f.TripIndex, f.TripID, f.FeedID)
		if err != nil {
			return fmt.Errorf("frequency %d: %w", i, err)
		}
		if f.Headway <= 0 || f.End < f.Start {
			return fmt.Errorf("frequency %d of trip %q: headway %d from %d to %d", i, b.in.Trips[t].ID, f.Headway, f.Start, f.End)
		}
		hasFreq[t] = true
		if !b.tripOK[t] {
			continue
		}
		first := b.in.StopTimes[b.st[b.stOff[t]]].Dep
		for start := f.Start; start < f.End; start += f.Headway {
			freqRuns = append(freqRuns, run{meta: t, shift: start - first})
		}
	}
	for t := range b.in.Trips {
		if b.tripOK[t] && !hasFreq[t] {
			b.runs = append(b.runs, run{meta: int32(t)})
		}
	}
	b.runs = append(b.runs, freqRuns...)
	return nil
}
