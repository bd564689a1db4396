package osm

import (
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// Extract is everything the importer takes from one OSM file.
type Extract struct {
	// Walk is the pedestrian network; WalkNodeIDs[n] is the OSM node id of
	// its node n.
	Walk        *walk.Graph
	WalkNodeIDs []int64
	// Road is the car network: directed where oneway, each edge carrying
	// its typical speed, searched with walk.Params{} (SpeedMPS 0).
	Road        *walk.Graph
	RoadNodeIDs []int64
	// Places are heritage places, sorted by Key.
	Places []Place
	// Edges holds one record per graph edge when Options.Edges is set.
	Edges []EdgeRecord
	Stats Stats
}

// Network names an edge's graph in EdgeRecord.
type Network string

// The two networks.
const (
	NetworkWalk Network = "walk"
	NetworkRoad Network = "road"
)

// EdgeRecord is a graph edge as plain values, for COPY into PostGIS.
type EdgeRecord struct {
	Network Network
	Edge    int32 // index in its graph
	WayID   int64
	// FromNode and ToNode are OSM node ids; road edges run in the
	// direction of travel when Oneway.
	FromNode, ToNode int64
	Geometry         orb.LineString
	LengthM          float64
	Highway          string
	Flags            walk.Flags // walk edges only
	SpeedKPH         float64    // road edges only
	Oneway           bool
}

// Place is a heritage place: a node, a way's centroid, or a multipolygon
// relation's approximate centroid. Tag values are kept raw ("" when
// absent); mapping wheelchair=* onto yes/no/unknown is the caller's
// business, and absence means unknown.
type Place struct {
	// Key is the stable source key: "node/123", "way/456", "relation/789".
	Key               string
	Name              string
	Point             orb.Point
	Historic          string
	Heritage          string
	ListedStatus      string
	NHLE              string // ref:GB:nhle, the National Heritage List entry
	Tourism           string
	Building          string
	Wheelchair        string
	ToiletsWheelchair string
	Website           string
	OpeningHours      string
	Wikidata          string
}

// Stats counts what a read saw, for import reports.
type Stats struct {
	WalkWays, RoadWays int
	// MissingNodes counts way node references with no node in the file
	// (the way is cut there).
	MissingNodes int
	PlaceNodes   int
	PlaceWays    int
	PlaceRels    int
}
