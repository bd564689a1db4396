package openreferral

import (
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the machine's zoneinfo

	"github.com/threshold-heritage/threshold/internal/heritage"
)

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func parseFile(t testing.TB, path string) (*Directory, []Issue) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir, issues, err := Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return dir, issues
}

func activity(t *testing.T, d *Directory, id string) heritage.Activity {
	t.Helper()
	for _, a := range d.Activities {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("no activity %s among %d", id, len(d.Activities))
	return heritage.Activity{}
}

func sessionTimes(ss []heritage.Session) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Start.Format("Mon 2006-01-02 15:04-07:00") + " to " + s.End.Format("15:04")
	}
	return out
}

func TestParseV1Paged(t *testing.T) {
	dir, issues := parseFile(t, "testdata/v1_services.json")
	if len(issues) != 0 {
		t.Fatalf("issues: %v", issues)
	}
	if len(dir.Activities) != 3 || len(dir.Sites) != 2 {
		t.Fatalf("got %d activities at %d sites, want 3 at 2", len(dir.Activities), len(dir.Sites))
	}
	a := activity(t, dir, "0b1d3b1e-2f2e-4a4f-9a11-000000000001")
	if a.Provider != "Town Museum Trust" || a.ReferralRoute != "Drop-in" || a.Contact.Phone != "01632 960001" ||
		a.Contact.Name != "Front desk" || a.Contact.Email != "coffee@museum.example.org" {
		t.Errorf("activity fields: %+v", a)
	}
	if strings.Join(a.Languages, ",") != "English,Welsh" || a.Eligibility.MinAge == nil || *a.Eligibility.MinAge != 55 || a.Eligibility.Description != "Older people" {
		t.Errorf("languages %v, eligibility %+v", a.Languages, a.Eligibility)
	}
	if p := a.Price(heritage.Payer{}); p != (heritage.Price{Pence: 350, Confidence: heritage.ConfidenceKnown}) || a.Costs[0].Label != "Per visit" {
		t.Errorf("price %+v, costs %+v", p, a.Costs)
	}
	site, _ := dir.Site(a.SiteID)
	want := heritage.SiteAccess{StepFreeEntrance: heritage.AccessYes, AccessibleToilet: heritage.AccessNo, HearingLoop: heritage.AccessYes}
	if site.Access != want || site.Postcode != "PO30 1TY" || site.Town != "Newport" || site.Point != [2]float64{-1.2924, 50.7006} {
		t.Errorf("site %+v", site)
	}
	loc := london(t)
	got := sessionTimes(a.Sessions(time.Date(2021, 3, 22, 0, 0, 0, 0, loc), time.Date(2021, 4, 5, 0, 0, 0, 0, loc), loc))
	wantS := []string{"Mon 2021-03-22 10:00+00:00 to 11:30", "Thu 2021-03-25 10:00+00:00 to 11:30",
		"Mon 2021-03-29 10:00+01:00 to 11:30", "Thu 2021-04-01 10:00+01:00 to 11:30"}
	if strings.Join(got, "|") != strings.Join(wantS, "|") {
		t.Errorf("sessions\n got %v\nwant %v", got, wantS)
	}

	talk := activity(t, dir, "0b1d3b1e-2f2e-4a4f-9a11-000000000002")
	if talk.SiteID != a.SiteID {
		t.Errorf("shared location read as two sites")
	}
	if p := talk.Price(heritage.Payer{}); p != (heritage.Price{Pence: 0, Confidence: heritage.ConfidenceEstimated}) {
		t.Errorf("fees \"Free\" read as %+v, want an estimated zero", p)
	}
	got = sessionTimes(talk.Sessions(time.Date(2021, 1, 1, 0, 0, 0, 0, loc), time.Date(2021, 4, 1, 0, 0, 0, 0, loc), loc))
	if strings.Join(got, "|") != "Mon 2021-01-11 19:00+00:00 to 20:30|Mon 2021-02-08 19:00+00:00 to 20:30|Mon 2021-03-08 19:00+00:00 to 20:30" {
		t.Errorf("second-Monday sessions %v", got)
	}

	garden := activity(t, dir, "0b1d3b1e-2f2e-4a4f-9a11-000000000003")
	got = sessionTimes(garden.Sessions(time.Date(2021, 1, 1, 0, 0, 0, 0, loc), time.Date(2021, 2, 1, 0, 0, 0, 0, loc), loc))
	if strings.Join(got, "|") != "Wed 2021-01-06 13:00+00:00 to 16:00|Wed 2021-01-20 13:00+00:00 to 16:00" {
		t.Errorf("fortnightly location-level schedule %v", got)
	}
	gs, _ := dir.Site(garden.SiteID)
	if gs.Access.StepFreeEntrance != heritage.AccessYes || gs.Access.Seating != heritage.AccessUnknown {
		t.Errorf("garden access %+v", gs.Access)
	}
	if p := garden.Price(heritage.Payer{}); p != (heritage.Price{Pence: 0, Confidence: heritage.ConfidenceKnown}) {
		t.Errorf("amount 0 read as %+v, want known free", p)
	}
}

func TestParseV3Single(t *testing.T) {
	dir, issues := parseFile(t, "testdata/v3_service.json")
	if len(issues) != 0 {
		t.Fatalf("issues: %v", issues)
	}
	if len(dir.Activities) != 1 {
		t.Fatalf("got %d activities", len(dir.Activities))
	}
	a := dir.Activities[0]
	if a.Kind != heritage.KindReminiscence || !a.Illustrative || a.Capacity == nil || *a.Capacity != 12 ||
		!a.HasWelcome(heritage.WelcomeDementiaFriendly) || a.ReferralRoute != "Link worker referral by email" ||
		a.Eligibility.Description != "Adults living with memory loss, and their carers" || *a.Eligibility.MaxAge != 120 {
		t.Errorf("activity %+v", a)
	}
	cases := []struct {
		p    heritage.Payer
		want heritage.Price
	}{
		{heritage.Payer{}, heritage.Price{Pence: 450, Confidence: heritage.ConfidenceKnown}},
		{heritage.Payer{Concession: true}, heritage.Price{Pence: 300, Confidence: heritage.ConfidenceKnown}},
		{heritage.Payer{Referred: true}, heritage.Price{Pence: 0, Confidence: heritage.ConfidenceKnown}},
	}
	for _, tc := range cases {
		if got := a.Price(tc.p); got != tc.want {
			t.Errorf("price for %+v = %+v, want %+v", tc.p, got, tc.want)
		}
	}
	s := dir.Sites[0]
	if s.Kind != heritage.SiteCastle || !s.Illustrative || !s.ScheduledMonument() || len(s.Designations) != 2 ||
		s.Designations[1].ListEntry != 1209600 || s.Designations[1].Grade != "I" || len(s.Polygon) != 1 || len(s.Polygon[0]) != 5 {
		t.Errorf("site %+v", s)
	}
	want := heritage.SiteAccess{StepFreeEntrance: heritage.AccessNo, HearingLoop: heritage.AccessYes, Seating: heritage.AccessAssumed}
	if s.Access != want {
		t.Errorf("access %+v, want %+v", s.Access, want)
	}
	if len(s.SourceKeys) != 1 || s.SourceKeys[0] != (heritage.SourceKey{Source: "mapping_museums", Key: "mm.domus.SE229"}) {
		t.Errorf("source keys %v", s.SourceKeys)
	}
	loc := london(t)
	got := sessionTimes(a.Sessions(time.Date(2026, 3, 20, 0, 0, 0, 0, loc), time.Date(2026, 4, 30, 0, 0, 0, 0, loc), loc))
	wantS := []string{"Tue 2026-03-24 10:00+00:00 to 11:00", "Fri 2026-03-27 14:00+00:00 to 15:30",
		"Tue 2026-03-31 10:00+01:00 to 11:00", "Fri 2026-04-24 14:00+01:00 to 15:30"}
	if strings.Join(got, "|") != strings.Join(wantS, "|") {
		t.Errorf("sessions (until 2026-03-31 inclusive, last Fridays)\n got %v\nwant %v", got, wantS)
	}
}

func TestParseIssues(t *testing.T) {
	dir, issues := parseFile(t, "testdata/bad_rows.json")
	type key struct{ id, field string }
	got := map[key]Issue{}
	for _, is := range issues {
		got[key{is.ServiceID, is.Field}] = is
	}
	want := []struct {
		id, field string
		sev       Severity
		msg       string
	}{
		{"", "id", SeverityError, "no id"},
		{"svc-type", "schedules", SeverityError, "want an array"},
		{"svc-ok", "schedules[1]", SeverityError, `weekday "XX"`},
		{"svc-ok", "schedules[2]", SeverityError, "FREQ=DAILY is not supported"},
		{"svc-ok", "schedules[3].byday", SeverityError, "';' or '='"},
		{"svc-ok", "schedules[4].opens_at", SeverityError, "missing"},
		{"svc-ok", "schedules[5].opens_at", SeverityWarning, "time zone"},
		{"svc-ok", "schedules[5].closes_at", SeverityWarning, "time zone"},
		{"svc-ok", "schedules[6].freq", SeverityWarning, "read as WEEKLY"},
		{"svc-ok", "schedules[7]", SeverityError, "needs dtstart"},
		{"svc-ok", "schedules[8].valid_to", SeverityError, "31/12/2026"},
		{"svc-ok", "cost_options[0].amount", SeverityError, "negative"},
		{"svc-ok", "cost_options[1].amount", SeverityError, "not a number"},
		{"svc-ok", "cost_options[2].amount", SeverityWarning, "rounded to 250 pence"},
		{"svc-ok", "cost_options[3].amount_confidence", SeverityWarning, "without an amount"},
		{"svc-ok", "capacity", SeverityWarning, "lots"},
		{"svc-ok", "activity_kind", SeverityWarning, "lower_snake_case"},
		{"svc-ok", "service_at_locations[0].location.accessibility[0].value", SeverityWarning, "maybe"},
		{"svc-ok", "service_at_locations[0].location.accessibility[1].feature", SeverityWarning, "lift"},
		{"svc-ok", "id", SeverityError, "duplicate"},
		{"svc-noloc", "service_at_locations", SeverityError, "no usable location"},
		{"svc-badlat", "service_at_locations[0].location.latitude", SeverityError, "95"},
		{"svc-badlat", "service_at_locations", SeverityError, "no usable location"},
		{"svc-ref", "schedules", SeverityWarning, "no sessions"},
		{"svc-unref", "service_at_locations", SeverityError, "no usable location"},
		{"svc-two", "schedules", SeverityWarning, "no sessions"},
		{"svc-unref", "service_at_locations[0].location", SeverityError, "loc-nowhere"},
		{"svc-closed", "status", SeverityWarning, "defunct"},
		{"", "", SeverityError, "want an object"},
		{"svc-ages", "maximum_age", SeverityWarning, "below minimum age"},
		{"svc-ages", "schedules", SeverityWarning, "no sessions"},
	}
	for _, w := range want {
		is, ok := got[key{w.id, w.field}]
		if !ok {
			t.Errorf("no issue for service %q field %q (%s)", w.id, w.field, w.msg)
			continue
		}
		if is.Severity != w.sev || !strings.Contains(is.Message, w.msg) {
			t.Errorf("issue %s: want %s mentioning %q", is, w.sev, w.msg)
		}
	}
	if len(issues) != len(want) {
		for _, is := range issues {
			t.Log(is)
		}
		t.Errorf("got %d issues, want %d", len(issues), len(want))
	}

	ok := activity(t, dir, "svc-ok")
	if len(ok.Schedules) != 3 { // ok, zone (offset dropped), no-freq (read as weekly)
		t.Errorf("svc-ok kept %d schedules, want 3", len(ok.Schedules))
	}
	if len(ok.Costs) != 4 || ok.Costs[0].Amount != nil || ok.Costs[1].Amount != nil || *ok.Costs[2].Amount != 250 || ok.Costs[3].Confidence != heritage.ConfidenceUnknown {
		t.Errorf("costs %+v", ok.Costs)
	}
	if p := ok.Price(heritage.Payer{}); p.Known() {
		t.Errorf("a negative first price read as %+v, want unknown", p)
	}
	if ok.Kind != "" || ok.Capacity != nil {
		t.Errorf("bad kind/capacity kept: %q %v", ok.Kind, ok.Capacity)
	}
	activity(t, dir, "svc-ref")
	activity(t, dir, "svc-two@loc-ok")
	activity(t, dir, "svc-two@loc-two")
	if len(dir.Activities) != 5 || len(dir.Sites) != 2 {
		t.Errorf("got %d activities at %d sites, want 5 at 2", len(dir.Activities), len(dir.Sites))
	}
	for _, a := range dir.Activities {
		if err := a.Validate(); err != nil {
			t.Errorf("kept an invalid activity: %v", err)
		}
	}
}

func TestParseDocumentErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"{\n  \"contents\": [\n    {\"id\": \"a\",}\n  ]\n}", "line 3, column 16"},
		{"[{\"id\": \"a\"}", "line 1, column 13: unexpected end"},
		{"", "unexpected end"},
		{"{\"id\": \"a\"} {\"id\": \"b\"}", "data after the end"},
		{"\"a string\"", "want a service"},
		{"{\"total_items\": 0}", "no services"},
		{"{\"contents\": {\"id\": \"a\"}}", "must be an array"},
	}
	for _, tc := range cases {
		_, _, err := Parse(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want one mentioning %q", tc.in, err, tc.want)
		}
	}
	dir, issues, err := Parse(strings.NewReader(`{"contents": [], "illustrative": true, "note": "n"}`))
	if err != nil || len(issues) != 0 || len(dir.Activities) != 0 || !dir.Illustrative || dir.Note != "n" {
		t.Errorf("empty page: %+v %v %v", dir, issues, err)
	}
}
