package osm

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// netBuilder turns kept ways into one walk.Graph. Ways are split into
// edges at every node shared with another way of the same network, at
// their ends, and where a referenced node is missing from the file.
type netBuilder struct {
	r       *reader
	network Network
	use     []uint8 // per needed node: times referenced, 2 = a junction
	gnode   []int32 // per needed node: graph node, -1 if none yet
	b       *walk.Builder
	osmIDs  []int64
	edges   []EdgeRecord
	keep    bool
}

func (r *reader) newNetBuilder(network Network, keep bool) *netBuilder {
	nb := &netBuilder{
		r: r, network: network, keep: keep, b: walk.NewBuilder(),
		use: make([]uint8, len(r.needed)), gnode: make([]int32, len(r.needed)),
	}
	for i := range nb.gnode {
		nb.gnode[i] = -1
	}
	for _, w := range r.ways {
		if nb.member(w) {
			nb.countUse(w)
		}
	}
	return nb
}

func (nb *netBuilder) member(w wayRec) bool {
	if nb.network == NetworkWalk {
		return w.cls.Foot
	}
	return w.cls.Car
}

func (nb *netBuilder) countUse(w wayRec) {
	for k := w.first; k < w.end; k++ {
		i := nb.r.refIdx[k]
		if k == w.first || k == w.end-1 {
			nb.use[i] = 2
		} else if nb.use[i] < 2 {
			nb.use[i]++
		}
	}
}

// build adds every member way and freezes the graph.
func (nb *netBuilder) build() (*walk.Graph, error) {
	for _, w := range nb.r.ways {
		if !nb.member(w) {
			continue
		}
		if err := nb.addWay(w); err != nil {
			return nil, fmt.Errorf("way %d: %w", w.id, err)
		}
	}
	return nb.b.Build(), nil
}

// addWay splits the way into runs of present nodes and each run into
// edges between junctions.
func (nb *netBuilder) addWay(w wayRec) error {
	idx := make([]int, 0, w.end-w.first)
	for k := w.first; k < w.end; k++ {
		i := int(nb.r.refIdx[k])
		if !nb.r.have[i] {
			if err := nb.addRun(w, idx); err != nil {
				return err
			}
			idx = idx[:0]
			continue
		}
		idx = append(idx, i)
	}
	return nb.addRun(w, idx)
}

func (nb *netBuilder) addRun(w wayRec, idx []int) error {
	if nb.network == NetworkRoad && w.cls.Oneway < 0 {
		idx = reversed(idx)
	}
	start := 0
	for k := 1; k < len(idx); k++ {
		if k == len(idx)-1 || nb.use[idx[k]] >= 2 {
			if err := nb.addEdge(w, idx[start:k+1]); err != nil {
				return err
			}
			start = k
		}
	}
	return nil
}

func reversed(s []int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// addEdge adds the edge over needed-node indices seg (ends included).
func (nb *netBuilder) addEdge(w wayRec, seg []int) error {
	a, z := seg[0], seg[len(seg)-1]
	if a == z && len(seg) <= 2 {
		return nil // a repeated node or a loop with no junction: never on a shortest path
	}
	line := make(orb.LineString, len(seg))
	for k, i := range seg {
		line[k] = nb.r.coords[i]
	}
	e := walk.Edge{
		From: nb.graphNode(a), To: nb.graphNode(z),
		LengthM: float32(lineLengthM(line)), Shape: line[1 : len(line)-1],
	}
	if nb.network == NetworkWalk {
		e.Flags = nb.walkFlags(w, seg)
	} else {
		e.SpeedMPS, e.Oneway = w.cls.CarMPS, w.cls.Oneway != 0
	}
	if e.LengthM == 0 {
		e.LengthM = 0.01 // coincident nodes: keep the edge, avoid re-measuring
	}
	id, err := nb.b.AddEdge(e)
	if err != nil {
		return err
	}
	nb.record(id, w, e, line)
	return nil
}

func (nb *netBuilder) graphNode(i int) int32 {
	if nb.gnode[i] < 0 {
		nb.gnode[i] = nb.b.AddNode(nb.r.coords[i])
		nb.osmIDs = append(nb.osmIDs, nb.r.needed[i])
	}
	return nb.gnode[i]
}

// walkFlags combines the way's flags with its nodes' and marks the edge
// Unknown when nothing surveyed it. Node flags of scopeAny reach every
// edge through the node. Kerb-scope flags reach path edges through the
// node, and path edges that end at it when the edge is a crossing: tagged
// footway=crossing, or ending at a highway=crossing node.
func (nb *netBuilder) walkFlags(w wayRec, seg []int) walk.Flags {
	f, sv := w.cls.Flags, w.cls.Survey
	ends := [2]nodeClass{nb.r.nodeCls[seg[0]], nb.r.nodeCls[seg[len(seg)-1]]}
	for k, i := range seg {
		nc := nb.r.nodeCls[i]
		f |= nc.Any
		if w.cls.Path && k > 0 && k < len(seg)-1 {
			f, sv = f|nc.Kerb, sv|kerbSurvey(nc)
		}
	}
	for _, nc := range ends {
		if w.cls.Path && nc.Kerb&walk.Crossing != 0 {
			f |= walk.Crossing
		}
	}
	crossing := f&walk.Crossing != 0
	for _, nc := range ends {
		if crossing && w.cls.Path {
			f, sv = f|nc.Kerb, sv|kerbSurvey(nc)
		}
	}
	if w.cls.Path && !crossing && sv&surveyGround == 0 || crossing && sv&surveyKerb == 0 {
		f |= walk.Unknown
	}
	return f
}

func kerbSurvey(nc nodeClass) survey {
	if nc.KerbSurvey {
		return surveyKerb
	}
	return 0
}

func (nb *netBuilder) record(id int32, w wayRec, e walk.Edge, line orb.LineString) {
	if !nb.keep {
		return
	}
	nb.edges = append(nb.edges, EdgeRecord{
		Network: nb.network, Edge: id, WayID: w.id,
		FromNode: nb.osmIDs[e.From], ToNode: nb.osmIDs[e.To],
		Geometry: line, LengthM: float64(e.LengthM), Highway: w.cls.Highway,
		Flags: e.Flags, SpeedKPH: float64(e.SpeedMPS) * 3.6, Oneway: e.Oneway,
	})
}

func lineLengthM(l orb.LineString) float64 {
	m := 0.0
	for i := 1; i < len(l); i++ {
		m += geo.DistanceM(l[i-1], l[i])
	}
	return m
}

// build makes both graphs and the places.
func (r *reader) build(opt Options) (*Extract, error) {
	ex := &Extract{}
	walkNB := r.newNetBuilder(NetworkWalk, opt.Edges)
	g, err := walkNB.build()
	if err != nil {
		return nil, fmt.Errorf("walk network: %w", err)
	}
	ex.Walk, ex.WalkNodeIDs = g, walkNB.osmIDs
	roadNB := r.newNetBuilder(NetworkRoad, opt.Edges)
	if ex.Road, err = roadNB.build(); err != nil {
		return nil, fmt.Errorf("road network: %w", err)
	}
	ex.RoadNodeIDs = roadNB.osmIDs
	ex.Edges = append(walkNB.edges, roadNB.edges...)
	ex.Places = r.buildPlaces()
	ex.Stats = r.stats
	for _, i := range r.refIdx {
		if !r.have[i] {
			ex.Stats.MissingNodes++
		}
	}
	return ex, nil
}
