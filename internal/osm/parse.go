package osm

import (
	"math"
	"strconv"
	"strings"
)

// Tag value parsers. Each returns ok=false for a value it cannot read; the
// caller then treats the attribute as unsurveyed, never as a safe default.

// parseIncline reads an incline as an absolute gradient in percent:
// "10%", "-8 %", "5°", "1:12", or a bare number (taken as percent).
// "up", "down" and "yes" say there is a slope but not how steep: ok=false.
func parseIncline(v string) (pct float64, ok bool) {
	v = strings.TrimSpace(v)
	switch {
	case v == "no" || v == "flat":
		return 0, true
	case strings.HasSuffix(v, "%"):
		return absNumber(strings.TrimSuffix(v, "%"))
	case strings.HasSuffix(v, "°"):
		deg, ok := absNumber(strings.TrimSuffix(v, "°"))
		if !ok || deg >= 90 {
			return 0, false
		}
		return math.Tan(deg*math.Pi/180) * 100, true
	case strings.Contains(v, ":"):
		return parseRatio(v)
	}
	return absNumber(v)
}

func parseRatio(v string) (float64, bool) {
	rise, run, _ := strings.Cut(v, ":")
	r, ok1 := absNumber(rise)
	n, ok2 := absNumber(run)
	if !ok1 || !ok2 || n == 0 {
		return 0, false
	}
	return r / n * 100, true
}

// absNumber parses a finite decimal number and returns its magnitude.
func absNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return math.Abs(f), true
}

// parseWidthM reads a width in metres: "1.5", "1.5 m", "80 cm", "900 mm",
// "3 ft", "2'6\"".
func parseWidthM(v string) (float64, bool) {
	v = strings.TrimSpace(v)
	if m, ok := parseFeetInches(v); ok {
		return m, true
	}
	units := []struct {
		suffix string
		scale  float64
	}{{"mm", 0.001}, {"cm", 0.01}, {"km", 1000}, {"m", 1}, {"ft", 0.3048}}
	for _, u := range units {
		if strings.HasSuffix(v, u.suffix) {
			n, ok := positiveNumber(strings.TrimSuffix(v, u.suffix))
			return n * u.scale, ok
		}
	}
	return positiveNumber(v)
}

func positiveNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, false
	}
	return f, true
}

// parseFeetInches reads the OSM imperial form 2'6" (feet, then inches).
func parseFeetInches(v string) (float64, bool) {
	ft, rest, found := strings.Cut(v, "'")
	if !found {
		return 0, false
	}
	f, ok := positiveNumber(ft)
	if !ok {
		return 0, false
	}
	in := 0.0
	if rest = strings.TrimSuffix(strings.TrimSpace(rest), `"`); rest != "" {
		if in, ok = positiveNumber(rest); !ok {
			return 0, false
		}
	}
	return f*0.3048 + in*0.0254, true
}

// parseMaxspeedKPH reads a maxspeed tag in km/h: "30 mph", "50", "50 km/h",
// and the United Kingdom's implicit limits (GB:nsl_single 60 mph,
// GB:nsl_dual and GB:motorway 70 mph, national 60 mph, GB:zone20 and
// similar zones). "30;40" takes the first value. "none", "signals",
// "variable" and other countries' codes are not read.
func parseMaxspeedKPH(v string) (float64, bool) {
	v, _, _ = strings.Cut(strings.TrimSpace(v), ";")
	v = strings.TrimSpace(v)
	if kph, ok := implicitMaxspeedKPH(v); ok {
		return kph, true
	}
	if n, ok := strings.CutSuffix(v, "mph"); ok {
		mph, ok := positiveNumber(n)
		return mph * kphPerMPH, ok && mph > 0
	}
	if n, ok := strings.CutSuffix(v, "km/h"); ok {
		v = n
	}
	kph, ok := positiveNumber(v)
	return kph, ok && kph > 0
}

const kphPerMPH = 1.609344

func implicitMaxspeedKPH(v string) (float64, bool) {
	var mph float64
	switch v {
	case "GB:nsl_single", "UK:nsl_single", "GB:national", "national":
		mph = 60
	case "GB:nsl_dual", "UK:nsl_dual", "GB:motorway", "UK:motorway":
		mph = 70
	case "GB:zone20", "UK:zone20":
		mph = 20
	case "GB:zone30", "UK:zone30":
		mph = 30
	case "GB:zone40", "UK:zone40":
		mph = 40
	}
	return mph * kphPerMPH, mph > 0
}
