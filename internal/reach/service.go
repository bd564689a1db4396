package reach

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// Area is what is known of the home area.
type Area struct {
	Rural, RuralKnown bool
	RUC21             string
	IMDDecile         int
	RegionID          string
}

// The service's sources, implemented by storage and the planner.
type (
	// Catalog lists every published activity with its venue.
	Catalog interface {
		ReachActivities(ctx context.Context) ([]Activity, error)
	}
	// Areas finds the small area of a point; found is false outside the
	// loaded data.
	Areas interface {
		AreaAt(ctx context.Context, p orb.Point) (Area, bool, error)
	}
	// Networks gives the travel network around a point.
	Networks interface {
		NetworkAt(ctx context.Context, p orb.Point) (Network, error)
	}
	// Describer says which data an answer used, how old it is and its
	// known limits.
	Describer interface {
		Describe(ctx context.Context, regionID string) (any, error)
	}
)

// Service answers link workers' questions from the published data.
type Service struct {
	Catalog   Catalog
	Areas     Areas
	Networks  Networks
	Describer Describer
	// Now is the clock (for the default start date).
	Now func() time.Time
}

// Filters narrow the activities considered.
type Filters struct {
	Kinds     []string `json:"kinds,omitempty"`
	Languages []string `json:"languages,omitempty"`
	Welcome   []string `json:"welcome,omitempty"`
}

// Query is one request, validated.
type Query struct {
	Origin    orb.Point
	Profile   profile.Profile
	StartDate string // YYYY-MM-DD; empty for today in the region's timezone
	Days      int
	Filters   Filters
	Referred  bool
	Margin    time.Duration
}

// Response is the API's answer.
type Response struct {
	Reachable  []Item `json:"reachable"`
	NearMisses []Item `json:"near_misses"`
	Data       any    `json:"data"`
	Answer     Answer `json:"-"`
}

// FieldError names the request field that is wrong.
type FieldError struct{ Field, Reason string }

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// OutsideError says the origin lies outside the loaded data.
type OutsideError struct{ Reason string }

func (e *OutsideError) Error() string { return e.Reason }

// Answer runs one query.
func (s *Service) Answer(ctx context.Context, q Query) (Response, error) {
	if !geo.ValidLonLat(q.Origin) {
		return Response{}, &FieldError{"origin", "lat must be -90..90 and lon -180..180"}
	}
	area, found, err := s.Areas.AreaAt(ctx, q.Origin)
	if err != nil {
		return Response{}, err
	}
	if !found {
		return Response{}, &OutsideError{"the origin is outside the areas Threshold has data for"}
	}
	net, err := s.Networks.NetworkAt(ctx, q.Origin)
	if err != nil {
		return Response{}, err
	}
	start, err := s.startDate(q.StartDate, net.Location)
	if err != nil {
		return Response{}, err
	}
	acts, err := s.Catalog.ReachActivities(ctx)
	if err != nil {
		return Response{}, err
	}
	days := q.Days
	if days == 0 {
		days = 7
	}
	ans, err := New(net).Reach(ctx, Request{Origin: q.Origin, Profile: q.Profile, Start: start, Days: days,
		Rural: area.Rural, RuralKnown: area.RuralKnown, Referred: q.Referred, Margin: q.Margin, Keep: q.Filters.keep()}, acts)
	var pfe *profile.FieldError
	if errors.As(err, &pfe) {
		return Response{}, &FieldError{"profile." + pfe.Field, pfe.Reason}
	}
	if errors.Is(err, ErrInvalid) {
		return Response{}, &FieldError{"request", err.Error()}
	}
	if err != nil {
		return Response{}, err
	}
	data, err := s.Describer.Describe(ctx, area.RegionID)
	if err != nil {
		return Response{}, err
	}
	return Response{Reachable: ans.Reachable, NearMisses: ans.NearMisses, Answer: ans, Data: map[string]any{
		"region": data, "max_journey_min": ans.MaxJourneyMin, "max_journey_source": ans.MaxJourneySource,
		"home_area":  map[string]any{"ruc21": area.RUC21, "rural": area.Rural, "rural_known": area.RuralKnown},
		"start_date": start.Format("2006-01-02"), "days": days, "sessions_considered": ans.Sessions,
		"sessions_beyond_reach": ans.SessionsBeyondReach, "beyond_reach_km": ans.MaxJourneyMin * MaxSpeedKPH / 60,
		"transit_searches": ans.TransitSearches, "has_timetable": net.Transit != nil,
		"near_misses_omitted": ans.NearMissesOmitted,
		"ranking":             "reachable: total travel time out and back, then total cost, then changes, then start time; near misses: fewest barriers, then start time",
	}}, nil
}

func (s *Service) startDate(v string, loc *time.Location) (time.Time, error) {
	if v == "" {
		now := s.Now().In(loc)
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, loc)
	if err != nil {
		return time.Time{}, &FieldError{"start_date", "want a date YYYY-MM-DD"}
	}
	return t, nil
}

// keep says whether a matches every filter given; nil when none is.
func (f Filters) keep() func(*Activity) bool {
	if len(f.Kinds)+len(f.Languages)+len(f.Welcome) == 0 {
		return nil
	}
	return func(a *Activity) bool {
		switch {
		case len(f.Kinds) > 0 && !slices.Contains(f.Kinds, string(a.Kind)):
			return false
		case len(f.Languages) > 0 && !anyOf(f.Languages, a.Languages):
			return false
		}
		return len(f.Welcome) == 0 || allWelcome(f.Welcome, *a)
	}
}

func anyOf(want, have []string) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

func allWelcome(want []string, a Activity) bool {
	for _, w := range want {
		found := false
		for _, h := range a.Welcome {
			if string(h) == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Validate checks a query's own fields.
func (q Query) Validate() error {
	if q.Days < 0 || q.Days > MaxDays {
		return &FieldError{"days", fmt.Sprintf("must be 1 to %d", MaxDays)}
	}
	return nil
}
