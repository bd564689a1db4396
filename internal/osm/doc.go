// Package osm owns the OpenStreetMap importer: it reads an .osm.pbf extract
// (or a small .osm XML fixture) and produces the pedestrian network and the
// road network as walk.Graphs, the heritage places, and the graph edges as
// plain records for COPY into PostGIS.
//
// # Reading
//
// ReadFile streams the file three times and keeps only what it needs:
//
//  1. relations only (the decoder skips nodes and ways at the protobuf
//     level): multipolygon relations that are places, and their outer ways;
//  2. ways only: every way the tag table admits to either network, every
//     place way and every member way of a place relation, as a flat list
//     of node ids (8 bytes per reference);
//  3. nodes only: coordinates and tags for the sorted, de-duplicated node
//     ids the kept ways reference (found by binary search; the decoder
//     drops every other node early), plus place nodes.
//
// Memory is therefore proportional to the kept ways, not to the file:
// about 40 bytes per referenced node and 4 bytes per way-node reference
// after the nodes pass. Rutland (1.6 MB, 171k nodes) builds in about a
// tenth of a second and retains under 3 MB. A node missing from the file,
// or with coordinates out of range, cuts its way there (counted in
// Stats.MissingNodes); Geofabrik extracts keep ways complete, so this is
// rare.
//
// # Networks
//
// Ways are split into edges at their ends and at every node shared with
// another way of the same network, so the walk and road graphs have their
// own node sets (a footway crossing a road joins the walk graph there, not
// the road graph). Self-loops with no junction are dropped: they are never
// on a shortest path. Each edge keeps its shape for drawing.
//
// The road graph carries a typical speed per edge and oneway direction;
// search it with walk.Params{} (SpeedMPS 0: edge speeds apply). Speeds are
// free-flow: no junction, turn or traffic delay is modelled.
//
// # The tag table (rules.go)
//
// Every tag decision is a row in one of four tables built by functions
// (wayRules, nodeRules, highwayClasses, placeRules), tested row by row.
//
// Highways and access:
//
//	walk   footway path steps pedestrian living_street residential service
//	       unclassified tertiary secondary primary (and _link) track cycleway
//	       bridleway crossing platform corridor road
//	walk only with foot=yes|designated|permissive or a sidewalk tag:
//	       trunk, trunk_link, motorway, motorway_link
//	closed foot=no|use_sidepath, or access=no|private|agricultural|forestry
//	       without an opening foot=*
//	car    motorway … service, road; not track, path or footway; closed by
//	       the most specific of motorcar, motor_vehicle, vehicle, access;
//	       oneway=yes|1|true|-1|reverse, implied on motorways and
//	       roundabouts; reversible/alternating ways are left out
//
// Walk edge flags (walk.Flags) from way tags:
//
//	highway=steps, surface=stepping_stones     Steps (step_count does not matter:
//	                                           one step is a step)
//	ramp:wheelchair=yes on steps               clears Steps, sets WheelchairLimited
//	incline >= 8% (or ° / ratio equivalent)    Steep
//	incline=up|down|yes (no gradient)          Unknown
//	width < 0.9 m (m, cm, mm, ft, 2'6")        Narrow
//	surface dirt|grass|gravel|mud|… ,
//	smoothness bad or worse                    Rough (recorded, not forbidden)
//	wheelchair=no|limited|yes|designated       WheelchairNo|Limited|Yes
//	footway|cycleway|path=crossing,
//	highway=crossing                           Crossing
//	kerb=raised / rolled / lowered|flush|no    RaisedKerb / WheelchairLimited / surveyed
//	sidewalk=no|none                           NoSidewalk (recorded)
//
// Node tags reach edges through the node. barrier=stile (Barrier),
// barrier=step (Steps), wheelchair=no (WheelchairNo) and
// barrier=kissing_gate|turnstile (Unknown unless wheelchair=yes) reach
// every walk edge through the node. Kerb tags (kerb=*, sloped_curb=*) and
// highway=crossing reach path edges that pass through the node, and path
// edges that end at it when the edge is a crossing (tagged as one, or
// ending at a highway=crossing node). They never reach the carriageway the
// crossing node also lies on, nor a pavement that merely meets the kerb
// node: walking along either crosses no kerb.
//
// Unknown (walk.Unknown) marks what nobody surveyed: an off-carriageway
// path (footway, path, cycleway, bridleway, track, …) with none of surface,
// smoothness, tracktype, width, a numeric incline or wheelchair; a crossing
// with no kerb information; a slope with no gradient. Roads are not
// Unknown by default: a carriageway has no steps, and kerbs at junctions
// are not mapped unless crossings are. A step-free search may use Unknown
// edges and reports how far it relied on them (walk.Leg.UnknownM).
//
// Car speeds (UK defaults, mph; the first figure is used on an untagged
// road, the second caps 80% of a posted maxspeed):
//
//	motorway 70/70  trunk 60/70  primary 50/60  secondary 45/60
//	tertiary 40/50  unclassified 30/40  residential 25/30  road 25/30
//	living_street 10/15  service 10/20  links 25–40
//
// maxspeed is read as "30 mph", "50" or "50 km/h", and as GB:nsl_single
// (60 mph), GB:nsl_dual and GB:motorway (70 mph), national (60 mph) and
// GB:zone20/30/40. Eighty per cent of a posted limit, as in OSRM's car
// profile, because a limit is not a speed.
//
// Places: historic=* (except the linear roman_road, railway, road, route,
// hollow_way), heritage=*, listed_status=*, ref:GB:nhle=*, tourism=museum,
// building=castle. Nodes keep their position, ways their area centroid
// (length-weighted centroid if not closed), multipolygon relations the
// length-weighted centroid of their outer ways (approximate). Key is the
// stable source key "node/123", "way/456" or "relation/789". Tag values are
// raw: absent wheelchair=* is unknown, never yes.
//
// # Imports
//
// osm imports internal/geo, internal/walk, orb and paulmach/osm. It must
// not import storage (pgx), HTTP (chi, net/http) or the other domain
// packages; the loader that COPYs EdgeRecords lives in internal/postgis.
package osm
