package reach

import (
	"sync"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// Pool keeps transit searchers for reuse across requests, per snapshot: a
// searcher holds per-stop arrays sized to its snapshot, so making five for
// every request would cost more than the searches.
type Pool struct {
	pools sync.Map // *transit.Snapshot → *sync.Pool of *searchers
}

func (p *Pool) get(s *transit.Snapshot) *searchers {
	if p == nil {
		return newSearchers(s)
	}
	v, _ := p.pools.LoadOrStore(s, &sync.Pool{New: func() any { return newSearchers(s) }})
	return v.(*sync.Pool).Get().(*searchers)
}

func (p *Pool) put(s *transit.Snapshot, x *searchers) {
	if p == nil || x == nil {
		return
	}
	if v, ok := p.pools.Load(s); ok {
		v.(*sync.Pool).Put(x)
	}
}
