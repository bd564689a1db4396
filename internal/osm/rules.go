package osm

import (
	"slices"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// This file is the tag table: every decision the importer takes from an
// OpenStreetMap tag is a row below. The tables are built by functions, not
// package variables, so nothing can change them at run time.

// survey records which kinds of evidence a way or node carries, to decide
// whether an edge is walk.Unknown.
type survey uint8

const (
	// surveyGround: the walking surface was described (surface,
	// smoothness, tracktype, width, a gradient, wheelchair).
	surveyGround survey = 1 << iota
	// surveyKerb: the kerb at a crossing was described (kerb,
	// sloped_curb, wheelchair).
	surveyKerb
)

// scope says which edges a node's tag reaches.
type scope uint8

const (
	// scopeAny: every walkable edge through the node (a stile blocks
	// whichever path it stands on).
	scopeAny scope = iota
	// scopeKerb: path edges that pass through the node, and crossing
	// edges that end at it — never the carriageway the crossing node also
	// sits on, nor a pavement that merely meets the crossing there.
	scopeKerb
)

// tagRule: when Key's value satisfies Match, set Set, clear Clear (after
// all sets, so the result does not depend on tag order) and record Survey.
type tagRule struct {
	Key    string
	Match  func(v string) bool
	Set    walk.Flags
	Clear  walk.Flags
	Survey survey
	Scope  scope // node rules only
	Why    string
}

// wayRules are applied to the tags of every walkable way.
func wayRules() []tagRule {
	return []tagRule{
		{Key: "highway", Match: is("steps"), Set: walk.Steps, Survey: surveyGround, Why: "a flight of steps, however short"},
		{Key: "ramp:wheelchair", Match: is("yes"), Clear: walk.Steps, Set: walk.WheelchairLimited, Why: "steps with a wheelchair ramp alongside"},
		{Key: "surface", Match: is("stepping_stones"), Set: walk.Steps, Survey: surveyGround, Why: "stepping stones are steps"},
		{Key: "surface", Match: is(roughSurfaces()...), Set: walk.Rough, Why: "unpaved or uneven surface"},
		{Key: "surface", Match: anyValue, Survey: surveyGround, Why: "surface surveyed"},
		{Key: "smoothness", Match: is("bad", "very_bad", "horrible", "very_horrible", "impassable"), Set: walk.Rough, Why: "broken surface"},
		{Key: "smoothness", Match: anyValue, Survey: surveyGround, Why: "smoothness surveyed"},
		{Key: "tracktype", Match: anyValue, Survey: surveyGround, Why: "track surface graded"},
		{Key: "incline", Match: steepIncline, Set: walk.Steep, Why: "gradient of 8% (1:12) or more"},
		{Key: "incline", Match: quantifiedIncline, Survey: surveyGround, Why: "gradient surveyed"},
		{Key: "incline", Match: unquantifiedIncline, Set: walk.Unknown, Why: "a slope of unknown gradient (incline=up/down/yes)"},
		{Key: "width", Match: narrowWidthM, Set: walk.Narrow, Why: "narrower than 0.9 m"},
		{Key: "width", Match: readableWidth, Survey: surveyGround, Why: "width surveyed"},
		{Key: "wheelchair", Match: is("no"), Set: walk.WheelchairNo, Survey: surveyGround | surveyKerb, Why: "surveyed not passable by wheelchair"},
		{Key: "wheelchair", Match: is("limited"), Set: walk.WheelchairLimited, Survey: surveyGround | surveyKerb, Why: "surveyed partly passable"},
		{Key: "wheelchair", Match: is("yes", "designated"), Set: walk.WheelchairYes, Survey: surveyGround | surveyKerb, Why: "surveyed passable"},
		{Key: "footway", Match: is("crossing"), Set: walk.Crossing, Why: "crosses a carriageway"},
		{Key: "cycleway", Match: is("crossing"), Set: walk.Crossing, Why: "crosses a carriageway"},
		{Key: "path", Match: is("crossing"), Set: walk.Crossing, Why: "crosses a carriageway"},
		{Key: "highway", Match: is("crossing"), Set: walk.Crossing, Why: "crosses a carriageway"},
		{Key: "kerb", Match: is("raised"), Set: walk.RaisedKerb, Survey: surveyKerb, Why: "raised kerb, no dropped kerb"},
		{Key: "kerb", Match: is("rolled"), Set: walk.WheelchairLimited, Survey: surveyKerb, Why: "rolled kerb: passable with difficulty"},
		{Key: "kerb", Match: is("lowered", "flush", "no"), Survey: surveyKerb, Why: "dropped or flush kerb"},
		{Key: "sidewalk", Match: is("no", "none"), Set: walk.NoSidewalk, Why: "road without a pavement"},
	}
}

// nodeRules are applied to the tags of nodes on walkable ways; Scope says
// which of the node's edges receive the result.
func nodeRules() []tagRule {
	return []tagRule{
		{Key: "kerb", Match: is("raised"), Set: walk.RaisedKerb, Survey: surveyKerb, Scope: scopeKerb, Why: "raised kerb"},
		{Key: "kerb", Match: is("rolled"), Set: walk.WheelchairLimited, Survey: surveyKerb, Scope: scopeKerb, Why: "rolled kerb"},
		{Key: "kerb", Match: is("lowered", "flush", "no"), Survey: surveyKerb, Scope: scopeKerb, Why: "dropped or flush kerb"},
		{Key: "sloped_curb", Match: is("yes", "both", "one_side"), Survey: surveyKerb, Scope: scopeKerb, Why: "dropped kerb (older tag)"},
		{Key: "sloped_curb", Match: is("no"), Set: walk.RaisedKerb, Survey: surveyKerb, Scope: scopeKerb, Why: "no dropped kerb (older tag)"},
		{Key: "highway", Match: is("crossing"), Set: walk.Crossing, Scope: scopeKerb, Why: "crossing point"},
		{Key: "barrier", Match: is("stile"), Set: walk.Barrier, Scope: scopeAny, Why: "a stile must be climbed"},
		{Key: "barrier", Match: is("step"), Set: walk.Steps, Scope: scopeAny, Why: "a single step"},
		{Key: "barrier", Match: is("kissing_gate", "turnstile"), Set: walk.Unknown, Scope: scopeAny, Why: "may not pass a wheelchair; not surveyed"},
		{Key: "wheelchair", Match: is("no"), Set: walk.WheelchairNo, Scope: scopeAny, Why: "surveyed not passable by wheelchair"},
		{Key: "wheelchair", Match: is("yes", "designated"), Clear: walk.Unknown, Survey: surveyKerb, Scope: scopeAny, Why: "barrier surveyed passable"},
	}
}

// roughSurfaces are surfaces a wheelchair user or frail walker finds hard
// going. Sett, compacted and fine_gravel are deliberately absent: usually
// passable, and the table is easy to change.
func roughSurfaces() []string {
	return []string{
		"unpaved", "gravel", "pebblestone", "dirt", "earth", "ground", "grass",
		"grass_paver", "mud", "sand", "woodchips", "rock", "cobblestone",
		"unhewn_cobblestone", "stepping_stones",
	}
}

// Thresholds from the Department for Transport's Inclusive Mobility (2021):
// gradients steeper than 1:12 are not usable by many wheelchair users, and
// 0.9 m is the least clear width past an obstacle.
const (
	steepPct    = 8.0
	narrowWidth = 0.9
)

func steepIncline(v string) bool {
	pct, ok := parseIncline(v)
	return ok && pct >= steepPct
}

func quantifiedIncline(v string) bool {
	_, ok := parseIncline(v)
	return ok
}

func unquantifiedIncline(v string) bool { return !quantifiedIncline(v) }

func readableWidth(v string) bool {
	_, ok := parseWidthM(v)
	return ok
}

func narrowWidthM(v string) bool {
	m, ok := parseWidthM(v)
	return ok && m < narrowWidth
}

func is(values ...string) func(string) bool {
	return func(v string) bool { return slices.Contains(values, v) }
}

func anyValue(string) bool { return true }

// footAccess says whether pedestrians may use a highway class by default.
type footAccess uint8

const (
	footNo       footAccess = iota
	footYes                 // unless foot=no or access=no/private
	footIfTagged            // only with foot=yes/designated/permissive or a pavement
)

// highwayClass is one row of the highway table.
type highwayClass struct {
	Highway string
	Foot    footAccess
	// Path: an off-carriageway path. Without a surface, smoothness,
	// tracktype, width, gradient or wheelchair tag it is walk.Unknown
	// (unless it is a crossing, whose ground is the carriageway: there the
	// unknown is the kerb).
	Path bool
	// CarMPH is the typical car speed on an untagged road of the class;
	// 0: not for cars. CeilMPH caps a speed derived from maxspeed.
	CarMPH, CeilMPH float64
	// Oneway: cars may only drive with the way's direction unless
	// oneway=no (motorways).
	Oneway bool
}

// highwayClasses: which highways are walked and driven, and the United
// Kingdom defaults used when a road has no maxspeed. The defaults are
// typical speeds, below the national limits (70 mph motorway and dual
// carriageway, 60 mph single carriageway, 30 mph where lit), because a
// limit is not a speed: rural lanes under the national limit are driven far
// slower.
func highwayClasses() []highwayClass {
	return []highwayClass{
		{Highway: "motorway", Foot: footIfTagged, CarMPH: 70, CeilMPH: 70, Oneway: true},
		{Highway: "motorway_link", Foot: footIfTagged, CarMPH: 40, CeilMPH: 60, Oneway: true},
		{Highway: "trunk", Foot: footIfTagged, CarMPH: 60, CeilMPH: 70},
		{Highway: "trunk_link", Foot: footIfTagged, CarMPH: 40, CeilMPH: 60},
		{Highway: "primary", Foot: footYes, CarMPH: 50, CeilMPH: 60},
		{Highway: "primary_link", Foot: footYes, CarMPH: 30, CeilMPH: 50},
		{Highway: "secondary", Foot: footYes, CarMPH: 45, CeilMPH: 60},
		{Highway: "secondary_link", Foot: footYes, CarMPH: 30, CeilMPH: 50},
		{Highway: "tertiary", Foot: footYes, CarMPH: 40, CeilMPH: 50},
		{Highway: "tertiary_link", Foot: footYes, CarMPH: 25, CeilMPH: 40},
		{Highway: "unclassified", Foot: footYes, CarMPH: 30, CeilMPH: 40},
		{Highway: "residential", Foot: footYes, CarMPH: 25, CeilMPH: 30},
		{Highway: "road", Foot: footYes, CarMPH: 25, CeilMPH: 30},
		{Highway: "living_street", Foot: footYes, CarMPH: 10, CeilMPH: 15},
		{Highway: "service", Foot: footYes, CarMPH: 10, CeilMPH: 20},
		{Highway: "pedestrian", Foot: footYes},
		{Highway: "footway", Foot: footYes, Path: true},
		{Highway: "path", Foot: footYes, Path: true},
		{Highway: "steps", Foot: footYes, Path: true},
		{Highway: "cycleway", Foot: footYes, Path: true},
		{Highway: "bridleway", Foot: footYes, Path: true},
		{Highway: "track", Foot: footYes, Path: true},
		{Highway: "crossing", Foot: footYes, Path: true},
		{Highway: "platform", Foot: footYes, Path: true},
		{Highway: "corridor", Foot: footYes},
	}
}

// Access values that close a way to the mode they apply to.
func closedAccess() []string {
	return []string{"no", "private", "agricultural", "forestry", "use_sidepath", "discouraged"}
}

// Values of foot/access that open a way to pedestrians whatever its class.
func openFoot() []string {
	return []string{"yes", "designated", "permissive", "official", "destination"}
}

// Values of sidewalk (and sidewalk:left/right/both) meaning there is one.
func hasSidewalk() []string {
	return []string{"both", "left", "right", "yes", "separate"}
}

// placeRule: an element whose Key's value satisfies Match is a place.
type placeRule struct {
	Key   string
	Match func(v string) bool
	Why   string
}

// placeRules select heritage places. building=church and similar need a
// historic or heritage tag as well (caught by those rows); a castle is
// heritage in itself.
func placeRules() []placeRule {
	return []placeRule{
		{Key: "historic", Match: notLinearHistoric, Why: "historic feature"},
		{Key: "heritage", Match: anyValue, Why: "protected heritage (Historic England grade, etc.)"},
		{Key: "listed_status", Match: anyValue, Why: "listed building or scheduled monument"},
		{Key: "ref:GB:nhle", Match: anyValue, Why: "on the National Heritage List for England"},
		{Key: "tourism", Match: is("museum"), Why: "museum"},
		{Key: "building", Match: is("castle"), Why: "castle"},
	}
}

// notLinearHistoric rejects historic values that describe routes rather
// than places: the A1 is tagged historic=roman_road along its length.
func notLinearHistoric(v string) bool {
	return !slices.Contains([]string{"roman_road", "railway", "road", "route", "hollow_way", "no"}, v)
}
