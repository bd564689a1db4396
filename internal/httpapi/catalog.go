package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // sessions are shown in the activity's zone whatever the machine's zoneinfo
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/openreferral"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// Catalog reads the published sites and activities; *postgis.DB is one.
type Catalog interface {
	Sites(ctx context.Context, bbox postgis.BBox, limit int) ([]postgis.SiteRow, error)
	Activities(ctx context.Context, bbox postgis.BBox, limit int) ([]postgis.ActivityRow, error)
	Activity(ctx context.Context, id string) (postgis.ActivityRow, error)
	AllActivities(ctx context.Context) ([]postgis.ActivityRow, error)
}

// Limits and defaults of the catalogue endpoints.
const (
	defaultListLimit   = 500
	defaultSessionDays = 28
	maxSessionDays     = 90
	defaultPerPage     = 50
	maxPerPage         = 200
	// venueSearchDeg is how far (in degrees, about 1 km) from an
	// activity's venue point its site record is looked for.
	venueSearchDeg   = 0.01
	readCacheControl = "public, max-age=60"
	// minFromYear and maxFromYear bound ?from=, keeping every session
	// time a four-digit RFC 3339 year.
	minFromYear = 1970
	maxFromYear = 2199
)

// point is a GeoJSON Point, [lon, lat].
type point struct {
	Type        string    `json:"type"`
	Coordinates orb.Point `json:"coordinates"`
}

type feature[P any] struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Geometry   point  `json:"geometry"`
	Properties P      `json:"properties"`
}

// featureCollection is an RFC 7946 FeatureCollection with two foreign
// members: the limit applied, and whether more features matched.
type featureCollection[P any] struct {
	Type      string       `json:"type"`
	Features  []feature[P] `json:"features"`
	Limit     int          `json:"limit"`
	Truncated bool         `json:"truncated"`
}

func newFeature[P any](id string, p orb.Point, props P) feature[P] {
	return feature[P]{Type: "Feature", ID: id, Geometry: point{Type: "Point", Coordinates: p}, Properties: props}
}

type siteProps struct {
	ID           string                 `json:"id"`
	Name         string                 `json:"name"`
	Kind         string                 `json:"kind,omitempty"`
	Access       heritage.SiteAccess    `json:"access"`
	Designations []heritage.Designation `json:"designations"`
	SourceKeys   []heritage.SourceKey   `json:"source_keys"`
	Governance   string                 `json:"governance,omitempty"`
	Size         string                 `json:"size,omitempty"`
	Subject      string                 `json:"subject,omitempty"`
	Website      string                 `json:"website,omitempty"`
	Activities   int                    `json:"activities"`
	Illustrative bool                   `json:"illustrative"`
}

// venueAccess is the venue as the activity's source states it.
type venueAccess struct {
	StepFreeEntrance heritage.Access `json:"step_free_entrance"`
	AccessibleToilet heritage.Access `json:"accessible_toilet"`
}

type activityProps struct {
	ID           string                `json:"id"`
	Name         string                `json:"name"`
	Kind         string                `json:"kind,omitempty"`
	SiteID       *string               `json:"site_id"`
	SiteName     string                `json:"site_name"`
	Description  string                `json:"description,omitempty"`
	Provider     string                `json:"provider,omitempty"`
	Languages    []string              `json:"languages"`
	Welcome      []heritage.Welcome    `json:"welcome"`
	Eligibility  heritage.Eligibility  `json:"eligibility"`
	Contact      heritage.Contact      `json:"contact"`
	HowToRefer   *string               `json:"how_to_refer"`
	Capacity     *int                  `json:"capacity"`
	Costs        []heritage.CostOption `json:"costs"`
	VenueAccess  venueAccess           `json:"venue_access"`
	Timezone     string                `json:"timezone"`
	Illustrative bool                  `json:"illustrative"`
}

// activityDetail adds the sessions in a window of days.
type activityDetail struct {
	activityProps
	SessionsFrom string        `json:"sessions_from"`
	SessionsDays int           `json:"sessions_days"`
	Sessions     []sessionJSON `json:"sessions"`
}

type sessionJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

func profiles(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeRead(w, d.Log, "application/json", profile.Standard())
	}
}

func sites(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, limit, truncated, err := listRows(r, d.Catalog, func(c Catalog, b postgis.BBox, n int) ([]postgis.SiteRow, error) {
			return c.Sites(r.Context(), b, n)
		})
		if err != nil {
			writeError(w, d.Log, "list sites", err)
			return
		}
		fc := featureCollection[siteProps]{Type: "FeatureCollection", Features: make([]feature[siteProps], len(rows)), Limit: limit, Truncated: truncated}
		for i, s := range rows {
			fc.Features[i] = newFeature(s.Site.ID, s.Site.Point, sitePropsOf(s))
		}
		writeRead(w, d.Log, "application/geo+json", fc)
	}
}

func sitePropsOf(r postgis.SiteRow) siteProps {
	s := r.Site
	return siteProps{
		ID: s.ID, Name: s.Name, Kind: string(s.Kind), Access: s.Access,
		Designations: orEmpty(s.Designations), SourceKeys: orEmpty(s.SourceKeys),
		Governance: r.Governance, Size: r.Size, Subject: r.Subject, Website: r.Website,
		Activities: r.Activities, Illustrative: s.Illustrative,
	}
}

func activities(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, limit, truncated, err := listRows(r, d.Catalog, func(c Catalog, b postgis.BBox, n int) ([]postgis.ActivityRow, error) {
			return c.Activities(r.Context(), b, n)
		})
		if err != nil {
			writeError(w, d.Log, "list activities", err)
			return
		}
		fc := featureCollection[activityProps]{Type: "FeatureCollection", Features: make([]feature[activityProps], len(rows)), Limit: limit, Truncated: truncated}
		for i, a := range rows {
			fc.Features[i] = newFeature(a.Activity.ID, a.Point, activityPropsOf(a))
		}
		writeRead(w, d.Log, "application/geo+json", fc)
	}
}

// listRows reads bbox and limit, and lists up to limit rows, asking for
// one more to tell whether the list was truncated. At the cap itself one
// more cannot be asked for, so a full list at the cap counts as truncated.
func listRows[R any](r *http.Request, c Catalog, list func(Catalog, postgis.BBox, int) ([]R, error)) (rows []R, limit int, truncated bool, err error) {
	q := r.URL.Query()
	bbox, hasBBox, err := parseBBox(q.Get("bbox"))
	if err != nil {
		return nil, 0, false, err
	}
	if limit, err = parseLimit(q.Get("limit")); err != nil {
		return nil, 0, false, err
	}
	if c == nil {
		return nil, 0, false, errUnconfigured
	}
	if hasBBox && bbox == (postgis.BBox{}) {
		return nil, limit, false, nil // a point box at 0,0: the store reads a zero box as everywhere
	}
	if rows, err = list(c, bbox, min(limit+1, postgis.MaxListLimit)); err != nil {
		return nil, 0, false, err
	}
	truncated = len(rows) > limit || len(rows) == postgis.MaxListLimit
	return rows[:min(len(rows), limit)], limit, truncated, nil
}

func activityPropsOf(a postgis.ActivityRow) activityProps {
	act := a.Activity
	p := activityProps{
		ID: act.ID, Name: act.Name, Kind: string(act.Kind), SiteName: a.SiteName,
		Description: act.Description, Provider: act.Provider,
		Languages: orEmpty(act.Languages), Welcome: orEmpty(act.Welcome),
		Eligibility: act.Eligibility, Contact: act.Contact, Capacity: act.Capacity, Costs: orEmpty(act.Costs),
		VenueAccess: venueAccess{StepFreeEntrance: a.StepFree, AccessibleToilet: a.Toilet},
		Timezone:    a.Timezone, Illustrative: act.Illustrative,
	}
	if a.SiteID != 0 {
		id := strconv.FormatInt(a.SiteID, 10)
		p.SiteID = &id
	}
	if act.ReferralRoute != "" {
		p.HowToRefer = &act.ReferralRoute
	}
	return p
}

func activity(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		days, err := parseDays(q.Get("days"))
		if err != nil {
			writeError(w, d.Log, "read activity", err)
			return
		}
		row, err := findActivity(r.Context(), d.Catalog, chi.URLParam(r, "id"))
		if err != nil {
			writeError(w, d.Log, "read activity", err)
			return
		}
		loc, err := time.LoadLocation(row.Timezone)
		if err != nil {
			writeError(w, d.Log, "read activity", err)
			return
		}
		from, err := parseFrom(q.Get("from"), d.now().In(loc))
		if err != nil {
			writeError(w, d.Log, "read activity", err)
			return
		}
		det := activityDetail{activityProps: activityPropsOf(row), SessionsFrom: from.Format(time.DateOnly), SessionsDays: days, Sessions: []sessionJSON{}}
		for _, s := range row.Activity.Sessions(from, from.AddDate(0, 0, days), loc) {
			det.Sessions = append(det.Sessions, sessionJSON{Start: s.Start.Format(time.RFC3339), End: s.End.Format(time.RFC3339)})
		}
		writeRead(w, d.Log, "application/geo+json", newFeature(row.Activity.ID, row.Point, det))
	}
}

// findActivity reads one activity, its absence a 404.
func findActivity(ctx context.Context, c Catalog, id string) (postgis.ActivityRow, error) {
	if c == nil {
		return postgis.ActivityRow{}, errUnconfigured
	}
	if !utf8.ValidString(id) || strings.ContainsRune(id, 0) {
		return postgis.ActivityRow{}, &notFoundError{msg: "no published activity has this id"} // no stored id could match
	}
	row, err := c.Activity(ctx, id)
	if postgis.KindOf(err) == postgis.KindNotFound {
		return row, &notFoundError{msg: "no published activity has this id"}
	}
	return row, err
}

// orServices is the Open Referral UK export, paged: every published
// activity as a service, by id.
func orServices(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, err := parseCount(q.Get("page"), "page", 1, math.MaxInt32)
		if err != nil {
			writeError(w, d.Log, "export services", err)
			return
		}
		perPage, err := parseCount(q.Get("per_page"), "per_page", defaultPerPage, maxPerPage)
		if err != nil {
			writeError(w, d.Log, "export services", err)
			return
		}
		pg, err := servicePage(r.Context(), d.Catalog, page, perPage)
		if err != nil {
			writeError(w, d.Log, "export services", err)
			return
		}
		writeRead(w, d.Log, "application/json", pg)
	}
}

func servicePage(ctx context.Context, c Catalog, page, perPage int) (openreferral.Page, error) {
	if c == nil {
		return openreferral.Page{}, errUnconfigured
	}
	rows, err := c.AllActivities(ctx)
	if err != nil {
		return openreferral.Page{}, err
	}
	// Page the services as their bare venues give them, then complete the
	// page's venues from their site records.
	all := make([]openreferral.Service, len(rows))
	byID := make(map[string]postgis.ActivityRow, len(rows))
	illustrative := len(rows) > 0
	for i, a := range rows {
		all[i] = openreferral.ServiceOf(a.Activity, venueSite(a, nil))
		byID[a.Activity.ID] = a
		illustrative = illustrative && a.Activity.Illustrative
	}
	pg, err := openreferral.NewPage(all, page, perPage)
	if err != nil {
		return pg, err
	}
	pageRows := make([]postgis.ActivityRow, len(pg.Contents))
	for i, s := range pg.Contents {
		pageRows[i] = byID[s.ID]
	}
	recs, err := siteRecords(ctx, c, pageRows)
	if err != nil {
		return pg, err
	}
	for i, a := range pageRows {
		pg.Contents[i] = openreferral.ServiceOf(a.Activity, venueSite(a, recs[a.SiteID]))
	}
	pg.Illustrative = illustrative
	return pg, nil
}

func orService(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		row, err := findActivity(r.Context(), d.Catalog, chi.URLParam(r, "id"))
		if err != nil {
			writeError(w, d.Log, "export service", err)
			return
		}
		recs, err := siteRecords(r.Context(), d.Catalog, []postgis.ActivityRow{row})
		if err != nil {
			writeError(w, d.Log, "export service", err)
			return
		}
		writeRead(w, d.Log, "application/json", openreferral.ServiceOf(row.Activity, venueSite(row, recs[row.SiteID])))
	}
}

// siteRecords finds the site records of the activities' venues: first in
// one box around them all, then, for any the capped list missed, each in
// a small box around its own venue. A site not found stays out.
func siteRecords(ctx context.Context, c Catalog, rows []postgis.ActivityRow) (map[int64]*postgis.SiteRow, error) {
	out := map[int64]*postgis.SiteRow{}
	var box orb.Bound
	for _, a := range rows {
		if a.SiteID == 0 {
			continue
		}
		if len(out) == 0 {
			box = a.Point.Bound()
		}
		out[a.SiteID] = nil
		box = box.Extend(a.Point)
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := collectSites(ctx, c, box.Pad(venueSearchDeg), out); err != nil {
		return nil, err
	}
	for _, a := range rows {
		if rec, want := out[a.SiteID]; want && rec == nil {
			if err := collectSites(ctx, c, a.Point.Bound().Pad(venueSearchDeg), out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// collectSites fills the wanted entries of out from the sites in box.
func collectSites(ctx context.Context, c Catalog, box orb.Bound, out map[int64]*postgis.SiteRow) error {
	found, err := c.Sites(ctx, box, postgis.MaxListLimit)
	if err != nil {
		return err
	}
	for i := range found {
		id, err := strconv.ParseInt(found[i].Site.ID, 10, 64)
		if _, want := out[id]; err == nil && want {
			out[id] = &found[i]
		}
	}
	return nil
}

// venueSite is the site an activity is held at, for the export: its
// place and name as the activity row gives them, with the site record's
// kind, source keys and designations when rec is known. Each access
// feature is the activity source's statement, or the site record's where
// the activity says nothing; either way unknown stays unknown. The venue
// is illustrative when the site or the activity is.
func venueSite(a postgis.ActivityRow, rec *postgis.SiteRow) heritage.Site {
	s := heritage.Site{
		ID: strconv.FormatInt(a.SiteID, 10), Name: a.SiteName, Point: a.Point,
		Access:       heritage.SiteAccess{StepFreeEntrance: a.StepFree, AccessibleToilet: a.Toilet},
		Illustrative: a.Activity.Illustrative,
	}
	if rec == nil {
		return s
	}
	s.Kind, s.SourceKeys, s.Designations = rec.Site.Kind, rec.Site.SourceKeys, rec.Site.Designations
	s.Illustrative = s.Illustrative || rec.Site.Illustrative
	for _, f := range []struct{ venue, site *heritage.Access }{
		{&s.Access.StepFreeEntrance, &rec.Site.Access.StepFreeEntrance},
		{&s.Access.AccessibleToilet, &rec.Site.Access.AccessibleToilet},
		{&s.Access.HearingLoop, &rec.Site.Access.HearingLoop},
		{&s.Access.Seating, &rec.Site.Access.Seating},
	} {
		if *f.venue == heritage.AccessUnknown {
			*f.venue = *f.site
		}
	}
	return s
}

// parseBBox reads minLon,minLat,maxLon,maxLat; the empty string is no box.
func parseBBox(v string) (postgis.BBox, bool, error) {
	if v == "" {
		return postgis.BBox{}, false, nil
	}
	const want = "want minLon,minLat,maxLon,maxLat in degrees (WGS84)"
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return postgis.BBox{}, false, &fieldError{field: "bbox", reason: want}
	}
	var n [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return postgis.BBox{}, false, &fieldError{field: "bbox", reason: want}
		}
		n[i] = f
	}
	b := postgis.BBox{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}
	switch {
	case n[0] < -180 || n[2] > 180 || n[1] < -90 || n[3] > 90:
		return b, false, &fieldError{field: "bbox", reason: "longitudes must lie in -180..180 and latitudes in -90..90"}
	case n[0] > n[2] || n[1] > n[3]:
		return b, false, &fieldError{field: "bbox", reason: "the minimum must not exceed the maximum: " + want}
	}
	return b, true, nil
}

// parseLimit reads a positive limit; beyond the cap it is the cap.
func parseLimit(v string) (int, error) {
	n, err := parseCount(v, "limit", defaultListLimit, math.MaxInt32)
	return min(n, postgis.MaxListLimit), err
}

// parseCount reads a whole number from 1 to hi, def when absent; beyond
// hi it is hi.
func parseCount(v, field string, def, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if errors.Is(err, strconv.ErrRange) && n > 0 {
		return hi, nil
	}
	if err != nil || n < 1 {
		return 0, &fieldError{field: field, reason: "want a whole number of at least 1"}
	}
	return min(n, hi), nil
}

func parseDays(v string) (int, error) {
	if v == "" {
		return defaultSessionDays, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxSessionDays {
		return 0, &fieldError{field: "days", reason: "want a whole number of days from 1 to " + strconv.Itoa(maxSessionDays)}
	}
	return n, nil
}

// parseFrom reads the first day of the session window in now's
// location; the empty string is today.
func parseFrom(v string, now time.Time) (time.Time, error) {
	if v == "" {
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, now.Location()), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, now.Location())
	if err != nil {
		return t, &fieldError{field: "from", reason: "want a date YYYY-MM-DD"}
	}
	if t.Year() < minFromYear || t.Year() > maxFromYear {
		return t, &fieldError{field: "from", reason: fmt.Sprintf("want a date in the years %d to %d", minFromYear, maxFromYear)}
	}
	return t, nil
}

// writeRead writes a successful read, cacheable for a minute. The body
// is encoded before the status is sent, so a value that cannot be
// written is a clean 500.
func writeRead(w http.ResponseWriter, log *slog.Logger, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, log, "encode response", err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", readCacheControl)
	w.WriteHeader(http.StatusOK)
	w.Write(append(b, '\n')) //nolint:errcheck // client went away
}

func orEmpty[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}
