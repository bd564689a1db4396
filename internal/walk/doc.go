// Package walk owns the street graph that walking (and, reusing the same
// search, driving) is computed on: a compact immutable Graph, the Builder
// that makes one, snapping a point to the graph, a reusable one-to-many
// Dijkstra Search per profile, and the straight-line estimate used where
// no graph is loaded.
//
// # Graph
//
// Nodes and edges are dense int32 indices. The Graph keeps positions as
// []orb.Point ([lon, lat]), per-edge length (float32 metres), Flags, an
// optional speed, a oneway bit and the interior shape points (for drawing
// paths), and lays the traversable directions out as compressed sparse rows
// (first/head arrays, with length, flags and speed copied per arc so the
// search loop reads contiguous memory). A Builder collects nodes and edges;
// Build freezes them. Nothing mutates a Graph afterwards, so one Graph may
// be shared by any number of goroutines, each with its own Search.
//
// Snapping uses a uniform bucket grid of about 200 m cells built with the
// graph (no maps); Nearest scans rings of cells and returns the snap
// distance so callers can refuse a far snap.
//
// # Profiles and flags
//
// Params is what a search needs from a person's profile: a speed, a longest
// leg and whether they need step-free access. Edge costs are seconds =
// metres / speed; an edge with its own speed (a road in a car graph built
// by internal/osm) uses that speed instead, which is how the same Dijkstra
// serves the car and taxi legs. Walking time is therefore proportional to
// distance, and MaxDistanceM prunes exactly.
//
// StepFree forbids edges flagged Steps, RaisedKerb, Steep (a surveyed
// gradient of 8 %, about 1:12, or more), Narrow (a surveyed width under
// 0.9 m), WheelchairNo or Barrier (a stile). Rough, WheelchairLimited,
// Crossing and NoSidewalk are recorded but not forbidden.
//
// Unknown is not yes, and unknown is not no either: an unsurveyed footway
// is not evidence of a barrier, so a step-free search may use an edge
// flagged Unknown, but every Leg says how many of its metres ran over such
// edges (UnknownM). A step-free answer with UnknownM > 0 rests partly on
// unsurveyed ground and should be shown as such. The importer decides
// which edges are Unknown (internal/osm documents its rules).
//
// Where no graph is loaded, Estimate and EstimateSeconds use the great-
// circle distance times DetourFactor (1.3) at the profile speed; the Leg is
// marked Estimated and all of it counts as UnknownM.
//
// # Search
//
// A Search is a workspace sized to its Graph: label arrays stamped with a
// query generation (no clearing between queries), a binary heap with lazy
// deletion whose backing array is reused, and the list of settled nodes.
// After the first query it allocates nothing. Ties are broken by seconds,
// then metres, then node index, so results and paths are deterministic.
// Run settles everything within a time limit (an isochrone); RunTo stops at
// one target. Path and PathEdges rebuild the route to any settled node.
//
// # Imports
//
// walk imports only internal/geo and orb. It must not import the OSM
// reader, storage, HTTP or any other Threshold package; importers build
// graphs through the Builder.
package walk
