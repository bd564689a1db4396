package httpapi

import (
	"container/list"
	"sync"
)

// DefaultTileCacheBytes bounds the coverage tile cache when the caller
// does not: some ten thousand typical tiles of a few kilobytes.
const DefaultTileCacheBytes = 64 << 20

// tileEntryOverhead is what one cached tile costs besides its bytes (the
// map slot, the list element, the key), so that the bound also holds for
// many empty tiles.
const tileEntryOverhead = 160

// tileKey names one rendered tile. The run is the published coverage run
// the tile was drawn from: a newly published run has a new id, so its
// tiles never meet the old run's entries, which age out of the cache.
type tileKey struct {
	run     int64
	profile string
	z, x, y int
}

type tileEntry struct {
	key  tileKey
	tile []byte
}

// tileCache is a least-recently-used cache of rendered tiles bounded in
// bytes. Cached tiles are shared and never modified. Safe for concurrent
// use.
type tileCache struct {
	max int64

	mu    sync.Mutex
	bytes int64
	order list.List // of *tileEntry, most recently used first
	byKey map[tileKey]*list.Element
}

// newTileCache returns a cache holding at most maxBytes, or nil (no
// cache) when maxBytes is not positive.
func newTileCache(maxBytes int64) *tileCache {
	if maxBytes <= 0 {
		return nil
	}
	return &tileCache{max: maxBytes, byKey: map[tileKey]*list.Element{}}
}

func tileCost(tile []byte) int64 { return int64(len(tile)) + tileEntryOverhead }

// get returns the tile stored under k and marks it recently used.
func (c *tileCache) get(k tileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*tileEntry).tile, true
}

// put stores tile under k, evicting the least recently used tiles beyond
// the bound. A tile larger than the whole bound is not stored.
func (c *tileCache) put(k tileKey, tile []byte) {
	cost := tileCost(tile)
	if cost > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		e := el.Value.(*tileEntry)
		c.bytes += cost - tileCost(e.tile)
		e.tile = tile
		c.order.MoveToFront(el)
	} else {
		c.byKey[k] = c.order.PushFront(&tileEntry{key: k, tile: tile})
		c.bytes += cost
	}
	for c.bytes > c.max {
		el := c.order.Back()
		e := el.Value.(*tileEntry)
		c.order.Remove(el)
		delete(c.byKey, e.key)
		c.bytes -= tileCost(e.tile)
	}
}

// size returns the tiles held and what they cost against the bound.
func (c *tileCache) size() (tiles int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byKey), c.bytes
}
