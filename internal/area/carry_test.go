package area

import (
	"path/filepath"
	"testing"
)

func ages(young, working, old, veryOld int) AgeCounts {
	var a AgeCounts
	a[5], a[30], a[70], a[80] = young, working, old, veryOld
	return a
}

func TestCarryAgesChangeCodes(t *testing.T) {
	lookup := []LookupRow{
		{"A11", "A21", Unchanged},
		{"B11", "B21a", Split}, {"B11", "B21b", Split},
		{"C11", "C21", Merged}, {"D11", "C21", Merged},
		{"E11", "E21", Complex}, {"E11", "F21", Complex}, {"G11", "F21", Complex},
	}
	pop := map[string]AgeCounts{
		"A11": ages(10, 60, 20, 10),
		"B11": ages(20, 50, 20, 10),
		"C11": ages(100, 0, 0, 0), "D11": ages(0, 100, 0, 0),
		"E11": ages(50, 50, 0, 0), "G11": ages(0, 0, 100, 0),
	}
	residents := map[string]int{"A21": 200, "B21a": 300, "B21b": 100, "C21": 100,
		"E21": 100, "F21": 100}
	want := CodeSet{"A21": true, "B21a": true, "B21b": true, "C21": true, "E21": true, "F21": true}
	got, issues := CarryAges(lookup, pop, residents, want)
	if len(issues) != 0 {
		t.Errorf("issues %v", issues)
	}
	for code, w := range map[string]AgeBands{
		"A21":  {20, 120, 60, 20}, // U: profile scaled ×2
		"B21a": {60, 150, 90, 30}, // S: each child keeps the parent's profile
		"B21b": {20, 50, 30, 10},
		"C21":  {50, 50, 0, 0}, // M: parents summed
		// X: E11 gives half of itself to each child (equal residents);
		// F21 mixes E11's half (25, 25) with all of G11 (100 old): 25/25/100
		// of 150, scaled to 100 residents.
		"E21": {50, 50, 0, 0},
		"F21": {17, 17, 66, 0},
	} {
		if got[code] != w {
			t.Errorf("%s = %+v, want %+v", code, got[code], w)
		}
	}
}

func TestCarryAgesUnknowns(t *testing.T) {
	lookup := []LookupRow{{"A11", "A21", Unchanged}, {"B11", "B21", Unchanged},
		{"S11", "S21a", Split}, {"S11", "S21b", Split}}
	pop := map[string]AgeCounts{"A11": ages(1, 1, 1, 1), "S11": ages(10, 10, 10, 10)}
	residents := map[string]int{"A21": 4, "B21": 4, "S21a": 8}
	want := CodeSet{"A21": true, "B21": true, "C21": true, "S21a": true, "Z21": true}
	got, issues := CarryAges(lookup, pop, residents, want)
	// B21: no population; C21, Z21: no lookup row. S21a: sibling without
	// residents, so an equal split with a warning.
	if len(got) != 2 || got["S21a"] != (AgeBands{2, 2, 4, 2}) {
		t.Errorf("got %+v", got)
	}
	if got := len(issues); got != 4 {
		t.Errorf("%d issues: %v", got, issues)
	}
}

func TestApportion(t *testing.T) {
	for _, c := range []struct {
		total   int
		weights []float64
		want    []int
	}{
		{10, []float64{1, 1, 1}, []int{4, 3, 3}},
		{100, []float64{0.5, 0.25, 0.25, 0}, []int{50, 25, 25, 0}},
		{7, []float64{0, 0}, []int{0, 0}},
		{3, []float64{0.1, 0.1, 0.8}, []int{0, 0, 3}},
		{2, []float64{1, 1, 1}, []int{1, 1, 0}},
	} {
		got := apportion(c.total, c.weights)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("apportion(%d, %v) = %v, want %v", c.total, c.weights, got, c.want)
				break
			}
		}
	}
}

// Rutland's LSOA 2011 E01013801 (Rutland 002C) split into three LSOA 2021.
// Each child must carry its parent's mid-2020 age profile, to within one
// person of rounding, at its own Census 2021 size.
func TestRealRutlandSplit(t *testing.T) {
	pr, name := openFixture(t, filepath.Join(geodataDir, "rutland", "areas", "population20_lsoa11.csv"))
	pop, _, err := ReadPopulation(pr, name, CodeSet{"E01013801": true})
	if err != nil {
		t.Fatal(err)
	}
	parent := pop["E01013801"]
	share := func(lo, hi int) float64 {
		n := 0
		for _, v := range parent[lo:hi] {
			n += v
		}
		return float64(n) / float64(parent.Total())
	}
	a, err := Load(regionFiles("rutland", "E06000017"))
	if err != nil {
		t.Fatal(err)
	}
	children := 0
	for _, l := range a.LSOAs {
		switch l.Code {
		case "E01035102", "E01035103", "E01035104":
			children++
			r := float64(l.Residents)
			for _, c := range []struct {
				got  int
				want float64
			}{{l.Age0to15, share(0, 16) * r}, {l.Age16to64, share(16, 65) * r}, {l.Age65plus, share(65, 91) * r}} {
				if d := float64(c.got) - c.want; d > 1 || d < -1 {
					t.Errorf("%s: band %d, parent profile gives %.1f", l.Code, c.got, c.want)
				}
			}
		}
	}
	if children != 3 {
		t.Errorf("found %d children", children)
	}
}
