package transit

// Route finds the best journey between two sets of stops with their access
// and egress walks: the earliest arrival departing at or after p.Time, or,
// with arriveBy, the latest departure arriving by p.Time. Every journey has
// at least one ride (a direct walk is the walking layer's answer), the
// access walk leads straight to the first ride and the egress walk leaves
// straight from the last. It fills j and reports whether a journey exists.
func (w *Searcher) Route(origins, destinations []StopAccess, p Params, arriveBy bool, j *Journey) (bool, error) {
	src, dst := origins, destinations
	if arriveBy {
		src, dst = destinations, origins
	}
	if _, err := w.search(src, dst, p, arriveBy); err != nil {
		return false, err
	}
	return w.bestJourney(j), nil
}

// bestJourney reconstructs the journey to the target with the best label
// including its walk, ties broken by the lower stop index.
func (w *Searcher) bestJourney(j *Journey) bool {
	best, at := int32(inf), int32(-1)
	for _, v := range w.dstStops {
		l := w.ride[w.idx(w.k, v)]
		if l == inf {
			continue
		}
		if t := l + w.dstSec[v]; t < best || t == best && v < at {
			best, at = t, v
		}
	}
	if at < 0 || best > w.limit {
		return false
	}
	if w.reverse {
		return w.reverseJourney(at, true, j) && w.prependAccess(at, j)
	}
	return w.forwardJourney(at, true, j) && w.appendEgress(at, j)
}
