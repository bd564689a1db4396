package httpapi

import (
	"cmp"
	"context"
	"encoding/json"
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
	// gapTimeout bounds one answer: each gap's barrier is one
	// reachability question (a few milliseconds on a region).
	gapTimeout = 15 * time.Second
)

// GapsRoutes adds GET /api/v1/gaps to r. The barrier of each gap comes
// from reacher, asked as a person living at the centre of the gap's most
// populous cell would be, for the coverage run's week. A nil src answers
// 503; a nil reacher leaves the barriers out. Server-side failures are
// logged to slog.Default.
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
		for _, g := range found[:min(limit, len(found))] {
			f, err := gapFeatureOf(g)
			if err != nil {
				writeError(w, log, "gaps", err)
				return
			}
			if reacher != nil {
				if err := explain(ctx, reacher, p, run.Week, g, &f.Properties); err != nil {
					writeError(w, log, "gaps", err)
					return
				}
			}
			out.Features = append(out.Features, f)
		}
		setCoverageHeaders(w, run)
		w.Header().Set("Cache-Control", "private, max-age=60") // barriers follow the loaded timetables
		w.Header().Set("Content-Type", "application/geo+json")
		w.WriteHeader(http.StatusOK)
		json.NewEncoder(w).Encode(out) //nolint:errcheck // client went away
	}
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

// explain asks reach, for a person of profile p living at the centre of
// the gap's most populous cell, about the week of the coverage run, and
// names the nearest activity with a session that week and the barrier
// most of its sessions meet.
func explain(ctx context.Context, reacher Reacher, p profile.Profile, week time.Time, g gaps.Gap, pr *gapProperties) error {
	home, err := geo.CellCenter(g.Home)
	if err != nil {
		return err
	}
	resp, err := reacher.Answer(ctx, reach.Query{Origin: home, Profile: p, StartDate: week.Format(time.DateOnly), Days: 7,
		Referred: true, Margin: reach.DefaultMargin})
	if err != nil {
		return err
	}
	items := append(slices.Clone(resp.NearMisses), resp.Reachable...)
	if len(items) == 0 {
		pr.Barrier = &gapBarrier{Code: "no_session", Detail: "no activity has a session in the week of " + week.Format("2 January 2006")}
		return nil
	}
	near := nearestItem(home, items)
	it := items[near]
	pr.NearestActivity = &nearestActivity{ID: it.ActivityID, Name: it.ActivityName, SiteName: it.SiteName, Illustrative: it.Illustrative,
		DistanceM: float64(int(geo.DistanceM(home, orb.Point(it.Venue))))}
	pr.Barrier = commonBarrier(items, it.ActivityID)
	return nil
}

func nearestItem(home orb.Point, items []reach.Item) int {
	best, bestD := 0, -1.0
	for i, it := range items {
		if d := geo.DistanceM(home, orb.Point(it.Venue)); bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// commonBarrier is the barrier code most of the activity's sessions meet
// (ties to the code first met), with the detail of its first session.
// A session the representative resident could reach (coverage is counted
// per cell, reach at its centre) is said so.
func commonBarrier(items []reach.Item, activityID string) *gapBarrier {
	count := map[string]int{}
	first := map[string]reach.Barrier{}
	var order []string
	for _, it := range items {
		if it.ActivityID != activityID {
			continue
		}
		b := reach.Barrier{Code: "reachable_from_centre", Detail: "a resident at the centre of the area's most populous cell could reach it; coverage counted it out for the area as a whole"}
		if len(it.Barriers) > 0 {
			b = it.Barriers[0]
		}
		if _, ok := count[b.Code]; !ok {
			order = append(order, b.Code)
			first[b.Code] = b
		}
		count[b.Code]++
	}
	best := slices.MaxFunc(order, func(a, b string) int {
		return cmp.Or(cmp.Compare(count[a], count[b]), cmp.Compare(slices.Index(order, b), slices.Index(order, a)))
	})
	return &gapBarrier{Code: best, Detail: first[best].Detail}
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }
