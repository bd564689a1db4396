package area

import (
	"fmt"
	"io"
	"os"
)

// Files names the inputs of `threshold import areas` for one region. The
// boundary files are the region's; the tables are national and are read
// filtered to the region's LSOAs.
type Files struct {
	LSOABoundaries string // GeoJSON, LSOA21CD/LSOA21NM polygons
	WardBoundaries string // GeoJSON, WDyyCD/WDyyNM polygons; "" for none
	RUC            string // ruc21_lsoa21.csv
	IMD            string // imd2025_england_lsoa21.csv
	Disability     string // disability21_lsoa21_ew.csv (Census 2021 TS038)
	Population     string // population20_lsoa11.csv (mid-2020, single year of age)
	Lookup         string // lookup_lsoa11_lsoa21_ltla22.csv
}

// Areas is the result of Load: the region's LSOAs and wards, a report per
// file, and the issues found joining them.
type Areas struct {
	LSOAs   []LSOA
	Wards   []Ward
	Reports []Report
	Issues  []Issue
}

// Load reads every file of f and assembles the region's LSOAs. A file that
// is missing or structurally broken is an error naming it; bad rows are in
// the reports.
func Load(f Files) (Areas, error) {
	var a Areas
	bounds, err := loadBoundaries(f.LSOABoundaries, LSOA21, &a)
	if err != nil {
		return a, err
	}
	if len(bounds) == 0 {
		return a, fmt.Errorf("read %s: no LSOA 2021 polygons", f.LSOABoundaries)
	}
	if f.WardBoundaries != "" {
		if a.Wards, err = loadBoundaries(f.WardBoundaries, WardLevel, &a); err != nil {
			return a, err
		}
		if len(a.Wards) == 0 {
			return a, fmt.Errorf("read %s: no ward polygons", f.WardBoundaries)
		}
	}
	want := make(CodeSet, len(bounds))
	for _, b := range bounds {
		want[b.Code] = true
	}
	t, err := loadTables(f, want, &a)
	if err != nil {
		return a, err
	}
	var issues []Issue
	a.LSOAs, issues = Assemble(bounds, a.Wards, t)
	a.Issues = append(a.Issues, issues...)
	return a, nil
}

func loadBoundaries(path string, level Level, a *Areas) ([]Boundary, error) {
	var out []Boundary
	err := withFile(path, func(r io.Reader) error {
		bs, rep, err := ReadBoundaries(r, path, level)
		a.Reports = append(a.Reports, rep)
		out = bs
		return err
	})
	return out, err
}

// loadTables reads the national tables filtered to want. The lookup comes
// first: it says which LSOA 2011 populations and which LSOA 2021 residents
// (the siblings in a split) the age carry needs.
func loadTables(f Files, want CodeSet, a *Areas) (Tables, error) {
	var t Tables
	var lookup []LookupRow
	var pop map[string]AgeCounts
	err := read(f.Lookup, a, func(r io.Reader) (rep Report, err error) {
		lookup, rep, err = ReadLookup(r, f.Lookup, want)
		return rep, err
	})
	if err != nil {
		return t, err
	}
	parents, family := related(lookup, want)
	steps := []struct {
		path string
		fn   func(io.Reader) (Report, error)
	}{
		{f.Disability, func(r io.Reader) (rep Report, err error) {
			t.Census, rep, err = ReadDisability(r, f.Disability, family)
			return rep, err
		}},
		{f.Population, func(r io.Reader) (rep Report, err error) {
			pop, rep, err = ReadPopulation(r, f.Population, parents)
			return rep, err
		}},
		{f.RUC, func(r io.Reader) (rep Report, err error) {
			t.RUC, rep, err = ReadRUC(r, f.RUC, want)
			return rep, err
		}},
		{f.IMD, func(r io.Reader) (rep Report, err error) {
			t.IMD, rep, err = ReadIMD(r, f.IMD, want)
			return rep, err
		}},
	}
	for _, s := range steps {
		if err := read(s.path, a, s.fn); err != nil {
			return t, err
		}
	}
	var issues []Issue
	t.Ages, issues = CarryAges(lookup, pop, residentsOf(t.Census), want)
	a.Issues = append(a.Issues, issues...)
	return t, nil
}

// related returns the LSOA 2011 parents of want, and want together with
// every LSOA 2021 child of those parents (whose residents weight a split).
func related(lookup []LookupRow, want CodeSet) (parents, family CodeSet) {
	parents, family = CodeSet{}, CodeSet{}
	for _, r := range lookup {
		if want[r.LSOA21] {
			parents[r.LSOA11] = true
		}
	}
	for c := range want {
		family[c] = true
	}
	for _, r := range lookup {
		if parents[r.LSOA11] {
			family[r.LSOA21] = true
		}
	}
	return parents, family
}

func residentsOf(c map[string]Census) map[string]int {
	out := make(map[string]int, len(c))
	for k, v := range c {
		out[k] = v.Residents
	}
	return out
}

func read(path string, a *Areas, fn func(io.Reader) (Report, error)) error {
	return withFile(path, func(r io.Reader) error {
		rep, err := fn(r)
		a.Reports = append(a.Reports, rep)
		return err
	})
}

func withFile(path string, fn func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open area file: %w", err)
	}
	defer f.Close()
	return fn(f)
}
