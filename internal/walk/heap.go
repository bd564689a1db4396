package walk

// heapItem is a tentative label: a node and its key (seconds). Stale items
// are skipped when popped (lazy deletion), so the heap never needs a
// decrease-key and its backing array is reused between queries.
type heapItem struct {
	key  float64
	node int32
}

func less(a, b heapItem) bool {
	return a.key < b.key || (a.key == b.key && a.node < b.node)
}

type minHeap []heapItem

func (h *minHeap) push(it heapItem) {
	*h = append(*h, it)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !less(s[i], s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *minHeap) pop() heapItem {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	*h = s
	i := 0
	for {
		l := 2*i + 1
		if l >= len(s) {
			break
		}
		c := l
		if r := l + 1; r < len(s) && less(s[r], s[l]) {
			c = r
		}
		if !less(s[c], s[i]) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	return top
}
