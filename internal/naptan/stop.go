package naptan

import "github.com/paulmach/orb"

// Stop is one NaPTAN stop point as published, with its ATCO code as the
// stable key. Text fields are trimmed; absent columns leave them empty.
type Stop struct {
	ATCO         string // ATCOCode, the key GTFS stop_ids use in England
	NaptanCode   string // the short SMS code, e.g. "iowmamj"
	CommonName   string
	Indicator    string // e.g. "Stand A", "opp", "Stop 3"
	Street       string
	LocalityCode string // NptgLocalityCode
	Locality     string // LocalityName

	// Point is [lon, lat] WGS84; meaningful only when HasPoint.
	Point    orb.Point
	HasPoint bool
	// Easting and Northing are British National Grid (EPSG:27700) metres as
	// published; meaningful only when HasGrid. They are kept so that a stop
	// without longitude and latitude can be placed by PostGIS.
	Easting, Northing float64
	HasGrid           bool

	StopType    string // BCT, BCS, RSE, TMU, FTD ...
	BusStopType string // MKD (marked), CUS (custom), HAR (hail and ride), FLX or ""
	Status      string // lower case: "active", "inactive", "pending"; "" when absent
}

// Active reports whether NaPTAN marks the stop active. A stop with no status
// is not active: unknown is not yes.
func (s Stop) Active() bool { return s.Status == StatusActive }

// Status values NaPTAN uses.
const (
	StatusActive   = "active"
	StatusInactive = "inactive"
	StatusPending  = "pending"
)

// SRIDGrid is the spatial reference of Easting and Northing.
const SRIDGrid = 27700
