package area

import (
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/threshold-heritage/threshold/internal/csvtab"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/geojsonfc"
)

// Boundary is one area outline: an LSOA 2021 or an electoral ward, WGS84
// [lon, lat]. A Polygon feature is stored as a one-element MultiPolygon.
type Boundary struct {
	Code    string
	Name    string
	Polygon orb.MultiPolygon
}

// Ward is an electoral ward outline.
type Ward = Boundary

// Level says which boundaries a file holds and so which properties name
// them.
type Level int

const (
	// LSOA21 boundaries carry LSOA21CD and LSOA21NM. LSOA 2011 files
	// (LSOA11CD) are refused: every table here is keyed by LSOA 2021.
	LSOA21 Level = iota
	// WardLevel boundaries carry WDyyCD and WDyyNM for any year yy (ward
	// codes change with each review; the file says which vintage).
	WardLevel
)

// ReadBoundaries reads a GeoJSON FeatureCollection of polygons (ONS Open
// Geography portal exports, CRS84). Features are decoded one at a time.
func ReadBoundaries(r io.Reader, file string, level Level) ([]Boundary, Report, error) {
	rep := newReport(file)
	var out []Boundary
	seen := make(map[string]int)
	err := geojsonfc.Read(r, file, func(raw geojsonfc.Feature) error {
		rep.Read++
		b, field, reason := parseBoundary(raw, level)
		if reason == "" {
			if first, dup := seen[b.Code]; dup {
				field, reason = "code", fmt.Sprintf("%s repeats line %d", b.Code, first)
			}
		}
		if reason != "" {
			rep.Reject(raw.Line, field, fmt.Sprintf("feature %d: %s", raw.Index, reason))
			return nil
		}
		if b.Name == "" {
			rep.Warn(raw.Line, "name", b.Code+" has no name")
		}
		seen[b.Code] = raw.Line
		out = append(out, b)
		rep.Loaded++
		return nil
	})
	if err != nil {
		return nil, rep, err
	}
	return out, rep, nil
}

func parseBoundary(raw geojsonfc.Feature, level Level) (b Boundary, field, reason string) {
	f, err := geojson.UnmarshalFeature(raw.JSON)
	if err != nil || f == nil || f.Type != "Feature" {
		return b, "", fmt.Sprintf("not a GeoJSON feature: %v", err)
	}
	codeKey, nameKey := boundaryKeys(f.Properties, level)
	b.Code = strings.TrimSpace(propText(f.Properties[codeKey]))
	b.Name = strings.TrimSpace(propText(f.Properties[nameKey]))
	if b.Code == "" {
		return b, "code", fmt.Sprintf("no %s code property", levelName(level))
	}
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		b.Polygon = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		b.Polygon = g
	default:
		return b, "geometry", fmt.Sprintf("%s: geometry is %v, want Polygon or MultiPolygon", b.Code, geometryType(f.Geometry))
	}
	if reason := checkPolygons(b.Polygon); reason != "" {
		return b, "geometry", b.Code + ": " + reason
	}
	return b, "", ""
}

// boundaryKeys finds the property names holding the code and name.
func boundaryKeys(p geojson.Properties, level Level) (code, name string) {
	for k := range p {
		n := csvtab.NormName(k)
		switch {
		case level == LSOA21 && n == "lsoa21cd", level == WardLevel && isWardKey(n, "cd"):
			code = k
		case level == LSOA21 && n == "lsoa21nm", level == WardLevel && isWardKey(n, "nm"):
			name = k
		}
	}
	return code, name
}

// isWardKey matches "wd25cd", "wd22nm" ... but not "wd25nmw" (Welsh name).
func isWardKey(n, suffix string) bool {
	return len(n) == 6 && strings.HasPrefix(n, "wd") && strings.HasSuffix(n, suffix) &&
		n[2] >= '0' && n[2] <= '9' && n[3] >= '0' && n[3] <= '9'
}

func levelName(l Level) string {
	if l == WardLevel {
		return "ward (WDyyCD)"
	}
	return "LSOA 2021 (LSOA21CD)"
}

func propText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

func geometryType(g orb.Geometry) string {
	if g == nil {
		return "null"
	}
	return g.GeoJSONType()
}

func checkPolygons(mp orb.MultiPolygon) string {
	if len(mp) == 0 {
		return "empty MultiPolygon"
	}
	for _, poly := range mp {
		if len(poly) == 0 {
			return "polygon without rings"
		}
		for _, ring := range poly {
			if reason := checkRing(ring); reason != "" {
				return reason
			}
		}
	}
	return ""
}

func checkRing(ring orb.Ring) string {
	if len(ring) < 4 {
		return fmt.Sprintf("ring of %d points; a closed ring needs 4", len(ring))
	}
	for _, p := range ring {
		if !geo.ValidLonLat(p) {
			return fmt.Sprintf("vertex %v is not WGS84 longitude, latitude", p)
		}
	}
	return ""
}
