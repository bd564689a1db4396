package openreferral

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestExportRoundTrip exports every parsed fixture and reads the export
// back: the heritage values must come back unchanged.
func TestExportRoundTrip(t *testing.T) {
	for _, path := range []string{"testdata/v1_services.json", "testdata/v3_service.json", "../../geodata/isle-of-wight/activities.json", "../../geodata/rutland/activities.json"} {
		t.Run(path, func(t *testing.T) {
			dir, _ := parseFile(t, path)
			services, err := Services(dir.Activities, dir.Sites)
			if err != nil {
				t.Fatal(err)
			}
			page, err := NewPage(services, 1, len(services))
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(page)
			if err != nil {
				t.Fatal(err)
			}
			back, issues, err := Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			for _, is := range issues {
				if is.Field != "schedules" { // "no sessions" warnings carry over
					t.Errorf("export re-read with issue %s", is)
				}
			}
			if !reflect.DeepEqual(back.Activities, dir.Activities) {
				for i := range dir.Activities {
					if !reflect.DeepEqual(back.Activities[i], dir.Activities[i]) {
						t.Fatalf("activity %d changed:\n was %+v\n now %+v", i, dir.Activities[i], back.Activities[i])
					}
				}
				t.Fatal("activities changed")
			}
			if !reflect.DeepEqual(back.Sites, dir.Sites) {
				t.Fatalf("sites changed:\n was %+v\n now %+v", dir.Sites, back.Sites)
			}
		})
	}
}

// TestExportGolden pins the exported shape of one service.
func TestExportGolden(t *testing.T) {
	dir, _ := parseFile(t, "testdata/v3_service.json")
	svc := ServiceOf(dir.Activities[0], dir.Sites[0])
	got, err := json.MarshalIndent(svc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/export_service.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (run go test -update after checking):\n%s", golden, got)
	}
}

func TestExportUnknownsStayUnknown(t *testing.T) {
	a := heritage.Activity{ID: "a", SiteID: "s", Name: "x", Costs: []heritage.CostOption{{Label: "Donation"}}}
	s := heritage.Site{ID: "s", Name: "y", Point: [2]float64{-1.3, 50.7}}
	b, err := json.Marshal(ServiceOf(a, s))
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		CostOptions []map[string]any `json:"cost_options"`
		SAL         []struct {
			Location struct {
				Accessibility []map[string]string `json:"accessibility"`
			} `json:"location"`
		} `json:"service_at_locations"`
		Illustrative *bool `json:"illustrative"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if _, has := raw.CostOptions[0]["amount"]; has || raw.CostOptions[0]["amount_confidence"] != "unknown" {
		t.Errorf("unknown price exported as %v", raw.CostOptions[0])
	}
	acc := raw.SAL[0].Location.Accessibility
	if len(acc) != 4 {
		t.Fatalf("got %d accessibility entries, want all four features", len(acc))
	}
	for _, e := range acc {
		if e["value"] != "unknown" {
			t.Errorf("unsurveyed %s exported as %q", e["feature"], e["value"])
		}
	}
	if raw.Illustrative == nil || *raw.Illustrative {
		t.Error("illustrative flag missing, or true on a real record")
	}
	if _, err := Services([]heritage.Activity{a}, nil); err == nil {
		t.Error("exported an activity whose site is missing")
	}
}

func TestPounds(t *testing.T) {
	for p, want := range map[Pounds]string{0: "0.00", 5: "0.05", 450: "4.50", 1050: "10.50", 123456: "1234.56"} {
		b, err := json.Marshal(p)
		if err != nil || string(b) != want {
			t.Errorf("Pounds(%d) = %s, %v; want %s", p, b, err, want)
		}
	}
	if _, err := json.Marshal(Pounds(-1)); err == nil {
		t.Error("negative amount marshalled")
	}
}

func TestNewPage(t *testing.T) {
	all := make([]Service, 7)
	for i := range all {
		all[i].ID = string(rune('a' + i))
	}
	cases := []struct {
		page, per          int
		total, pages, size int
		first, last, empty bool
		firstID            string
	}{
		{1, 3, 7, 3, 3, true, false, false, "a"},
		{2, 3, 7, 3, 3, false, false, false, "d"},
		{3, 3, 7, 3, 1, false, true, false, "g"},
		{4, 3, 7, 3, 0, false, true, true, ""},
		{1, 10, 7, 1, 7, true, true, false, "a"},
	}
	for _, tc := range cases {
		p, err := NewPage(all, tc.page, tc.per)
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalItems != tc.total || p.TotalPages != tc.pages || p.Size != tc.size || p.PageNumber != tc.page ||
			p.FirstPage != tc.first || p.LastPage != tc.last || p.Empty != tc.empty || len(p.Contents) != tc.size {
			t.Errorf("page %d of %d: %+v", tc.page, tc.per, p)
		}
		if tc.size > 0 && p.Contents[0].ID != tc.firstID {
			t.Errorf("page %d starts with %s, want %s", tc.page, p.Contents[0].ID, tc.firstID)
		}
	}
	p, _ := NewPage(nil, 1, 50)
	b, _ := json.Marshal(p)
	want := `{"total_items":0,"total_pages":0,"page_number":1,"size":0,"first_page":true,"last_page":true,"empty":true,"contents":[]}`
	if string(b) != want {
		t.Errorf("empty page = %s, want %s", b, want)
	}
	for _, bad := range [][2]int{{0, 10}, {1, 0}, {-1, 5}} {
		if _, err := NewPage(all, bad[0], bad[1]); err == nil {
			t.Errorf("NewPage(page %d, size %d) succeeded", bad[0], bad[1])
		}
	}
}
