package naptan

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"testing"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

func TestMatchNormalises(t *testing.T) {
	recs := []Stop{
		{ATCO: "2300A", Status: "active"},
		{ATCO: "2300B", Status: "inactive"},
		{ATCO: "2300C"},
	}
	got := Match([]string{" 2300a", "2300B ", "2300c", "2300A", "", "2300Z"}, recs)
	if got.Total != 4 || got.Matched != 3 || got.ActiveMatched != 1 ||
		len(got.Unmatched) != 1 || got.Unmatched[0] != "2300Z" {
		t.Errorf("Match = %+v", got)
	}
}

// The Isle of Wight GTFS subset against NaPTAN area 230. SOURCE.txt states
// 278 of 315 stop_ids are still in NaPTAN, 274 of them active.
func TestMatchIsleOfWight(t *testing.T) {
	ids := gtfsStopIDs(t, "../../geodata/isle-of-wight/gtfs/iow-bus-gtfs.zip")
	stops, _, err := readFile(t, realFiles["230Stops.csv"])
	if err != nil {
		t.Fatal(err)
	}
	got := Match(ids, stops)
	if got.Total != 315 || got.Matched != 278 || got.ActiveMatched != 274 || len(got.Unmatched) != 37 {
		t.Errorf("Match = total %d, matched %d, active %d, unmatched %d",
			got.Total, got.Matched, got.ActiveMatched, len(got.Unmatched))
	}
	// Normalisation adds nothing on this data: exact matching agrees.
	exact := 0
	byATCO := make(map[string]bool, len(stops))
	for _, s := range stops {
		byATCO[s.ATCO] = true
	}
	for _, id := range ids {
		if byATCO[id] {
			exact++
		}
	}
	if exact != got.Matched {
		t.Errorf("exact matches %d, normalised %d", exact, got.Matched)
	}
}

func gtfsStopIDs(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("stops.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := csvtab.NewHeader(head).Col("stop_id")
	var ids []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return ids
		}
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec[col])
	}
}
