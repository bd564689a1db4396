package heritage

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// SiteKind says what sort of place a site is. The list is open: importers
// may use other lower-case words, and the empty kind means "not said".
type SiteKind string

// Site kinds Threshold's importers and illustrative data use.
const (
	SiteMuseum          SiteKind = "museum"
	SiteHistoricHouse   SiteKind = "historic_house"
	SiteCastle          SiteKind = "castle"
	SiteFort            SiteKind = "fort"
	SiteArchaeological  SiteKind = "archaeological_site"
	SiteHeritageCentre  SiteKind = "heritage_centre"
	SiteMill            SiteKind = "mill"
	SiteHeritageRailway SiteKind = "heritage_railway"
	SitePlaceOfWorship  SiteKind = "place_of_worship"
	SiteGarden          SiteKind = "garden"
	SiteLandscape       SiteKind = "landscape"
	SiteCommunityVenue  SiteKind = "community_venue"
	SiteOther           SiteKind = "other"
)

// SourceKey names a record in one source: ("mapping_museums",
// "mm.domus.SE229"), ("nhle", "1000123"), ("osm", "way/123"). A site merged
// from several sources keeps every key, so a re-import of one source can
// find and replace its own contribution.
type SourceKey struct {
	Source string `json:"source"`
	Key    string `json:"key"`
}

// SiteAccess holds what is known about getting into and using a venue.
// Every field's zero value is AccessUnknown.
type SiteAccess struct {
	StepFreeEntrance Access `json:"step_free_entrance"`
	AccessibleToilet Access `json:"accessible_toilet"`
	HearingLoop      Access `json:"hearing_loop"`
	Seating          Access `json:"seating"`
}

// DesignationKind is a kind of statutory heritage protection.
type DesignationKind string

// Designation kinds recorded by Historic England and local authorities.
const (
	ListedBuilding        DesignationKind = "listed_building"
	ScheduledMonument     DesignationKind = "scheduled_monument"
	RegisteredParkGarden  DesignationKind = "registered_park_garden"
	RegisteredBattlefield DesignationKind = "registered_battlefield"
	ProtectedWreck        DesignationKind = "protected_wreck"
	WorldHeritageSite     DesignationKind = "world_heritage_site"
	ConservationArea      DesignationKind = "conservation_area"
)

// Designation is one statutory protection of a site: a National Heritage
// List for England entry (ListEntry, e.g. 1000123; 0 where there is none,
// as for conservation areas) and, for listed buildings, the grade (I, II*,
// II).
type Designation struct {
	Kind      DesignationKind `json:"kind"`
	ListEntry int64           `json:"list_entry,omitempty"`
	Grade     string          `json:"grade,omitempty"`
}

// ScheduledMonument reports whether any designation is a scheduled monument.
func (s Site) ScheduledMonument() bool {
	for _, d := range s.Designations {
		if d.Kind == ScheduledMonument {
			return true
		}
	}
	return false
}

// Site is a heritage place where activities happen: a museum, a castle, a
// village hall a museum runs sessions in.
type Site struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Kind SiteKind `json:"kind,omitempty"`
	// Point is the entrance or centre, [lon, lat] WGS84.
	Point orb.Point `json:"point"`
	// Polygon is the site's footprint where a source gives one; nil if not.
	Polygon      orb.Polygon   `json:"polygon,omitempty"`
	Address      string        `json:"address,omitempty"`
	Town         string        `json:"town,omitempty"`
	Postcode     string        `json:"postcode,omitempty"`
	SourceKeys   []SourceKey   `json:"source_keys,omitempty"`
	Access       SiteAccess    `json:"access"`
	Designations []Designation `json:"designations,omitempty"`
	// Illustrative marks a record, or any part of it, that was invented.
	Illustrative bool `json:"illustrative"`
}

// Validate reports the first structural problem with s.
func (s Site) Validate() error {
	if s.ID == "" {
		return errors.New("site id is empty")
	}
	if !geo.ValidLonLat(s.Point) {
		return fmt.Errorf("site %s: point %v is not a valid [lon, lat]", s.ID, s.Point)
	}
	for _, v := range []Access{s.Access.StepFreeEntrance, s.Access.AccessibleToilet, s.Access.HearingLoop, s.Access.Seating} {
		if !v.Valid() {
			return fmt.Errorf("site %s: access value %q: want yes, no, unknown or assumed", s.ID, string(v))
		}
	}
	return nil
}
