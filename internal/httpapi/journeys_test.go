package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
	"github.com/threshold-heritage/threshold/internal/transit"
)

const (
	iowGTFS   = "../../geodata/isle-of-wight/gtfs/iow-bus-gtfs.zip"
	iowRegion = "../../geodata/isle-of-wight/region.json"
)

// iowPolicy returns the access policy the Isle of Wight manifest declares
// for its bus feed, as stored JSON and its reason.
func iowPolicy(t testing.TB) (json.RawMessage, string) {
	t.Helper()
	b, err := os.ReadFile(iowRegion)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Imports []struct {
			Source       string          `json:"source"`
			AccessPolicy json.RawMessage `json:"access_policy"`
		} `json:"imports"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	for _, im := range r.Imports {
		if im.Source == "iow-bus" {
			var p struct{ Reason string }
			if err := json.Unmarshal(im.AccessPolicy, &p); err != nil || p.Reason == "" {
				t.Fatalf("iow-bus policy: %v", err)
			}
			return im.AccessPolicy, p.Reason
		}
	}
	t.Fatal("no iow-bus import in the manifest")
	return nil, ""
}

// iowPlanners imports the Isle of Wight bus feed with its declared policy
// into a fresh database and returns planners over the snapshot built with
// and without the policy, read back as the API role.
func iowPlanners(t testing.TB) (withPolicy, without *plan.Planner) {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	feed, err := gtfs.Open(iowGTFS)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	sum, err := feed.Checksum()
	if err != nil {
		t.Fatal(err)
	}
	pol, _ := iowPolicy(t)
	if _, err := imp.Import(ctx, postgis.ImportSpec{SourceID: "iow-bus", Kind: "gtfs", Path: iowGTFS, Checksum: sum},
		postgis.GTFSLoader(feed, postgis.GTFSOptions{AccessPolicy: pol})); err != nil {
		t.Fatal(err)
	}
	api := open(t, d.APIURL)
	groups, err := api.FeedGroups(ctx)
	if err != nil || len(groups["Europe/London"]) != 1 {
		t.Fatalf("feed groups %v: %v", groups, err)
	}
	planner := func(policies bool) *plan.Planner {
		in, err := api.TimetableInput(ctx, groups["Europe/London"], policies)
		if err != nil {
			t.Fatal(err)
		}
		s, err := transit.Build(in, transit.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p := plan.New(plan.Options{})
		p.Replace(map[string]*transit.Snapshot{"Europe/London": s})
		return p
	}
	return planner(true), planner(false)
}

func open(t testing.TB, url string) *postgis.DB {
	t.Helper()
	db, err := postgis.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

// syncBuffer is a log sink safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func handler(p httpapi.JourneyPlanner, log io.Writer) http.Handler {
	return httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(log, nil)), OpenAPI: httpapi.OpenAPI,
		Ready: func(context.Context) error { return nil }, Planner: p, JourneyTimeout: 2 * time.Second})
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func post(t testing.TB, h http.Handler, body string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/v1/journeys", strings.NewReader(body)))
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func answer(t *testing.T, r response) plan.Answer {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var a plan.Answer
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// The Isle of Wight journeys were worked out by hand from the feed's
// stop_times.txt: on Wednesday 2019-05-15 route 37's trip 10116 leaves
// Ryde Bus Station stand G (23000003001G, 50.73271 N 1.159250 W) at
// 09:00:00 and reaches Swanmore Middle School (230000002160, 50.71781 N
// 1.167804 W) at 09:12:00; the one before left at 08:00.
const (
	ryde     = `{"stop_id": "23000003001G"}`
	swanmore = `{"stop_id": "230000002160", "feed_id": "iow-bus"}`
)

func journeyBody(from, to, depart, profile string) string {
	return `{"from": ` + from + `, "to": ` + to + `, "depart": "` + depart + `", "profile": ` + profile + `}`
}

func TestJourneys(t *testing.T) {
	withPolicy, without := iowPlanners(t)
	_, reason := iowPolicy(t)
	var log syncBuffer
	h, hNoPolicy := handler(withPolicy, &log), handler(without, &log)

	t.Run("walker between stops", func(t *testing.T) {
		a := answer(t, post(t, h, journeyBody(ryde, swanmore, "2019-05-15T08:30", `"walker"`)))
		if len(a.Legs) != 1 {
			t.Fatalf("legs %+v", a.Legs)
		}
		l := a.Legs[0]
		if l.Type != "ride" || l.TripID != "10116" || l.Route != "37" || l.Depart != "2019-05-15T09:00:00+01:00" ||
			l.Arrive != "2019-05-15T09:12:00+01:00" || l.From.Name != "Bus Station" || l.To.Name != "Swanmore Middle School" ||
			l.From.StopID != "23000003001G" || l.To.StopID != "230000002160" {
			t.Errorf("ride %+v", l)
		}
		if a.DurationS != 720 || a.Rides != 1 || a.Timezone != "Europe/London" {
			t.Errorf("answer %+v", a)
		}
	})

	// From a point 39 m of walk from the bus station: wait for 10116
	// there, rather than walk 972 m to Fiveways to catch the same bus
	// later (the engine's first answer, leaving at 08:51:35).
	t.Run("walker between points", func(t *testing.T) {
		a := answer(t, post(t, h, journeyBody(`{"lat": 50.7325, "lon": -1.1595}`, `{"lat": 50.7175, "lon": -1.1680}`, "2019-05-15T08:30:00+01:00", `"walker"`)))
		if len(a.Legs) != 3 {
			t.Fatalf("legs %+v", a.Legs)
		}
		access, ride, egress := a.Legs[0], a.Legs[1], a.Legs[2]
		m := int32(math.Ceil(geo.DistanceM(geo.PointLatLon(50.7325, -1.1595), geo.PointLatLon(50.73271, -1.159250)) * 1.3))
		secs := time.Duration(math.Ceil(float64(m)/1.2)) * time.Second
		leave := time.Date(2019, 5, 15, 9, 0, 0, 0, time.FixedZone("BST", 3600)).Add(-secs).Format(time.RFC3339)
		if access.Type != "walk" || access.To.StopID != "23000003001G" || *access.Metres != m || !access.Estimated || access.Depart != leave || a.Depart != leave {
			t.Errorf("access walk %+v (metres %d), want %d m leaving %s", access, *access.Metres, m, leave)
		}
		if ride.TripID != "10116" || ride.Depart != "2019-05-15T09:00:00+01:00" || ride.Arrive != "2019-05-15T09:12:00+01:00" || ride.To.StopID != "230000002160" {
			t.Errorf("ride %+v", ride)
		}
		if egress.Type != "walk" || egress.To != nil || egress.Depart != "2019-05-15T09:12:00+01:00" {
			t.Errorf("egress %+v", egress)
		}
	})

	t.Run("wheelchair under the policy", func(t *testing.T) {
		a := answer(t, post(t, h, journeyBody(ryde, swanmore, "2019-05-15T08:30", `"wheelchair"`)))
		if !a.Found || a.Access != "assumed" || len(a.Legs) != 1 || a.Legs[0].TripID != "10116" {
			t.Fatalf("answer %+v", a)
		}
		var got []string
		for _, e := range a.Assumed {
			got = append(got, e.Kind+" "+e.ID)
			if e.Reason != reason {
				t.Errorf("%s %s: reason %q, want the manifest's", e.Kind, e.ID, e.Reason)
			}
		}
		if strings.Join(got, ", ") != "stop 23000003001G, trip 10116, stop 230000002160" {
			t.Errorf("assumed %v", got)
		}
	})

	t.Run("wheelchair without the policy", func(t *testing.T) {
		a := answer(t, post(t, hNoPolicy, journeyBody(ryde, swanmore, "2019-05-15T08:30", `"wheelchair"`)))
		if a.Found || a.Barrier == nil || a.Barrier.ID != "23000003001G" || a.Barrier.Access != "unknown" ||
			!strings.Contains(a.Reason, "stop 23000003001G (Bus Station)") {
			t.Errorf("answer %+v barrier %+v", a, a.Barrier)
		}
	})

	t.Run("bad input names the field", func(t *testing.T) {
		pt := `{"lat": 50.7325, "lon": -1.1595}`
		cases := []struct {
			body   string
			status int
			field  string
		}{
			{journeyBody(`{"lat": 95, "lon": -1.1595}`, swanmore, "2019-05-15T08:30", `"walker"`), 400, "from.lat"},
			{journeyBody(pt, `{"lat": 50.7}`, "2019-05-15T08:30", `"walker"`), 400, "to.lon"},
			{journeyBody(pt, swanmore, "2019-05-15T08:30", `{"max_walk_m": 300}`), 400, "profile.base_id"},
			{journeyBody(pt, swanmore, "2019-05-15T08:30", `"nobody"`), 400, "profile"},
			{journeyBody(pt, swanmore, "2019-05-15T08:30", `{"base_id": "walker", "max_walk_m": -1}`), 400, "profile.max_walk_m"},
			{journeyBody(pt, swanmore, "15/05/2019 08:30", `"walker"`), 400, "depart"},
			{`{"from": ` + pt + `, "to": ` + swanmore + `, "profile": "walker"}`, 400, "depart"},
			{`{"from": ` + pt + `, "to": ` + swanmore + `, "depart": "2019-05-15T08:30", "profile": "walker", "arrive_by": "yes"}`, 400, "arrive_by"},
			{`{"from": ` + pt + `, "to": ` + swanmore + `, "depart": "2019-05-15T08:30", "profile": "walker", "wings": 2}`, 400, "wings"},
			{journeyBody(`{"lat": 50.7, "lon": -1.1, "height": 3}`, swanmore, "2019-05-15T08:30", `"walker"`), 400, "from.height"},
			{journeyBody(`{"stop_id": "nowhere"}`, swanmore, "2019-05-15T08:30", `"walker"`), 400, "from.stop_id"},
			{`{"from": `, 400, "(body)"},
			{`[1, 2]`, 400, "(body)"},
			{journeyBody(pt, swanmore, "2019-05-15T08:30", `"walker"`) + ` {}`, 400, "(body)"},
			{`{"pad": "` + strings.Repeat("x", 70<<10) + `"}`, 413, "(body)"},
			{journeyBody(`{"lat": 45, "lon": -30}`, swanmore, "2019-05-15T08:30", `"walker"`), 422, "from"},
		}
		for _, c := range cases {
			r := post(t, h, c.body)
			var e struct{ Error, Field string }
			if err := json.Unmarshal(r.body, &e); err != nil || r.status != c.status || e.Field != c.field || e.Error == "" {
				t.Errorf("%.80s: %d %s, want %d naming %s", c.body, r.status, r.body, c.status, c.field)
			}
		}
	})

	t.Run("not loaded and busy answer 503", func(t *testing.T) {
		for _, p := range []httpapi.JourneyPlanner{plan.New(plan.Options{}), slowPlanner{}} {
			h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Planner: p, JourneyTimeout: 50 * time.Millisecond})
			r := post(t, h, journeyBody(ryde, swanmore, "2019-05-15T08:30", `"walker"`))
			if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
				t.Errorf("%T: %d %s, Retry-After %q", p, r.status, r.body, r.header.Get("Retry-After"))
			}
		}
	})

	// Sentinel coordinates in good, outside and invalid requests must
	// appear nowhere in the server's log, which does record the requests.
	t.Run("coordinates are never logged", func(t *testing.T) {
		var privLog syncBuffer
		h := handler(withPolicy, &privLog)
		bodies := []string{
			journeyBody(`{"lat": 50.732512345678, "lon": -1.159598765432}`, `{"lat": 50.717512345678, "lon": -1.168098765432}`, "2019-05-15T08:30", `"walker"`),
			journeyBody(`{"lat": 45.123456789, "lon": -30.987654321}`, swanmore, "2019-05-15T08:30", `"walker"`),
			journeyBody(`{"lat": 95.123456789, "lon": -1.987654321}`, swanmore, "2019-05-15T08:30", `"wheelchair"`),
			journeyBody(`{"lat": 50.123456789, "lon": "-1.987654321"}`, swanmore, "2019-05-15T08:30", `"walker"`),
		}
		want := []int{200, 422, 400, 400}
		for i, b := range bodies {
			if r := post(t, h, b); r.status != want[i] {
				t.Errorf("request %d: %d %s, want %d", i, r.status, r.body, want[i])
			}
		}
		out := privLog.String()
		if n := strings.Count(out, `"path":"/api/v1/journeys"`); n != len(bodies) {
			t.Fatalf("%d access log lines for %d requests: %s", n, len(bodies), out)
		}
		for _, s := range []string{"12345678", "98765432", "123456789", "987654321", "wheelchair", "walker"} {
			if strings.Contains(out, s) {
				t.Errorf("the log holds %q: %s", s, out)
			}
		}
	})
}

// slowPlanner never answers before its context ends.
type slowPlanner struct{}

func (slowPlanner) Plan(ctx context.Context, _ plan.Request) (plan.Answer, error) {
	time.Sleep(time.Second)
	return plan.Answer{}, ctx.Err()
}

// BenchmarkJourneyHandler times POST /api/v1/journeys end to end on the
// Isle of Wight: decode, plan (two searches), encode.
func BenchmarkJourneyHandler(b *testing.B) {
	p, _ := iowPlanners(b)
	h := handler(p, io.Discard)
	for _, c := range []struct{ name, body string }{
		{"points", journeyBody(`{"lat": 50.7325, "lon": -1.1595}`, `{"lat": 50.7175, "lon": -1.1680}`, "2019-05-15T08:30", `"walker"`)},
		{"stops-wheelchair", journeyBody(ryde, swanmore, "2019-05-15T08:30", `"wheelchair"`)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := post(b, h, c.body); r.status != http.StatusOK {
					b.Fatalf("%d %s", r.status, r.body)
				}
			}
		})
	}
}

// iowDarPlanner imports the Isle of Wight bus feed (with its policy) and
// the illustrative West Wight dial-a-ride feed, and returns a planner
// with both, read back as the API role as the server does.
func iowDarPlanner(t testing.TB) *plan.Planner {
	t.Helper()
	ctx := context.Background()
	d := pgtest.New(t)
	imp := open(t, d.ImporterURL)
	pol, _ := iowPolicy(t)
	for _, f := range []struct {
		id, path string
		opt      postgis.GTFSOptions
	}{
		{"iow-bus", iowGTFS, postgis.GTFSOptions{AccessPolicy: pol}},
		{"iow-dial-a-ride", "../../geodata/isle-of-wight/dial-a-ride", postgis.GTFSOptions{Illustrative: true}},
	} {
		feed, err := gtfs.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = imp.Import(ctx, postgis.ImportSpec{SourceID: f.id, Kind: "gtfs", Path: f.path, Checksum: f.id, Illustrative: f.opt.Illustrative},
			postgis.GTFSLoader(feed, f.opt))
		feed.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	api := open(t, d.APIURL)
	in, err := api.TimetableInput(ctx, []string{"iow-bus"}, true)
	if err != nil {
		t.Fatal(err)
	}
	s, err := transit.Build(in, transit.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zones, err := api.DarZones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := plan.New(plan.Options{})
	p.ReplaceAll(map[string]*transit.Snapshot{"Europe/London": s}, zones, nil)
	return p
}

// Dial-a-ride answers, validated against the OpenAPI document: from
// Calbourne (inside the illustrative West Wight zone) to Brighstone
// Village Museum door to door on a Monday, to Badger Lane in Brook by
// dial-a-ride and route D, and none on a Sunday (see internal/plan's Isle
// of Wight tests for the hand working).
func TestJourneysByDialARide(t *testing.T) {
	doc := loadAPIDoc(t)
	h := handler(iowDarPlanner(t), io.Discard)
	calbourne, museum, brook := `{"lat": 50.6792, "lon": -1.4108}`, `{"lat": 50.643688, "lon": -1.395674}`, `{"lat": 50.65219, "lon": -1.449893}`

	a := answer(t, doc.check(t, h, "POST", "/api/v1/journeys", journeyBody(calbourne, museum, "2026-12-07T10:00", `"rural-dial-a-ride"`)))
	if len(a.Legs) != 1 {
		t.Fatalf("door to door: %+v", a)
	}
	if l := a.Legs[0]; l.Mode != "dial_a_ride" || l.Depart != "2026-12-07T10:00:00Z" || l.Arrive != "2026-12-07T10:10:39Z" ||
		l.Fare == nil || l.Fare.Pence == nil || *l.Fare.Pence != 250 || l.BookBy != "2026-12-04T16:00:00Z" ||
		l.Notice != "book 1 working day ahead, by 16:00" || !l.Illustrative {
		t.Errorf("door to door: %+v", l)
	}

	body := `{"from": ` + calbourne + `, "to": ` + brook + `, "depart": "2026-12-07T10:20", "arrive_by": true, "profile": {"base_id": "walker", "modes": ["bus", "dial_a_ride"]}}`
	a = answer(t, doc.check(t, h, "POST", "/api/v1/journeys", body))
	if len(a.Legs) != 2 || a.Legs[0].Mode != "dial_a_ride" || a.Legs[0].To == nil || a.Legs[0].To.StopID != "230000011940" ||
		a.Legs[1].TripID != "10355" || a.Depart != "2026-12-07T09:46:00Z" {
		t.Errorf("to the bus: %+v", a)
	}

	a = answer(t, doc.check(t, h, "POST", "/api/v1/journeys", journeyBody(calbourne, museum, "2026-12-06T10:00", `"rural-dial-a-ride"`)))
	if a.Found || !strings.Contains(a.Reason, "does not run on Sunday 6 December 2026") {
		t.Errorf("on a Sunday: %+v", a)
	}
}
