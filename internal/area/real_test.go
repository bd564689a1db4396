package area

import (
	"fmt"
	"path/filepath"
	"testing"
)

// geodataDir holds the regions' area files: the ONS tables cut to each
// region's LSOAs, values unchanged (see geodata/<region>/README.md).
const geodataDir = "../../geodata"

func regionFiles(region, lad string) Files {
	b := filepath.Join(geodataDir, region, "areas")
	return Files{
		LSOABoundaries: filepath.Join(b, "lsoa_"+lad+".geojson"),
		WardBoundaries: filepath.Join(b, "ward_"+lad+".geojson"),
		RUC:            filepath.Join(b, "ruc21_lsoa21.csv"),
		IMD:            filepath.Join(b, "imd2025_lsoa21.csv"),
		Disability:     filepath.Join(b, "disability21_lsoa21.csv"),
		Population:     filepath.Join(b, "population20_lsoa11.csv"),
		Lookup:         filepath.Join(b, "lookup_lsoa11_lsoa21.csv"),
	}
}

type totals struct {
	lsoas, residents, disabled, a0, a16, a65, a75, urban int
	wards                                                map[string]bool
	minShare                                             float64
}

func sumUp(ls []LSOA) totals {
	t := totals{wards: map[string]bool{}, minShare: 1}
	for _, l := range ls {
		t.lsoas++
		t.residents += l.Residents
		t.disabled += l.Disabled
		t.a0 += l.Age0to15
		t.a16 += l.Age16to64
		t.a65 += l.Age65plus
		t.a75 += l.Age75plus
		if l.Urban {
			t.urban++
		}
		t.wards[l.WardCode] = true
		if l.WardShare < t.minShare {
			t.minShare = l.WardShare
		}
	}
	return t
}

func TestRealRegions(t *testing.T) {
	for _, c := range []struct {
		region, lad          string
		lsoas                int
		minPeople, maxPeople int
	}{
		// Census 2021: Isle of Wight 140,500 usual residents, Rutland 41,000.
		{"isle-of-wight", "E06000046", 89, 135000, 145000},
		{"rutland", "E06000017", 26, 38000, 44000},
	} {
		t.Run(c.region, func(t *testing.T) {
			a, err := Load(regionFiles(c.region, c.lad))
			if err != nil {
				t.Fatal(err)
			}
			checkRegion(t, a, c.lsoas, c.minPeople, c.maxPeople)
		})
	}
}

func checkRegion(t *testing.T, a Areas, lsoas, minPeople, maxPeople int) {
	t.Helper()
	if len(a.LSOAs) != lsoas {
		t.Fatalf("%d LSOAs, want %d", len(a.LSOAs), lsoas)
	}
	for _, is := range a.Issues {
		t.Errorf("join issue: %v", is)
	}
	for _, rep := range a.Reports {
		if rep.Rejected != 0 || len(rep.Issues) != 0 || rep.Read != rep.Loaded+rep.Rejected+rep.Skipped {
			t.Errorf("report %s: read %d loaded %d rejected %d skipped %d issues %v",
				rep.File, rep.Read, rep.Loaded, rep.Rejected, rep.Skipped, rep.Issues)
		}
	}
	for _, l := range a.LSOAs {
		checkLSOA(t, l)
	}
	s := sumUp(a.LSOAs)
	if s.residents < minPeople || s.residents > maxPeople {
		t.Errorf("residents %d outside %d..%d", s.residents, minPeople, maxPeople)
	}
	t.Log(fmt.Sprintf("LSOAs %d, residents %d, disabled %d, 0-15 %d, 16-64 %d, 65+ %d, 75+ %d, urban LSOAs %d, wards used %d of %d, min ward share %.2f",
		s.lsoas, s.residents, s.disabled, s.a0, s.a16, s.a65, s.a75, s.urban, len(s.wards), len(a.Wards), s.minShare))
}

func checkLSOA(t *testing.T, l LSOA) {
	t.Helper()
	if !l.HasRUC || !l.HasIMD || !l.HasCensus || !l.HasAge || l.WardCode == "" {
		t.Errorf("%s incomplete: %+v", l.Code, l)
	}
	if l.Residents <= 0 || l.Disabled < 0 || l.Disabled > l.Residents {
		t.Errorf("%s: %d disabled of %d residents", l.Code, l.Disabled, l.Residents)
	}
	if l.Age0to15+l.Age16to64+l.Age65plus != l.Residents || l.Age75plus > l.Age65plus || l.Age75plus < 0 {
		t.Errorf("%s: bands %d+%d+%d (75+ %d) vs residents %d", l.Code, l.Age0to15, l.Age16to64, l.Age65plus, l.Age75plus, l.Residents)
	}
	if l.IMDDecile < 1 || l.IMDDecile > 10 || l.IMDRank < 1 || l.IMDRank > 33755 {
		t.Errorf("%s: IMD %+v", l.Code, l)
	}
	if (l.RUC21Code[0] == 'U') != l.Urban || l.RUC21Name == "" {
		t.Errorf("%s: RUC %s %q urban %v", l.Code, l.RUC21Code, l.RUC21Name, l.Urban)
	}
}
