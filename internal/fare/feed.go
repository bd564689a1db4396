package fare

// FeedFares is one feed's fare tables, as plain values a storage layer can
// fill from GTFS fares v1 (Attributes, Rules) and fares v2 (Products,
// LegRules, TransferRules, StopAreas). Prices are already integer minor
// units of their currency (pence for GBP).
type FeedFares struct {
	Attributes    []Attribute
	Rules         []Rule
	Products      []Product
	LegRules      []LegRule
	TransferRules []TransferRule
	StopAreas     []StopArea
}

// Unlimited is TransferRule.TransferCount for a transfer_count of -1 ("as
// many transfers as you like"), as internal/gtfs reads it.
const Unlimited = -2

// Attribute is a row of fare_attributes.txt.
type Attribute struct {
	ID         string
	PricePence int64
	Currency   string // ISO 4217
	AgencyID   string // empty: any agency
	// Transfers is how many transfers the fare allows: 0, 1, 2, or any
	// negative value (GTFS's empty transfers field) for unlimited.
	Transfers int
	// TransferDurationSec is how long after the first boarding a transfer
	// is still free; negative when the feed gives no limit.
	TransferDurationSec int32
}

// Rule is a row of fare_rules.txt: when fare FareID applies. Empty fields
// match anything; the zones are stops.txt zone_ids.
type Rule struct {
	FareID        string
	RouteID       string
	OriginID      string
	DestinationID string
	ContainsID    string
}

// Product is a row of fare_products.txt. A product may have several rows,
// one per fare medium or rider category; see doc.go for which one counts.
type Product struct {
	ID              string
	Name            string
	RiderCategoryID string
	FareMediaID     string
	AmountPence     int64 // may be negative for a discount
	Currency        string
}

// LegRule is a row of fare_leg_rules.txt.
type LegRule struct {
	LegGroupID           string
	NetworkID            string
	FromAreaID           string
	ToAreaID             string
	FromTimeframeGroupID string
	ToTimeframeGroupID   string
	ProductID            string
	Priority             int32 // rule_priority; negative when absent
}

// TransferRule is a row of fare_transfer_rules.txt.
type TransferRule struct {
	FromLegGroupID string
	ToLegGroupID   string
	// TransferCount is the number of transfers a sequence may hold:
	// Unlimited, or negative other than Unlimited when absent (no limit
	// checked).
	TransferCount     int32
	DurationLimitSec  int32 // negative when absent: no time limit
	DurationLimitType int8  // 0 dep→arr, 1 dep→dep, 2 arr→dep, 3 arr→arr
	Type              int8  // fare_transfer_type: 0 A+AB, 1 A+AB+B, 2 AB
	ProductID         string
}

// StopArea is a row of stop_areas.txt: stop (or GTFS-Flex location)
// StopID belongs to area AreaID.
type StopArea struct {
	AreaID string
	StopID string
}
