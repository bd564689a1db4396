package openreferral

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

const (
	iowActivities     = "../../geodata/isle-of-wight/activities.json"
	rutlandActivities = "../../geodata/rutland/activities.json"
)

// TestIllustrativeData checks the invented activity files shipped under
// geodata/ against what the product and its demos rely on.
func TestIllustrativeData(t *testing.T) {
	loc := london(t)
	for _, tc := range []struct {
		path                string
		minSites, minWeekly int
		museums             string
	}{
		{iowActivities, 25, 60, "../../geodata/isle-of-wight/museums/mapping-museums.csv"},
		{rutlandActivities, 3, 4, "../../geodata/rutland/museums/mapping-museums.csv"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			dir, issues := parseFile(t, tc.path)
			for _, is := range issues {
				t.Errorf("issue: %s", is)
			}
			checkMarkedIllustrative(t, tc.path, dir)
			if len(dir.Sites) < tc.minSites {
				t.Errorf("%d distinct sites, want at least %d", len(dir.Sites), tc.minSites)
			}
			// Every week of 2026 (Monday to Monday) has enough sessions.
			fewest := 1 << 30
			for d := (heritage.Date{Year: 2026, Month: 1, Day: 5}); d.Year == 2026; d = d.AddDays(7) {
				fewest = min(fewest, weekSessions(dir, d, loc))
			}
			if fewest < tc.minWeekly {
				t.Errorf("the quietest week of 2026 has %d sessions, want at least %d", fewest, tc.minWeekly)
			}
			t.Logf("%d activities at %d sites; quietest week of 2026: %d sessions", len(dir.Activities), len(dir.Sites), fewest)
			checkVariety(t, dir, loc)
			checkMuseumLinks(t, dir, tc.museums)
		})
	}
}

func weekSessions(dir *Directory, monday heritage.Date, loc *time.Location) int {
	from := heritage.WallTime(monday, 0, loc)
	to := heritage.WallTime(monday.AddDays(7), 0, loc)
	n := 0
	for _, a := range dir.Activities {
		n += len(a.Sessions(from, to, loc))
	}
	return n
}

// checkMarkedIllustrative reads the raw file: the flag must be on every
// service and location itself, not only inherited from the top level.
func checkMarkedIllustrative(t *testing.T, path string, dir *Directory) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Note         string `json:"note"`
		Illustrative bool   `json:"illustrative"`
		Contents     []struct {
			ID           string `json:"id"`
			Illustrative bool   `json:"illustrative"`
			SAL          []struct {
				Location struct {
					Illustrative bool `json:"illustrative"`
				} `json:"location"`
			} `json:"service_at_locations"`
		} `json:"contents"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if !raw.Illustrative || !strings.Contains(raw.Note, "ILLUSTRATIVE") || !dir.Illustrative {
		t.Errorf("top level: illustrative=%v, note %q", raw.Illustrative, raw.Note)
	}
	for _, s := range raw.Contents {
		if !s.Illustrative {
			t.Errorf("service %s is not marked illustrative", s.ID)
		}
		for _, sal := range s.SAL {
			if !sal.Location.Illustrative {
				t.Errorf("a location of service %s is not marked illustrative", s.ID)
			}
		}
	}
	for _, a := range dir.Activities {
		if !a.Illustrative {
			t.Errorf("activity %s parsed as not illustrative", a.ID)
		}
	}
}

// checkVariety looks for the cases the demos and the barrier model need.
func checkVariety(t *testing.T, dir *Directory, loc *time.Location) {
	var unknownPrice, freeOnReferral, concession, unknownEntrance, stepFree, notStepFree, evening, sunday, fortnightly, monthlyOrdinal, lastFriday, capacity int
	kinds := map[heritage.ActivityKind]bool{}
	for _, a := range dir.Activities {
		kinds[a.Kind] = true
		if !a.Price(heritage.Payer{}).Known() {
			unknownPrice++
		}
		if a.Price(heritage.Payer{Referred: true}) == (heritage.Price{Pence: 0, Confidence: heritage.ConfidenceKnown}) && a.Price(heritage.Payer{}).Pence != 0 {
			freeOnReferral++
		}
		if a.Price(heritage.Payer{Concession: true}).Pence < a.Price(heritage.Payer{}).Pence {
			concession++
		}
		if a.Capacity != nil {
			capacity++
		}
		if a.Contact.Phone == "" || !strings.HasSuffix(a.Contact.Email, ".example.org") || a.ReferralRoute == "" {
			t.Errorf("activity %s: contact %+v, referral route %q", a.ID, a.Contact, a.ReferralRoute)
		}
		for _, sc := range a.Schedules {
			r := sc.RRule
			if sc.ClosesAt > heritage.NewClock(17, 30, 0) {
				evening++
			}
			if r.Interval == 2 && r.Freq == heritage.FreqWeekly {
				fortnightly++
			}
			for _, w := range r.ByDay {
				if w.Weekday == time.Sunday {
					sunday++
				}
				if w.Ordinal != 0 {
					monthlyOrdinal++
				}
				if w.Ordinal == -1 && w.Weekday == time.Friday {
					lastFriday++
				}
			}
		}
	}
	for _, s := range dir.Sites {
		switch s.Access.StepFreeEntrance {
		case heritage.AccessUnknown:
			unknownEntrance++
		case heritage.AccessYes:
			stepFree++
		case heritage.AccessNo:
			notStepFree++
		}
	}
	need := map[string]int{
		"unknown price": unknownPrice, "free on referral": freeOnReferral, "unknown entrance": unknownEntrance,
		"step-free entrance": stepFree, "no step-free entrance": notStepFree, "capacity": capacity,
	}
	if len(dir.Activities) > 20 { // the island file carries the full variety
		need["concession price"] = concession
		need["ends after 17:30"] = evening
		need["Sunday"] = sunday
		need["fortnightly"] = fortnightly
		need["ordinal BYDAY (2MO)"] = monthlyOrdinal
		need["last Friday (-1FR)"] = lastFriday
		for _, k := range []heritage.ActivityKind{heritage.KindGuidedTour, heritage.KindReminiscence, heritage.KindObjectHandling,
			heritage.KindVolunteering, heritage.KindHeritageWalk, heritage.KindDig, heritage.KindCraft} {
			if !kinds[k] {
				need["kind "+string(k)] = 0
			}
		}
	}
	for what, n := range need {
		if n < 1 {
			t.Errorf("no activity or site with %s", what)
		}
	}
}

// checkMuseumLinks checks that each location names an open Mapping Museums
// museum by id and sits at that museum's coordinates.
func checkMuseumLinks(t *testing.T, dir *Directory, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("museums file not present: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	museums := map[string][]string{}
	for _, r := range rows[1:] {
		museums[r[col["museum_id"]]] = r
	}
	for _, s := range dir.Sites {
		if len(s.SourceKeys) != 1 || s.SourceKeys[0].Source != "mapping_museums" {
			t.Errorf("site %s: source keys %v, want one mapping_museums key", s.Name, s.SourceKeys)
			continue
		}
		r, ok := museums[s.SourceKeys[0].Key]
		if !ok {
			t.Errorf("site %s: %s is not in %s", s.Name, s.SourceKeys[0].Key, path)
			continue
		}
		lat, _ := strconv.ParseFloat(r[col["Latitude"]], 64)
		lon, _ := strconv.ParseFloat(r[col["Longitude"]], 64)
		if r[col["Year_closed"]] != "9999:9999" || r[col["Name_of_museum"]] != s.Name || s.Point != [2]float64{lon, lat} {
			t.Errorf("site %s at %v does not match open museum %q at [%v %v] (closed %s)", s.Name, s.Point, r[col["Name_of_museum"]], lon, lat, r[col["Year_closed"]])
		}
	}
}
