package fare

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const sampleConfig = `{
  "rules": [
    {"mode": "bus", "cap_pence": 300, "note": "England bus fare cap"},
    {"feed": "iow", "agency": "SV", "mode": "bus", "single_pence": 250, "return_pence": 400},
    {"mode": "dial_a_ride", "zone": "zone-west-wight", "single_pence": 350}
  ],
  "extensions": [
    {"authority": "E06000046", "earlier_start": "09:00", "extra_modes": ["dial_a_ride"], "companion_allowed": true},
    {"authority": "E06000017", "earlier_start": "00:00", "later_end": "24:00"}
  ]
}`

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig([]byte(sampleConfig))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rules) != 3 || *c.Rules[1].SinglePence != 250 || c.Rules[0].SinglePence != nil || !c.Extensions[0].CompanionAllowed {
		t.Errorf("parsed %+v", c)
	}
	def, _ := json.Marshal(DefaultEngland())
	if d, err := ParseConfig(def); err != nil || !reflect.DeepEqual(d, DefaultEngland()) {
		t.Errorf("default config round trip: %+v, %v", d, err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, cs := range []struct{ in, want string }{
		{`{"rules": [{"mode": "taxi", "single_pence": 1}]}`, "rules[0].mode"},
		{`{"rules": [{"mode": "bus"}]}`, "rules[0].single_pence"},
		{`{"rules": [{"mode": "bus", "single_pence": -1}]}`, "rules[0].single_pence"},
		{`{"rules": [{"mode": "bus", "cap_pence": 1000001}]}`, "rules[0].cap_pence"},
		{`{"rules": [{"mode": "bus", "cap_pence": 300, "extra": 1}]}`, "unknown field"},
		{`{"extensions": [{"authority": ""}]}`, "extensions[0].authority"},
		{`{"extensions": [{"authority": "A", "earlier_start": "10:00"}]}`, "extensions[0].earlier_start"},
		{`{"extensions": [{"authority": "A", "earlier_start": "9:00"}]}`, "extensions[0].earlier_start"},
		{`{"extensions": [{"authority": "A", "later_end": "22:00"}]}`, "extensions[0].later_end"},
		{`{"extensions": [{"authority": "A", "extra_modes": ["rail"]}]}`, "extensions[0].extra_modes[0]"},
		{`{"extensions": [{"authority": "A"}, {"authority": "A"}]}`, "extensions[1].authority"},
		{`{} {}`, "data after"},
		{`[]`, "parse fare config"},
	} {
		_, err := ParseConfig([]byte(cs.in))
		if err == nil || !strings.Contains(err.Error(), cs.want) {
			t.Errorf("%s: error %v, want one naming %q", cs.in, err, cs.want)
		}
	}
}

// FuzzConfig: the parser never panics; whatever it accepts is valid, builds
// a Calculator, and survives a JSON round trip unchanged.
func FuzzConfig(f *testing.F) {
	def, _ := json.Marshal(DefaultEngland())
	for _, s := range []string{sampleConfig, string(def), `{}`, `{"rules": null}`, `{"extensions": [{"authority": "A", "extra_modes": []}]}`,
		`{"rules": [{"mode": "coach", "single_pence": 0, "cap_pence": 0}]}`, `{"rules": [{"mode": "bus", "single_pence": 1e3}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid config: %v", err)
		}
		if _, err := New(c, nil); err != nil {
			t.Fatalf("New rejected a parsed config: %v", err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseConfig(out)
		if err != nil || !reflect.DeepEqual(c, again) {
			t.Fatalf("round trip changed %s\n%+v\n%+v (%v)", out, c, again, err)
		}
	})
}
