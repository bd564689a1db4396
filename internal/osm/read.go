package osm

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Options tune a read.
type Options struct {
	// Edges keeps every graph edge as an EdgeRecord (geometry included).
	Edges bool
	// Procs is the number of PBF decoder goroutines; 0 means GOMAXPROCS,
	// at most 4.
	Procs int
}

// ReadFile reads an .osm.pbf (or, for small fixtures, .osm XML) file in
// three streaming passes and builds the walk and road graphs and the
// places. The file is reopened for each pass; nothing but the ways and
// nodes the networks and places need is kept in memory.
func ReadFile(ctx context.Context, path string, opt Options) (*Extract, error) {
	ex, err := newReader(opener(path, opt)).run(ctx, opt)
	if err != nil {
		return nil, fmt.Errorf("read osm %s: %w", path, err)
	}
	return ex, nil
}

func (r *reader) run(ctx context.Context, opt Options) (*Extract, error) {
	if err := r.readRelations(ctx); err != nil {
		return nil, fmt.Errorf("relations pass: %w", err)
	}
	if err := r.readWays(ctx); err != nil {
		return nil, fmt.Errorf("ways pass: %w", err)
	}
	if err := r.readNodes(ctx); err != nil {
		return nil, fmt.Errorf("nodes pass: %w", err)
	}
	ex, err := r.build(opt)
	if err != nil {
		return nil, fmt.Errorf("build networks: %w", err)
	}
	return ex, nil
}

// pass says which element type a scan wants; the filters drop elements
// early in the PBF decoder (they run concurrently and must only read).
type pass struct {
	kind       osm.Type
	filterNode func(*osm.Node) bool
	filterWay  func(*osm.Way) bool
	filterRel  func(*osm.Relation) bool
}

type openFunc func(ctx context.Context, p pass) (osm.Scanner, error)

func opener(path string, opt Options) openFunc {
	procs := opt.Procs
	if procs <= 0 {
		procs = min(runtime.GOMAXPROCS(0), 4)
	}
	xml := strings.HasSuffix(path, ".osm") || strings.HasSuffix(path, ".xml")
	return func(ctx context.Context, p pass) (osm.Scanner, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if xml {
			return fileScanner{osmxml.New(ctx, f), f}, nil
		}
		s := osmpbf.New(ctx, f, procs)
		s.SkipNodes, s.SkipWays, s.SkipRelations = p.kind != osm.TypeNode, p.kind != osm.TypeWay, p.kind != osm.TypeRelation
		s.FilterNode, s.FilterWay, s.FilterRelation = p.filterNode, p.filterWay, p.filterRel
		return fileScanner{s, f}, nil
	}
}

// fileScanner closes the file along with the scanner.
type fileScanner struct {
	osm.Scanner
	f *os.File
}

func (s fileScanner) Close() error {
	err := s.Scanner.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// scan runs one pass, calling fn for each object of the pass's kind (the
// XML scanner cannot skip, so the kind is checked here too).
func scan(ctx context.Context, open openFunc, p pass, fn func(osm.Object)) error {
	s, err := open(ctx, p)
	if err != nil {
		return err
	}
	for s.Scan() {
		if o := s.Object(); o.ObjectID().Type() == p.kind {
			fn(o)
		}
	}
	if err := s.Err(); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// reader holds the state between passes.
type reader struct {
	c    *classifier
	open openFunc

	rels       []relPlace
	memberWays []int64 // sorted ids of ways in place relations

	refs      []int64 // node ids of every kept way, concatenated (ways pass)
	refIdx    []int32 // the same as indices into needed (nodes pass on)
	ways      []wayRec
	placeWays []wayRec
	members   []wayRec

	needed  []int64 // sorted unique ids of nodes the ways reference
	coords  []orb.Point
	have    []bool
	nodeCls []nodeClass
	places  []Place
	stats   Stats
}

type relPlace struct {
	id      int64
	tags    osm.Tags
	members []int64
}

// wayRec is a kept way: its nodes are refs[first:end] (refIdx later).
type wayRec struct {
	id         int64
	first, end int
	cls        wayClass
	tags       osm.Tags // place ways only
}

func newReader(open openFunc) *reader { return &reader{c: newClassifier(), open: open} }

func (r *reader) placeRelation(rel *osm.Relation) bool {
	return rel.Tags.Find("type") == "multipolygon" && r.c.isPlace(rel.Tags)
}

func (r *reader) readRelations(ctx context.Context) error {
	p := pass{kind: osm.TypeRelation, filterRel: r.placeRelation}
	err := scan(ctx, r.open, p, func(o osm.Object) {
		rel := o.(*osm.Relation)
		if !r.placeRelation(rel) {
			return
		}
		rp := relPlace{id: int64(rel.ID), tags: rel.Tags}
		for _, m := range rel.Members {
			if m.Type == osm.TypeWay && (m.Role == "outer" || m.Role == "") {
				rp.members = append(rp.members, m.Ref)
			}
		}
		r.rels = append(r.rels, rp)
		r.memberWays = append(r.memberWays, rp.members...)
	})
	slices.Sort(r.memberWays)
	r.memberWays = slices.Compact(r.memberWays)
	return err
}

func (r *reader) isMember(id int64) bool {
	_, ok := slices.BinarySearch(r.memberWays, id)
	return ok
}

// wantWay is the cheap pre-filter: could the way matter at all?
func (r *reader) wantWay(w *osm.Way) bool {
	return w.Tags.Find("highway") != "" || r.c.isPlace(w.Tags) || r.isMember(int64(w.ID))
}

func (r *reader) readWays(ctx context.Context) error {
	p := pass{kind: osm.TypeWay, filterWay: r.wantWay}
	return scan(ctx, r.open, p, func(o osm.Object) {
		w := o.(*osm.Way)
		if len(w.Nodes) < 1 || !r.wantWay(w) {
			return
		}
		cls := r.c.way(w.Tags)
		place, member := r.c.isPlace(w.Tags), r.isMember(int64(w.ID))
		if !cls.Foot && !cls.Car && !place && !member {
			return
		}
		rec := wayRec{id: int64(w.ID), first: len(r.refs), cls: cls}
		for _, n := range w.Nodes {
			r.refs = append(r.refs, int64(n.ID))
		}
		rec.end = len(r.refs)
		r.keepWay(rec, w.Tags, place, member)
	})
}

func (r *reader) keepWay(rec wayRec, tags osm.Tags, place, member bool) {
	if rec.cls.Foot || rec.cls.Car {
		r.ways = append(r.ways, rec)
		r.stats.WalkWays += b2i(rec.cls.Foot)
		r.stats.RoadWays += b2i(rec.cls.Car)
	}
	if place {
		rec.tags = tags
		r.placeWays = append(r.placeWays, rec)
	}
	if member {
		r.members = append(r.members, rec)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (r *reader) index(id int64) (int, bool) { return slices.BinarySearch(r.needed, id) }

func (r *reader) wantNode(n *osm.Node) bool {
	_, ok := r.index(int64(n.ID))
	return ok || (len(n.Tags) > 0 && r.c.isPlace(n.Tags))
}

func (r *reader) readNodes(ctx context.Context) error {
	r.needed = slices.Clone(r.refs)
	slices.Sort(r.needed)
	r.needed = slices.Compact(r.needed)
	r.needed = slices.Clip(r.needed)
	if len(r.needed) > math.MaxInt32 {
		return fmt.Errorf("%d way nodes: more than int32 indices hold", len(r.needed))
	}
	r.refIdx = make([]int32, len(r.refs))
	for k, id := range r.refs {
		i, _ := r.index(id)
		r.refIdx[k] = int32(i)
	}
	r.refs = nil
	r.coords = make([]orb.Point, len(r.needed))
	r.have = make([]bool, len(r.needed))
	r.nodeCls = make([]nodeClass, len(r.needed))
	p := pass{kind: osm.TypeNode, filterNode: r.wantNode}
	return scan(ctx, r.open, p, func(o osm.Object) {
		n := o.(*osm.Node)
		p := orb.Point{n.Lon, n.Lat}
		if !geo.ValidLonLat(p) {
			return // treated as missing
		}
		if i, ok := r.index(int64(n.ID)); ok {
			r.coords[i], r.have[i] = p, true
			if len(n.Tags) > 0 {
				r.nodeCls[i] = r.c.node(n.Tags)
			}
		}
		if len(n.Tags) > 0 && r.c.isPlace(n.Tags) {
			key := fmt.Sprintf("node/%d", n.ID)
			r.places = append(r.places, newPlace(key, n.Tags, p))
			r.stats.PlaceNodes++
		}
	})
}
