package heritage

import (
	"errors"
	"fmt"
	"slices"
)

// ActivityKind says what happens at an activity. The list is open; the
// empty kind means "not said".
type ActivityKind string

// Activity kinds prescribed for wellbeing at heritage sites.
const (
	KindGuidedTour     ActivityKind = "guided_tour"
	KindReminiscence   ActivityKind = "reminiscence"
	KindObjectHandling ActivityKind = "object_handling"
	KindVolunteering   ActivityKind = "volunteering"
	KindHeritageWalk   ActivityKind = "heritage_walk"
	KindDig            ActivityKind = "dig"
	KindCraft          ActivityKind = "craft"
	KindTalk           ActivityKind = "talk"
	KindGardening      ActivityKind = "gardening"
	KindOther          ActivityKind = "other"
)

// Welcome is an attribute that tells a person the activity is meant for
// them: the psychological barrier, which Threshold matches rather than
// routes around.
type Welcome string

// Welcome attributes link workers filter on.
const (
	WelcomeDementiaFriendly Welcome = "dementia_friendly"
	WelcomeQuiet            Welcome = "quiet"
	WelcomeWomenOnly        Welcome = "women_only"
	WelcomeMenOnly          Welcome = "men_only"
	WelcomeAutismFriendly   Welcome = "autism_friendly"
	WelcomeCarersWelcome    Welcome = "carers_welcome"
	WelcomeBeginners        Welcome = "beginners"
	WelcomeLGBTQ            Welcome = "lgbtq_friendly"
	WelcomeYoungAdults      Welcome = "young_adults"
	WelcomeOlderPeople      Welcome = "older_people"
)

// Eligibility is who may attend. Nil ages mean no bound; Description is
// the publisher's wording.
type Eligibility struct {
	MinAge      *int   `json:"min_age"`
	MaxAge      *int   `json:"max_age"`
	Description string `json:"description,omitempty"`
}

// Contact is how a link worker reaches the activity's organiser.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Activity is something prescribable that happens at a site on a
// schedule: a reminiscence group, a guided walk, a dig.
type Activity struct {
	ID          string       `json:"id"`
	SiteID      string       `json:"site_id"`
	Name        string       `json:"name"`
	Kind        ActivityKind `json:"kind,omitempty"`
	Description string       `json:"description,omitempty"`
	// Provider is the organisation that runs the activity.
	Provider string `json:"provider,omitempty"`
	// Languages the activity is delivered in: ISO 639-1 codes where the
	// source gives them, otherwise the source's names.
	Languages   []string    `json:"languages,omitempty"`
	Welcome     []Welcome   `json:"welcome,omitempty"`
	Eligibility Eligibility `json:"eligibility"`
	Contact     Contact     `json:"contact"`
	// ReferralRoute says how a person gets a place: "referral by a link
	// worker by email", "drop in", "book by phone".
	ReferralRoute string `json:"referral_route,omitempty"`
	// Capacity is the number of places per session; nil when unknown.
	Capacity  *int         `json:"capacity"`
	Costs     []CostOption `json:"costs"`
	Schedules []Schedule   `json:"schedules"`
	// Illustrative marks an invented record.
	Illustrative bool `json:"illustrative"`
}

// HasWelcome reports whether a carries the welcome attribute w.
func (a Activity) HasWelcome(w Welcome) bool {
	return slices.Contains(a.Welcome, w)
}

// Price is what p pays for one session; see PriceFor.
func (a Activity) Price(p Payer) Price { return PriceFor(a.Costs, p) }

// Validate reports the first structural problem with a.
func (a Activity) Validate() error {
	if a.ID == "" {
		return errors.New("activity id is empty")
	}
	if a.SiteID == "" {
		return fmt.Errorf("activity %s: site id is empty", a.ID)
	}
	if a.Capacity != nil && *a.Capacity < 0 {
		return fmt.Errorf("activity %s: capacity is negative", a.ID)
	}
	for i, c := range a.Costs {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("activity %s: cost option %d: %w", a.ID, i, err)
		}
	}
	for i, s := range a.Schedules {
		if err := s.Validate(); err != nil {
			return fmt.Errorf("activity %s: schedule %d: %w", a.ID, i, err)
		}
	}
	return nil
}
