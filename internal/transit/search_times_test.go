package transit

import (
	"sort"
	"testing"

	"pgregory.net/rapid"
)

// TestSearchTimes: the interpolating search finds what a binary search
// finds, on any non-decreasing column, strided, within any [lo, hi).
func TestSearchTimes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		stride := int64(rapid.IntRange(1, 3).Draw(t, "stride"))
		col := int64(rapid.IntRange(0, 2).Draw(t, "col"))
		s := &Snapshot{times: make([]int32, col+int64(n)*stride+1)}
		v := int32(rapid.IntRange(-100, 100).Draw(t, "start"))
		for j := range n {
			v += int32(rapid.IntRange(0, 20).Draw(t, "step"))
			s.times[col+int64(j)*stride] = v
		}
		lo := int32(rapid.IntRange(0, n).Draw(t, "lo"))
		hi := int32(rapid.IntRange(int(lo), n).Draw(t, "hi"))
		want := int32(rapid.IntRange(-120, int(v)+20).Draw(t, "want"))
		got := s.searchTimes(col, stride, lo, hi, want)
		exp := lo + int32(sort.Search(int(hi-lo), func(k int) bool { return s.times[col+int64(lo+int32(k))*stride] >= want }))
		if got != exp {
			t.Fatalf("searchTimes(lo %d, hi %d, want %d) = %d, want %d (times %v)", lo, hi, want, got, exp, s.times)
		}
	})
}
