package openreferral

import "encoding/json"

// The input structs are the union of the Open Referral UK 1.0 service
// shape (regular_schedules, eligibilitys, physical_addresses,
// accessibility_for_disabilities, contacts with phones) and the UK profile
// of HSDS 3.0 (schedules, addresses, accessibility, minimum_age), plus
// Threshold's extension fields. Unknown fields are ignored, as OR-UK
// consumers must.

type inService struct {
	ID                     flexString            `json:"id"`
	Name                   flexString            `json:"name"`
	Description            flexString            `json:"description"`
	URL                    flexString            `json:"url"`
	Email                  flexString            `json:"email"`
	Status                 flexString            `json:"status"`
	Fees                   flexString            `json:"fees"`
	AttendingAccess        flexString            `json:"attending_access"`
	MinimumAge             flexNumber            `json:"minimum_age"`
	MaximumAge             flexNumber            `json:"maximum_age"`
	EligibilityDescription flexString            `json:"eligibility_description"`
	Organization           *inOrganization       `json:"organization"`
	Contacts               []inContact           `json:"contacts"`
	Phones                 []inPhone             `json:"phones"`
	CostOptions            []inCostOption        `json:"cost_options"`
	Languages              []inLanguage          `json:"languages"`
	Eligibilitys           []inEligibility       `json:"eligibilitys"`
	RegularSchedules       []inSchedule          `json:"regular_schedules"`
	Schedules              []inSchedule          `json:"schedules"`
	HolidaySchedules       []json.RawMessage     `json:"holiday_schedules"`
	ServiceAtLocations     []inServiceAtLocation `json:"service_at_locations"`

	// Threshold extensions.
	Illustrative  flexBool     `json:"illustrative"`
	ActivityKind  flexString   `json:"activity_kind"`
	Welcome       []flexString `json:"welcome"`
	Capacity      flexNumber   `json:"capacity"`
	ReferralRoute flexString   `json:"referral_route"`
}

type inOrganization struct {
	ID   flexString `json:"id"`
	Name flexString `json:"name"`
}

type inContact struct {
	Name   flexString `json:"name"`
	Email  flexString `json:"email"`
	Phones []inPhone  `json:"phones"`
}

type inPhone struct {
	Number flexString `json:"number"`
}

type inCostOption struct {
	Option            flexString `json:"option"`
	Amount            flexNumber `json:"amount"`
	AmountDescription flexString `json:"amount_description"`

	// Threshold extensions.
	AmountConfidence flexString `json:"amount_confidence"`
	ConcessionAmount flexNumber `json:"concession_amount"`
	FreeOnReferral   flexBool   `json:"free_on_referral"`
}

type inLanguage struct {
	Language flexString `json:"language"` // v1
	Name     flexString `json:"name"`     // v3
	Code     flexString `json:"code"`     // v3
}

type inEligibility struct {
	Eligibility flexString `json:"eligibility"`
	MinimumAge  flexNumber `json:"minimum_age"`
	MaximumAge  flexNumber `json:"maximum_age"`
}

type inSchedule struct {
	ID          flexString `json:"id"`
	ValidFrom   flexString `json:"valid_from"`
	ValidTo     flexString `json:"valid_to"`
	DTStart     flexString `json:"dtstart"`
	Freq        flexString `json:"freq"`
	Interval    flexNumber `json:"interval"`
	ByDay       flexString `json:"byday"`
	ByMonthDay  flexString `json:"bymonthday"`
	Count       flexNumber `json:"count"`
	Until       flexString `json:"until"`
	WKST        flexString `json:"wkst"`
	OpensAt     flexString `json:"opens_at"`
	ClosesAt    flexString `json:"closes_at"`
	Description flexString `json:"description"`
}

type inServiceAtLocation struct {
	ID               flexString   `json:"id"`
	LocationID       flexString   `json:"location_id"`
	Location         *inLocation  `json:"location"`
	RegularSchedules []inSchedule `json:"regular_schedules"`
	Schedules        []inSchedule `json:"schedules"`
}

type inLocation struct {
	ID                     flexString        `json:"id"`
	Name                   flexString        `json:"name"`
	Description            flexString        `json:"description"`
	Latitude               flexNumber        `json:"latitude"`
	Longitude              flexNumber        `json:"longitude"`
	ExternalIdentifier     flexString        `json:"external_identifier"`
	ExternalIdentifierType flexString        `json:"external_identifier_type"`
	Addresses              []inAddress       `json:"addresses"`          // v3
	PhysicalAddresses      []inAddress       `json:"physical_addresses"` // v1
	Accessibility          []inAccessibility `json:"accessibility"`      // v3
	AccessibilityV1        []inAccessibility `json:"accessibility_for_disabilities"`

	// Threshold extensions.
	Illustrative flexBool        `json:"illustrative"`
	SiteKind     flexString      `json:"site_kind"`
	Designations []inDesignation `json:"designations"`
	Boundary     *inPolygon      `json:"boundary"`
}

type inAddress struct {
	Address1   flexString `json:"address_1"`
	City       flexString `json:"city"`
	PostalCode flexString `json:"postal_code"`
}

type inAccessibility struct {
	Accessibility flexString `json:"accessibility"` // v1 text, also in the UK profile
	Description   flexString `json:"description"`   // v3 text
	Details       flexString `json:"details"`

	// Threshold extensions: a machine-readable feature and value.
	Feature flexString `json:"feature"`
	Value   flexString `json:"value"`
}

type inDesignation struct {
	Kind      flexString `json:"kind"`
	ListEntry flexNumber `json:"list_entry"`
	Grade     flexString `json:"grade"`
}

// inPolygon is a GeoJSON Polygon geometry.
type inPolygon struct {
	Type        string         `json:"type"`
	Coordinates [][][2]float64 `json:"coordinates"`
}
