package openreferral

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"strings"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// ServiceOf writes an activity and the site it is held at as an OR-UK 3.0
// service. Sub-records that heritage does not identify (cost options,
// contacts, languages, addresses, accessibility entries, and schedules
// without an id) get stable name-based UUIDs derived from the activity id,
// so the same activity always exports the same document.
func ServiceOf(a heritage.Activity, s heritage.Site) Service {
	svc := Service{
		ID:                     a.ID,
		Name:                   a.Name,
		Description:            a.Description,
		URL:                    a.Contact.URL,
		Email:                  a.Contact.Email,
		Status:                 "active",
		MinimumAge:             a.Eligibility.MinAge,
		MaximumAge:             a.Eligibility.MaxAge,
		EligibilityDescription: a.Eligibility.Description,
		Contacts:               []Contact{},
		Languages:              []Language{},
		CostOptions:            []CostOption{},
		Schedules:              []Schedule{},
		ServiceAtLocations:     []ServiceAtLocation{{ID: derivedID(a.ID, "sal", s.ID), LocationID: s.ID, Location: locationOf(s)}},
		Illustrative:           a.Illustrative,
		ActivityKind:           string(a.Kind),
		Capacity:               a.Capacity,
		ReferralRoute:          a.ReferralRoute,
	}
	if a.Provider != "" {
		svc.Organization = &Organization{ID: derivedID("organization", a.Provider), Name: a.Provider}
	}
	if ct := a.Contact; ct.Name != "" || ct.Phone != "" {
		c := Contact{ID: derivedID(a.ID, "contact"), Name: ct.Name}
		if ct.Phone != "" {
			c.Phones = []Phone{{ID: derivedID(a.ID, "phone"), Number: ct.Phone}}
		}
		svc.Contacts = append(svc.Contacts, c)
	}
	for _, l := range a.Languages {
		svc.Languages = append(svc.Languages, languageOf(a.ID, l))
	}
	for _, w := range a.Welcome {
		svc.Welcome = append(svc.Welcome, string(w))
	}
	for i, o := range a.Costs {
		svc.CostOptions = append(svc.CostOptions, costOptionOf(a.ID, i, o))
	}
	for i, sc := range a.Schedules {
		svc.Schedules = append(svc.Schedules, scheduleOf(a.ID, i, sc))
	}
	return svc
}

// Services writes each activity with its site; an activity whose site is
// not among sites is an error.
func Services(acts []heritage.Activity, sites []heritage.Site) ([]Service, error) {
	byID := make(map[string]heritage.Site, len(sites))
	for _, s := range sites {
		byID[s.ID] = s
	}
	out := make([]Service, 0, len(acts))
	for _, a := range acts {
		s, ok := byID[a.SiteID]
		if !ok {
			return nil, fmt.Errorf("export activity %s: site %s not found", a.ID, a.SiteID)
		}
		out = append(out, ServiceOf(a, s))
	}
	return out, nil
}

// NewPage returns page pageNumber (counting from 1) of all, perPage
// services to a page, in the OR-UK 3.0 envelope. A page past the end is
// empty, not an error.
func NewPage(all []Service, pageNumber, perPage int) (Page, error) {
	if pageNumber < 1 || perPage < 1 {
		return Page{}, errors.New("page number and page size must be at least 1")
	}
	total := len(all)
	pages := (total + perPage - 1) / perPage
	lo := min((pageNumber-1)*perPage, total)
	hi := min(lo+perPage, total)
	contents := all[lo:hi:hi]
	if contents == nil {
		contents = []Service{}
	}
	return Page{
		TotalItems: total,
		TotalPages: pages,
		PageNumber: pageNumber,
		Size:       len(contents),
		FirstPage:  pageNumber == 1,
		LastPage:   pageNumber >= pages,
		Empty:      len(contents) == 0,
		Contents:   contents,
	}, nil
}

func locationOf(s heritage.Site) Location {
	loc := Location{
		ID:           s.ID,
		Name:         s.Name,
		Latitude:     s.Point[1],
		Longitude:    s.Point[0],
		Illustrative: s.Illustrative,
		SiteKind:     string(s.Kind),
	}
	if len(s.SourceKeys) > 0 {
		loc.ExternalIdentifier, loc.ExternalIdentifierType = s.SourceKeys[0].Key, s.SourceKeys[0].Source
	}
	if s.Address != "" || s.Town != "" || s.Postcode != "" {
		loc.Addresses = []Address{{ID: derivedID(s.ID, "address"), Address1: s.Address, City: s.Town, PostalCode: s.Postcode, Country: "GB", AddressType: "physical"}}
	}
	for _, f := range accessFeatures {
		v := *f.field(&s.Access)
		loc.Accessibility = append(loc.Accessibility, Accessibility{
			ID: derivedID(s.ID, "access", f.code), Description: f.describe + ": " + v.String(), Feature: f.code, Value: v.String(),
		})
	}
	for _, d := range s.Designations {
		loc.Designations = append(loc.Designations, Designation{Kind: string(d.Kind), ListEntry: d.ListEntry, Grade: d.Grade})
	}
	if len(s.Polygon) > 0 {
		b := &Boundary{Type: "Polygon"}
		for _, ring := range s.Polygon {
			r := make([][2]float64, len(ring))
			for i, p := range ring {
				r[i] = p
			}
			b.Coordinates = append(b.Coordinates, r)
		}
		loc.Boundary = b
	}
	return loc
}

// languageOf writes a language as a code when it looks like an ISO 639
// code (en, cy, pol) and as a name otherwise.
func languageOf(activityID, l string) Language {
	out := Language{ID: derivedID(activityID, "language", l)}
	if len(l) >= 2 && len(l) <= 3 && strings.ToLower(l) == l {
		out.Code = l
	} else {
		out.Name = l
	}
	return out
}

func costOptionOf(activityID string, i int, o heritage.CostOption) CostOption {
	out := CostOption{
		ID:               derivedID(activityID, "cost", fmt.Sprint(i)),
		Option:           o.Label,
		AmountConfidence: o.Confidence.String(),
		FreeOnReferral:   o.FreeOnReferral,
	}
	if o.Amount != nil {
		p := Pounds(*o.Amount)
		out.Amount, out.Currency = &p, "GBP"
	}
	if o.Concession != nil {
		p := Pounds(*o.Concession)
		out.ConcessionAmount = &p
	}
	return out
}

func scheduleOf(activityID string, i int, sc heritage.Schedule) Schedule {
	r := sc.RRule
	out := Schedule{
		ID:          sc.ID,
		ServiceID:   activityID,
		ValidFrom:   sc.ValidFrom.String(),
		ValidTo:     sc.ValidTo.String(),
		DTStart:     sc.DTStart.String(),
		Freq:        r.Freq.String(),
		Interval:    max(r.Interval, 1),
		Count:       r.Count,
		Description: sc.Description,
		OpensAt:     sc.OpensAt.String(),
		ClosesAt:    sc.ClosesAt.String(),
	}
	if out.ID == "" {
		out.ID = derivedID(activityID, "schedule", fmt.Sprint(i))
	}
	days := make([]string, len(r.ByDay))
	for j, w := range r.ByDay {
		days[j] = w.String()
	}
	out.ByDay = strings.Join(days, ",")
	md := make([]string, len(r.ByMonthDay))
	for j, d := range r.ByMonthDay {
		md[j] = fmt.Sprint(d)
	}
	out.ByMonthDay = strings.Join(md, ",")
	if r.Until != nil {
		out.Until = untilISO(*r.Until)
	}
	if r.WeekStart != nil {
		out.WKST = (heritage.WeekdayNum{Weekday: *r.WeekStart}).String()
	}
	return out
}

// untilISO writes UNTIL in ISO 8601 form: 2026-12-31, 2026-12-31T17:00:00
// or 2026-12-31T17:00:00Z.
func untilISO(u heritage.Until) string {
	s := u.Date.String()
	if !u.HasClock {
		return s
	}
	s += "T" + u.Clock.String()
	if u.UTC {
		s += "Z"
	}
	return s
}

// derivedID is a name-based (version 5 style, SHA-1) UUID of the parts, so
// exported sub-records keep the same id from one export to the next.
func derivedID(parts ...string) string {
	h := sha1.Sum([]byte("threshold-heritage/openreferral\x00" + strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
