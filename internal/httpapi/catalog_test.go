package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/profile"
)

const iowActivities = "../../geodata/isle-of-wight/activities.json"

// iowCatalog loads the Isle of Wight museums and the illustrative
// activities into a fresh database and returns it as the API role reads it.
func iowCatalog(t testing.TB) *postgis.DB {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	for _, f := range []struct {
		kind, source, path string
		loader             func(*os.File) postgis.Loader
	}{
		{"museums", "mm-iow", "../../geodata/isle-of-wight/museums/mapping-museums.csv",
			func(f *os.File) postgis.Loader { return postgis.MuseumsLoader(f, "mapping-museums.csv", "") }},
		{"openreferral", "iow-activities", iowActivities,
			func(f *os.File) postgis.Loader { return postgis.OpenReferralLoader(f, "activities.json", true) }},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = imp.Import(ctx, postgis.ImportSpec{SourceID: f.source, Kind: f.kind, Path: f.path, Checksum: f.path}, f.loader(fh))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return open(t, d.APIURL)
}

// sourceService is what the tests read of activities.json itself.
type sourceService struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	CostOptions []struct {
		Amount *float64 `json:"amount"`
	} `json:"cost_options"`
	ServiceAtLocations []struct {
		Location struct {
			Accessibility []struct{ Feature, Value string } `json:"accessibility"`
		} `json:"location"`
	} `json:"service_at_locations"`
}

func readSourceServices(t *testing.T) []sourceService {
	t.Helper()
	b, err := os.ReadFile(iowActivities)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Contents []sourceService }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Contents
}

// december is a Monday in winter time, july one in summer time.
var (
	december = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	july     = time.Date(2026, 7, 6, 9, 0, 0, 0, time.UTC)
)

func catalogHandler(c httpapi.Catalog, now time.Time) http.Handler {
	return httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), OpenAPI: httpapi.OpenAPI,
		Ready: func(context.Context) error { return nil }, Catalog: c, Now: func() time.Time { return now }})
}

func get(t testing.TB, h http.Handler, target string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

// decode checks a 200 with a minute's caching and decodes its body.
func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if cc := r.header.Get("Cache-Control"); cc != "public, max-age=60" {
		t.Errorf("Cache-Control %q", cc)
	}
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	return v
}

type testFeature struct {
	Type     string
	ID       string
	Geometry struct {
		Type        string
		Coordinates [2]float64
	}
	Properties map[string]any
}

type testCollection struct {
	Type      string
	Features  []testFeature
	Limit     int
	Truncated bool
}

type testPage struct {
	TotalItems   int  `json:"total_items"`
	TotalPages   int  `json:"total_pages"`
	PageNumber   int  `json:"page_number"`
	Size         int  `json:"size"`
	FirstPage    bool `json:"first_page"`
	LastPage     bool `json:"last_page"`
	Empty        bool
	Illustrative bool
	Contents     []map[string]any
}

func TestCatalog(t *testing.T) {
	db := iowCatalog(t)
	h := catalogHandler(db, december)
	src := readSourceServices(t)

	t.Run("profiles", func(t *testing.T) {
		got := decode[[]profile.Profile](t, get(t, h, "/api/v1/profiles"))
		var ids, want []string
		for _, p := range got {
			ids = append(ids, p.ID)
			if len(p.Reasons) == 0 {
				t.Errorf("%s has no reasons", p.ID)
			}
		}
		for _, p := range profile.Standard() {
			want = append(want, p.ID)
		}
		if len(ids) != 6 || !slices.Equal(ids, want) {
			t.Errorf("profiles %v, want %v", ids, want)
		}
	})

	t.Run("sites", func(t *testing.T) {
		all := decode[testCollection](t, get(t, h, "/api/v1/sites"))
		if all.Type != "FeatureCollection" || len(all.Features) != 33 || all.Truncated || all.Limit != 500 {
			t.Fatalf("%s: %d features, truncated %v, limit %d", all.Type, len(all.Features), all.Truncated, all.Limit)
		}
		f := all.Features[0]
		acc, _ := f.Properties["access"].(map[string]any)
		if f.Type != "Feature" || f.Geometry.Type != "Point" || f.ID != f.Properties["id"] || len(acc) != 4 {
			t.Errorf("feature %+v", f)
		}
		// A box around Ryde holds some of the sites, all inside it.
		near := decode[testCollection](t, get(t, h, "/api/v1/sites?bbox=-1.20,50.70,-1.12,50.75"))
		if len(near.Features) == 0 || len(near.Features) >= 33 {
			t.Fatalf("%d sites near Ryde", len(near.Features))
		}
		for _, f := range near.Features {
			if c := f.Geometry.Coordinates; c[0] < -1.20 || c[0] > -1.12 || c[1] < 50.70 || c[1] > 50.75 {
				t.Errorf("%s at %v is outside the box", f.ID, c)
			}
		}
		for _, c := range []struct {
			q         string
			n, limit  int
			truncated bool
		}{{"limit=5", 5, 5, true}, {"limit=32", 32, 32, true}, {"limit=33", 33, 33, false}, {"limit=100000", 33, postgis.MaxListLimit, false}} {
			fc := decode[testCollection](t, get(t, h, "/api/v1/sites?"+c.q))
			if len(fc.Features) != c.n || fc.Limit != c.limit || fc.Truncated != c.truncated {
				t.Errorf("%s: %d features, limit %d, truncated %v", c.q, len(fc.Features), fc.Limit, fc.Truncated)
			}
		}
	})

	t.Run("activities", func(t *testing.T) {
		fc := decode[testCollection](t, get(t, h, "/api/v1/activities"))
		if len(fc.Features) != 60 || fc.Truncated {
			t.Fatalf("%d activities, truncated %v", len(fc.Features), fc.Truncated)
		}
		sites := decode[testCollection](t, get(t, h, "/api/v1/sites"))
		siteIDs := map[any]bool{}
		for _, s := range sites.Features {
			siteIDs[s.ID] = true
		}
		byID := map[string]map[string]any{}
		unknownEntrance := 0
		for _, f := range fc.Features {
			p := f.Properties
			byID[f.ID] = p
			if p["illustrative"] != true || !siteIDs[p["site_id"]] || p["site_name"] == "" {
				t.Errorf("%s: illustrative %v, site %v %v", f.ID, p["illustrative"], p["site_id"], p["site_name"])
			}
			if p["venue_access"].(map[string]any)["step_free_entrance"] == "unknown" {
				unknownEntrance++
			}
		}
		// Every price the source leaves out is null, never 0; a service
		// with no cost options has none.
		wantUnknownEntrance := 0
		for _, s := range src {
			p := byID[s.ID]
			if p == nil {
				t.Fatalf("source service %s (%s) is not listed", s.ID, s.Name)
			}
			costs := p["costs"].([]any)
			if len(costs) != len(s.CostOptions) {
				t.Errorf("%s: %d costs, source has %d", s.ID, len(costs), len(s.CostOptions))
				continue
			}
			for i, o := range s.CostOptions {
				amount, present := costs[i].(map[string]any)["amount_pence"]
				if !present || (o.Amount == nil) != (amount == nil) {
					t.Errorf("%s cost %d: amount_pence %v, source amount %v", s.ID, i, amount, o.Amount)
				}
			}
			if entranceUnknown(s) {
				wantUnknownEntrance++
			}
		}
		if wantUnknownEntrance == 0 || unknownEntrance != wantUnknownEntrance {
			t.Errorf("%d activities with an unknown entrance, source has %d", unknownEntrance, wantUnknownEntrance)
		}
		capped := decode[testCollection](t, get(t, h, "/api/v1/activities?limit=10&bbox=-1.6,50.5,-1.0,50.8"))
		if len(capped.Features) != 10 || !capped.Truncated {
			t.Errorf("limit 10: %d, truncated %v", len(capped.Features), capped.Truncated)
		}
	})

	t.Run("activity sessions", func(t *testing.T) {
		id := activityID(t, h, "Castle history guided tour") // Tuesdays and Thursdays, 10:30 to 12:00
		winter := sessions(t, get(t, h, "/api/v1/activities/"+id+"?from=2026-12-07&days=7"))
		want := "2026-12-08T10:30:00Z-2026-12-08T12:00:00Z 2026-12-10T10:30:00Z-2026-12-10T12:00:00Z"
		if winter != want {
			t.Errorf("December week: %s, want %s", winter, want)
		}
		summer := sessions(t, get(t, h, "/api/v1/activities/"+id+"?from=2026-07-06&days=7"))
		want = "2026-07-07T10:30:00+01:00-2026-07-07T12:00:00+01:00 2026-07-09T10:30:00+01:00-2026-07-09T12:00:00+01:00"
		if summer != want {
			t.Errorf("July week: %s, want %s", summer, want)
		}
		// By default: 28 days from today in London.
		def := decode[testFeature](t, get(t, h, "/api/v1/activities/"+id))
		if def.Properties["sessions_from"] != "2026-12-07" || def.Properties["sessions_days"] != 28.0 {
			t.Errorf("default window from %v for %v days", def.Properties["sessions_from"], def.Properties["sessions_days"])
		}
		ss := def.Properties["sessions"].([]any)
		last := ss[len(ss)-1].(map[string]any)["start"].(string)
		if len(ss) != 8 || !strings.HasPrefix(ss[0].(map[string]any)["start"].(string), "2026-12-08T10:30") || !strings.HasPrefix(last, "2026-12-31T10:30") {
			t.Errorf("default window: %d sessions, last %s", len(ss), last)
		}
		inJuly := decode[testFeature](t, get(t, catalogHandler(db, july), "/api/v1/activities/"+id+"?days=1"))
		if inJuly.Properties["sessions_from"] != "2026-07-06" || len(inJuly.Properties["sessions"].([]any)) != 0 {
			t.Errorf("a Monday in July: %v", inJuly.Properties)
		}
	})

	t.Run("open referral pages", func(t *testing.T) {
		first := decode[testPage](t, get(t, h, "/openreferral/services"))
		if first.TotalItems != 60 || first.TotalPages != 2 || first.Size != 50 || !first.FirstPage || first.LastPage || !first.Illustrative {
			t.Errorf("first page %+v", first)
		}
		seen := map[string]bool{}
		for page := 1; page <= 9; page++ {
			pg := decode[testPage](t, get(t, h, "/openreferral/services?per_page=7&page="+strconv.Itoa(page)))
			wantSize := min(7, 60-7*(page-1))
			if pg.TotalItems != 60 || pg.TotalPages != 9 || pg.PageNumber != page || pg.Size != wantSize || len(pg.Contents) != wantSize || pg.LastPage != (page == 9) {
				t.Errorf("page %d: %+v", page, pg)
			}
			for _, s := range pg.Contents {
				if seen[s["id"].(string)] || s["illustrative"] != true {
					t.Errorf("page %d: %v repeated or not illustrative", page, s["id"])
				}
				seen[s["id"].(string)] = true
			}
		}
		for _, s := range src {
			if !seen[s.ID] {
				t.Errorf("service %s is on no page", s.ID)
			}
		}
		past := decode[testPage](t, get(t, h, "/openreferral/services?per_page=7&page=10"))
		if !past.Empty || past.Size != 0 || past.Contents == nil {
			t.Errorf("past the end: %+v", past)
		}
	})

	t.Run("open referral service", func(t *testing.T) {
		firstKey := map[any]map[string]any{}
		for _, f := range decode[testCollection](t, get(t, h, "/api/v1/sites")).Features {
			if keys := f.Properties["source_keys"].([]any); len(keys) > 0 {
				firstKey[f.ID] = keys[0].(map[string]any)
			}
		}
		for _, s := range src {
			if len(s.CostOptions) != 1 || s.CostOptions[0].Amount != nil {
				continue
			}
			svc := decode[map[string]any](t, get(t, h, "/openreferral/services/"+s.ID))
			opt := svc["cost_options"].([]any)[0].(map[string]any)
			if _, has := opt["amount"]; has || opt["amount_confidence"] != "unknown" || svc["illustrative"] != true || svc["name"] != s.Name {
				t.Errorf("%s: %v", s.ID, svc)
			}
			loc := svc["service_at_locations"].([]any)[0].(map[string]any)["location"].(map[string]any)
			// The venue is completed from the site record: its museum's key.
			key := firstKey[loc["id"]]
			if key == nil || loc["external_identifier_type"] != key["source"] || loc["external_identifier"] != key["key"] ||
				!strings.HasPrefix(loc["external_identifier"].(string), "mm.") ||
				loc["illustrative"] != true || len(loc["accessibility"].([]any)) != 4 {
				t.Errorf("%s location %v", s.ID, loc)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		cases := []struct {
			target string
			status int
			field  string
		}{
			{"/api/v1/sites?bbox=1,2,3", 400, "bbox"},
			{"/api/v1/sites?bbox=a,b,c,d", 400, "bbox"},
			{"/api/v1/sites?bbox=0,50,-1,51", 400, "bbox"},
			{"/api/v1/sites?bbox=-200,50,-1,51", 400, "bbox"},
			{"/api/v1/activities?bbox=NaN,50,-1,51", 400, "bbox"},
			{"/api/v1/activities?bbox=-1,50,Inf,51", 400, "bbox"},
			{"/api/v1/sites?limit=0", 400, "limit"},
			{"/api/v1/activities?limit=-3", 400, "limit"},
			{"/api/v1/activities?limit=ten", 400, "limit"},
			{"/api/v1/activities/no-such-activity", 404, ""},
			{"/api/v1/activities/%00", 404, ""},
			{"/api/v1/activities/%ff%fe", 404, ""},
			{"/openreferral/services/no-such-service", 404, ""},
			{"/openreferral/services?page=0", 400, "page"},
			{"/openreferral/services?per_page=x", 400, "per_page"},
		}
		id := activityID(t, h, "Castle history guided tour")
		for _, q := range []string{"days=0", "days=91", "days=1.5"} {
			cases = append(cases, struct {
				target string
				status int
				field  string
			}{"/api/v1/activities/" + id + "?" + q, 400, "days"})
		}
		for _, q := range []string{"from=2026-13-01", "from=07/12/2026", "from=1960-01-01", "from=9999-12-31"} {
			cases = append(cases, struct {
				target string
				status int
				field  string
			}{"/api/v1/activities/" + id + "?" + q, 400, "from"})
		}
		for _, c := range cases {
			r := get(t, h, c.target)
			var e struct{ Error, Field string }
			if err := json.Unmarshal(r.body, &e); err != nil || r.status != c.status || e.Field != c.field || e.Error == "" ||
				r.header.Get("Content-Type") != "application/json" || r.header.Get("Cache-Control") != "" {
				t.Errorf("%s: %d %s %v, want %d naming %q", c.target, r.status, r.body, r.header, c.status, c.field)
			}
		}
	})

	t.Run("a point box at 0,0 is empty, not everywhere", func(t *testing.T) {
		if fc := decode[testCollection](t, get(t, h, "/api/v1/sites?bbox=0,0,0,0")); len(fc.Features) != 0 {
			t.Errorf("%d sites", len(fc.Features))
		}
	})

	t.Run("no catalog answers 503", func(t *testing.T) {
		h := catalogHandler(nil, december)
		for _, target := range []string{"/api/v1/sites", "/api/v1/activities", "/api/v1/activities/x", "/openreferral/services", "/openreferral/services/x"} {
			if r := get(t, h, target); r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
				t.Errorf("%s: %d %s", target, r.status, r.body)
			}
		}
	})
}

// entranceUnknown reports whether the source leaves a service's
// step-free entrance unknown, by value or by silence.
func entranceUnknown(s sourceService) bool {
	for _, a := range s.ServiceAtLocations[0].Location.Accessibility {
		if a.Feature == "step_free_entrance" {
			return a.Value == "unknown"
		}
	}
	return true
}

func activityID(t *testing.T, h http.Handler, name string) string {
	t.Helper()
	for _, f := range decode[testCollection](t, get(t, h, "/api/v1/activities")).Features {
		if f.Properties["name"] == name {
			return f.ID
		}
	}
	t.Fatalf("no activity %q", name)
	return ""
}

// sessions lists an activity's sessions as "start-end" pairs.
func sessions(t *testing.T, r response) string {
	t.Helper()
	f := decode[testFeature](t, r)
	var out []string
	for _, s := range f.Properties["sessions"].([]any) {
		m := s.(map[string]any)
		out = append(out, m["start"].(string)+"-"+m["end"].(string))
	}
	return strings.Join(out, " ")
}
