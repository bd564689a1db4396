package area

import (
	"testing"
)

func fixtureFiles() Files {
	return Files{
		LSOABoundaries: "testdata/rutland_lsoa.geojson",
		WardBoundaries: "testdata/rutland_ward.geojson",
		RUC:            "testdata/rutland_ruc21.csv",
		IMD:            "testdata/rutland_imd2025.csv",
		Disability:     "testdata/rutland_disability21.csv",
		Population:     "testdata/rutland_population20.csv",
		Lookup:         "testdata/rutland_lookup.csv",
	}
}

// The fixtures are the Rutland rows of the national tables (plus a few rows
// from elsewhere) and simplified Rutland boundaries.
func TestLoadFixtures(t *testing.T) {
	a, err := Load(fixtureFiles())
	if err != nil {
		t.Fatal(err)
	}
	checkRegion(t, a, 26, 38000, 44000)
	if len(a.Wards) != 15 {
		t.Errorf("%d wards", len(a.Wards))
	}
}

func TestLoadReportsMissingRows(t *testing.T) {
	f := fixtureFiles()
	f.IMD = "testdata/bad_imd2025.csv" // holds only two Rutland LSOAs
	a, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	known, missing := 0, 0
	for _, l := range a.LSOAs {
		if l.HasIMD {
			known++
		} else if l.IMDDecile != 0 {
			t.Errorf("%s: unknown IMD with decile %d", l.Code, l.IMDDecile)
		}
	}
	for _, is := range a.Issues {
		if is.Field == "IMD 2025" && is.Warning {
			missing++
		}
	}
	if known != 2 || missing != 24 {
		t.Errorf("IMD known for %d, reported missing for %d", known, missing)
	}
}
