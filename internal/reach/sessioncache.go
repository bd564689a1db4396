package reach

import (
	"sync"
	"time"
)

// SessionCache keeps the sessions of a few (activity list, date range)
// pairs, so that requests over the same published activities and days
// do not expand the same schedules again. What it holds is the
// activities' own timetable, nothing of a request. A list is known by
// its first element's address and its length, and each entry holds the
// list, so that no other list can take its address while it is cached;
// lists must not be changed in place (the service's are replaced whole
// when activities are reread).
type SessionCache struct {
	mu      sync.Mutex
	entries []sessionEntry // most recently used last
}

type sessionEntry struct {
	acts     []Activity
	from, to time.Time
	sessions []session // shared, read-only
}

// sessionCacheSize is how many pairs a SessionCache keeps: a few start
// dates, over one published list at a time.
const sessionCacheSize = 16

// get returns the sessions of acts from from to to, expanding them on a
// miss; a nil cache expands every time. The result must not be changed.
func (c *SessionCache) get(acts []Activity, from, to time.Time) []session {
	if c == nil || len(acts) == 0 {
		return expandSessions(acts, from, to)
	}
	c.mu.Lock()
	for i, e := range c.entries {
		if &e.acts[0] == &acts[0] && len(e.acts) == len(acts) && e.from.Equal(from) && e.to.Equal(to) && e.from.Location() == from.Location() {
			copy(c.entries[i:], c.entries[i+1:]) // to the back: most recently used
			c.entries[len(c.entries)-1] = e
			c.mu.Unlock()
			return e.sessions
		}
	}
	c.mu.Unlock()
	s := expandSessions(acts, from, to)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= sessionCacheSize {
		c.entries = append(c.entries[:0:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, sessionEntry{acts: acts, from: from, to: to, sessions: s})
	return s
}
