package osm

import (
	"slices"

	"github.com/paulmach/osm"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// classifier applies the tag tables. It is built once per read and only
// read afterwards, so the PBF decoder's goroutines may share it.
type classifier struct {
	classes  map[string]highwayClass
	ways     []tagRule
	nodes    []tagRule
	places   []placeRule
	closed   []string
	openFoot []string
	sidewalk []string
}

func newClassifier() *classifier {
	c := &classifier{
		classes: map[string]highwayClass{},
		ways:    wayRules(), nodes: nodeRules(), places: placeRules(),
		closed: closedAccess(), openFoot: openFoot(), sidewalk: hasSidewalk(),
	}
	for _, hc := range highwayClasses() {
		c.classes[hc.Highway] = hc
	}
	return c
}

// wayClass is what the tables say about one way.
type wayClass struct {
	Highway string
	Foot    bool // part of the pedestrian network
	Car     bool // part of the road network
	Path    bool // off-carriageway path (see highwayClass.Path)
	Flags   walk.Flags
	Survey  survey
	CarMPS  float32 // typical car speed, metres per second
	// Oneway for cars: +1 along the way, -1 against it, 0 both ways.
	Oneway int8
}

func (c *classifier) way(tags osm.Tags) wayClass {
	hc, ok := c.classes[tags.Find("highway")]
	if !ok {
		return wayClass{}
	}
	wc := wayClass{Highway: hc.Highway, Path: hc.Path}
	wc.Foot = c.footAllowed(hc, tags)
	if wc.Foot {
		wc.Flags, wc.Survey = applyWayRules(c.ways, tags)
	}
	if hc.CarMPH > 0 && c.carAllowed(tags) {
		wc.Oneway, wc.Car = carOneway(hc, tags)
		wc.CarMPS = carSpeedMPS(hc, tags)
	}
	return wc
}

func applyWayRules(rules []tagRule, tags osm.Tags) (walk.Flags, survey) {
	var set, clear walk.Flags
	var sv survey
	for _, r := range rules {
		if v := tags.Find(r.Key); v != "" && r.Match(v) {
			set, clear, sv = set|r.Set, clear|r.Clear, sv|r.Survey
		}
	}
	return set &^ clear, sv
}

// footAllowed: foot=* decides first, then access=*, then the class.
func (c *classifier) footAllowed(hc highwayClass, tags osm.Tags) bool {
	if v := tags.Find("foot"); v != "" {
		if slices.Contains(c.closed, v) {
			return false
		}
		if slices.Contains(c.openFoot, v) {
			return true
		}
	}
	if slices.Contains(c.closed, tags.Find("access")) {
		return false
	}
	switch hc.Foot {
	case footYes:
		return true
	case footIfTagged:
		return c.hasSidewalk(tags)
	}
	return false
}

func (c *classifier) hasSidewalk(tags osm.Tags) bool {
	for _, k := range []string{"sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"} {
		if slices.Contains(c.sidewalk, tags.Find(k)) {
			return true
		}
	}
	return false
}

// carAllowed: the most specific of motorcar, motor_vehicle, vehicle and
// access that is present decides.
func (c *classifier) carAllowed(tags osm.Tags) bool {
	for _, k := range []string{"motorcar", "motor_vehicle", "vehicle", "access"} {
		if v := tags.Find(k); v != "" {
			return !slices.Contains(c.closed, v)
		}
	}
	return true
}

// carOneway returns the direction cars may use and false when the way is
// closed to through traffic by a reversible or alternating oneway.
func carOneway(hc highwayClass, tags osm.Tags) (int8, bool) {
	switch tags.Find("oneway") {
	case "yes", "true", "1":
		return 1, true
	case "-1", "reverse":
		return -1, true
	case "no", "false", "0":
		return 0, true
	case "reversible", "alternating":
		return 0, false
	}
	if j := tags.Find("junction"); hc.Oneway || j == "roundabout" || j == "circular" {
		return 1, true
	}
	return 0, true
}

const mpsPerMPH = 0.44704

// maxspeedShare is the share of a posted limit taken as the typical
// speed (as OSRM's car profile does): limits are not speeds, and no
// junction or turn delay is modelled.
const maxspeedShare = 0.8

// carSpeedMPS: maxspeedShare of a readable maxspeed, capped by the class
// ceiling; otherwise the class default.
func carSpeedMPS(hc highwayClass, tags osm.Tags) float32 {
	mph := hc.CarMPH
	if kph, ok := parseMaxspeedKPH(tags.Find("maxspeed")); ok {
		mph = min(maxspeedShare*kph/kphPerMPH, hc.CeilMPH)
	}
	return float32(mph * mpsPerMPH)
}

// nodeClass is what the node table says about one node, split by scope.
type nodeClass struct {
	Any        walk.Flags // every walkable edge through the node
	Kerb       walk.Flags // path edges through it, crossing edges ending at it
	KerbSurvey bool
}

func (c *classifier) node(tags osm.Tags) nodeClass {
	var nc nodeClass
	var clear walk.Flags
	for _, r := range c.nodes {
		v := tags.Find(r.Key)
		if v == "" || !r.Match(v) {
			continue
		}
		clear |= r.Clear
		if r.Scope == scopeKerb {
			nc.Kerb |= r.Set
		} else {
			nc.Any |= r.Set
		}
		nc.KerbSurvey = nc.KerbSurvey || r.Survey&surveyKerb != 0
	}
	nc.Any &^= clear
	nc.Kerb &^= clear
	return nc
}

// isPlace reports whether the tags make the element a heritage place.
func (c *classifier) isPlace(tags osm.Tags) bool {
	for _, r := range c.places {
		if v := tags.Find(r.Key); v != "" && r.Match(v) {
			return true
		}
	}
	return false
}
