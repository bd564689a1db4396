package openreferral

import (
	"fmt"
	"strconv"
)

// The types below are the Open Referral UK 3.0 (UK profile of HSDS 3.0)
// JSON shapes Threshold publishes, with its extension fields marked. They
// are for export; Parse reads a more forgiving superset that also covers
// OR-UK 1.0.

// Service is one activity as an OR-UK service.
type Service struct {
	ID                     string              `json:"id"`
	Name                   string              `json:"name"`
	Description            string              `json:"description,omitempty"`
	URL                    string              `json:"url,omitempty"`
	Email                  string              `json:"email,omitempty"`
	Status                 string              `json:"status"`
	MinimumAge             *int                `json:"minimum_age,omitempty"`
	MaximumAge             *int                `json:"maximum_age,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	Organization           *Organization       `json:"organization,omitempty"`
	Contacts               []Contact           `json:"contacts"`
	Languages              []Language          `json:"languages"`
	CostOptions            []CostOption        `json:"cost_options"`
	Schedules              []Schedule          `json:"schedules"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations"`

	// Extensions. Illustrative is always written, so a consumer can tell
	// real from invented without relying on absence.
	Illustrative  bool     `json:"illustrative"`
	ActivityKind  string   `json:"activity_kind,omitempty"`
	Welcome       []string `json:"welcome,omitempty"`
	Capacity      *int     `json:"capacity,omitempty"`
	ReferralRoute string   `json:"referral_route,omitempty"`
}

// Organization is the provider of a service.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Contact is a named contact with phones.
type Contact struct {
	ID     string  `json:"id"`
	Name   string  `json:"name,omitempty"`
	Email  string  `json:"email,omitempty"`
	Phones []Phone `json:"phones,omitempty"`
}

// Phone is a telephone number.
type Phone struct {
	ID     string `json:"id"`
	Number string `json:"number"`
}

// Language is a language a service is delivered in.
type Language struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Code string `json:"code,omitempty"`
}

// CostOption is one price. Amount is omitted when unknown, never written
// as 0; the extensions carry the confidence, the concession price and the
// free-on-referral flag.
type CostOption struct {
	ID       string  `json:"id"`
	Option   string  `json:"option,omitempty"`
	Amount   *Pounds `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`

	// Extensions.
	AmountConfidence string  `json:"amount_confidence"`
	ConcessionAmount *Pounds `json:"concession_amount,omitempty"`
	FreeOnReferral   bool    `json:"free_on_referral,omitempty"`
}

// Pounds is an amount held in pence and written as a JSON number of pounds
// with two decimals (450 pence is 4.50), the unit OR-UK amounts use.
type Pounds int64

// MarshalJSON writes the amount as a decimal number of pounds.
func (p Pounds) MarshalJSON() ([]byte, error) {
	if p < 0 {
		return nil, fmt.Errorf("amount %d pence is negative", int64(p))
	}
	return []byte(strconv.FormatInt(int64(p)/100, 10) + fmt.Sprintf(".%02d", int64(p)%100)), nil
}

// Schedule is an OR-UK schedule row (RFC 5545 RRULE parts as fields).
type Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	ValidFrom   string `json:"valid_from,omitempty"`
	ValidTo     string `json:"valid_to,omitempty"`
	DTStart     string `json:"dtstart,omitempty"`
	Freq        string `json:"freq"`
	Interval    int    `json:"interval"`
	ByDay       string `json:"byday,omitempty"`
	ByMonthDay  string `json:"bymonthday,omitempty"`
	Count       int    `json:"count,omitempty"`
	Until       string `json:"until,omitempty"`
	WKST        string `json:"wkst,omitempty"`
	Description string `json:"description,omitempty"`
	OpensAt     string `json:"opens_at"`
	ClosesAt    string `json:"closes_at"`
}

// ServiceAtLocation links a service to the location it is held at.
type ServiceAtLocation struct {
	ID         string   `json:"id"`
	LocationID string   `json:"location_id"`
	Location   Location `json:"location"`
}

// Location is a site as an OR-UK location.
type Location struct {
	ID                     string          `json:"id"`
	Name                   string          `json:"name"`
	Latitude               float64         `json:"latitude"`
	Longitude              float64         `json:"longitude"`
	ExternalIdentifier     string          `json:"external_identifier,omitempty"`
	ExternalIdentifierType string          `json:"external_identifier_type,omitempty"`
	Addresses              []Address       `json:"addresses,omitempty"`
	Accessibility          []Accessibility `json:"accessibility"`

	// Extensions.
	Illustrative bool          `json:"illustrative"`
	SiteKind     string        `json:"site_kind,omitempty"`
	Designations []Designation `json:"designations,omitempty"`
	Boundary     *Boundary     `json:"boundary,omitempty"`
}

// Address is a physical address.
type Address struct {
	ID            string `json:"id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Accessibility is one access feature of a location: the OR-UK free-text
// description, plus the extension's machine-readable feature and
// four-valued value (yes, no, unknown, assumed).
type Accessibility struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Feature     string `json:"feature"`
	Value       string `json:"value"`
}

// Designation is a statutory protection of a location (extension).
type Designation struct {
	Kind      string `json:"kind"`
	ListEntry int64  `json:"list_entry,omitempty"`
	Grade     string `json:"grade,omitempty"`
}

// Boundary is a GeoJSON Polygon (extension).
type Boundary struct {
	Type        string         `json:"type"`
	Coordinates [][][2]float64 `json:"coordinates"`
}

// Page is the paged list envelope of OR-UK 3.0 / HSDS 3.0 list endpoints.
type Page struct {
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	PageNumber int  `json:"page_number"`
	Size       int  `json:"size"`
	FirstPage  bool `json:"first_page"`
	LastPage   bool `json:"last_page"`
	Empty      bool `json:"empty"`
	// Note, Attribution and Illustrative are document-level extensions.
	Note         string    `json:"note,omitempty"`
	Attribution  string    `json:"attribution,omitempty"`
	Illustrative bool      `json:"illustrative,omitempty"`
	Contents     []Service `json:"contents"`
}
