package httpapi

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestTileCacheBound fills the cache past its bound with tiles of several
// sizes and checks after every put that the held cost stays within it,
// that it is the sum of what is held, and that what goes is the least
// recently used.
func TestTileCacheBound(t *testing.T) {
	const bound = 10_000
	c := newTileCache(bound)
	key := func(i int) tileKey { return tileKey{run: 7, profile: "walker", z: 12, x: i, y: 1} }
	tile := func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, 100+(i%7)*400) }
	for i := range 200 {
		c.put(key(i), tile(i))
		if i > 0 {
			c.get(key(0)) // the first tile stays recently used
		}
		n, held := c.size()
		var sum int64
		for k := range c.byKey {
			e := c.byKey[k].Value.(*tileEntry)
			sum += tileCost(e.tile)
		}
		if held > bound || held != sum || n != c.order.Len() {
			t.Fatalf("after %d puts: %d tiles cost %d (sum %d, list %d), bound %d", i+1, n, held, sum, c.order.Len(), bound)
		}
	}
	if got, ok := c.get(key(0)); !ok || !bytes.Equal(got, tile(0)) {
		t.Error("the most recently used tile was evicted")
	}
	if _, ok := c.get(key(1)); ok {
		t.Error("an old, unused tile is still held")
	}
	if got, ok := c.get(key(199)); !ok || !bytes.Equal(got, tile(199)) {
		t.Error("the last tile put is not held")
	}
	n, held := c.size()
	if n < 3 || held < bound/2 {
		t.Errorf("the cache holds only %d tiles, %d bytes of %d", n, held, bound)
	}
}

// TestTileCacheReplaceAndOversize: putting a key again replaces its tile
// and its cost; a tile beyond the whole bound is not kept; a cache of
// zero bytes is none.
func TestTileCacheReplaceAndOversize(t *testing.T) {
	c := newTileCache(4096)
	k := tileKey{run: 1, profile: "walker", z: 10, x: 508, y: 343}
	c.put(k, make([]byte, 1000))
	c.put(k, make([]byte, 10))
	if n, held := c.size(); n != 1 || held != tileCost(make([]byte, 10)) {
		t.Errorf("after replacing: %d tiles, %d bytes", n, held)
	}
	c.put(tileKey{run: 1, profile: "walker", z: 10, x: 0, y: 0}, make([]byte, 5000))
	if n, _ := c.size(); n != 1 {
		t.Errorf("a tile larger than the bound was kept: %d tiles", n)
	}
	if got, ok := c.get(k); !ok || len(got) != 10 {
		t.Errorf("the replaced tile: %d bytes, %v", len(got), ok)
	}
	if newTileCache(0) != nil || newTileCache(-1) != nil {
		t.Error("a cache of no bytes is not nil")
	}
}

// TestTileCacheConcurrent runs puts and gets from several goroutines (run
// with -race) and checks the bound at the end.
func TestTileCacheConcurrent(t *testing.T) {
	c := newTileCache(50_000)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				k := tileKey{run: int64(i % 3), profile: fmt.Sprint("p", g%2), z: 12, x: i % 97, y: g}
				if got, ok := c.get(k); ok && len(got) != 50+k.x {
					t.Errorf("tile %+v has %d bytes", k, len(got))
					return
				}
				c.put(k, make([]byte, 50+k.x))
			}
		})
	}
	wg.Wait()
	if _, held := c.size(); held > 50_000 {
		t.Errorf("%d bytes held, bound 50000", held)
	}
}
