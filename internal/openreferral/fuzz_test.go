package openreferral

import (
	"bytes"
	"os"
	"testing"
)

// FuzzParse checks that Parse never panics and that whatever it accepts is
// internally consistent: valid activities whose sites exist, and issues
// that name a service position in range.
func FuzzParse(f *testing.F) {
	for _, path := range []string{"testdata/v1_services.json", "testdata/v3_service.json", "testdata/bad_rows.json", rutlandActivities} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`[]`, `{}`, `null`, `[{"id":1}]`, `{"content":[{"id":"x","service_at_locations":[{"location":{"id":"l","latitude":"1e400","longitude":0}}]}]}`,
		`{"id":"x","service_at_locations":[{"location":{"id":"l","latitude":1,"longitude":2}}],"regular_schedules":[{"freq":"monthly","byday":"-1fr","opens_at":"9:00","closes_at":"10:00"}]}`,
		`{"id":"x","cost_options":[{"amount":1e30},{"amount":"0.001"},{"amount":{}}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir, issues, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		sites := map[string]bool{}
		for _, s := range dir.Sites {
			if err := s.Validate(); err != nil {
				t.Fatalf("invalid site accepted: %v", err)
			}
			sites[s.ID] = true
		}
		for _, a := range dir.Activities {
			if err := a.Validate(); err != nil {
				t.Fatalf("invalid activity accepted: %v", err)
			}
			if !sites[a.SiteID] {
				t.Fatalf("activity %s refers to missing site %s", a.ID, a.SiteID)
			}
		}
		for _, is := range issues {
			if is.Index < 0 || is.Severity == "" || is.Message == "" {
				t.Fatalf("malformed issue %+v", is)
			}
		}
	})
}
