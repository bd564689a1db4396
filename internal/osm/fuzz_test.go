package osm

import (
	"bytes"
	"context"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmxml"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// FuzzTagRules: any tag set classifies without panicking, the same way
// twice and whatever the tag order, within the documented ranges.
func FuzzTagRules(f *testing.F) {
	for _, s := range []string{
		"highway=footway;surface=dirt;width=0.6",
		"highway=steps;incline=down;step_count=5",
		"highway=primary;incline=up;maxspeed=30 mph;sidewalk=both;surface=asphalt",
		"highway=trunk;historic=roman_road;maxspeed=70 mph;oneway=yes;sidewalk=no",
		"highway=crossing;kerb=lowered;crossing=unmarked;sloped_curb=yes",
		"barrier=stile;foot=yes;access=no;wheelchair=no",
		"highway=track;incline=1:0;width=2'x\";maxspeed=1e400 mph",
		"highway=path;incline=89.9999°;width=-0;maxspeed=NaN",
		"building=yes;tourism=museum;name=Rutland County Museum",
		"highway=residential;oneway=-1;junction=roundabout;motor_vehicle=private;motorcar=yes",
		"=;;==;highway=;incline=%",
	} {
		f.Add(s)
	}
	c := newClassifier()
	f.Fuzz(func(t *testing.T, s string) {
		ts := tags(s)
		w, n, p := c.way(ts), c.node(ts), c.isPlace(ts)
		rev := slices.Clone(ts)
		slices.Reverse(rev)
		if w2, n2, p2 := c.way(rev), c.node(rev), c.isPlace(rev); w2 != w || n2 != n || p2 != p {
			t.Fatalf("%q: classification depends on tag order", s)
		}
		checkWayClass(t, s, w)
		if (n.Any|n.Kerb)&^allFlags != 0 {
			t.Fatalf("%q: node flags %b outside the defined set", s, n.Any|n.Kerb)
		}
	})
}

const allFlags = walk.Unknown<<1 - 1

func checkWayClass(t *testing.T, s string, w wayClass) {
	t.Helper()
	if w.Flags&^allFlags != 0 {
		t.Fatalf("%q: flags %b outside the defined set", s, w.Flags)
	}
	if !w.Foot && (w.Flags != 0 || w.Survey != 0) {
		t.Fatalf("%q: flags on a way nobody walks", s)
	}
	if w.Car && !(w.CarMPS > 0 && w.CarMPS <= 70*mpsPerMPH+1e-3) || !w.Car && w.Oneway != 0 {
		t.Fatalf("%q: car %v speed %v oneway %d", s, w.Car, w.CarMPS, w.Oneway)
	}
	if math.IsNaN(float64(w.CarMPS)) || w.Oneway < -1 || w.Oneway > 1 {
		t.Fatalf("%q: speed %v oneway %d", s, w.CarMPS, w.Oneway)
	}
}

// FuzzReadXML: the reader survives any XML document (the seed is the
// hand-made fixture) and what it builds is consistent.
func FuzzReadXML(f *testing.F) {
	seed, err := readTestdata("testdata/junction.osm")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`<osm><node id="1" lat="91" lon="0"/><way id="2"><nd ref="1"/><nd ref="1"/><tag k="highway" v="path"/></way></osm>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		ex, err := readBytes(doc)
		if err != nil {
			return
		}
		if len(ex.WalkNodeIDs) != ex.Walk.NumNodes() || len(ex.RoadNodeIDs) != ex.Road.NumNodes() {
			t.Fatal("node id lists do not match the graphs")
		}
		if len(ex.Edges) != ex.Walk.NumEdges()+ex.Road.NumEdges() {
			t.Fatal("edge records do not match the graphs")
		}
	})
}

func readTestdata(path string) ([]byte, error) { return os.ReadFile(path) }

// readBytes runs the reader over an in-memory XML document.
func readBytes(doc []byte) (*Extract, error) {
	open := func(ctx context.Context, _ pass) (osm.Scanner, error) {
		return osmxml.New(ctx, bytes.NewReader(doc)), nil
	}
	return newReader(open).run(context.Background(), Options{Edges: true})
}
