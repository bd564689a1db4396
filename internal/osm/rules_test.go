package osm

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/osm"

	"github.com/threshold-heritage/threshold/internal/walk"
)

// tags parses "k=v;k=v" (a later duplicate key is dropped, as OSM keys are
// unique per element).
func tags(s string) osm.Tags {
	var ts osm.Tags
	for _, kv := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(kv, "=")
		if k != "" && !ts.HasTag(k) {
			ts = append(ts, osm.Tag{Key: k, Value: v})
		}
	}
	return ts
}

func TestWayClassification(t *testing.T) {
	c := newClassifier()
	cases := []struct {
		tags      string
		foot, car bool
		flags     walk.Flags
		ground    bool
	}{
		{"highway=footway", true, false, 0, false},
		{"highway=footway;surface=asphalt", true, false, 0, true},
		{"highway=steps;step_count=5", true, false, walk.Steps, true},
		{"highway=steps;ramp:wheelchair=yes", true, false, walk.WheelchairLimited, true},
		{"highway=path;surface=dirt;width=0.6", true, false, walk.Rough | walk.Narrow, true},
		{"highway=footway;width=2'6\"", true, false, walk.Narrow, true},
		{"highway=footway;incline=10%", true, false, walk.Steep, true},
		{"highway=footway;incline=-7.9%", true, false, 0, true},
		{"highway=footway;incline=5°", true, false, walk.Steep, true},
		{"highway=footway;incline=down", true, false, walk.Unknown, false},
		{"highway=track;tracktype=grade1", true, false, 0, true},
		{"highway=footway;footway=crossing;kerb=raised", true, false, walk.Crossing | walk.RaisedKerb, false},
		{"highway=path;wheelchair=no", true, false, walk.WheelchairNo, true},
		{"highway=path;foot=no", false, false, 0, false},
		{"highway=service;access=private", false, false, 0, false},
		{"highway=service;access=private;foot=yes", true, false, 0, false},
		{"highway=residential;sidewalk=none", true, true, walk.NoSidewalk, false},
		{"highway=trunk", false, true, 0, false},
		{"highway=trunk;sidewalk=left", true, true, 0, false},
		{"highway=motorway;foot=yes", true, true, 0, false},
		{"highway=track;motor_vehicle=yes", true, false, 0, false},
		{"highway=residential;motor_vehicle=no", true, false, 0, false},
		{"highway=residential;oneway=reversible", true, false, 0, false},
		{"highway=construction", false, false, 0, false},
		{"building=yes", false, false, 0, false},
	}
	for _, tc := range cases {
		got := c.way(tags(tc.tags))
		if got.Foot != tc.foot || got.Car != tc.car || got.Flags != tc.flags || (got.Survey&surveyGround != 0) != tc.ground {
			t.Errorf("%s: foot %v car %v flags %v ground %v; want %v %v %v %v",
				tc.tags, got.Foot, got.Car, got.Flags, got.Survey&surveyGround != 0, tc.foot, tc.car, tc.flags, tc.ground)
		}
	}
}

func TestCarSpeedAndOneway(t *testing.T) {
	c := newClassifier()
	cases := []struct {
		tags   string
		mph    float64
		oneway int8
	}{
		{"highway=motorway", 70, 1},
		{"highway=motorway;oneway=no", 70, 0},
		{"highway=primary", 50, 0},
		{"highway=primary;maxspeed=30 mph", 24, 0},
		{"highway=primary;maxspeed=GB:nsl_single", 48, 0},
		{"highway=unclassified;maxspeed=national", 40, 0}, // capped: lanes are slow
		{"highway=residential", 25, 0},
		{"highway=residential;maxspeed=20 mph;oneway=yes", 16, 1},
		{"highway=tertiary;junction=roundabout", 40, 1},
		{"highway=secondary;oneway=-1;maxspeed=64", 0.8 * 64 / 1.609344, -1},
		{"highway=service;maxspeed=none", 10, 0},
	}
	for _, tc := range cases {
		got := c.way(tags(tc.tags))
		mph := float64(got.CarMPS) / mpsPerMPH
		if !got.Car || math.Abs(mph-tc.mph) > 0.01 || got.Oneway != tc.oneway {
			t.Errorf("%s: car %v %.2f mph oneway %d; want %.2f %d", tc.tags, got.Car, mph, got.Oneway, tc.mph, tc.oneway)
		}
	}
}

func TestNodeClassification(t *testing.T) {
	c := newClassifier()
	cases := []struct {
		tags       string
		any, kerb  walk.Flags
		kerbSurvey bool
	}{
		{"highway=crossing;kerb=lowered", 0, walk.Crossing, true},
		{"highway=crossing", 0, walk.Crossing, false},
		{"barrier=kerb;kerb=raised", 0, walk.RaisedKerb, true},
		{"highway=crossing;sloped_curb=yes", 0, walk.Crossing, true},
		{"barrier=stile", walk.Barrier, 0, false},
		{"barrier=stile;wheelchair=no", walk.Barrier | walk.WheelchairNo, 0, false},
		{"barrier=kissing_gate", walk.Unknown, 0, false},
		{"barrier=kissing_gate;wheelchair=yes", 0, 0, true},
		{"barrier=gate", 0, 0, false},
	}
	for _, tc := range cases {
		got := c.node(tags(tc.tags))
		if got.Any != tc.any || got.Kerb != tc.kerb || got.KerbSurvey != tc.kerbSurvey {
			t.Errorf("%s: %+v; want any %v kerb %v survey %v", tc.tags, got, tc.any, tc.kerb, tc.kerbSurvey)
		}
	}
}

func TestPlaceRules(t *testing.T) {
	c := newClassifier()
	for s, want := range map[string]bool{
		"historic=castle;name=Oakham Castle":    true,
		"tourism=museum":                        true,
		"listed_status=Grade II":                true,
		"ref:GB:nhle=1073714;building=house":    true,
		"heritage=2":                            true,
		"building=castle":                       true,
		"building=church":                       false,
		"highway=trunk;historic=roman_road":     false,
		"railway=abandoned;historic=railway":    false,
		"tourism=attraction;name=Rutland Belle": false,
	} {
		if got := c.isPlace(tags(s)); got != want {
			t.Errorf("isPlace(%s) = %v", s, got)
		}
	}
}

// TestEveryRuleFires keeps the tables honest: each way rule has a tag set
// that triggers it, checked by removing the rule and seeing the result
// change.
func TestEveryRuleFires(t *testing.T) {
	example := map[string]string{
		"highway": "steps", "ramp:wheelchair": "yes", "surface": "stepping_stones",
		"smoothness": "horrible", "tracktype": "grade2", "incline": "up", "width": "0.5",
		"wheelchair": "limited", "footway": "crossing", "cycleway": "crossing",
		"path": "crossing", "kerb": "raised", "sidewalk": "no",
	}
	rules := wayRules()
	for i, r := range rules {
		v, ok := example[r.Key]
		if !ok {
			t.Errorf("no example value for key %q", r.Key)
			continue
		}
		values := []string{v, "crossing", "12%", "yes", "no", "lowered", "dirt", "bad", "designated", "rolled"}
		if !ruleFires(rules, i, values) {
			t.Errorf("rule %d (%s: %s) never changes a result", i, r.Key, r.Why)
		}
	}
}

// ruleFires reports whether dropping rule i changes the result for some
// value of its key.
func ruleFires(rules []tagRule, i int, values []string) bool {
	without := slices.Delete(slices.Clone(rules), i, i+1)
	for _, v := range values {
		if !rules[i].Match(v) {
			continue
		}
		ts := tags(rules[i].Key + "=" + v)
		f1, s1 := applyWayRules(rules, ts)
		f2, s2 := applyWayRules(without, ts)
		if f1 != f2 || s1 != s2 {
			return true
		}
	}
	return false
}

func TestParsers(t *testing.T) {
	inclines := map[string]float64{"10%": 10, "-8 %": 8, "0": 0, "no": 0, "1:12": 100.0 / 12, "45°": 100}
	for s, want := range inclines {
		if got, ok := parseIncline(s); !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseIncline(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"up", "down", "yes", "steep", "NaN%", "Inf", "1:0", "90°", ""} {
		if _, ok := parseIncline(s); ok {
			t.Errorf("parseIncline(%q) read a gradient", s)
		}
	}
	widths := map[string]float64{"1.5": 1.5, "0.8 m": 0.8, "80 cm": 0.8, "900mm": 0.9, "3 ft": 0.9144, "2'6\"": 0.762, "2'": 0.6096}
	for s, want := range widths {
		if got, ok := parseWidthM(s); !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseWidthM(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"narrow", "-1", "1.2;2", "'", ""} {
		if _, ok := parseWidthM(s); ok {
			t.Errorf("parseWidthM(%q) read a width", s)
		}
	}
	speeds := map[string]float64{"30 mph": 48.28032, "50": 50, "50 km/h": 50, "GB:nsl_dual": 112.65408, "20 mph;30 mph": 32.18688}
	for s, want := range speeds {
		if got, ok := parseMaxspeedKPH(s); !ok || math.Abs(got-want) > 1e-6 {
			t.Errorf("parseMaxspeedKPH(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"none", "signals", "BR:urban", "0", "-30 mph", "walk", ""} {
		if _, ok := parseMaxspeedKPH(s); ok {
			t.Errorf("parseMaxspeedKPH(%q) read a speed", s)
		}
	}
}
