package reach

import (
	"sync"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// Pool keeps transit searchers for reuse across requests, per snapshot: a
// searcher holds per-stop arrays sized to its snapshot, so making five for
// every request would cost more than the searches. Unlike a sync.Pool it
// keeps them through garbage collections (which, under load, come every
// few requests and would have them made again), up to poolKeep sets for
// each of the last poolSnapshots snapshots asked for; older snapshots,
// replaced when timetables reload, are let go.
type Pool struct {
	mu    sync.Mutex
	lists []freeList // most recently added last
}

type freeList struct {
	snap *transit.Snapshot
	free []*searchers
}

const (
	poolKeep      = 16 // more than the answers computed at once
	poolSnapshots = 4
)

func (p *Pool) get(s *transit.Snapshot) *searchers {
	if p == nil {
		return newSearchers(s)
	}
	p.mu.Lock()
	for i := range p.lists {
		if l := &p.lists[i]; l.snap == s && len(l.free) > 0 {
			x := l.free[len(l.free)-1]
			l.free = l.free[:len(l.free)-1]
			p.mu.Unlock()
			return x
		}
	}
	p.mu.Unlock()
	return newSearchers(s)
}

func (p *Pool) put(s *transit.Snapshot, x *searchers) {
	if p == nil || x == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.lists {
		if l := &p.lists[i]; l.snap == s {
			if len(l.free) < poolKeep {
				l.free = append(l.free, x)
			}
			return
		}
	}
	if len(p.lists) == poolSnapshots {
		p.lists = append(p.lists[:0], p.lists[1:]...)
	}
	p.lists = append(p.lists, freeList{snap: s, free: []*searchers{x}})
}
