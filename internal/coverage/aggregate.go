package coverage

import (
	"cmp"
	"slices"
)

// result sums the workers' counters into resolution-9 cells, then rolls
// them up.
func (c *computation) result(ws []*worker) Result {
	cells := c.in.Cells
	r := Result{ProfileID: c.p.ID, Week: c.in.Week}
	sess := make([]int32, len(cells))
	unknown := make([]int32, len(cells))
	assumed := make([]int32, len(cells))
	acts := make([]int32, len(cells))
	var parentActs [3][]int32
	for l := range 3 {
		parentActs[l] = make([]int32, len(c.parents.ids[l]))
	}
	for _, w := range ws {
		addInto(sess, w.sess)
		addInto(unknown, w.unknown)
		addInto(assumed, w.assumed)
		addInto(acts, w.acts)
		for l := range 3 {
			addInto(parentActs[l], w.parentActs[l])
		}
		r.Sessions += w.sessions
		r.TransitSearches += w.searches
		r.Fallbacks += w.fallback
		r.Reached = append(r.Reached, w.reached...)
	}
	r.Cells = make([]CellResult, 0, len(cells)+len(c.parents.ids[0])+len(c.parents.ids[1])+len(c.parents.ids[2]))
	for i, cell := range cells {
		r.Cells = append(r.Cells, CellResult{Cell: cell.ID, Res: 9, Activities: int(acts[i]), SessionsPerWeek: float64(sess[i]),
			Population: cell.Population, ProfilePopulation: ProfilePopulation(c.p, cell),
			UnknownShare: share(unknown[i], sess[i]), AssumedShare: share(assumed[i], sess[i]),
			RUC21: cell.RUC21, IMDDecile: cell.IMDDecile})
	}
	fine := r.Cells[:len(cells)]
	for l := range 3 {
		r.Cells = append(r.Cells, c.rollUp(l, fine, sess, unknown, assumed, parentActs[l])...)
	}
	slices.SortFunc(r.Reached, func(a, b SessionReach) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ActivityID, b.ActivityID))
	})
	return r
}

func addInto(dst, src []int32) {
	for i, v := range src {
		dst[i] += v
	}
}

func share(n, of int32) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// parentSums accumulates one parent cell's children.
type parentSums struct {
	pop, profPop       float64
	popSess, popWeight float64 // Σ pop·sessions, Σ pop
	popUnknown         float64 // Σ pop·unknown sessions
	popAssumed         float64
	n                  int
	sess, unk, asm     int32 // unweighted, for parents of empty children
	ruc                map[string]float64
	imd                map[int]float64
}

// rollUp aggregates level l (0: res 8, 1: res 7, 2: res 6) as the package
// doc says: population sums, the exact union of activities, and
// population-weighted sessions and shares. A parent whose children hold
// nobody weighs each child equally.
func (c *computation) rollUp(l int, fine []CellResult, sess, unknown, assumed, acts []int32) []CellResult {
	sums := make([]parentSums, len(c.parents.ids[l]))
	for i, f := range fine {
		s := &sums[c.parents.of[l][i]]
		w := f.Population
		s.pop += f.Population
		s.profPop += f.ProfilePopulation
		s.popSess += w * float64(sess[i])
		s.popWeight += w
		s.popUnknown += w * float64(unknown[i])
		s.popAssumed += w * float64(assumed[i])
		s.n++
		s.sess, s.unk, s.asm = s.sess+sess[i], s.unk+unknown[i], s.asm+assumed[i]
		if s.ruc == nil {
			s.ruc, s.imd = map[string]float64{}, map[int]float64{}
		}
		s.ruc[f.RUC21] += w
		s.imd[f.IMDDecile] += w
	}
	out := make([]CellResult, len(sums))
	for k, s := range sums {
		out[k] = CellResult{Cell: c.parents.ids[l][k], Res: Resolutions[l+1], Activities: int(acts[k]),
			Population: s.pop, ProfilePopulation: s.profPop, RUC21: majority(s.ruc), IMDDecile: majority(s.imd)}
		switch {
		case s.popWeight > 0:
			out[k].SessionsPerWeek = s.popSess / s.popWeight
			if s.popSess > 0 {
				out[k].UnknownShare, out[k].AssumedShare = s.popUnknown/s.popSess, s.popAssumed/s.popSess
			}
		case s.n > 0:
			out[k].SessionsPerWeek = float64(s.sess) / float64(s.n)
			out[k].UnknownShare, out[k].AssumedShare = share(s.unk, s.sess), share(s.asm, s.sess)
		}
	}
	return out
}

// majority is the key with the largest weight; ties go to the smaller key.
func majority[K cmp.Ordered](m map[K]float64) K {
	var best K
	bw := -1.0
	for k, w := range m {
		if w > bw || (w == bw && k < best) {
			best, bw = k, w
		}
	}
	return best
}
