package heritage

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestWallTimeGapAndOverlap(t *testing.T) {
	loc := london(t)
	cases := []struct {
		date, clock, wantUTC string
	}{
		{"2026-03-29", "00:30:00", "2026-03-29T00:30:00Z"}, // GMT, before the change
		{"2026-03-29", "01:00:00", "2026-03-29T01:00:00Z"}, // does not exist: 01:00 GMT = 02:00 BST
		{"2026-03-29", "01:30:00", "2026-03-29T01:30:00Z"}, // does not exist: offset before the gap
		{"2026-03-29", "02:00:00", "2026-03-29T01:00:00Z"}, // first BST minute
		{"2026-03-29", "10:00:00", "2026-03-29T09:00:00Z"},
		{"2026-10-25", "00:59:00", "2026-10-24T23:59:00Z"},
		{"2026-10-25", "01:00:00", "2026-10-25T00:00:00Z"}, // happens twice: first (BST)
		{"2026-10-25", "01:30:00", "2026-10-25T00:30:00Z"}, // happens twice: first (BST)
		{"2026-10-25", "02:00:00", "2026-10-25T02:00:00Z"}, // GMT again
		{"2026-10-25", "10:00:00", "2026-10-25T10:00:00Z"},
		{"2026-07-01", "24:00:00", "2026-07-01T23:00:00Z"}, // end of day = next midnight
	}
	for _, tc := range cases {
		got := WallTime(mustDate(t, tc.date), mustClock(t, tc.clock), loc)
		if got.UTC().Format(time.RFC3339) != tc.wantUTC {
			t.Errorf("WallTime(%s %s) = %s, want %s", tc.date, tc.clock, got.UTC().Format(time.RFC3339), tc.wantUTC)
		}
		if got.Location() != loc {
			t.Errorf("WallTime(%s %s) is in %s, want %s", tc.date, tc.clock, got.Location(), loc)
		}
	}
	if got := WallTime(Date{2026, 3, 29}, NewClock(1, 30, 0), nil); got.Location() != time.UTC || got.Hour() != 1 {
		t.Errorf("nil location: %s", got)
	}
}

func TestAccessZeroIsUnknown(t *testing.T) {
	var s SiteAccess
	if s.StepFreeEntrance != AccessUnknown || s.StepFreeEntrance.Usable(true) {
		t.Fatal("zero SiteAccess is not unknown")
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"step_free_entrance":"unknown","accessible_toilet":"unknown","hearing_loop":"unknown","seating":"unknown"}`
	if string(b) != want {
		t.Errorf("marshal zero access = %s, want %s", b, want)
	}
	var back SiteAccess
	if err := json.Unmarshal([]byte(`{"step_free_entrance":"yes","accessible_toilet":"No","hearing_loop":null,"seating":"assumed"}`), &back); err != nil {
		t.Fatal(err)
	}
	if back != (SiteAccess{AccessYes, AccessNo, AccessUnknown, AccessAssumed}) {
		t.Errorf("unmarshal = %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"step_free_entrance":"maybe"}`), &back); err == nil {
		t.Error("accepted access value maybe")
	}
	if _, err := json.Marshal(SiteAccess{StepFreeEntrance: "unknown"}); err == nil {
		t.Error(`marshalled the non-canonical Access("unknown")`)
	}
}

func TestAccessUsable(t *testing.T) {
	cases := []struct {
		a               Access
		strict, lenient bool
	}{
		{AccessYes, true, true}, {AccessAssumed, false, true}, {AccessNo, false, false}, {AccessUnknown, false, false},
	}
	for _, tc := range cases {
		if tc.a.Usable(false) != tc.strict || tc.a.Usable(true) != tc.lenient {
			t.Errorf("%s: Usable(false)=%v Usable(true)=%v", tc.a, tc.a.Usable(false), tc.a.Usable(true))
		}
	}
}

func TestPriceFor(t *testing.T) {
	adult := CostOption{Label: "Adult", Amount: Pence(650), Confidence: ConfidenceKnown, Concession: Pence(400)}
	guess := CostOption{Amount: Pence(300)}
	free := CostOption{Amount: Pence(0), Confidence: ConfidenceKnown}
	unknown := CostOption{Label: "Donation", FreeOnReferral: true}
	cases := []struct {
		name string
		opts []CostOption
		p    Payer
		want Price
	}{
		{"no options is unknown, not free", nil, Payer{}, Price{}},
		{"no options referred is still unknown", nil, Payer{Referred: true}, Price{}},
		{"standard", []CostOption{adult}, Payer{}, Price{650, ConfidenceKnown}},
		{"concession", []CostOption{adult}, Payer{Concession: true}, Price{400, ConfidenceKnown}},
		{"concession without concession price", []CostOption{guess}, Payer{Concession: true}, Price{300, ConfidenceEstimated}},
		{"free is free", []CostOption{free}, Payer{}, Price{0, ConfidenceKnown}},
		{"missing amount is unknown", []CostOption{unknown}, Payer{}, Price{}},
		{"free on referral", []CostOption{adult, unknown}, Payer{Referred: true}, Price{0, ConfidenceKnown}},
		{"first option is the standard one", []CostOption{adult, free}, Payer{}, Price{650, ConfidenceKnown}},
	}
	for _, tc := range cases {
		if got := PriceFor(tc.opts, tc.p); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if (Price{}).Known() {
		t.Error("zero Price is known")
	}
}

func TestCostOptionJSONKeepsUnknownApart(t *testing.T) {
	b, err := json.Marshal([]CostOption{{Label: "x"}, {Amount: Pence(0), Confidence: ConfidenceKnown}})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"label":"x","amount_pence":null,"confidence":"unknown","concession_pence":null,"free_on_referral":false},` +
		`{"amount_pence":0,"confidence":"known","concession_pence":null,"free_on_referral":false}]`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	for _, bad := range []CostOption{
		{Amount: Pence(-1)}, {Concession: Pence(-5)}, {Confidence: ConfidenceKnown}, {Amount: Pence(1), Confidence: "sure"},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v validated", bad)
		}
	}
}

func TestDateAndClock(t *testing.T) {
	for _, s := range []string{"2026-03-29", "20260329"} {
		d, err := ParseDate(s)
		if err != nil || d != (Date{2026, time.March, 29}) || d.Weekday() != time.Sunday {
			t.Errorf("ParseDate(%q) = %v (%v), %v", s, d, d.Weekday(), err)
		}
	}
	for _, s := range []string{"", "2026-02-30", "29/03/2026", "2026-3-29", "2026-03-29T10:00:00"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) succeeded", s)
		}
	}
	if d := (Date{2026, 12, 31}).AddDays(1); d != (Date{2027, 1, 1}) {
		t.Errorf("AddDays over the year end = %v", d)
	}
	if d := (Date{1969, 12, 31}); d.Weekday() != time.Wednesday || d.AddDays(1) != (Date{1970, 1, 1}) {
		t.Errorf("pre-epoch arithmetic: %v %v", d.Weekday(), d.AddDays(1))
	}
	if !(Date{2026, 1, 2}).After(Date{2025, 12, 31}) || (Date{}).String() != "" {
		t.Error("Compare or zero String wrong")
	}
	for in, want := range map[string]Clock{"10:00": 36000, "10:00:30": 36030, "00:00": 0, "24:00": ClockEndOfDay, "23:59:59": 86399} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "9:00", "10:60", "25:00", "24:00:01", "10:00Z", "10.00", "1000", "ab:cd"} {
		if _, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) succeeded", in)
		}
	}
	if NewClock(9, 5, 0).String() != "09:05:00" {
		t.Errorf("Clock.String = %s", NewClock(9, 5, 0))
	}
}

func TestScheduleJSON(t *testing.T) {
	r, _ := ParseRRule("FREQ=MONTHLY;BYDAY=2MO")
	s := Schedule{ID: "x", RRule: r, DTStart: Date{2026, 1, 12}, OpensAt: NewClock(10, 0, 0), ClosesAt: NewClock(12, 0, 0)}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"x","rrule":"FREQ=MONTHLY;BYDAY=2MO","dtstart":"2026-01-12","opens_at":"10:00:00","closes_at":"12:00:00"}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	var back Schedule
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.RRule.String() != r.String() || back.DTStart != s.DTStart || back.ClosesAt != s.ClosesAt {
		t.Errorf("round trip = %+v", back)
	}
}

func TestValidateSiteAndActivity(t *testing.T) {
	good := Site{ID: "s", Name: "Museum", Point: [2]float64{-1.29, 50.70}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Site{
		{Point: good.Point},
		{ID: "s", Point: [2]float64{-1.29, 95}},
		{ID: "s", Point: good.Point, Access: SiteAccess{Seating: "perhaps"}},
	} {
		if s.Validate() == nil {
			t.Errorf("site %+v validated", s)
		}
	}
	neg := -1
	for _, a := range []Activity{
		{SiteID: "s"},
		{ID: "a"},
		{ID: "a", SiteID: "s", Capacity: &neg},
		{ID: "a", SiteID: "s", Costs: []CostOption{{Amount: Pence(-100)}}},
		{ID: "a", SiteID: "s", Schedules: []Schedule{{}}},
	} {
		if err := a.Validate(); err == nil {
			t.Errorf("activity %+v validated", a)
		} else if a.ID != "" && !strings.Contains(err.Error(), "activity a") {
			t.Errorf("error %q does not name the activity", err)
		}
	}
	if !(Site{Designations: []Designation{{Kind: ListedBuilding, ListEntry: 1, Grade: "II"}, {Kind: ScheduledMonument, ListEntry: 2}}}).ScheduledMonument() {
		t.Error("ScheduledMonument missed the designation")
	}
}
