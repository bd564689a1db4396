package transit

import (
	"encoding/binary"
	"slices"
)

// patterns groups runs into RAPTOR routes ("patterns"): runs of one GTFS
// route with the same stop sequence and the same pickup/drop-off rules,
// split further so that no run overtakes another. Within a pattern, runs are
// sorted by departure and, for every position, both arrival and departure
// are non-decreasing across runs — the invariant the route scan relies on.
func (b *builder) patterns() error {
	groups := b.groupRuns()
	b.reserve()
	for _, g := range groups {
		b.sortRuns(g)
		for _, part := range b.splitOvertaking(g) {
			b.emitPattern(part)
		}
	}
	s := b.s
	s.patStopOff = append(s.patStopOff, int32(len(s.patStops)))
	s.patTripOff = append(s.patTripOff, int32(len(s.ptMeta)))
	s.patStopOff = s.patStopOff[:len(s.patStopOff):len(s.patStopOff)]
	return nil
}

// reserve sizes the pattern arrays exactly, so the snapshot holds no slack.
func (b *builder) reserve() {
	s := b.s
	var times, trips int
	for _, r := range b.runs {
		times += 2 * len(b.calls(r.meta))
		trips++
	}
	s.times = make([]int32, 0, times)
	s.ptMeta = make([]int32, 0, trips)
	s.ptService = make([]int32, 0, trips)
	s.ptAccess = make([]Access, 0, trips)
	s.ptPattern = make([]int32, 0, trips)
}

// groupRuns buckets runs by (route, stops, pickup/drop-off flags), in order
// of first appearance so the result is deterministic.
func (b *builder) groupRuns() [][]run {
	index := map[string]int{}
	var groups [][]run
	var buf []byte
	for _, r := range b.runs {
		buf = b.patternKey(buf[:0], r.meta)
		g, ok := index[string(buf)]
		if !ok {
			g = len(groups)
			index[string(buf)] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], r)
	}
	return groups
}

func (b *builder) patternKey(buf []byte, t int32) []byte {
	buf = binary.LittleEndian.AppendUint32(buf, uint32(b.s.tripRoute[t]))
	for _, c := range b.calls(t) {
		st := &b.in.StopTimes[c]
		buf = binary.LittleEndian.AppendUint32(buf, uint32(b.stStop[c]))
		buf = append(buf, flagByte(st.PickupType != 1, st.DropOffType != 1))
	}
	return buf
}

func flagByte(on, off bool) byte {
	var f byte
	if on {
		f |= 1
	}
	if off {
		f |= 2
	}
	return f
}

func (b *builder) calls(t int32) []int32 { return b.st[b.stOff[t]:b.stOff[t+1]] }

// arr and dep are the times of run r at position i.
func (b *builder) arr(r run, i int) int32 { return b.in.StopTimes[b.calls(r.meta)[i]].Arr + r.shift }
func (b *builder) dep(r run, i int) int32 { return b.in.StopTimes[b.calls(r.meta)[i]].Dep + r.shift }

// sortRuns orders runs by their times, position by position, then by trip
// index and shift for a deterministic order among identical runs.
func (b *builder) sortRuns(g []run) {
	n := len(b.calls(g[0].meta))
	slices.SortStableFunc(g, func(x, y run) int {
		for i := 0; i < n; i++ {
			if d := b.dep(x, i) - b.dep(y, i); d != 0 {
				return int(d)
			}
			if d := b.arr(x, i) - b.arr(y, i); d != 0 {
				return int(d)
			}
		}
		if x.meta != y.meta {
			return int(x.meta - y.meta)
		}
		return int(x.shift - y.shift)
	})
}

// splitOvertaking assigns each run, in sorted order, to the first part whose
// last run it does not overtake (all its times are at least that run's).
func (b *builder) splitOvertaking(g []run) [][]run {
	n := len(b.calls(g[0].meta))
	var parts [][]run
	for _, r := range g {
		placed := false
		for k, p := range parts {
			if b.notBefore(r, p[len(p)-1], n) {
				parts[k] = append(p, r)
				placed = true
				break
			}
		}
		if !placed {
			parts = append(parts, []run{r})
		}
	}
	return parts
}

func (b *builder) notBefore(r, last run, n int) bool {
	for i := 0; i < n; i++ {
		if b.arr(r, i) < b.arr(last, i) || b.dep(r, i) < b.dep(last, i) {
			return false
		}
	}
	return true
}

func (b *builder) emitPattern(part []run) {
	s := b.s
	p := int32(len(s.patRoute))
	calls := b.calls(part[0].meta)
	s.patStopOff = append(s.patStopOff, int32(len(s.patStops)))
	s.patTripOff = append(s.patTripOff, int32(len(s.ptMeta)))
	s.patTimeOff = append(s.patTimeOff, int64(len(s.times)))
	s.patRoute = append(s.patRoute, s.tripRoute[part[0].meta])
	for _, c := range calls {
		st := &b.in.StopTimes[c]
		s.patStops = append(s.patStops, b.stStop[c])
		s.patCanOn = append(s.patCanOn, st.PickupType != 1)
		s.patCanOff = append(s.patCanOff, st.DropOffType != 1)
	}
	for _, r := range part {
		s.ptMeta = append(s.ptMeta, r.meta)
		s.ptService = append(s.ptService, s.tripService[r.meta])
		s.ptAccess = append(s.ptAccess, s.tripAccess[r.meta])
		s.ptPattern = append(s.ptPattern, p)
		for i := range calls {
			s.times = append(s.times, b.arr(r, i), b.dep(r, i))
		}
	}
	s.stopTimes += len(part) * len(calls)
}

// stopIndex builds the stop → (pattern, position) index.
func (b *builder) stopIndex() error {
	s := b.s
	n := len(s.stopID)
	s.stopPatOff = make([]int32, n+1)
	for _, st := range s.patStops {
		s.stopPatOff[st+1]++
	}
	for i := 0; i < n; i++ {
		s.stopPatOff[i+1] += s.stopPatOff[i]
	}
	s.stopPat = make([]int32, len(s.patStops))
	s.stopPatPos = make([]int32, len(s.patStops))
	fill := slices.Clone(s.stopPatOff[:n])
	for p := range s.patRoute {
		for i := s.patStopOff[p]; i < s.patStopOff[p+1]; i++ {
			st := s.patStops[i]
			s.stopPat[fill[st]] = int32(p)
			s.stopPatPos[fill[st]] = i - s.patStopOff[p]
			fill[st]++
		}
	}
	return nil
}
