package profile

import (
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
	"time"
)

func TestStandardProfilesAreValid(t *testing.T) {
	want := []string{"walker", "bus-pass", "wheelchair", "no-money", "car", "rural-dial-a-ride"}
	got := Standard()
	if len(got) != len(want) {
		t.Fatalf("%d standard profiles, want %d", len(got), len(want))
	}
	for i, p := range got {
		if p.ID != want[i] {
			t.Errorf("profile %d is %q, want %q", i, p.ID, want[i])
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if p.Name == "" || p.Description == "" || p.Reasons["walk_speed_mps"] == "" || p.Reasons["max_walk_m"] == "" {
			t.Errorf("%s: name, description and reasons for the walking values are required", p.ID)
		}
		for field := range p.Reasons {
			if !strings.Contains(mustJSON(t, p), `"`+field+`"`) {
				t.Errorf("%s: reason for unknown field %q", p.ID, field)
			}
		}
	}
}

// TestStandardValues pins the values the brief and doc.go promise.
func TestStandardValues(t *testing.T) {
	get := func(id string) Profile {
		p, ok := ByID(id)
		if !ok {
			t.Fatalf("no profile %q", id)
		}
		return p
	}
	if p := get("walker"); p.WalkSpeedMPS != 1.2 || p.MaxWalkM != 1000 || p.StepFree || p.BudgetPence != nil {
		t.Errorf("walker %+v", p)
	}
	if p := get("bus-pass"); p.WalkSpeedMPS != 0.9 || p.MaxWalkM != 500 || !p.ConcessionaryPass {
		t.Errorf("bus-pass %+v", p)
	}
	if p := get("wheelchair"); !p.StepFree || p.WalkSpeedMPS != 0.8 || p.MaxWalkM != 400 || !p.AccessibleToilet {
		t.Errorf("wheelchair %+v", p)
	}
	if p := get("no-money"); p.BudgetPence == nil || *p.BudgetPence != 0 {
		t.Errorf("no-money budget %v, want 0 (not null)", p.BudgetPence)
	}
	if p := get("car"); !p.Uses(CarDriver) || p.Uses(Bus) {
		t.Errorf("car modes %v", p.Modes)
	}
	if p := get("rural-dial-a-ride"); !p.Uses(DialARide) || !p.Uses(Bus) || !p.ConcessionaryPass {
		t.Errorf("rural-dial-a-ride %+v", p)
	}
	if _, ok := ByID("nobody"); ok {
		t.Error("unknown id found")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestJSONNames: the API field names, and null for the nullable fields.
func TestJSONNames(t *testing.T) {
	p, _ := ByID("walker")
	s := mustJSON(t, p)
	for _, name := range []string{`"walk_speed_mps":1.2`, `"max_walk_m":1000`, `"step_free":false`, `"accessible_toilet":false`,
		`"modes":["bus","rail"]`, `"concessionary_pass":false`, `"companion":false`, `"max_journey_min":null`,
		`"budget_pence":null`, `"available":[{"days":["mon","tue","wed","thu","fri","sat","sun"],"from":"08:00","to":"20:00"}]`} {
		if !strings.Contains(s, name) {
			t.Errorf("JSON lacks %s: %s", name, s)
		}
	}
	var back Profile
	if err := json.Unmarshal([]byte(s), &back); err != nil || mustJSON(t, back) != s {
		t.Errorf("round trip: %v", err)
	}
}

func TestValidateNamesTheField(t *testing.T) {
	cases := []struct {
		field string
		edit  func(*Profile)
	}{
		{"id", func(p *Profile) { p.ID = "" }},
		{"walk_speed_mps", func(p *Profile) { p.WalkSpeedMPS = 0 }},
		{"walk_speed_mps", func(p *Profile) { p.WalkSpeedMPS = 9 }},
		{"max_walk_m", func(p *Profile) { p.MaxWalkM = -1 }},
		{"modes", func(p *Profile) { p.Modes = nil }},
		{"modes[1]", func(p *Profile) { p.Modes = []Mode{Bus, "hovercraft"} }},
		{"modes[1]", func(p *Profile) { p.Modes = []Mode{Bus, Bus} }},
		{"max_journey_min", func(p *Profile) { v := 0; p.MaxJourneyMin = &v }},
		{"budget_pence", func(p *Profile) { v := int64(-1); p.BudgetPence = &v }},
		{"available", func(p *Profile) { p.Available = nil }},
		{"available[0].days", func(p *Profile) { p.Available[0].Days = nil }},
		{"available[0].days[0]", func(p *Profile) { p.Available[0].Days[0] = "monday" }},
		{"available[0].from", func(p *Profile) { p.Available[0].From = "9:00" }},
		{"available[0].to", func(p *Profile) { p.Available[0].To = "24:30" }},
		{"available[0].to", func(p *Profile) { p.Available[0].To = "07:00" }},
	}
	for _, c := range cases {
		p, _ := ByID("walker")
		c.edit(&p)
		err := p.Validate()
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("want an error naming %s, got %v", c.field, err)
		}
	}
}

func TestOverride(t *testing.T) {
	p, err := FromStandard("bus-pass", []byte(`{"walk_speed_mps": 0.7, "budget_pence": 300, "modes": ["bus"], "max_journey_min": 45}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "custom" || p.BaseID != "bus-pass" || p.WalkSpeedMPS != 0.7 || *p.BudgetPence != 300 ||
		len(p.Modes) != 1 || *p.MaxJourneyMin != 45 || p.MaxWalkM != 500 || !p.ConcessionaryPass || p.Reasons != nil {
		t.Errorf("override result %+v", p)
	}
	if std, _ := ByID("bus-pass"); std.WalkSpeedMPS != 0.9 || std.BudgetPence != nil {
		t.Error("override changed the standard profile")
	}
	p, err = FromStandard("no-money", []byte(`{"budget_pence": null, "id": "my-person"}`))
	if err != nil || p.BudgetPence != nil || p.ID != "my-person" {
		t.Errorf("null override: %+v %v", p, err)
	}
	if p, err := FromStandard("walker", nil); err != nil || p.ID != "walker" || p.Reasons == nil {
		t.Errorf("no overrides: %+v %v", p, err)
	}
	for body, field := range map[string]string{
		`{"walk_speed_mps": -1}`:     "walk_speed_mps",
		`{"walk_speed_mps": "fast"}`: "walk_speed_mps",
		`{"wings": true}`:            "wings",
		`{"available": [{"days": ["xyz"], "from": "09:00", "to": "10:00"}]}`: "available[0].days[0]",
		`[1,2]`:                  "(body)",
		`{"step_free": true} {}`: "(body)",
		`{`:                      "(body)",
		`{"id": "wheelchair"}`:   "",
	} {
		p, err := FromStandard("walker", []byte(body))
		var fe *FieldError
		switch {
		case field == "" && (err != nil || p.ID != "custom"):
			t.Errorf("%s: %+v %v, want id custom", body, p.ID, err)
		case field != "" && (!errors.As(err, &fe) || fe.Field != field):
			t.Errorf("%s: error %v, want field %s", body, err, field)
		}
	}
	if _, err := FromStandard("nobody", nil); err == nil {
		t.Error("unknown base accepted")
	}
}

func TestAvailability(t *testing.T) {
	p, _ := ByID("bus-pass")
	lon, _ := time.LoadLocation("Europe/London")
	if !p.AvailableAt(time.Date(2025, 6, 4, 10, 0, 0, 0, lon)) || p.AvailableAt(time.Date(2025, 6, 4, 9, 0, 0, 0, lon)) {
		t.Error("bus-pass window 09:30-18:00")
	}
	p.Available = []Window{{Days: []Day{"sat"}, From: "10:00", To: "24:00"}}
	if !p.AvailableAt(time.Date(2025, 6, 7, 23, 59, 0, 0, lon)) || p.AvailableAt(time.Date(2025, 6, 4, 12, 0, 0, 0, lon)) {
		t.Error("saturday window")
	}
	if p.MaxJourney(time.Hour) != time.Hour {
		t.Error("null max journey should take the default")
	}
	v := 30
	p.MaxJourneyMin = &v
	if p.MaxJourney(time.Hour) != 30*time.Minute {
		t.Error("max journey")
	}
}

func FuzzOverride(f *testing.F) {
	for _, s := range []string{`{}`, `{"walk_speed_mps": 1}`, `{"modes": ["taxi"]}`, `{"budget_pence": null}`,
		`{"available": [{"days": ["sun"], "from": "00:00", "to": "24:00"}]}`, `null`, `{"max_journey_min": 1e9}`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		p, err := FromStandard("wheelchair", []byte(body))
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted an invalid profile: %v", err)
		}
		if std, _ := ByID("wheelchair"); std.WalkSpeedMPS != 0.8 {
			t.Fatal("standard profile changed")
		}
	})
}

// TestImports: standard library only.
func TestImports(t *testing.T) {
	entries, _ := os.ReadDir(".")
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			if p := strings.Trim(im.Path.Value, `"`); strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				t.Errorf("%s imports %s", e.Name(), p)
			}
		}
	}
}
