package naptan

import (
	"sort"
	"strings"
)

// MatchReport says how many GTFS stop_ids name a NaPTAN stop.
type MatchReport struct {
	Total         int      // distinct non-empty stop_ids after normalisation
	Matched       int      // of Total, found in NaPTAN
	ActiveMatched int      // of Matched, NaPTAN status active
	Unmatched     []string // stop_ids (as given) not found, sorted
}

// NormaliseATCO is the form both sides are compared in: surrounding spaces
// removed and letters upper-cased. NaPTAN publishes ATCO codes in upper case;
// feeds built by hand or by older converters sometimes lower-case them.
func NormaliseATCO(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Match joins GTFS stop_ids to NaPTAN stops by ATCO code. Each distinct
// stop_id counts once; empty ids are ignored.
func Match(gtfsStopIDs []string, recs []Stop) MatchReport {
	byATCO := make(map[string]bool, len(recs)) // value: active
	for _, s := range recs {
		k := NormaliseATCO(s.ATCO)
		byATCO[k] = byATCO[k] || s.Active()
	}
	var rep MatchReport
	seen := make(map[string]bool, len(gtfsStopIDs))
	for _, id := range gtfsStopIDs {
		k := NormaliseATCO(id)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		rep.Total++
		active, ok := byATCO[k]
		if !ok {
			rep.Unmatched = append(rep.Unmatched, id)
			continue
		}
		rep.Matched++
		if active {
			rep.ActiveMatched++
		}
	}
	sort.Strings(rep.Unmatched)
	return rep
}
