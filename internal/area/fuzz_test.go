package area

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"
)

func addSeeds(f *testing.F, patterns ...string) {
	for _, pattern := range patterns {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func checkReport(t *testing.T, rep Report, n int) {
	if rep.Read != rep.Loaded+rep.Rejected+rep.Skipped {
		t.Errorf("counts do not add up: %+v", rep)
	}
	if n >= 0 && n > rep.Loaded {
		t.Errorf("%d results from %d loaded rows", n, rep.Loaded)
	}
}

func FuzzReadBoundaries(f *testing.F) {
	addSeeds(f, "testdata/*lsoa.geojson")
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, rep, err := ReadBoundaries(bytes.NewReader(data), "fuzz.geojson", LSOA21)
		if err != nil {
			return
		}
		checkReport(t, rep, len(bs))
		for _, b := range bs {
			if b.Code == "" || checkPolygons(b.Polygon) != "" {
				t.Errorf("bad boundary passed on: %+v", b)
			}
		}
	})
}

func FuzzReadRUC(f *testing.F) {
	addSeeds(f, "testdata/*ruc21.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, rep, err := ReadRUC(bytes.NewReader(data), "fuzz.csv", nil)
		if err != nil {
			return
		}
		checkReport(t, rep, len(m))
		for code, r := range m {
			if u, ok := ruc21Urban(r.Code); !ok || u != r.Urban {
				t.Errorf("%s: %+v", code, r)
			}
		}
	})
}

func FuzzReadIMD(f *testing.F) {
	addSeeds(f, "testdata/*imd2025.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, rep, err := ReadIMD(bytes.NewReader(data), "fuzz.csv", nil)
		if err != nil {
			return
		}
		checkReport(t, rep, len(m))
		for code, v := range m {
			if v.Decile < 1 || v.Decile > 10 || v.Rank < 1 {
				t.Errorf("%s: %+v", code, v)
			}
		}
	})
}

func FuzzReadDisability(f *testing.F) {
	addSeeds(f, "testdata/*disability21.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, rep, err := ReadDisability(bytes.NewReader(data), "fuzz.csv", nil)
		if err != nil {
			return
		}
		checkReport(t, rep, -1)
		for code, c := range m {
			if c.Disabled < 0 || c.Disabled > c.Residents {
				t.Errorf("%s: %+v", code, c)
			}
		}
	})
}

func FuzzReadPopulation(f *testing.F) {
	addSeeds(f, "testdata/*population20.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, rep, err := ReadPopulation(bytes.NewReader(data), "fuzz.csv", nil)
		if err != nil {
			return
		}
		checkReport(t, rep, len(m))
		for code, a := range m {
			for _, n := range a {
				if n < 0 {
					t.Errorf("%s: %v", code, a)
				}
			}
		}
	})
}

func FuzzReadLookup(f *testing.F) {
	addSeeds(f, "testdata/*lookup.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, rep, err := ReadLookup(bytes.NewReader(data), "fuzz.csv", CodeSet{"E01013787": true})
		if err != nil {
			return
		}
		checkReport(t, rep, len(rows))
		for _, r := range rows {
			if checkLookup(r) != "" {
				t.Errorf("bad row passed on: %+v", r)
			}
		}
	})
}

// Whatever the lookup graph, carried bands are whole, non-negative and sum
// exactly to the residents they are scaled to.
func TestCarryAgesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n11 := rapid.IntRange(1, 6).Draw(t, "n11")
		n21 := rapid.IntRange(1, 6).Draw(t, "n21")
		var lookup []LookupRow
		pop := map[string]AgeCounts{}
		residents := map[string]int{}
		want := CodeSet{}
		for j := 0; j < n21; j++ {
			c := fmt.Sprintf("c%d", j)
			want[c] = true
			residents[c] = rapid.IntRange(0, 5000).Draw(t, "residents")
			// every child gets at least one parent
			lookup = append(lookup, LookupRow{fmt.Sprintf("p%d", j%n11), c, Complex})
		}
		for i := 0; i < n11; i++ {
			p := fmt.Sprintf("p%d", i)
			var a AgeCounts
			for age := range a {
				a[age] = rapid.IntRange(0, 40).Draw(t, "count")
			}
			pop[p] = a
			if rapid.Bool().Draw(t, "extra") {
				c := fmt.Sprintf("c%d", rapid.IntRange(0, n21-1).Draw(t, "child"))
				row := LookupRow{p, c, Complex}
				if !containsRow(lookup, row) {
					lookup = append(lookup, row)
				}
			}
		}
		got, _ := CarryAges(lookup, pop, residents, want)
		for c, b := range got {
			if b.Age0to15 < 0 || b.Age16to64 < 0 || b.Age75plus < 0 || b.Age75plus > b.Age65plus {
				t.Fatalf("%s: %+v", c, b)
			}
			if s := b.Age0to15 + b.Age16to64 + b.Age65plus; s != residents[c] {
				t.Fatalf("%s: bands sum to %d, residents %d", c, s, residents[c])
			}
		}
	})
}

func containsRow(rows []LookupRow, r LookupRow) bool {
	for _, x := range rows {
		if x == r {
			return true
		}
	}
	return false
}
