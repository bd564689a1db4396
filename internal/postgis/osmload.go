package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb/encoding/wkt"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// OSMLoader replaces the source's pedestrian and road networks with the
// extract's edges, and merges its visitable heritage places into sites.
func OSMLoader(x *osm.Extract, file string) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		for _, table := range []string{"walk_edge", "road_edge"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE source_id = $1`, rep.SourceID); err != nil {
				return classify(err, "clear %s", table)
			}
		}
		if err := copyOSMEdges(ctx, tx, x, rep); err != nil {
			return err
		}
		return mergeOSMPlaces(ctx, tx, x.Places, rep, file)
	}
}

// copyOSMEdges stages edges with WKT geometry and publishes them to the
// walk and road tables.
func copyOSMEdges(ctx context.Context, tx pgx.Tx, x *osm.Extract, rep *Report) error {
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE stage_osm_edge (network text, edge_id bigint, way_id bigint, from_node bigint,
 to_node bigint, length_m real, highway text, flags integer, speed_kph real, oneway boolean, wkt text) ON COMMIT DROP`); err != nil {
		return classify(err, "stage osm edges")
	}
	_, err := copyStream(ctx, tx, "stage_osm_edge", []string{"network", "edge_id", "way_id", "from_node", "to_node",
		"length_m", "highway", "flags", "speed_kph", "oneway", "wkt"},
		func(emit func([]any) error) error {
			for _, e := range x.Edges {
				if err := emit([]any{string(e.Network), int64(e.Edge), e.WayID, e.FromNode, e.ToNode, float32(e.LengthM),
					e.Highway, int32(e.Flags), float32(e.SpeedKPH), e.Oneway, wkt.MarshalString(e.Geometry)}); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `
INSERT INTO walk_edge (source_id, edge_id, osm_way_id, from_node, to_node, length_m, highway, steps, wheelchair, flags, geom)
SELECT $1, edge_id, way_id, from_node, to_node, length_m, highway, (flags & $2) <> 0,
       CASE WHEN (flags & $3) <> 0 THEN 'no' WHEN (flags & $4) <> 0 THEN 'yes' ELSE 'unknown' END,
       flags, ST_GeomFromText(wkt, 4326)
FROM stage_osm_edge WHERE network = 'walk'`, rep.SourceID, int32(walk.Steps), int32(walk.WheelchairNo), int32(walk.WheelchairYes))
	if err != nil {
		return classify(err, "publish walk edges")
	}
	walkFC := rep.File("walk edges")
	walkFC.Read, walkFC.Loaded = tag.RowsAffected(), tag.RowsAffected()
	tag, err = tx.Exec(ctx, `
INSERT INTO road_edge (source_id, edge_id, osm_way_id, from_node, to_node, length_m, highway, speed_kph, oneway, geom)
SELECT $1, edge_id, way_id, from_node, to_node, length_m, highway, speed_kph, oneway, ST_GeomFromText(wkt, 4326)
FROM stage_osm_edge WHERE network = 'road'`, rep.SourceID)
	if err != nil {
		return classify(err, "publish road edges")
	}
	roadFC := rep.File("road edges")
	roadFC.Read, roadFC.Loaded = tag.RowsAffected(), tag.RowsAffected()
	return nil
}

// visitable says whether an OSM heritage place is somewhere a person can
// go to an activity: museums and attractions, and historic buildings and
// sites of the kinds that host visits. Memorials, milestones and boundary
// stones stay out.
func visitable(p osm.Place) bool {
	if p.Name == "" {
		return false
	}
	switch p.Tourism {
	case "museum", "attraction", "gallery":
		return true
	}
	switch p.Historic {
	case "castle", "manor", "building", "church", "archaeological_site", "ruins", "monastery", "fort",
		"house", "mill", "windmill", "watermill", "railway_station", "city_gate", "tower", "heritage":
		return true
	}
	return false
}

func mergeOSMPlaces(ctx context.Context, tx pgx.Tx, places []osm.Place, rep *Report, file string) error {
	u := &siteUpserter{tx: tx, source: rep.SourceID}
	fc := rep.File("places")
	skipped := 0
	for _, p := range places {
		fc.Read++
		if !visitable(p) {
			skipped++
			continue
		}
		if _, err := u.upsert(ctx, osmPlaceRecord(p)); err != nil {
			return err
		}
		fc.Loaded++
	}
	rep.Notes = append(rep.Notes, fmt.Sprintf("%s: %d heritage places are not venues (memorials, stones, unnamed) and were not made sites", file, skipped))
	_, err := u.finish(ctx)
	return err
}

func osmPlaceRecord(p osm.Place) SiteRecord {
	kind := "historic_site"
	if p.Tourism == "museum" {
		kind = "museum"
	}
	return SiteRecord{
		Key: p.Key, Name: p.Name, Kind: kind, Point: p.Point,
		StepFree: osmAccess(p.Wheelchair), Toilet: osmAccess(p.ToiletsWheelchair), Website: p.Website,
		Attrs: map[string]any{"historic": p.Historic, "heritage": p.Heritage, "listed_status": p.ListedStatus,
			"nhle": p.NHLE, "tourism": p.Tourism, "wheelchair": p.Wheelchair, "opening_hours": p.OpeningHours, "wikidata": p.Wikidata},
	}
}

// osmAccess maps OSM's wheelchair=* to an access value. "limited" (some
// steps or a partial route) is not step-free and not surely impassable:
// it stays unknown, with the raw tag kept in the site's attributes.
func osmAccess(v string) heritage.Access {
	switch v {
	case "yes", "designated":
		return heritage.AccessYes
	case "no":
		return heritage.AccessNo
	}
	return heritage.AccessUnknown
}
