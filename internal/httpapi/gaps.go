package httpapi

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/gaps"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// GapSource reads the published coverage's cells below a threshold;
// *postgis.DB is one.
type GapSource interface {
	GapCells(ctx context.Context, profileID string, minActivities int) (postgis.CoverageRunInfo, []gaps.Cell, error)
}

// Gaps settings.
const (
	defaultGapLimit = 20
	maxGapLimit     = 100
	maxGapMin       = 1000
	// gapTimeout bounds one answer. Each listed gap's barrier is one
	// reachability question (tens of milliseconds on a region); working
	// them out stops after gapExplainShare of the time left, and the gaps
	// past that carry no barrier (counted in barriers_unchecked).
	gapTimeout      = 15 * time.Second
	gapExplainShare = 0.7
)

// GapsRoutes adds GET /api/v1/gaps to r. Each listed gap names the
// nearest activity (straight line, with a session in the coverage run's
// week) that a person of the profile living at the centre of its most
// populous cell cannot reach, and the barrier reacher finds for it. When
// reacher is a *reach.Service the question is about the nearest
// min_activities + 2 such activities only, from its own catalogue, so the
// answer's cap on near misses cannot hide the nearest; any other Reacher
// is asked about everything and the nearest is found among what it lists.
// A nil src answers 503; a nil reacher leaves the barriers out.
// Server-side failures are logged to slog.Default.
func GapsRoutes(r chi.Router, src GapSource, reacher Reacher) {
	r.Get("/api/v1/gaps", gapsHandler(src, reacher, slog.Default()))
}

type gapCollection struct {
	Type                string       `json:"type"`
	Profile             string       `json:"profile"`
	MinActivities       int          `json:"min_activities"`
	Week                string       `json:"week"`
	ScoreRule           string       `json:"score_rule"`
	TotalGaps           int          `json:"total_gaps"`
	Truncated           bool         `json:"truncated"`
	UncoveredPopulation float64      `json:"uncovered_population"`
	UncoveredProfile    float64      `json:"uncovered_profile_population"`
	BarriersUnchecked   int          `json:"barriers_unchecked"`
	Features            []gapFeature `json:"features"`
}

type gapFeature struct {
	Type       string        `json:"type"`
	ID         string        `json:"id"`
	Geometry   gapGeometry   `json:"geometry"`
	Properties gapProperties `json:"properties"`
}

// gapGeometry is a GeoJSON MultiPolygon: one polygon (one ring) per cell.
type gapGeometry struct {
	Type        string          `json:"type"`
	Coordinates [][][][]float64 `json:"coordinates"`
}

type gapProperties struct {
	Rank              int              `json:"rank"`
	Score             float64          `json:"score"`
	Cells             int              `json:"cells"`
	HexIDs            []string         `json:"hex_ids"`
	Population        float64          `json:"population"`
	ProfilePopulation float64          `json:"profile_population"`
	IMDDecile         *int             `json:"imd_decile"`
	DisabledShare     float64          `json:"disabled_share"`
	RuralShare        float64          `json:"rural_share"`
	RUC21             *string          `json:"ruc21"`
	WardCode          *string          `json:"ward_code"`
	WardName          *string          `json:"ward_name"`
	HomeHexID         string           `json:"home_hex_id"`
	NearestActivity   *nearestActivity `json:"nearest_activity"`
	Barrier           *gapBarrier      `json:"barrier"`
}

type nearestActivity struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	SiteName     string  `json:"site_name"`
	Illustrative bool    `json:"illustrative"`
	DistanceM    float64 `json:"distance_m"`
}

type gapBarrier struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

const scoreRule = "profile_population × (1 + (10 − imd_decile)/9) × (1 + disabled_share) × (1 + rural_share/4); an unknown IMD decile weighs 1"

func gapsHandler(src GapSource, reacher Reacher, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if src == nil {
			writeError(w, log, "gaps", errUnconfigured)
			return
		}
		p, minAct, limit, err := parseGapsQuery(r)
		if err != nil {
			writeError(w, log, "gaps", err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), gapTimeout)
		defer cancel()
		run, cells, err := src.GapCells(ctx, p.ID, minAct)
		if err != nil {
			writeError(w, log, "gaps", coverageNotFound(err, p.ID))
			return
		}
		found, err := gaps.Find(cells, minAct)
		if err != nil {
			writeError(w, log, "gaps", err)
			return
		}
		out := gapCollection{Type: "FeatureCollection", Profile: p.ID, MinActivities: minAct, Week: run.Week.Format(time.DateOnly),
			ScoreRule: scoreRule, TotalGaps: len(found), Truncated: len(found) > limit, Features: []gapFeature{}}
		for _, g := range found {
			out.UncoveredPopulation += g.Population
			out.UncoveredProfile += g.ProfilePopulation
		}
		if err := explainGaps(ctx, reacher, p, run.Week, minAct, found[:min(limit, len(found))], &out); err != nil {
			writeError(w, log, "gaps", err)
			return
		}
		setCoverageHeaders(w, run)
		w.Header().Set("Cache-Control", "private, max-age=60") // barriers follow the loaded timetables
		w.Header().Set("Content-Type", "application/geo+json")
		w.WriteHeader(http.StatusOK)
		json.NewEncoder(w).Encode(out) //nolint:errcheck // client went away
	}
}

// explainGaps adds the features of the listed gaps to out, each with its
// nearest activity out of reach and the barrier, as far as time allows.
func explainGaps(ctx context.Context, reacher Reacher, p profile.Profile, week time.Time, minAct int, listed []gaps.Gap, out *gapCollection) error {
	var ex *gapExplainer
	if reacher != nil {
		var err error
		if ex, err = newGapExplainer(ctx, reacher, p, week, minAct); err != nil {
			return err
		}
	}
	budget := gapTimeout
	if dl, ok := ctx.Deadline(); ok {
		budget = time.Duration(float64(time.Until(dl)) * gapExplainShare)
	}
	exCtx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	for _, g := range listed {
		f, err := gapFeatureOf(g)
		if err != nil {
			return err
		}
		out.Features = append(out.Features, f)
		if ex == nil || exCtx.Err() != nil {
			if err := ctx.Err(); err != nil {
				return err
			}
			out.BarriersUnchecked++
			continue
		}
		x, err := ex.explain(exCtx, g)
		switch {
		case err == nil:
			pr := &out.Features[len(out.Features)-1].Properties
			pr.NearestActivity, pr.Barrier = x.nearest, x.barrier
		case exCtx.Err() != nil && ctx.Err() == nil:
			out.BarriersUnchecked++ // out of time: the rest go without
		default:
			return err
		}
	}
	return nil
}

func parseGapsQuery(r *http.Request) (profile.Profile, int, int, error) {
	q := r.URL.Query()
	id := q.Get("profile")
	if err := checkProfile(id); err != nil {
		return profile.Profile{}, 0, 0, err
	}
	p, _ := profile.ByID(id)
	minAct, limit := 1, defaultGapLimit
	if s := q.Get("min_activities"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxGapMin {
			return p, 0, 0, &fieldError{field: "min_activities", reason: fmt.Sprintf("want a whole number from 1 to %d", maxGapMin)}
		}
		minAct = n
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxGapLimit {
			return p, 0, 0, &fieldError{field: "limit", reason: fmt.Sprintf("want a whole number from 1 to %d", maxGapLimit)}
		}
		limit = n
	}
	return p, minAct, limit, nil
}

// gapFeatureOf draws the gap as a MultiPolygon of its cells.
func gapFeatureOf(g gaps.Gap) (gapFeature, error) {
	f := gapFeature{Type: "Feature", ID: "gap-" + strconv.Itoa(g.Rank), Geometry: gapGeometry{Type: "MultiPolygon"}}
	pr := gapProperties{Rank: g.Rank, Score: round2(g.Score), Cells: len(g.Cells), Population: round2(g.Population),
		ProfilePopulation: round2(g.ProfilePopulation), DisabledShare: round4(g.DisabledShare), RuralShare: round4(g.RuralShare),
		HomeHexID: geo.CellString(g.Home)}
	if g.IMDDecile > 0 {
		pr.IMDDecile = &g.IMDDecile
	}
	if g.Ward != "" {
		pr.WardCode, pr.WardName = &g.Ward, &g.WardName
	}
	if g.RUC21 != "" {
		pr.RUC21 = &g.RUC21
	}
	for _, c := range g.Cells {
		pr.HexIDs = append(pr.HexIDs, geo.CellString(c))
		b, err := geo.CellBoundary(c)
		if err != nil {
			return f, err
		}
		ring := make([][]float64, 0, len(b[0]))
		for _, pt := range b[0] {
			ring = append(ring, []float64{pt[0], pt[1]})
		}
		f.Geometry.Coordinates = append(f.Geometry.Coordinates, [][][]float64{ring})
	}
	f.Properties = pr
	return f, nil
}

// gapExplainer works out, for each gap, the nearest activity a resident
// of it cannot reach and the barrier that keeps it out of reach: it asks
// the reachability engine as a person of the profile living at the centre
// of the gap's most populous cell would ask, about the coverage run's
// week.
type gapExplainer struct {
	reacher Reacher
	// svc is the reacher when it is a *reach.Service: each gap then asks
	// about its nearest activities only (a copy of the service over just
	// those), so the near-miss list's cap cannot hide the nearest one.
	svc    *reach.Service
	acts   []reach.Activity // svc's catalogue
	active []reach.Activity // those with a session in the week; nil until needed
	p      profile.Profile
	week   time.Time
	minAct int
}

// gapCandidate is an activity near a gap's home.
type gapCandidate struct {
	id, name, site string
	illustrative   bool
	distance       float64
}

// gapExplanation is what a gap's feature says of its nearest activity.
type gapExplanation struct {
	nearest *nearestActivity
	barrier *gapBarrier
}

func newGapExplainer(ctx context.Context, reacher Reacher, p profile.Profile, week time.Time, minAct int) (*gapExplainer, error) {
	e := &gapExplainer{reacher: reacher, p: p, week: week, minAct: minAct}
	if s, ok := reacher.(*reach.Service); ok && s.Catalog != nil && s.Networks != nil {
		acts, err := s.Catalog.ReachActivities(ctx)
		if err != nil {
			return nil, fmt.Errorf("list activities for gaps: %w", err)
		}
		e.svc, e.acts = s, acts
	}
	return e, nil
}

func (e *gapExplainer) explain(ctx context.Context, g gaps.Gap) (gapExplanation, error) {
	home, err := geo.CellCenter(g.Home)
	if err != nil {
		return gapExplanation{}, err
	}
	r := e.reacher
	var cands []gapCandidate
	if e.svc != nil {
		var acts []reach.Activity
		if acts, cands, err = e.nearest(ctx, home); err != nil {
			return gapExplanation{}, err
		}
		if len(cands) == 0 {
			return e.noSession(), nil
		}
		narrowed := *e.svc
		narrowed.Catalog = fixedCatalog(acts)
		r = &narrowed
	}
	resp, err := r.Answer(ctx, reach.Query{Origin: home, Profile: e.p, StartDate: e.week.Format(time.DateOnly), Days: 7,
		Referred: true, Margin: reach.DefaultMargin})
	var oe *reach.OutsideError
	var fe *reach.FieldError
	if errors.As(err, &oe) || errors.As(err, &fe) {
		return gapExplanation{barrier: &gapBarrier{Code: barrierNoneFound,
			Detail: "the reachability engine could not answer for the centre of the area's most populous cell: " + err.Error()}}, nil
	}
	if err != nil {
		return gapExplanation{}, err
	}
	if cands == nil {
		cands = candidatesOf(home, resp)
	}
	if x, ok := explainAnswer(resp, cands); ok {
		return x, nil
	}
	return e.noSession(), nil
}

// nearest returns the activities with a session in the week nearest home
// by straight line, nearest first: enough of them (min_activities + 2)
// that at least one is out of reach of a home whose cell reaches fewer
// than min_activities.
func (e *gapExplainer) nearest(ctx context.Context, home orb.Point) ([]reach.Activity, []gapCandidate, error) {
	if e.active == nil {
		net, err := e.svc.Networks.NetworkAt(ctx, home)
		if err != nil {
			return nil, nil, fmt.Errorf("network for gaps: %w", err)
		}
		loc := net.Location
		if loc == nil {
			loc = time.UTC
		}
		from := time.Date(e.week.Year(), e.week.Month(), e.week.Day(), 0, 0, 0, 0, loc)
		e.active = []reach.Activity{}
		for _, a := range e.acts {
			if len(a.Sessions(from, from.AddDate(0, 0, 7), loc)) > 0 {
				e.active = append(e.active, a)
			}
		}
	}
	type near struct {
		i int
		d float64
	}
	ns := make([]near, len(e.active))
	for i, a := range e.active {
		ns[i] = near{i, geo.DistanceM(home, a.Venue)}
	}
	slices.SortFunc(ns, func(a, b near) int {
		return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(e.active[a.i].ID, e.active[b.i].ID))
	})
	ns = ns[:min(len(ns), e.minAct+2)]
	acts := make([]reach.Activity, len(ns))
	cands := make([]gapCandidate, len(ns))
	for k, n := range ns {
		a := e.active[n.i]
		acts[k] = a
		cands[k] = gapCandidate{id: a.ID, name: a.Name, site: a.SiteName, illustrative: a.Illustrative, distance: n.d}
	}
	return acts, cands, nil
}

func (e *gapExplainer) noSession() gapExplanation {
	return gapExplanation{barrier: &gapBarrier{Code: barrierNoSession,
		Detail: "no activity has a session in the week of " + e.week.Format("2 January 2006")}}
}

// Barrier codes of gaps beyond reach's own.
const (
	barrierNoSession   = "no_session"
	barrierNoneFound   = "none_found"
	barrierFromCentre  = "reachable_from_centre"
	detailFromCentre   = "a resident at the centre of the area's most populous cell could reach it; coverage counted it out for the area as a whole"
	detailNoneFoundFmt = "the reachability engine lists the %d closest misses only, and none of this activity's sessions is among them"
)

// explainAnswer names the nearest candidate with no reachable session and
// the barrier most of its sessions meet. A candidate none of whose
// sessions is listed, when the answer left near misses out, is named with
// none_found rather than passed over. When every listed candidate is
// reachable, the nearest is named as reachable from the centre; ok is
// false when no candidate is listed at all.
func explainAnswer(resp reach.Response, cands []gapCandidate) (gapExplanation, bool) {
	reachable := map[string]bool{}
	for _, it := range resp.Reachable {
		reachable[it.ActivityID] = true
	}
	misses := map[string][]reach.Item{}
	for _, it := range resp.NearMisses {
		misses[it.ActivityID] = append(misses[it.ActivityID], it)
	}
	var firstReachable *gapCandidate
	for i, c := range cands {
		switch {
		case reachable[c.id]:
			if firstReachable == nil {
				firstReachable = &cands[i]
			}
		case len(misses[c.id]) > 0:
			return gapExplanation{nearest: c.activity(), barrier: commonBarrier(misses[c.id])}, true
		case resp.Answer.NearMissesOmitted > 0:
			return gapExplanation{nearest: c.activity(),
				barrier: &gapBarrier{Code: barrierNoneFound, Detail: fmt.Sprintf(detailNoneFoundFmt, reach.MaxNearMisses)}}, true
		}
	}
	if firstReachable != nil {
		return gapExplanation{nearest: firstReachable.activity(), barrier: &gapBarrier{Code: barrierFromCentre, Detail: detailFromCentre}}, true
	}
	return gapExplanation{}, false
}

func (c gapCandidate) activity() *nearestActivity {
	return &nearestActivity{ID: c.id, Name: c.name, SiteName: c.site, Illustrative: c.illustrative, DistanceM: float64(int(c.distance))}
}

// candidatesOf lists the activities of an answer, nearest home first.
func candidatesOf(home orb.Point, resp reach.Response) []gapCandidate {
	seen := map[string]bool{}
	var out []gapCandidate
	for _, it := range slices.Concat(resp.Reachable, resp.NearMisses) {
		if seen[it.ActivityID] {
			continue
		}
		seen[it.ActivityID] = true
		out = append(out, gapCandidate{id: it.ActivityID, name: it.ActivityName, site: it.SiteName, illustrative: it.Illustrative,
			distance: geo.DistanceM(home, orb.Point(it.Venue))})
	}
	slices.SortFunc(out, func(a, b gapCandidate) int {
		return cmp.Or(cmp.Compare(a.distance, b.distance), cmp.Compare(a.id, b.id))
	})
	return out
}

// commonBarrier is the first barrier code most of an activity's missed
// sessions meet (ties to the code met first), with the detail of the
// first session meeting it.
func commonBarrier(items []reach.Item) *gapBarrier {
	count := map[string]int{}
	first := map[string]reach.Barrier{}
	var order []string
	for _, it := range items {
		b := reach.Barrier{Code: barrierNoneFound, Detail: "the reachability engine named no barrier for this session"}
		if len(it.Barriers) > 0 {
			b = it.Barriers[0]
		}
		if _, ok := count[b.Code]; !ok {
			order = append(order, b.Code)
			first[b.Code] = b
		}
		count[b.Code]++
	}
	best := order[0]
	for _, c := range order[1:] {
		if count[c] > count[best] {
			best = c
		}
	}
	return &gapBarrier{Code: best, Detail: first[best].Detail}
}

// fixedCatalog is a reachability catalogue of the given activities.
type fixedCatalog []reach.Activity

func (c fixedCatalog) ReachActivities(context.Context) ([]reach.Activity, error) { return c, nil }

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }
