package walk

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Params is a profile as the search sees it.
type Params struct {
	// SpeedMPS is the walking speed in metres per second. Edges with their
	// own speed (roads in a car graph) use that instead; an edge with no
	// speed of its own is impassable when SpeedMPS is 0.
	SpeedMPS float64
	// MaxDistanceM caps the metres of one leg; 0 means no cap.
	MaxDistanceM float64
	// StepFree forbids the StepFreeForbidden flags.
	StepFree bool
}

// allows reports whether arc a may be traversed under the profile.
func (p *Params) allows(g *Graph, a int32) bool {
	if p.StepFree && g.arcFlags[a]&StepFreeForbidden != 0 {
		return false
	}
	return p.SpeedMPS > 0 || (g.arcSpeed != nil && g.arcSpeed[a] > 0)
}

// Source starts a search at Node having already spent Seconds and Metres
// (the walk from a snapped point, or several candidate origins at once).
type Source struct {
	Node    int32
	Seconds float64
	Metres  float64
}

// Leg is the cost of reaching one node.
type Leg struct {
	Metres  float64
	Seconds float64
	// UnknownM is how many of the metres ran over edges flagged Unknown:
	// for a step-free search, the part of the answer that rests on
	// unsurveyed ground rather than on evidence of step-free access.
	UnknownM float64
	// Estimated is true for straight-line estimates (see Estimate).
	Estimated bool
}

// Search is a reusable Dijkstra workspace for one Graph. After the first
// query it allocates nothing. A Search is not safe for concurrent use; give
// each goroutine its own.
type Search struct {
	g       *Graph
	cur     uint32
	label   []uint32 // label[n] == cur: n has a tentative cost
	done    []uint32 // done[n] == cur: n is settled
	secs    []float64
	metres  []float32
	unknown []float32
	parent  []int32 // previous node, -1 at a source
	via     []int32 // edge used to reach the node
	heap    minHeap
	reached []int32
}

// NewSearch allocates a workspace sized for g.
func NewSearch(g *Graph) *Search {
	n := g.NumNodes()
	return &Search{
		g: g, label: make([]uint32, n), done: make([]uint32, n),
		secs: make([]float64, n), metres: make([]float32, n), unknown: make([]float32, n),
		parent: make([]int32, n), via: make([]int32, n),
		heap: make(minHeap, 0, g.NumArcs()+16), reached: make([]int32, 0, n),
	}
}

// Run settles every node reachable from sources within maxSeconds (0 or
// less: no limit) and p.MaxDistanceM. Results stay valid until the next
// Run or RunTo.
func (s *Search) Run(sources []Source, p Params, maxSeconds float64) error {
	return s.run(sources, p, maxSeconds, -1)
}

// RunTo is Run without a time limit that stops once target is settled.
func (s *Search) RunTo(sources []Source, p Params, target int32) error {
	if target < 0 || int(target) >= s.g.NumNodes() {
		return fmt.Errorf("search to node %d: out of range [0,%d)", target, s.g.NumNodes())
	}
	return s.run(sources, p, 0, target)
}

var errNoSpeed = errors.New("search: profile speed must be positive on a graph without edge speeds")

func (s *Search) run(sources []Source, p Params, maxSeconds float64, target int32) error {
	if err := s.check(sources, p); err != nil {
		return err
	}
	s.reset()
	limitS, limitM := limit(maxSeconds), limit(p.MaxDistanceM)
	for _, src := range sources {
		if src.Seconds <= limitS && src.Metres <= limitM {
			s.relax(src.Node, -1, -1, src.Seconds, float32(src.Metres), 0)
		}
	}
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		if s.done[u] == s.cur || it.key > s.secs[u] {
			continue
		}
		s.done[u] = s.cur
		s.reached = append(s.reached, u)
		if u == target {
			break
		}
		s.expand(u, &p, limitS, limitM)
	}
	return nil
}

func limit(v float64) float64 {
	if v <= 0 {
		return math.Inf(1)
	}
	return v
}

func (s *Search) check(sources []Source, p Params) error {
	if math.IsNaN(p.SpeedMPS) || p.SpeedMPS < 0 || (p.SpeedMPS == 0 && s.g.arcSpeed == nil) {
		return errNoSpeed
	}
	for _, src := range sources {
		if src.Node < 0 || int(src.Node) >= s.g.NumNodes() {
			return fmt.Errorf("search source node %d: out of range [0,%d)", src.Node, s.g.NumNodes())
		}
		if math.IsNaN(src.Seconds) || math.IsNaN(src.Metres) {
			return fmt.Errorf("search source node %d: NaN cost", src.Node)
		}
	}
	return nil
}

func (s *Search) reset() {
	s.cur++
	if s.cur == 0 { // wrapped: stale stamps could collide, clear them
		clear(s.label)
		clear(s.done)
		s.cur = 1
	}
	s.heap = s.heap[:0]
	s.reached = s.reached[:0]
}

func (s *Search) expand(u int32, p *Params, limitS, limitM float64) {
	g := s.g
	for a := g.first[u]; a < g.first[u+1]; a++ {
		if !p.allows(g, a) {
			continue
		}
		v := g.head[a]
		if s.done[v] == s.cur {
			continue
		}
		speed := p.SpeedMPS
		if g.arcSpeed != nil && g.arcSpeed[a] > 0 {
			speed = float64(g.arcSpeed[a])
		}
		l := g.arcLen[a]
		secs := s.secs[u] + float64(l)/speed
		m := s.metres[u] + l
		if secs > limitS || float64(m) > limitM {
			continue
		}
		unk := s.unknown[u]
		if g.arcFlags[a]&Unknown != 0 {
			unk += l
		}
		s.relax(v, u, g.arcEdge[a], secs, m, unk)
	}
}

func (s *Search) relax(v, from, edge int32, secs float64, m, unk float32) {
	if s.label[v] == s.cur && !better(secs, m, s.secs[v], s.metres[v]) {
		return
	}
	s.label[v] = s.cur
	s.secs[v], s.metres[v], s.unknown[v] = secs, m, unk
	s.parent[v], s.via[v] = from, edge
	s.heap.push(heapItem{key: secs, node: v})
}

// better orders labels by seconds, then metres, so equal-time ties resolve
// the same way every run.
func better(secs float64, m float32, oldSecs float64, oldM float32) bool {
	return secs < oldSecs || (secs == oldSecs && m < oldM)
}

// Reached returns the settled nodes in order of increasing seconds. The
// slice is reused by the next query.
func (s *Search) Reached() []int32 { return s.reached }

// Seconds returns the seconds to node n and whether n was reached.
func (s *Search) Seconds(n int32) (float64, bool) {
	if !s.settled(n) {
		return 0, false
	}
	return s.secs[n], true
}

// Leg returns the full cost of reaching node n.
func (s *Search) Leg(n int32) (Leg, bool) {
	if !s.settled(n) {
		return Leg{}, false
	}
	return Leg{Metres: float64(s.metres[n]), Seconds: s.secs[n], UnknownM: float64(s.unknown[n])}, true
}

func (s *Search) settled(n int32) bool {
	return n >= 0 && int(n) < len(s.done) && s.done[n] == s.cur && s.cur != 0
}

// PathEdges appends to dst the edges from a source to n, in travel order.
func (s *Search) PathEdges(n int32, dst []int32) []int32 {
	if !s.settled(n) {
		return dst
	}
	start := len(dst)
	for v := n; s.parent[v] >= 0; v = s.parent[v] {
		dst = append(dst, s.via[v])
	}
	reverse(dst[start:])
	return dst
}

// Path appends to dst the points from a source to n, following each edge's
// shape, for drawing.
func (s *Search) Path(n int32, dst []orb.Point) []orb.Point {
	if !s.settled(n) {
		return dst
	}
	start := len(dst)
	v := n
	dst = append(dst, s.g.points[v])
	for ; s.parent[v] >= 0; v = s.parent[v] {
		dst = s.g.appendShapeBackwards(dst, s.via[v], s.parent[v])
		dst = append(dst, s.g.points[s.parent[v]])
	}
	reverse(dst[start:])
	return dst
}

// appendShapeBackwards appends edge e's interior points as met walking
// towards tail, the node the edge was entered from.
func (g *Graph) appendShapeBackwards(dst []orb.Point, e, tail int32) []orb.Point {
	sh := g.shape[g.shapeFirst[e]:g.shapeFirst[e+1]]
	if g.edgeFrom[e] == tail { // travelled From→To: walk the shape back
		for i := len(sh) - 1; i >= 0; i-- {
			dst = append(dst, sh[i])
		}
		return dst
	}
	return append(dst, sh...)
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
