package nhle

import (
	"fmt"
	"io"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/threshold-heritage/threshold/internal/csvtab"
	"github.com/threshold-heritage/threshold/internal/geojsonfc"
)

// ReadGeoJSON reads a GeoJSON FeatureCollection in WGS84 whose features are
// all of designation d: Historic England's listed building points
// (ListEntry, Name, Grade, hyperlink, ...) or its scheduled monument and
// conservation area polygons (site_name, list_entry_number, list_entry_url,
// lon, lat, ...). Features are decoded one at a time. Features repeating a
// list entry are merged into one Entry whose Points or Polygon hold every
// part.
func ReadGeoJSON(r io.Reader, file string, d Designation) ([]Entry, Report, error) {
	rep := newReport(file)
	col := newCollector(&rep)
	err := geojsonfc.Read(r, file, func(raw geojsonfc.Feature) error {
		rep.Read++
		if e, ok := featureEntry(d, raw, &rep); ok {
			warnUnplaced(e, raw.Line, &rep)
			col.add(e, raw.Line)
		}
		return nil
	})
	if err != nil {
		return nil, rep, err
	}
	return col.entries(), rep, nil
}

func featureEntry(d Designation, raw geojsonfc.Feature, rep *Report) (Entry, bool) {
	f, err := geojson.UnmarshalFeature(raw.JSON)
	if err != nil || f == nil || f.Type != "Feature" {
		rep.Reject(raw.Line, "", fmt.Sprintf("feature %d is not a GeoJSON feature: %v", raw.Index, err))
		return Entry{}, false
	}
	e, ok := buildEntry(d, propFields(f.Properties), raw.Line, rep)
	if !ok {
		return Entry{}, false
	}
	if reason := setGeometry(&e, f.Geometry); reason != "" {
		rep.Reject(raw.Line, "geometry", fmt.Sprintf("feature %d: %s", raw.Index, reason))
		return Entry{}, false
	}
	return e, true
}

func propFields(p geojson.Properties) rowFields {
	h := make(csvtab.Header, len(p))
	vals := make([]string, 0, len(p))
	for k, v := range p {
		h[csvtab.NormName(k)] = len(vals)
		vals = append(vals, propString(v))
	}
	return entryColumns(h).fields(vals)
}

// propString renders a property value as the text a CSV cell would hold;
// JSON numbers are printed without exponent ("1067598", "53.36").
func propString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// setGeometry places the entry from its geometry. A polygon's point is the
// lon/lat the properties give, else its planar centroid.
func setGeometry(e *Entry, g orb.Geometry) string {
	switch g := g.(type) {
	case nil:
		return ""
	case orb.Point:
		if !validLonLat(g) {
			return fmt.Sprintf("point %v is not WGS84 longitude, latitude", g)
		}
		e.setPoint(g)
	case orb.MultiPoint:
		return setMultiPoint(e, g)
	case orb.Polygon:
		return setPolygon(e, orb.MultiPolygon{g})
	case orb.MultiPolygon:
		return setPolygon(e, g)
	default:
		return fmt.Sprintf("unsupported geometry %s", g.GeoJSONType())
	}
	return ""
}

func setMultiPoint(e *Entry, mp orb.MultiPoint) string {
	if len(mp) == 0 {
		return "empty MultiPoint"
	}
	for _, p := range mp {
		if !validLonLat(p) {
			return fmt.Sprintf("point %v is not WGS84 longitude, latitude", p)
		}
	}
	e.setPoint(mp[0])
	e.Points = mp
	return ""
}

func setPolygon(e *Entry, mp orb.MultiPolygon) string {
	if reason := checkPolygons(mp); reason != "" {
		return reason
	}
	e.Polygon = mp
	if !e.HasPoint {
		c, _ := planar.CentroidArea(mp)
		e.setPoint(c)
	}
	return ""
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
			if len(ring) < 4 {
				return fmt.Sprintf("ring of %d points; a closed ring needs 4", len(ring))
			}
			for _, p := range ring {
				if !validLonLat(p) {
					return fmt.Sprintf("vertex %v is not WGS84 longitude, latitude", p)
				}
			}
		}
	}
	return ""
}

func warnUnplaced(e Entry, line int, rep *Report) {
	if !e.HasPoint && !e.HasGrid {
		rep.Warn(line, "geometry", "no location: neither coordinates nor a grid reference")
	}
}
