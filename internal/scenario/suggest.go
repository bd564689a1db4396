package scenario

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// Bounds of a suggestion query.
const (
	DefaultK = 5
	MaxK     = 20
	// MaxCandidates bounds the sites compared in one query: one
	// hypothetical activity's searches each.
	MaxCandidates = 2000
)

// The hypothetical session each candidate site is judged with: a weekly
// Wednesday late morning (inside every standard profile's hours and the
// bus pass's, on a weekday when rural buses run), free, at the site's
// own recorded access.
const (
	suggestDay                  = time.Wednesday
	suggestStart heritage.Clock = 10*3600 + 30*60
	suggestEnd   heritage.Clock = 12 * 3600
)

// SuggestQuery asks for the K best sites for a new session for a
// profile, among the candidates inside BBox (everywhere when zero).
type SuggestQuery struct {
	Profile profile.Profile
	K       int
	BBox    orb.Bound
}

// Suggestions answers a SuggestQuery.
type Suggestions struct {
	Profile                  string           `json:"profile"`
	K                        int              `json:"k"`
	Week                     string           `json:"week"`
	DataVersion              string           `json:"data_version"`
	Session                  SuggestedSession `json:"session"`
	PeopleWithout            float64          `json:"people_without"`
	ProfilePopulationWithout float64          `json:"profile_population_without"`
	Candidates               int              `json:"candidates"`
	Suggestions              []Suggestion     `json:"suggestions"`
}

// SuggestedSession describes the hypothetical session.
type SuggestedSession struct {
	Day        string `json:"day"`
	Start      string `json:"start"`
	End        string `json:"end"`
	PricePence int64  `json:"price_pence"`
	Access     string `json:"access"`
}

// Suggestion is one chosen site and the people its session adds, given
// the sites chosen before it.
type Suggestion struct {
	SiteID                      string                 `json:"site_id"`
	Name                        string                 `json:"name"`
	Lat                         float64                `json:"lat"`
	Lon                         float64                `json:"lon"`
	Kind                        string                 `json:"kind"`
	Illustrative                bool                   `json:"illustrative"`
	Sources                     []heritage.SourceKey   `json:"sources"`
	Designations                []heritage.Designation `json:"designations"`
	StepFreeEntrance            heritage.Access        `json:"step_free_entrance"`
	AccessibleToilet            heritage.Access        `json:"accessible_toilet"`
	PeopleAdded                 float64                `json:"people_added"`
	ProfilePopulationAdded      float64                `json:"profile_population_added"`
	CumulativePeople            float64                `json:"cumulative_people"`
	CumulativeProfilePopulation float64                `json:"cumulative_profile_population"`
}

// Suggest finds, greedily, the sites without any activity where a new
// weekly session would reach the most people who reach no activity now:
// the best site first, then the best given it, and so on, K at most,
// stopping when no site adds anyone. Ties go to the larger profile
// population, then to the site listed first (by name, then id).
func (e *Engine) Suggest(ctx context.Context, q SuggestQuery) (Suggestions, error) {
	if q.K < 1 || q.K > MaxK {
		return Suggestions{}, &FieldError{"k", fmt.Sprintf("want 1 to %d", MaxK)}
	}
	cands := e.candidates(q.BBox)
	if len(cands) > MaxCandidates {
		return Suggestions{}, &FieldError{"bbox", fmt.Sprintf("%d candidate sites: at most %d are compared; give a smaller bbox", len(cands), MaxCandidates)}
	}
	release, err := e.turn(ctx)
	if err != nil {
		return Suggestions{}, err
	}
	defer release()
	b, err := e.baseline(ctx, q.Profile)
	if err != nil {
		return Suggestions{}, err
	}
	acts := make([]reach.Activity, len(cands))
	for i, s := range cands {
		acts[i] = hypothetical(s)
	}
	res, err := b.prep.Activities(ctx, acts)
	if err != nil {
		return Suggestions{}, err
	}
	out := e.suggestionsHead(q, b, len(cands))
	out.Suggestions = greedy(e.world.Input.Cells, q, b.counts, cands, res.Activities)
	return out, nil
}

// candidates are the sites with no activity inside bbox, by name then id.
func (e *Engine) candidates(bbox orb.Bound) []*Site {
	var out []*Site
	for i := range e.world.Sites {
		s := &e.world.Sites[i]
		if !s.HasActivity && (bbox == orb.Bound{} || bbox.Contains(s.Point)) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *Site) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out
}

// hypothetical is the suggested session at site s.
func hypothetical(s *Site) reach.Activity {
	sched := weekly("suggested", []time.Weekday{suggestDay}, suggestStart, suggestEnd)
	return reach.Activity{Activity: heritage.Activity{ID: "suggestion-" + s.ID, SiteID: s.ID, Name: "Suggested weekly session",
		Schedules:    []heritage.Schedule{sched},
		Costs:        []heritage.CostOption{{Amount: heritage.Pence(0), Confidence: heritage.ConfidenceKnown}},
		Illustrative: true}, SiteName: s.Name, Venue: s.Point, StepFree: s.StepFree, Toilet: s.Toilet}
}

func (e *Engine) suggestionsHead(q SuggestQuery, b *baseline, n int) Suggestions {
	out := Suggestions{Profile: q.Profile.ID, K: q.K, Week: e.world.Input.Week.Format(time.DateOnly), DataVersion: e.world.Version,
		Session: SuggestedSession{Day: "wed", Start: suggestStart.String()[:5], End: suggestEnd.String()[:5], PricePence: 0,
			Access: "the site's own recorded step-free entrance and accessible toilet (unknown stays unknown)"},
		Candidates: n, Suggestions: []Suggestion{}}
	for i, c := range e.world.Input.Cells {
		if b.counts.Activities[i] == 0 {
			out.PeopleWithout += c.Population
			out.ProfilePopulationWithout += coverage.ProfilePopulation(q.Profile, c)
		}
	}
	out.PeopleWithout, out.ProfilePopulationWithout = round1(out.PeopleWithout), round1(out.ProfilePopulationWithout)
	return out
}

// greedy picks up to q.K candidates by the people they add who reach
// nothing now and are not reached by a site picked before.
func greedy(cells []coverage.Cell, q SuggestQuery, before coverage.Counts, cands []*Site, shares []coverage.ActivityReach) []Suggestion {
	taken := make([]bool, len(cells)) // reached before, or by a pick
	for i := range cells {
		taken[i] = before.Activities[i] > 0
	}
	picked := make([]bool, len(cands))
	out := []Suggestion{}
	var cumPeople, cumProf float64
	for len(out) < q.K {
		best, bestPeople, bestProf := -1, 0.0, 0.0
		for k := range cands {
			if picked[k] {
				continue
			}
			people, prof := gain(cells, q.Profile, taken, shares[k])
			if people > bestPeople || (people == bestPeople && people > 0 && prof > bestProf) {
				best, bestPeople, bestProf = k, people, prof
			}
		}
		if best < 0 {
			break
		}
		picked[best] = true
		for _, ci := range shares[best].Cells {
			taken[ci] = true
		}
		cumPeople, cumProf = cumPeople+bestPeople, cumProf+bestProf
		out = append(out, suggestion(cands[best], bestPeople, bestProf, cumPeople, cumProf))
	}
	return out
}

// gain is the people (and profile population) a share reaches who are
// not taken yet.
func gain(cells []coverage.Cell, p profile.Profile, taken []bool, r coverage.ActivityReach) (people, prof float64) {
	for _, ci := range r.Cells {
		if !taken[ci] {
			people += cells[ci].Population
			prof += coverage.ProfilePopulation(p, cells[ci])
		}
	}
	return people, prof
}

func suggestion(s *Site, people, prof, cumPeople, cumProf float64) Suggestion {
	out := Suggestion{SiteID: s.ID, Name: s.Name, Lat: s.Point.Lat(), Lon: s.Point.Lon(), Kind: s.Kind, Illustrative: s.Illustrative,
		Sources: s.Sources, Designations: s.Designations, StepFreeEntrance: s.StepFree, AccessibleToilet: s.Toilet,
		PeopleAdded: round1(people), ProfilePopulationAdded: round1(prof), CumulativePeople: round1(cumPeople),
		CumulativeProfilePopulation: round1(cumProf)}
	if out.Sources == nil {
		out.Sources = []heritage.SourceKey{}
	}
	if out.Designations == nil {
		out.Designations = []heritage.Designation{}
	}
	return out
}
