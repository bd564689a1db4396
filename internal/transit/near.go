package transit

import (
	"slices"

	"github.com/paulmach/orb"
)

// StopsNear appends to dst the stops within maxM walking metres of p
// (straight line × the snapshot's detour factor, as footpaths count it),
// with the metres and the seconds at speed m/s, nearest first. It is the
// straight-line estimate the walking layer falls back on; dst is reused.
func (s *Snapshot) StopsNear(p orb.Point, maxM, speed float64, dst []StopAccess) []StopAccess {
	start := len(dst)
	var buf [64]int32
	cand := s.grid.near(s.stopPoint, p, maxM/s.opt.DetourFactor, buf[:0])
	for _, v := range cand {
		m := WalkMetres(p, s.stopPoint[v], s.opt.DetourFactor)
		if m <= maxM {
			dst = append(dst, StopAccess{Stop: v, Metres: int32(m), Seconds: WalkSeconds(m, speed)})
		}
	}
	slices.SortFunc(dst[start:], func(a, b StopAccess) int {
		if a.Metres != b.Metres {
			return int(a.Metres - b.Metres)
		}
		return int(a.Stop - b.Stop)
	})
	return dst
}
