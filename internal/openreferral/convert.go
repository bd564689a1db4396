package openreferral

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// builder turns decoded services into a Directory, collecting Issues.
type builder struct {
	dir        *Directory
	siteIndex  map[string]int
	serviceIDs map[string]bool
	issues     []Issue
}

func newBuilder(dir *Directory) *builder {
	return &builder{dir: dir, siteIndex: map[string]int{}, serviceIDs: map[string]bool{}}
}

// service decodes and converts the i-th service of the document.
func (b *builder) service(i int, raw json.RawMessage) {
	c := &issues{index: i}
	defer func() { b.issues = append(b.issues, c.list...) }()
	var in inService
	if err := json.Unmarshal(raw, &in); err != nil {
		c.id = peekID(raw)
		field, msg := decodeProblem(err)
		c.errorf(field, "service dropped: %s", msg)
		return
	}
	c.id = in.ID.text()
	b.dir.Activities = append(b.dir.Activities, b.activities(in, c)...)
}

// peekID reads a service's id even when the rest of it does not decode.
func peekID(raw json.RawMessage) string {
	var v struct {
		ID flexString `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return v.ID.text()
}

func decodeProblem(err error) (field, msg string) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field, fmt.Sprintf("want %s, got JSON %s", jsonKind(te.Type.Kind().String()), te.Value)
	}
	return "", err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "slice", "array":
		return "an array"
	case "struct", "ptr", "map":
		return "an object"
	}
	return goKind
}

// activities converts one service: one activity per location it is held
// at (ids "service@location" when there are several).
func (b *builder) activities(in inService, c *issues) []heritage.Activity {
	id := in.ID.text()
	switch {
	case id == "":
		c.errorf("id", "service has no id: dropped")
		return nil
	case b.serviceIDs[id]:
		c.errorf("id", "duplicate service id: dropped")
		return nil
	}
	b.serviceIDs[id] = true
	if st := strings.ToLower(in.Status.text()); st != "" && st != "active" {
		c.warnf("status", "status %q: not imported, as only active services can be prescribed", st)
		return nil
	}
	base := b.activityBase(in, c)
	shared := slices.Concat(schedules(in.Schedules, "schedules", c), schedules(in.RegularSchedules, "regular_schedules", c))
	if len(in.HolidaySchedules) > 0 {
		c.warnf("holiday_schedules", "holiday schedules are not read: sessions on closure days are not removed")
	}
	var out []heritage.Activity
	for i, sal := range in.ServiceAtLocations {
		field := fmt.Sprintf("service_at_locations[%d]", i)
		siteID, ok := b.site(sal, field, c)
		if !ok {
			continue
		}
		a := base
		a.SiteID = siteID
		a.Schedules = slices.Concat(shared, schedules(sal.Schedules, field+".schedules", c), schedules(sal.RegularSchedules, field+".regular_schedules", c))
		out = append(out, a)
	}
	if len(out) == 0 {
		c.errorf("service_at_locations", "no usable location: an activity needs a site; dropped")
		return nil
	}
	noSessions := false
	for i := range out {
		if len(out) > 1 {
			out[i].ID = id + "@" + out[i].SiteID
		}
		out[i].Schedules = slices.Clone(out[i].Schedules)
		for j := range out[i].Schedules {
			out[i].Schedules[j].ActivityID = out[i].ID
		}
		noSessions = noSessions || len(out[i].Schedules) == 0
	}
	if noSessions {
		c.warnf("schedules", "no usable schedule: the activity has no sessions")
	}
	return out
}

// activityBase reads everything about a service except where and when.
func (b *builder) activityBase(in inService, c *issues) heritage.Activity {
	a := heritage.Activity{
		ID:            in.ID.text(),
		Name:          str(in.Name, "name", c),
		Description:   str(in.Description, "description", c),
		Kind:          heritage.ActivityKind(token(in.ActivityKind, "activity_kind", c)),
		ReferralRoute: str(in.ReferralRoute, "referral_route", c),
		Languages:     languages(in.Languages, c),
		Eligibility:   eligibility(in, c),
		Contact:       contact(in, c),
		Costs:         costs(in, c),
		Capacity:      optInt(in.Capacity, "capacity", 0, 1_000_000, c),
		Illustrative:  in.Illustrative.v || b.dir.Illustrative,
	}
	if a.Name == "" {
		c.warnf("name", "service has no name")
	}
	if a.ReferralRoute == "" {
		a.ReferralRoute = str(in.AttendingAccess, "attending_access", c)
	}
	if in.Organization != nil {
		a.Provider = str(in.Organization.Name, "organization.name", c)
	}
	for i, w := range in.Welcome {
		if t := token(w, fmt.Sprintf("welcome[%d]", i), c); t != "" {
			a.Welcome = append(a.Welcome, heritage.Welcome(t))
		}
	}
	if in.Illustrative.bad {
		c.warnf("illustrative", "%s: want true or false; read as true, to be safe", quoteShort(in.Illustrative.raw))
		a.Illustrative = true
	}
	return a
}

// str returns a text field, reporting an object or array given instead.
func str(f flexString, field string, c *issues) string {
	if f.bad {
		c.warnf(field, "want text, got an object or array: ignored")
	}
	return f.text()
}

var tokenRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// token reads a lower_snake_case code (activity_kind, welcome, site_kind).
func token(f flexString, field string, c *issues) string {
	t := str(f, field, c)
	if t != "" && !tokenRE.MatchString(t) {
		c.warnf(field, "%s: want a lower_snake_case code such as guided_tour: ignored", quoteShort(t))
		return ""
	}
	return t
}

// optInt reads an optional whole number; absent or bad gives nil.
func optInt(f flexNumber, field string, lo, hi int64, c *issues) *int {
	if !f.set {
		return nil
	}
	v, err := f.integer(lo, hi)
	if err != nil {
		c.warnf(field, "%v: ignored", err)
		return nil
	}
	n := int(v)
	return &n
}

func languages(in []inLanguage, c *issues) []string {
	var out []string
	for i, l := range in {
		field := fmt.Sprintf("languages[%d]", i)
		v := str(l.Code, field+".code", c)
		if v == "" {
			v = str(l.Name, field+".name", c)
		}
		if v == "" {
			v = str(l.Language, field+".language", c)
		}
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func eligibility(in inService, c *issues) heritage.Eligibility {
	e := heritage.Eligibility{
		MinAge:      optInt(in.MinimumAge, "minimum_age", 0, 150, c),
		MaxAge:      optInt(in.MaximumAge, "maximum_age", 0, 150, c),
		Description: str(in.EligibilityDescription, "eligibility_description", c),
	}
	var words []string
	if e.Description != "" {
		words = append(words, e.Description)
	}
	for i, el := range in.Eligibilitys {
		field := fmt.Sprintf("eligibilitys[%d]", i)
		if w := str(el.Eligibility, field+".eligibility", c); w != "" && !slices.Contains(words, w) {
			words = append(words, w)
		}
		if e.MinAge == nil {
			e.MinAge = optInt(el.MinimumAge, field+".minimum_age", 0, 150, c)
		}
		if e.MaxAge == nil {
			e.MaxAge = optInt(el.MaximumAge, field+".maximum_age", 0, 150, c)
		}
	}
	e.Description = strings.Join(words, "; ")
	if e.MinAge != nil && e.MaxAge != nil && *e.MaxAge < *e.MinAge {
		c.warnf("maximum_age", "maximum age %d is below minimum age %d: both ignored", *e.MaxAge, *e.MinAge)
		e.MinAge, e.MaxAge = nil, nil
	}
	return e
}

func contact(in inService, c *issues) heritage.Contact {
	ct := heritage.Contact{Email: str(in.Email, "email", c), URL: str(in.URL, "url", c)}
	for i, p := range in.Phones {
		if ct.Phone == "" {
			ct.Phone = str(p.Number, fmt.Sprintf("phones[%d].number", i), c)
		}
	}
	for i, k := range in.Contacts {
		field := fmt.Sprintf("contacts[%d]", i)
		if ct.Name == "" {
			ct.Name = str(k.Name, field+".name", c)
		}
		if ct.Email == "" {
			ct.Email = str(k.Email, field+".email", c)
		}
		for j, p := range k.Phones {
			if ct.Phone == "" {
				ct.Phone = str(p.Number, fmt.Sprintf("%s.phones[%d].number", field, j), c)
			}
		}
	}
	return ct
}
