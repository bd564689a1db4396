package area

import "github.com/paulmach/orb"

// LSOA is one Lower layer Super Output Area (2021) with everything Threshold
// needs to weigh its people: residents, disability, age, rurality and
// deprivation. The Has* flags say which parts are known; a zero value under a
// false flag means unknown, never none (an English LSOA always has an IMD
// decile 1..10; a Welsh one has none).
type LSOA struct {
	Code    string // LSOA21CD, e.g. "E01017282"
	Name    string // LSOA21NM, e.g. "Isle of Wight 006A"
	Polygon orb.MultiPolygon

	WardCode  string  // ward holding most of the LSOA; "" if none found
	WardShare float64 // share of the LSOA (0..1) inside WardCode, estimated

	Residents int // Census 2021 usual residents
	Disabled  int // of Residents, disabled under the Equality Act (TS038)
	HasCensus bool

	// Age bands sum to Residents; Age75plus is part of Age65plus. Carried
	// from mid-2020 LSOA 2011 estimates, see CarryAges.
	Age0to15, Age16to64, Age65plus, Age75plus int
	HasAge                                    bool

	RUC21Code string // UN1, UF1, RLN1, RLF1, RSN1, RSF1
	RUC21Name string
	Urban     bool // meaningful only when HasRUC
	HasRUC    bool

	IMDDecile int     // 1 = most deprived tenth of England
	IMDRank   int     // 1 = most deprived
	IMDScore  float64 // higher = more deprived
	HasIMD    bool
}

// Tables are the per-LSOA attributes read from the national files,
// filtered to a region.
type Tables struct {
	RUC    map[string]RUC
	IMD    map[string]IMD
	Census map[string]Census
	Ages   map[string]AgeBands
}

// Assemble joins boundaries, wards and tables into LSOAs, in boundary order.
// An LSOA missing from a table keeps that part unknown and is reported.
func Assemble(bounds []Boundary, wards []Ward, t Tables) ([]LSOA, []Issue) {
	wb := make([]orb.Bound, len(wards))
	for i, w := range wards {
		wb[i] = w.Polygon.Bound()
	}
	out := make([]LSOA, 0, len(bounds))
	var issues []Issue
	for _, b := range bounds {
		l := LSOA{Code: b.Code, Name: b.Name, Polygon: b.Polygon}
		if len(wards) > 0 {
			l.WardCode, l.WardShare = wardOf(b.Polygon, wards, wb)
			if l.WardCode == "" {
				issues = append(issues, warnJoin("ward", l.Code+": no ward contains it"))
			}
		}
		issues = append(issues, fill(&l, t)...)
		out = append(out, l)
	}
	return out, issues
}

func fill(l *LSOA, t Tables) []Issue {
	var issues []Issue
	missing := func(what string) { issues = append(issues, warnJoin(what, l.Code+": no "+what+" row; left unknown")) }
	if r, ok := t.RUC[l.Code]; ok {
		l.RUC21Code, l.RUC21Name, l.Urban, l.HasRUC = r.Code, r.Name, r.Urban, true
	} else {
		missing("RUC 2021")
	}
	if v, ok := t.IMD[l.Code]; ok {
		l.IMDDecile, l.IMDRank, l.IMDScore, l.HasIMD = v.Decile, v.Rank, v.Score, true
	} else {
		missing("IMD 2025")
	}
	if c, ok := t.Census[l.Code]; ok {
		l.Residents, l.Disabled, l.HasCensus = c.Residents, c.Disabled, true
	} else {
		missing("Census 2021 TS038")
	}
	if a, ok := t.Ages[l.Code]; ok && l.HasCensus {
		l.Age0to15, l.Age16to64, l.Age65plus, l.Age75plus, l.HasAge = a.Age0to15, a.Age16to64, a.Age65plus, a.Age75plus, true
	}
	return issues
}
