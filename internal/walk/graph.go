package walk

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Edge describes one edge for the Builder and as read back from a Graph.
type Edge struct {
	From, To int32
	// LengthM is the length in metres; 0 asks the Builder to measure the
	// geometry (From, Shape..., To).
	LengthM float32
	Flags   Flags
	// SpeedMPS is the edge's own speed (a road's typical car speed); 0
	// means the profile's speed applies.
	SpeedMPS float32
	// Oneway edges are traversable only From→To.
	Oneway bool
	// Shape holds the interior points between From and To, in that order.
	// Read from a Graph, it aliases the graph's storage: do not modify.
	Shape []orb.Point
}

// Graph is an immutable street graph in compressed-sparse-row form. Nodes
// and edges are dense int32 indices; each edge yields one arc per
// traversable direction.
type Graph struct {
	points []orb.Point

	// CSR: the arcs leaving node n are first[n] ≤ a < first[n+1].
	first    []int32
	head     []int32
	arcEdge  []int32
	arcLen   []float32
	arcFlags []Flags
	arcSpeed []float32 // nil when no edge has its own speed

	edgeFrom, edgeTo []int32
	edgeLen          []float32
	edgeFlags        []Flags
	edgeSpeed        []float32
	edgeOneway       []bool
	shapeFirst       []int32
	shape            []orb.Point

	grid grid
}

// NumNodes returns the number of nodes.
func (g *Graph) NumNodes() int { return len(g.points) }

// NumEdges returns the number of edges (not arcs).
func (g *Graph) NumEdges() int { return len(g.edgeFrom) }

// NumArcs returns the number of directed arcs.
func (g *Graph) NumArcs() int { return len(g.head) }

// Point returns the position of node n.
func (g *Graph) Point(n int32) orb.Point { return g.points[n] }

// Edge returns edge e; its Shape aliases the graph and must not be modified.
func (g *Graph) Edge(e int32) Edge {
	ed := Edge{
		From: g.edgeFrom[e], To: g.edgeTo[e], LengthM: g.edgeLen[e],
		Flags: g.edgeFlags[e], Oneway: g.edgeOneway[e],
		Shape: g.shape[g.shapeFirst[e]:g.shapeFirst[e+1]:g.shapeFirst[e+1]],
	}
	if g.edgeSpeed != nil {
		ed.SpeedMPS = g.edgeSpeed[e]
	}
	return ed
}

// Degree returns the number of arcs leaving node n.
func (g *Graph) Degree(n int32) int { return int(g.first[n+1] - g.first[n]) }

// SizeBytes estimates the memory the graph's arrays hold.
func (g *Graph) SizeBytes() int {
	n := len(g.points)*16 + len(g.first)*4
	n += len(g.head) * (4 + 4 + 4 + 2)
	n += len(g.arcSpeed) * 4
	n += len(g.edgeFrom) * (4 + 4 + 4 + 2 + 1 + 4)
	n += len(g.edgeSpeed)*4 + len(g.shape)*16
	return n + g.grid.sizeBytes()
}

// Builder collects nodes and edges; Build freezes them into a Graph.
type Builder struct {
	points []orb.Point
	edges  []Edge
	shape  []orb.Point
	speeds bool
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{} }

// AddNode adds a node at p and returns its index.
func (b *Builder) AddNode(p orb.Point) int32 {
	b.points = append(b.points, p)
	return int32(len(b.points) - 1)
}

// AddEdge adds an edge and returns its index. The Shape is copied.
func (b *Builder) AddEdge(e Edge) (int32, error) {
	n := int32(len(b.points))
	if e.From < 0 || e.From >= n || e.To < 0 || e.To >= n {
		return 0, fmt.Errorf("add edge %d→%d: node out of range [0,%d)", e.From, e.To, n)
	}
	if !finiteNonNeg(e.LengthM) || !finiteNonNeg(e.SpeedMPS) {
		return 0, fmt.Errorf("add edge %d→%d: length %v or speed %v not a finite non-negative number", e.From, e.To, e.LengthM, e.SpeedMPS)
	}
	if e.LengthM == 0 {
		e.LengthM = float32(b.measure(e))
	}
	start := len(b.shape)
	b.shape = append(b.shape, e.Shape...)
	e.Shape = b.shape[start:len(b.shape):len(b.shape)]
	b.speeds = b.speeds || e.SpeedMPS > 0
	b.edges = append(b.edges, e)
	return int32(len(b.edges) - 1), nil
}

func finiteNonNeg(v float32) bool {
	return v >= 0 && !math.IsInf(float64(v), 1)
}

func (b *Builder) measure(e Edge) float64 {
	prev, m := b.points[e.From], 0.0
	for _, p := range e.Shape {
		m += geo.DistanceM(prev, p)
		prev = p
	}
	return m + geo.DistanceM(prev, b.points[e.To])
}

// Build returns the immutable Graph. The Builder must not be used after.
func (b *Builder) Build() *Graph {
	g := &Graph{points: b.points}
	g.copyEdges(b)
	g.buildArcs()
	g.grid = newGrid(g.points)
	return g
}

func (g *Graph) copyEdges(b *Builder) {
	m := len(b.edges)
	g.edgeFrom, g.edgeTo = make([]int32, m), make([]int32, m)
	g.edgeLen, g.edgeFlags = make([]float32, m), make([]Flags, m)
	g.edgeOneway, g.shapeFirst = make([]bool, m), make([]int32, m+1)
	if b.speeds {
		g.edgeSpeed = make([]float32, m)
	}
	g.shape = make([]orb.Point, 0, len(b.shape))
	for i, e := range b.edges {
		g.edgeFrom[i], g.edgeTo[i], g.edgeLen[i] = e.From, e.To, e.LengthM
		g.edgeFlags[i], g.edgeOneway[i] = e.Flags, e.Oneway
		if g.edgeSpeed != nil {
			g.edgeSpeed[i] = e.SpeedMPS
		}
		g.shape = append(g.shape, e.Shape...)
		g.shapeFirst[i+1] = int32(len(g.shape))
	}
}

// buildArcs lays out the CSR arrays with a counting sort on the tail node,
// so arcs keep edge order within a node (deterministic searches).
func (g *Graph) buildArcs() {
	n := len(g.points)
	g.first = make([]int32, n+1)
	for i := range g.edgeFrom {
		g.first[g.edgeFrom[i]+1]++
		if !g.edgeOneway[i] {
			g.first[g.edgeTo[i]+1]++
		}
	}
	for i := 0; i < n; i++ {
		g.first[i+1] += g.first[i]
	}
	arcs := int(g.first[n])
	g.head, g.arcEdge = make([]int32, arcs), make([]int32, arcs)
	g.arcLen, g.arcFlags = make([]float32, arcs), make([]Flags, arcs)
	if g.edgeSpeed != nil {
		g.arcSpeed = make([]float32, arcs)
	}
	next := append([]int32(nil), g.first[:n]...)
	for i := range g.edgeFrom {
		g.addArc(next, int32(i), g.edgeFrom[i], g.edgeTo[i])
		if !g.edgeOneway[i] {
			g.addArc(next, int32(i), g.edgeTo[i], g.edgeFrom[i])
		}
	}
}

func (g *Graph) addArc(next []int32, e, tail, head int32) {
	a := next[tail]
	next[tail]++
	g.head[a], g.arcEdge[a] = head, e
	g.arcLen[a], g.arcFlags[a] = g.edgeLen[e], g.edgeFlags[e]
	if g.arcSpeed != nil {
		g.arcSpeed[a] = g.edgeSpeed[e]
	}
}
