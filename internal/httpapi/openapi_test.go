package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/httpapi"
	"github.com/threshold-heritage/threshold/internal/plan"
)

// apiDoc is the merged OpenAPI document and the operations a test has
// validated a response of. One is shared by every test in the package
// (api), so that any test file can validate its endpoint's responses with
// api.check; TestMain then checks that every documented operation, and
// every operation the full router serves, had a response validated.
type apiDoc struct {
	doc *openapi3.T

	mu   sync.Mutex
	seen map[string]bool
}

var (
	apiOnce sync.Once
	api     *apiDoc
	apiErr  error
	// fullRouter is TestOpenAPI's router with every dependency wired:
	// TestMain lists its operations.
	fullRouter http.Handler
)

func loadAPIDoc(t *testing.T) *apiDoc {
	t.Helper()
	apiOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(httpapi.OpenAPI)
		if err == nil {
			err = doc.Validate(loader.Context)
		}
		api, apiErr = &apiDoc{doc: doc, seen: map[string]bool{}}, err
	})
	if apiErr != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", apiErr)
	}
	return api
}

// TestMain runs the tests, then, when every test ran against a database
// and passed, checks that the document and the router list the same
// operations and that each had a response validated.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && fullRouter != nil && flag.Lookup("test.run").Value.String() == "" {
		if missing := api.unseen(fullRouter); len(missing) > 0 {
			fmt.Fprintln(os.Stderr, strings.Join(missing, "\n"))
			code = 1
		}
	}
	os.Exit(code)
}

// unseen lists the operations the router serves or the document holds
// that no test validated a response of.
func (a *apiDoc) unseen(h http.Handler) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	ops, err := routerOperations(h)
	if err != nil {
		return []string{err.Error()}
	}
	for _, op := range ops {
		if !a.seen[op] {
			out = append(out, op+": the router serves it but no response of it was validated (is it documented?)")
		}
	}
	for tmpl, item := range a.doc.Paths.Map() {
		for method := range item.Operations() {
			if !a.seen[method+" "+tmpl] {
				out = append(out, method+" "+tmpl+" is documented but no response of it was validated")
			}
		}
	}
	return out
}

// route finds the documented operation serving method and path.
func (a *apiDoc) route(method, path string) (*routers.Route, map[string]string) {
	for tmpl, item := range a.doc.Paths.Map() {
		params, ok := matchPath(tmpl, path)
		if op := item.GetOperation(method); ok && op != nil {
			return &routers.Route{Spec: a.doc, Path: tmpl, PathItem: item, Method: method, Operation: op}, params
		}
	}
	return nil, nil
}

// matchPath matches a path against a template such as /a/{id} or
// /tiles/{z}/{x}/{y}.mvt (a parameter followed by a literal suffix).
func matchPath(tmpl, path string) (map[string]string, bool) {
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	params := map[string]string{}
	for i, t := range ts {
		name, suffix, isParam := strings.Cut(strings.TrimPrefix(t, "{"), "}")
		switch {
		case strings.HasPrefix(t, "{") && isParam:
			v, ok := strings.CutSuffix(ps[i], suffix)
			if !ok || v == "" {
				return nil, false
			}
			params[name] = v
		case t != ps[i]:
			return nil, false
		}
	}
	return params, true
}

// check sends the request and validates the response against the
// document (status, content type, headers, body); for a success it also
// validates the request, so the documented parameters admit what worked.
func (a *apiDoc) check(t *testing.T, h http.Handler, method, target, body string) response {
	t.Helper()
	req := func() *http.Request {
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		return r
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req())
	resp := response{rec.Code, rec.Header(), rec.Body.Bytes()}
	route, params := a.route(method, req().URL.Path)
	if route == nil {
		t.Errorf("%s %s is not in the OpenAPI document", method, target)
		return resp
	}
	a.mu.Lock()
	a.seen[method+" "+route.Path] = true
	a.mu.Unlock()
	if err := a.validate(req(), route, params, resp); err != nil {
		t.Errorf("%s %s (%d): %v\n%.600s", method, target, resp.status, err, resp.body)
	}
	return resp
}

func (a *apiDoc) validate(req *http.Request, route *routers.Route, params map[string]string, resp response) error {
	ctx := context.Background()
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true}}
	if resp.status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return errors.New("the request that succeeded is not valid: " + err.Error())
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.status, Header: resp.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(resp.body)
	return openapi3filter.ValidateResponse(ctx, out)
}

// TestOpenAPI validates real responses of the first endpoints, good and
// bad, against the document, and leaves its fully wired router for
// TestMain's check that nothing served or documented went unvalidated.
func TestOpenAPI(t *testing.T) {
	a := loadAPIDoc(t)
	db := iowCatalog(t)
	planner, _ := iowPlanners(t)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	deps := func(c httpapi.Catalog, p httpapi.JourneyPlanner, ready error) httpapi.Deps {
		return httpapi.Deps{Log: log, OpenAPI: httpapi.OpenAPI, Ready: func(context.Context) error { return ready },
			Planner: p, Catalog: c, Now: func() time.Time { return december }}
	}
	full := deps(db, planner, nil)
	full.Reacher = iowReacher(t)
	full.Basemap = db
	full.Coverage = db
	full.Gaps = db
	h := httpapi.New(full)
	bare := httpapi.New(deps(nil, plan.New(plan.Options{}), errors.New("no database")))

	type call struct {
		h              http.Handler
		method, target string
		body           string
		status         int
	}
	walk := journeyBody(ryde, swanmore, "2019-05-15T08:30", `"walker"`)
	calls := []call{
		{h, "GET", "/healthz", "", 200},
		{h, "GET", "/readyz", "", 200},
		{bare, "GET", "/readyz", "", 503},
		{h, "GET", "/api/v1/openapi.json", "", 200},
		{h, "POST", "/api/v1/journeys", walk, 200},
		{h, "POST", "/api/v1/journeys", journeyBody(ryde, swanmore, "2019-05-15T08:30", `"wheelchair"`), 200},
		{h, "POST", "/api/v1/journeys", journeyBody(`{"lat": 95, "lon": 0}`, swanmore, "2019-05-15T08:30", `"walker"`), 400},
		{h, "POST", "/api/v1/journeys", `{"pad": "` + strings.Repeat("x", 70<<10) + `"}`, 413},
		{h, "POST", "/api/v1/journeys", journeyBody(`{"lat": 45, "lon": -30}`, swanmore, "2019-05-15T08:30", `"walker"`), 422},
		{bare, "POST", "/api/v1/journeys", walk, 503},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"walker"`, ""), 200},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"wheelchair"`, `, "days": 3`), 200},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 50.6420, "lon": -1.3920}`, `{"base_id": "rural-dial-a-ride", "companion": true}`, ""), 200},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"car"`, `, "filters": {"kinds": ["guided_tour"]}`), 200},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 91, "lon": -1.1619}`, `"walker"`, ""), 400},
		{h, "POST", "/api/v1/reachability", `{"pad": "` + strings.Repeat("x", 70<<10) + `"}`, 413},
		{h, "POST", "/api/v1/reachability", reachBody(`{"lat": 50.0, "lon": -20.0}`, `"walker"`, ""), 422},
		{h, "GET", "/api/v1/profiles", "", 200},
		{h, "GET", "/api/v1/sites", "", 200},
		{h, "GET", "/api/v1/sites?bbox=-1.20,50.70,-1.12,50.75&limit=3", "", 200},
		{h, "GET", "/api/v1/sites?bbox=north", "", 400},
		{bare, "GET", "/api/v1/sites", "", 503},
		{h, "GET", "/api/v1/activities", "", 200},
		{h, "GET", "/api/v1/activities?bbox=-1.6,50.5,-1.0,50.8&limit=2000", "", 200},
		{h, "GET", "/api/v1/activities?limit=0", "", 400},
		{bare, "GET", "/api/v1/activities", "", 503},
		{h, "GET", "/api/v1/activities/no-such-activity", "", 404},
		{h, "GET", "/api/v1/activities/no-such-activity?days=100", "", 400},
		{bare, "GET", "/api/v1/activities/x", "", 503},
		{h, "GET", "/openreferral/services", "", 200},
		{h, "GET", "/openreferral/services?page=2&per_page=25", "", 200},
		{h, "GET", "/openreferral/services?page=99", "", 200},
		{h, "GET", "/openreferral/services?page=0", "", 400},
		{bare, "GET", "/openreferral/services", "", 503},
		{h, "GET", "/openreferral/services/no-such-service", "", 404},
		{bare, "GET", "/openreferral/services/x", "", 503},
	}
	// Every activity, in winter and in summer, and every service.
	fc := decode[testCollection](t, get(t, h, "/api/v1/activities"))
	for _, f := range fc.Features {
		calls = append(calls,
			call{h, "GET", "/api/v1/activities/" + f.ID + "?from=2026-12-01&days=31", "", 200},
			call{h, "GET", "/api/v1/activities/" + f.ID + "?from=2026-07-01", "", 200},
			call{h, "GET", "/openreferral/services/" + f.ID, "", 200})
	}
	for _, c := range calls {
		if r := a.check(t, c.h, c.method, c.target, c.body); r.status != c.status {
			t.Errorf("%s %.80s: status %d, want %d", c.method, c.target, r.status, c.status)
		}
	}
	fullRouter = h
}

// routerOperations lists "METHOD /path" for every route the router serves.
func routerOperations(h http.Handler) ([]string, error) {
	routes, ok := h.(chi.Routes)
	if !ok {
		return nil, fmt.Errorf("the handler is a %T, not a chi router", h)
	}
	var ops []string
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if route != "/*" { // the web map's files
			ops = append(ops, method+" "+route)
		}
		return nil
	})
	slices.Sort(ops)
	return ops, err
}

// The validator is strict: a response with an undocumented field, or a
// value outside its enum, fails it.
func TestOpenAPIRejectsDrift(t *testing.T) {
	a := loadAPIDoc(t)
	good := `{"type": "FeatureCollection", "limit": 1, "truncated": false, "features": [{"type": "Feature", "id": "1",
		"geometry": {"type": "Point", "coordinates": [-1.3, 50.7]},
		"properties": {"id": "1", "name": "A museum", "access": {"step_free_entrance": "unknown", "accessible_toilet": "yes",
			"hearing_loop": "no", "seating": "assumed"}, "designations": [], "source_keys": [], "activities": 0, "illustrative": false}}]}`
	cases := map[string]string{
		"":                  good,
		"undocumented":      strings.Replace(good, `"activities": 0`, `"activities": 0, "rating": 5`, 1),
		"access value":      strings.Replace(good, `"seating": "assumed"`, `"seating": "maybe"`, 1),
		"missing required":  strings.Replace(good, `"truncated": false, `, ``, 1),
		"wrong type":        strings.Replace(good, `"limit": 1`, `"limit": "1"`, 1),
		"geometry":          strings.Replace(good, `[-1.3, 50.7]`, `[-1.3, 50.7, 3, 4]`, 1),
		"wrong member type": strings.Replace(good, `"Feature",`, `"Polygon",`, 1),
	}
	for name, body := range cases {
		req := httptest.NewRequest("GET", "/api/v1/sites", nil)
		route, params := a.route("GET", "/api/v1/sites")
		hdr := http.Header{"Content-Type": {"application/geo+json"}, "Cache-Control": {"public, max-age=60"}}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err := a.validate(req, route, params, response{200, hdr, bytes.TrimSpace([]byte(body))})
		if (err == nil) != (name == "") {
			t.Errorf("%q: validation error %v", name, err)
		}
	}
}
