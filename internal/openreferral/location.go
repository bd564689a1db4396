package openreferral

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// site converts the location of a service_at_location into a heritage
// site (once per location id) and returns its id.
func (b *builder) site(sal inServiceAtLocation, field string, c *issues) (string, bool) {
	loc := sal.Location
	id := sal.LocationID.text()
	if loc != nil && loc.ID.text() != "" {
		id = loc.ID.text()
	}
	if _, seen := b.siteIndex[id]; seen && id != "" {
		return id, true // described by an earlier service; first description wins
	}
	switch {
	case loc == nil && id != "":
		c.errorf(field+".location", "location %s is not described here or by an earlier service: location skipped", quoteShort(id))
		return "", false
	case loc == nil:
		c.errorf(field+".location", "no location: skipped")
		return "", false
	case id == "":
		c.errorf(field+".location.id", "location has no id: skipped")
		return "", false
	}
	s, ok := b.siteFrom(*loc, id, field+".location", c)
	if !ok {
		return "", false
	}
	b.siteIndex[id] = len(b.dir.Sites)
	b.dir.Sites = append(b.dir.Sites, s)
	return id, true
}

func (b *builder) siteFrom(loc inLocation, id, field string, c *issues) (heritage.Site, bool) {
	lat, errLat := loc.Latitude.float(-90, 90)
	lon, errLon := loc.Longitude.float(-180, 180)
	switch {
	case !loc.Latitude.set || !loc.Longitude.set:
		c.errorf(field, "location %s has no latitude and longitude: skipped", quoteShort(id))
		return heritage.Site{}, false
	case errLat != nil:
		c.errorf(field+".latitude", "%v: location skipped", errLat)
		return heritage.Site{}, false
	case errLon != nil:
		c.errorf(field+".longitude", "%v: location skipped", errLon)
		return heritage.Site{}, false
	}
	s := heritage.Site{
		ID:           id,
		Name:         str(loc.Name, field+".name", c),
		Kind:         heritage.SiteKind(token(loc.SiteKind, field+".site_kind", c)),
		Point:        orb.Point{lon, lat},
		Access:       access(slices.Concat(loc.AccessibilityV1, loc.Accessibility), field, c),
		Designations: designations(loc.Designations, field+".designations", c),
		Polygon:      polygon(loc.Boundary, field+".boundary", c),
		Illustrative: loc.Illustrative.v || b.dir.Illustrative,
	}
	if ext := str(loc.ExternalIdentifier, field+".external_identifier", c); ext != "" {
		src := str(loc.ExternalIdentifierType, field+".external_identifier_type", c)
		if src == "" {
			src = "external"
		}
		s.SourceKeys = []heritage.SourceKey{{Source: src, Key: ext}}
	}
	addrs := slices.Concat(loc.Addresses, loc.PhysicalAddresses)
	if len(addrs) > 0 {
		s.Address = str(addrs[0].Address1, field+".addresses[0].address_1", c)
		s.Town = str(addrs[0].City, field+".addresses[0].city", c)
		s.Postcode = str(addrs[0].PostalCode, field+".addresses[0].postal_code", c)
	}
	return s, true
}

// Features named in the accessibility extension and the heritage field
// each sets.
var accessFeatures = []struct {
	code     string
	words    []string
	describe string
	field    func(*heritage.SiteAccess) *heritage.Access
}{
	{"step_free_entrance", []string{"step-free", "step free", "level access", "wheelchair", "ramp"}, "Step-free entrance",
		func(a *heritage.SiteAccess) *heritage.Access { return &a.StepFreeEntrance }},
	{"accessible_toilet", []string{"accessible toilet", "disabled toilet", "accessible wc", "disabled wc", "changing places"}, "Accessible toilet",
		func(a *heritage.SiteAccess) *heritage.Access { return &a.AccessibleToilet }},
	{"hearing_loop", []string{"hearing loop", "induction loop", "loop system"}, "Hearing loop",
		func(a *heritage.SiteAccess) *heritage.Access { return &a.HearingLoop }},
	{"seating", []string{"seating", "seats", "chairs", "benches"}, "Seating",
		func(a *heritage.SiteAccess) *heritage.Access { return &a.Seating }},
}

// access reads a location's accessibility entries. Entries with the
// feature/value extension are authoritative. Free-text entries (all a v1
// feed has) are read cautiously: a text naming exactly one feature is yes,
// or no if it is negated ("no wheelchair access"); anything else leaves the
// feature unknown. A feature nobody mentions stays unknown.
func access(entries []inAccessibility, field string, c *issues) heritage.SiteAccess {
	var a heritage.SiteAccess
	for i, e := range entries {
		if e.Feature.text() == "" {
			textAccess(&a, e, fmt.Sprintf("%s.accessibility[%d]", field, i), c)
		}
	}
	for i, e := range entries {
		if e.Feature.text() != "" {
			featureAccess(&a, e, fmt.Sprintf("%s.accessibility[%d]", field, i), c)
		}
	}
	return a
}

func featureAccess(a *heritage.SiteAccess, e inAccessibility, field string, c *issues) {
	code := e.Feature.text()
	v, err := heritage.ParseAccess(str(e.Value, field+".value", c))
	if err != nil {
		c.warnf(field+".value", "%v: %s left unknown", err, code)
		return
	}
	for _, f := range accessFeatures {
		if f.code == code {
			*f.field(a) = v
			return
		}
	}
	c.warnf(field+".feature", "%s: want step_free_entrance, accessible_toilet, hearing_loop or seating: ignored", quoteShort(code))
}

func textAccess(a *heritage.SiteAccess, e inAccessibility, field string, c *issues) {
	text := strings.ToLower(strings.Join([]string{str(e.Accessibility, field+".accessibility", c), str(e.Description, field+".description", c)}, " "))
	var hit []func(*heritage.SiteAccess) *heritage.Access
	for _, f := range accessFeatures {
		for _, w := range f.words {
			if strings.Contains(text, w) {
				hit = append(hit, f.field)
				break
			}
		}
	}
	if len(hit) != 1 {
		return // nothing recognised, or several: too vague to read as yes
	}
	v := heritage.AccessYes
	if negated(text) {
		v = heritage.AccessNo
	}
	if *hit[0](a) == heritage.AccessUnknown {
		*hit[0](a) = v
	}
}

// negated reports whether text contains a negating word (no, not, none,
// without, unavailable, or a word ending in n't).
func negated(text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for _, w := range words {
		switch {
		case w == "no", w == "not", w == "none", w == "without", w == "unavailable",
			strings.HasSuffix(w, "n't"), strings.HasSuffix(w, "n’t"):
			return true
		}
	}
	return false
}

func designations(in []inDesignation, field string, c *issues) []heritage.Designation {
	var out []heritage.Designation
	for i, d := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		kind := token(d.Kind, f+".kind", c)
		if kind == "" {
			c.warnf(f+".kind", "designation has no kind: ignored")
			continue
		}
		entry := int64(0)
		if d.ListEntry.set {
			v, err := d.ListEntry.integer(1, 1<<40)
			if err != nil {
				c.warnf(f+".list_entry", "%v: ignored", err)
			}
			entry = v
		}
		out = append(out, heritage.Designation{Kind: heritage.DesignationKind(kind), ListEntry: entry, Grade: str(d.Grade, f+".grade", c)})
	}
	return out
}

// polygon reads a GeoJSON Polygon boundary; anything else is ignored.
func polygon(in *inPolygon, field string, c *issues) orb.Polygon {
	if in == nil {
		return nil
	}
	if in.Type != "Polygon" || len(in.Coordinates) == 0 {
		c.warnf(field, "want a GeoJSON Polygon: ignored")
		return nil
	}
	p := make(orb.Polygon, len(in.Coordinates))
	for i, ring := range in.Coordinates {
		if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
			c.warnf(field, "ring %d is not a closed ring of at least four positions: boundary ignored", i)
			return nil
		}
		p[i] = make(orb.Ring, len(ring))
		for j, pt := range ring {
			p[i][j] = orb.Point(pt)
		}
	}
	return p
}
