package area

import (
	"fmt"
	"math"
	"sort"
)

// AgeBands are residents by age group. Age75plus is part of Age65plus;
// Age0to15 + Age16to64 + Age65plus = residents.
type AgeBands struct {
	Age0to15, Age16to64, Age65plus, Age75plus int
}

// CarryAges gives each LSOA 2021 in want its age bands: the mid-2020 LSOA
// 2011 single-year profile carried through the lookup and scaled to the
// Census 2021 residents.
//
// Each LSOA 2011 l is shared among its LSOA 2021 children c in proportion to
// their 2021 residents R(c) / Σ R(children of l). That one rule covers every
// change code: U (one child) passes l whole; S splits l by its children's
// residents, so each child gets l's age profile; M (several parents, one
// child each) sums the parents; X (many to many) mixes the shares it gets
// from each parent. If a sibling's residents are unknown the split is equal,
// with a warning. The carried profile gives only the shape: the four bands
// 0–15, 16–64, 65–74, 75+ are scaled to R(c) by largest remainder, so bands
// are whole people and sum exactly to the residents.
//
// An LSOA without lookup rows, residents or a population for every parent
// is left out (its ages are unknown) and reported.
func CarryAges(lookup []LookupRow, pop map[string]AgeCounts, residents map[string]int, want CodeSet) (map[string]AgeBands, []Issue) {
	children := make(map[string][]string)
	parents := make(map[string][]string)
	for _, r := range lookup {
		children[r.LSOA11] = append(children[r.LSOA11], r.LSOA21)
		parents[r.LSOA21] = append(parents[r.LSOA21], r.LSOA11)
	}
	out := make(map[string]AgeBands, len(want))
	var issues []Issue
	for _, c := range sortedKeys(want) {
		profile, reason := carried(c, parents[c], children, pop, residents, &issues)
		if reason != "" {
			issues = append(issues, joinIssue("age", c+": "+reason))
			continue
		}
		out[c] = scaleBands(profile, residents[c])
	}
	return out, issues
}

// carried sums the shares of c's parents' single-year counts.
func carried(c string, ps []string, children map[string][]string, pop map[string]AgeCounts,
	residents map[string]int, issues *[]Issue) ([91]float64, string) {
	var profile [91]float64
	switch {
	case len(ps) == 0:
		return profile, "no LSOA 2011 → 2021 lookup row"
	case !hasKey(residents, c):
		return profile, "no Census 2021 residents to scale to"
	}
	for _, l := range ps {
		a, ok := pop[l]
		if !ok {
			return profile, fmt.Sprintf("no mid-2020 population for LSOA 2011 %s", l)
		}
		w := share(c, children[l], residents, issues)
		for age, n := range a {
			profile[age] += w * float64(n)
		}
	}
	if sum(profile[:]) == 0 && residents[c] > 0 {
		return profile, "carried profile is empty but the LSOA has residents"
	}
	return profile, ""
}

// share is c's part of a parent whose children are sibs.
func share(c string, sibs []string, residents map[string]int, issues *[]Issue) float64 {
	total := 0
	for _, s := range sibs {
		r, ok := residents[s]
		if !ok {
			*issues = append(*issues, warnJoin("age", fmt.Sprintf("%s: sibling %s has no residents; equal split", c, s)))
			return 1 / float64(len(sibs))
		}
		total += r
	}
	if total == 0 {
		return 1 / float64(len(sibs))
	}
	return float64(residents[c]) / float64(total)
}

// scaleBands turns a single-year profile into bands summing to residents.
func scaleBands(p [91]float64, residents int) AgeBands {
	parts := []float64{sum(p[0:16]), sum(p[16:65]), sum(p[65:75]), sum(p[75:91])}
	n := apportion(residents, parts)
	return AgeBands{Age0to15: n[0], Age16to64: n[1], Age65plus: n[2] + n[3], Age75plus: n[3]}
}

// apportion splits total into whole parts proportional to weights by the
// largest remainder method (ties to the earlier part), so they sum to total.
func apportion(total int, weights []float64) []int {
	out := make([]int, len(weights))
	s := sum(weights)
	if s <= 0 || total <= 0 {
		return out
	}
	rem := make([]float64, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / s
		out[i] = int(math.Floor(exact))
		// Rounded so that remainders equal on paper tie, and ties go to
		// the earlier part whatever the floating-point noise.
		rem[i] = math.Round((exact-float64(out[i]))*1e9) / 1e9
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; given < total; k++ {
		out[order[k%len(order)]]++
		given++
	}
	return out
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// joinIssue records a problem found when joining the files rather than in
// one row: File is empty and Line 0; Reason starts with the LSOA code.
func joinIssue(field, reason string) Issue { return Issue{Field: field, Reason: reason} }

func warnJoin(field, reason string) Issue { return Issue{Field: field, Reason: reason, Warning: true} }
