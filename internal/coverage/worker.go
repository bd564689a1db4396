package coverage

import (
	"context"
	"slices"
	"strings"

	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// worker judges whole activities (all their sessions), so that it can
// count distinct activities per cell without sets. Its counters are per
// cell; the computation sums them.
type worker struct {
	c   *computation
	b   *batch
	ctx context.Context

	search, strictSearch []*transit.Searcher // per network: towards the venue
	searchBack           []*transit.Searcher // per network: home from the venue
	strictBack           []*transit.Searcher
	groups, strictGroups []venueSearch // per network: the current group's searches
	dayKeys              map[transit.Date]string
	order                []int // the activity's sessions grouped by day key
	transit, strict      legs
	darBus, strictDar    legs         // rides to and from the bus (darSession)
	darZoneOut           []int32      // per cell: the zone of darBus's ride there
	darZoneBack          []int32      // and home
	darOut, darBack      [][]darLeg   // per zone stop: the session's journeys (darLegsOf)
	walkSearch           *walk.Search // from the current activity's venue (walkFrom)
	fan                  pedestrian.Fan
	stamp                uint32 // the session being judged
	touched              []int32
	seen                 []uint32 // per cell: judged for this session
	cand                 []int32  // the activity's walk, road and zone cells
	candMark             []int32
	near                 []int32
	venueBuf             []transit.StopAccess
	prof                 []transit.ProfilePoint
	reachedCells         []int32

	acts, sess, unknown, assumed []int32
	actMark                      []int32 // per cell: 1 + the last activity counted
	parentActs, parentMark       [3][]int32
	reached                      []SessionReach
	sessions, searches, fallback int

	// With batch.byActivity: the current activity's cells and counts
	// (valid where actMark says so), and the finished activities.
	actCells             []int32
	aSess, aUnk, aAssume []int32
	byAct                []indexedReach
}

func newWorker(ctx context.Context, c *computation, b *batch) *worker {
	n := len(c.in.Cells)
	w := &worker{c: c, b: b, ctx: ctx, transit: newLegs(n), seen: make([]uint32, n), candMark: make([]int32, n),
		acts: make([]int32, n), sess: make([]int32, n), unknown: make([]int32, n), assumed: make([]int32, n),
		actMark: make([]int32, n)}
	if c.p.StepFree && c.strictKnown {
		w.strict = newLegs(n)
	}
	if c.darNets != nil {
		w.darBus, w.darZoneOut, w.darZoneBack = newLegs(n), make([]int32, n), make([]int32, n)
		if c.p.StepFree && c.strictKnown {
			w.strictDar = newLegs(n)
		}
	}
	for _, ni := range c.nets {
		w.search = append(w.search, transit.NewSearcher(ni.net.Snapshot))
		w.searchBack = append(w.searchBack, transit.NewSearcher(ni.net.Snapshot))
		var s, sb *transit.Searcher
		if ni.net.Strict != nil && c.p.StepFree {
			s, sb = transit.NewSearcher(ni.net.Strict), transit.NewSearcher(ni.net.Strict)
		}
		w.strictSearch = append(w.strictSearch, s)
		w.strictBack = append(w.strictBack, sb)
	}
	w.groups, w.strictGroups = make([]venueSearch, len(c.nets)), make([]venueSearch, len(c.nets))
	for l := range 3 {
		w.parentActs[l] = make([]int32, len(c.parents.ids[l]))
		w.parentMark[l] = make([]int32, len(c.parents.ids[l]))
	}
	if b.byActivity {
		w.aSess, w.aUnk, w.aAssume = make([]int32, n), make([]int32, n), make([]int32, n)
	}
	return w
}

// loop takes activities until none are left.
func (w *worker) loop() error {
	acts := w.b.acts
	for {
		ai := int(w.b.next.Add(1) - 1)
		if ai >= len(acts) {
			return nil
		}
		if err := w.activity(int32(ai)); err != nil {
			return err
		}
	}
}

func (w *worker) activity(ai int32) error {
	if w.b.byActivity {
		w.actCells = w.actCells[:0]
		defer w.keepActivity(ai)
	}
	a := &w.b.acts[ai]
	ss, total := w.c.sessions(a)
	w.sessions += total
	if len(ss) == 0 {
		return nil
	}
	w.candidates(a, ai+1)
	if err := w.walkFrom(a); err != nil {
		return err
	}
	if w.c.static {
		w.staticActivity(ss, ai)
		return nil
	}
	if !w.c.usesTransit {
		for i := range ss {
			if err := w.session(&ss[i], ai); err != nil {
				return err
			}
		}
		return nil
	}
	// Sessions whose days run the same services share their searches.
	w.order = w.order[:0]
	for i := range ss {
		w.order = append(w.order, i)
	}
	slices.SortStableFunc(w.order, func(x, y int) int { return strings.Compare(w.dayKey(ss[x].day), w.dayKey(ss[y].day)) })
	for g := 0; g < len(w.order); {
		e := g + 1
		for shareSearches && e < len(w.order) && w.dayKey(ss[w.order[e]].day) == w.dayKey(ss[w.order[g]].day) {
			e++
		}
		group := w.groupOf(ss, w.order[g:e])
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if err := w.transitGroup(group, false); err != nil {
			return err
		}
		if w.c.p.StepFree && w.c.strictKnown {
			if err := w.transitGroup(group, true); err != nil {
				return err
			}
		}
		for i := range group {
			if err := w.session(&group[i], ai); err != nil {
				return err
			}
		}
		g = e
	}
	return nil
}

// groupOf copies the sessions at idx (one group) in their order.
func (w *worker) groupOf(ss []session, idx []int) []session {
	out := make([]session, len(idx))
	for k, i := range idx {
		out[k] = ss[i]
	}
	return out
}

// shareSearches is off only in the test that shows sharing changes
// nothing: every session then has its own searches.
var shareSearches = true

// dayKey is the networks' transit.Snapshot.DayKey of d, together.
func (w *worker) dayKey(d transit.Date) string {
	if k, ok := w.dayKeys[d]; ok {
		return k
	}
	if w.dayKeys == nil {
		w.dayKeys = map[transit.Date]string{}
	}
	var k strings.Builder
	for _, n := range w.c.nets {
		k.WriteString(n.net.Snapshot.DayKey(d))
		if n.net.Strict != nil {
			k.WriteString(n.net.Strict.DayKey(d))
		}
	}
	w.dayKeys[d] = k.String()
	return w.dayKeys[d]
}

// session judges every cell that might reach one session: the activity's
// walk, road and zone cells, and the cells its transit searches reached.
func (w *worker) session(s *session, ai int32) error {
	w.stamp++
	w.touched = w.touched[:0]
	w.reachedCells = w.reachedCells[:0]
	if w.c.usesTransit {
		w.transitSession(s, false)
		if w.c.p.StepFree && w.c.strictKnown {
			w.transitSession(s, true)
		}
	}
	if w.c.darNets != nil {
		w.darSession(s, w.groups, &w.darBus)
		if w.c.p.StepFree && w.c.strictKnown {
			w.darSession(s, w.strictGroups, &w.strictDar)
		}
	}
	for _, ci := range w.cand {
		if err := w.visit(ci, s, ai); err != nil {
			return err
		}
	}
	for _, ci := range w.touched {
		if w.seen[ci] != w.stamp {
			if err := w.visit(ci, s, ai); err != nil {
				return err
			}
		}
	}
	if w.c.in.KeepSessions {
		w.reached = append(w.reached, SessionReach{ActivityID: s.act.ID, Start: s.start, Cells: slices.Clone(w.reachedCells)})
	}
	return nil
}

// visit judges cell ci once for the session and counts it.
func (w *worker) visit(ci int32, s *session, ai int32) error {
	w.seen[ci] = w.stamp
	v := w.judge(ci, s)
	if v.fallback {
		var err error
		if v, err = w.fallbackJudge(ci, s); err != nil {
			return err
		}
		w.fallback++
	}
	if !v.reached {
		return nil
	}
	w.count(ci, ai, v, 1)
	if w.c.in.KeepSessions {
		w.reachedCells = append(w.reachedCells, ci)
	}
	return nil
}

// staticActivity judges an activity's cells once when no way the profile
// has depends on the time of day (walking, driving): every session it
// admits is then reached from the same cells, with the same reliance on
// unknown or assumed data.
func (w *worker) staticActivity(ss []session, ai int32) {
	w.reachedCells = w.reachedCells[:0]
	for _, ci := range w.cand {
		v := w.judge(ci, &ss[0])
		if v.reached {
			w.count(ci, ai, v, int32(len(ss)))
			w.reachedCells = append(w.reachedCells, ci)
		}
	}
	if w.c.in.KeepSessions {
		for _, s := range ss {
			w.reached = append(w.reached, SessionReach{ActivityID: s.act.ID, Start: s.start, Cells: slices.Clone(w.reachedCells)})
		}
	}
}

// count adds n reached sessions of activity ai to cell ci.
func (w *worker) count(ci, ai int32, v verdict, n int32) {
	if w.actMark[ci] != ai+1 {
		w.firstOfActivity(ci, ai)
	}
	w.sess[ci] += n
	if v.unknown {
		w.unknown[ci] += n
	}
	if v.assumed {
		w.assumed[ci] += n
	}
	if w.b.byActivity {
		w.aSess[ci] += n
		if v.unknown {
			w.aUnk[ci] += n
		}
		if v.assumed {
			w.aAssume[ci] += n
		}
	}
}

// firstOfActivity counts activity ai once for cell ci and its parents.
func (w *worker) firstOfActivity(ci, ai int32) {
	w.actMark[ci] = ai + 1
	w.acts[ci]++
	for l := range 3 {
		pi := w.c.parents.of[l][ci]
		if w.parentMark[l][pi] != ai+1 {
			w.parentMark[l][pi] = ai + 1
			w.parentActs[l][pi]++
		}
	}
	if w.b.byActivity {
		w.actCells = append(w.actCells, ci)
		w.aSess[ci], w.aUnk[ci], w.aAssume[ci] = 0, 0, 0
	}
}
