package postgis

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// Graph is a published network loaded for searching: the graph and the OSM
// node id of each of its nodes.
type Graph struct {
	Graph   *walk.Graph
	NodeIDs []int64
}

// WalkGraph loads the published pedestrian network of every OSM source as
// one graph, with the barrier flags the importer stored.
func (db *DB) WalkGraph(ctx context.Context) (*Graph, error) {
	return db.loadGraph(ctx, `
SELECT from_node, to_node, length_m, flags, 0::real, false, ST_AsBinary(geom)
FROM walk_edge ORDER BY source_id, edge_id`, "walk")
}

// RoadGraph loads the published road network for car and taxi legs; each
// edge carries its typical speed and oneway edges run one way.
func (db *DB) RoadGraph(ctx context.Context) (*Graph, error) {
	return db.loadGraph(ctx, `
SELECT from_node, to_node, length_m, 0, speed_kph / 3.6, oneway, ST_AsBinary(geom)
FROM road_edge ORDER BY source_id, edge_id`, "road")
}

func (db *DB) loadGraph(ctx context.Context, q, what string) (*Graph, error) {
	rows, err := db.Pool.Query(ctx, q)
	if err != nil {
		return nil, classify(err, "read %s edges", what)
	}
	defer rows.Close()
	b := walk.NewBuilder()
	index := map[int64]int32{}
	var ids []int64
	node := func(osmID int64, p orb.Point) int32 {
		if n, ok := index[osmID]; ok {
			return n
		}
		n := b.AddNode(p)
		index[osmID] = n
		ids = append(ids, osmID)
		return n
	}
	for rows.Next() {
		var from, to int64
		var length, speed float32
		var flags int32
		var oneway bool
		var geomWKB []byte
		if err := rows.Scan(&from, &to, &length, &flags, &speed, &oneway, &geomWKB); err != nil {
			return nil, classify(err, "read %s edges", what)
		}
		g, err := wkb.Unmarshal(geomWKB)
		if err != nil {
			return nil, fmt.Errorf("%s edge %d-%d geometry: %w", what, from, to, err)
		}
		ls, ok := g.(orb.LineString)
		if !ok || len(ls) < 2 {
			return nil, fmt.Errorf("%s edge %d-%d: not a line", what, from, to)
		}
		e := walk.Edge{From: node(from, ls[0]), To: node(to, ls[len(ls)-1]), LengthM: length,
			Flags: walk.Flags(flags), SpeedMPS: speed, Oneway: oneway, Shape: ls[1 : len(ls)-1]}
		if _, err := b.AddEdge(e); err != nil {
			return nil, fmt.Errorf("%s edge %d-%d: %w", what, from, to, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err, "read %s edges", what)
	}
	return &Graph{Graph: b.Build(), NodeIDs: ids}, nil
}
