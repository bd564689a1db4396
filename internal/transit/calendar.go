package transit

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
)

// services indexes calendars and calendar dates. A service may be defined
// by a calendar row, by calendar_dates rows, or both.
func (b *builder) services() error {
	s := b.s
	b.svcIdx = map[key]int32{}
	get := func(feedID, id string) (int32, error) {
		f, err := b.feed(feedID, "service "+id)
		if err != nil {
			return 0, err
		}
		k := key{f, id}
		if i, ok := b.svcIdx[k]; ok {
			return i, nil
		}
		i := int32(len(s.svcID))
		b.svcIdx[k] = i
		s.svcID = append(s.svcID, id)
		s.svcFeed = append(s.svcFeed, f)
		s.svcDays = append(s.svcDays, 0)
		s.svcStart = append(s.svcStart, 0)
		s.svcEnd = append(s.svcEnd, -1)
		return i, nil
	}
	for _, c := range b.in.Calendars {
		i, err := get(c.FeedID, c.ServiceID)
		if err != nil {
			return err
		}
		if s.svcDays[i] != 0 || s.svcEnd[i] >= s.svcStart[i] {
			return fmt.Errorf("service %q: two calendar rows", c.ServiceID)
		}
		s.svcDays[i], s.svcStart[i], s.svcEnd[i] = c.Days&0x7f, c.Start, c.End
	}
	type exc struct {
		d   Date
		svc int32
		add bool
	}
	var excs []exc
	for _, d := range b.in.ServiceDates {
		i, err := get(d.FeedID, d.ServiceID)
		if err != nil {
			return err
		}
		if d.Exception != 1 && d.Exception != 2 {
			return fmt.Errorf("service %q date %s: exception type %d", d.ServiceID, d.Date, d.Exception)
		}
		excs = append(excs, exc{d.Date, i, d.Exception == 1})
	}
	slices.SortStableFunc(excs, func(x, y exc) int {
		if x.d != y.d {
			return int(x.d - y.d)
		}
		return int(x.svc - y.svc)
	})
	for _, e := range excs {
		s.excDate = append(s.excDate, e.d)
		s.excService = append(s.excService, e.svc)
		s.excAdd = append(s.excAdd, e.add)
	}
	return nil
}

// ServiceActive reports whether service svc runs on date d: its calendar
// covers d's weekday within [start, end], unless a calendar date removes it;
// a calendar date adding it wins regardless of the calendar.
func (s *Snapshot) ServiceActive(svc int32, d Date) bool {
	active := s.calendarActive(svc, d)
	lo, hi := s.exceptionRange(d)
	for i := lo; i < hi; i++ {
		if s.excService[i] == svc {
			active = s.excAdd[i]
		}
	}
	return active
}

func (s *Snapshot) calendarActive(svc int32, d Date) bool {
	return d >= s.svcStart[svc] && d <= s.svcEnd[svc] && s.svcDays[svc]&(1<<d.Weekday()) != 0
}

// exceptionRange finds the calendar dates rows for d.
func (s *Snapshot) exceptionRange(d Date) (int, int) {
	lo, _ := slices.BinarySearch(s.excDate, d)
	hi, _ := slices.BinarySearch(s.excDate, d+1)
	return lo, hi
}

// activeServices fills dst (one bit per service) with the services running
// on d and returns it, growing dst only when it is too short.
func (s *Snapshot) activeServices(d Date, dst []uint64) []uint64 {
	words := (len(s.svcID) + 63) / 64
	if cap(dst) < words {
		dst = make([]uint64, words)
	}
	dst = dst[:words]
	clear(dst)
	for i := range s.svcID {
		if s.calendarActive(int32(i), d) {
			dst[i>>6] |= 1 << (i & 63)
		}
	}
	lo, hi := s.exceptionRange(d)
	for i := lo; i < hi; i++ {
		v := s.excService[i]
		if s.excAdd[i] {
			dst[v>>6] |= 1 << (v & 63)
		} else {
			dst[v>>6] &^= 1 << (v & 63)
		}
	}
	return dst
}

// ActiveServiceCount counts the services running on d (for diagnostics).
func (s *Snapshot) ActiveServiceCount(d Date) int {
	n := 0
	for i := range s.svcID {
		if s.ServiceActive(int32(i), d) {
			n++
		}
	}
	return n
}

// DayKey identifies what a search on date d can ride: the services
// running on d and on the days either side (whose trips a search reaches
// past midnight, or from before it). Two dates with the same key give
// every search the same answer in service-day seconds, so a caller may
// search once for both.
func (s *Snapshot) DayKey(d Date) string {
	var words []uint64
	b := make([]byte, 0, 3*8*((len(s.svcID)+63)/64))
	for sl := range numSlots {
		words = s.activeServices(d+Date(slotShift[sl]/86400), words)
		for _, x := range words {
			b = binary.LittleEndian.AppendUint64(b, x)
		}
	}
	return string(b)
}

// DayKeyWithin is DayKey for searches that ride only within [lo, hi],
// seconds of d's service day: forward searches leaving at lo or later
// with a Params.Horizon at hi or before, reverse ones arriving by hi or
// earlier with a Horizon at lo or after. It is made of the timetables of
// the runs such a search can ride — d's runs, and d-1's and d+1's shifted
// by a day, whose times overlap the range — not of which services they
// belong to. So dates share a key when what can be ridden is the same:
// a week's weekdays usually, and in feeds that copy a timetable into a
// service per weekday (the Isle of Wight's), the days that copy the same
// one. Two dates with the same key give every such search the same
// answer.
func (s *Snapshot) DayKeyWithin(d Date, lo, hi int32) string {
	k := [3]int32{int32(d), lo, hi}
	if c := s.dayKeys; c != nil {
		c.mu.Lock()
		key, ok := c.keys[k]
		c.mu.Unlock()
		if ok {
			return key
		}
	}
	key := s.dayKeyWithin(d, lo, hi)
	if c := s.dayKeys; c != nil {
		c.mu.Lock()
		if len(c.keys) >= dayKeysKept {
			clear(c.keys)
		}
		c.keys[k] = key
		c.mu.Unlock()
	}
	return key
}

// dayKeyCache keeps the keys DayKeyWithin made: a request asks for the
// same few dates as the last.
type dayKeyCache struct {
	mu   sync.Mutex
	keys map[[3]int32]string
}

// dayKeysKept bounds the cache: a year of dates for a few ranges.
const dayKeysKept = 1024

func newDayKeyCache() *dayKeyCache { return &dayKeyCache{keys: map[[3]int32]string{}} }

func (s *Snapshot) dayKeyWithin(d Date, lo, hi int32) string {
	var words []uint64
	var b []byte
	for sl := range numSlots {
		words = s.activeServices(d+Date(slotShift[sl]/86400), words)
		sh := slotShift[sl]
		for p := range int32(len(s.patRoute)) {
			n := int64(s.patLen(p))
			for g := s.patTripOff[p]; g < s.patTripOff[p+1]; g++ {
				sv := s.ptService[g]
				if words[sv>>6]&(1<<(sv&63)) == 0 {
					continue
				}
				base := s.patTimeOff[p] + int64(g-s.patTripOff[p])*n*2
				if s.times[base+2*n-1]+sh < lo || s.times[base]+sh > hi {
					continue
				}
				b = binary.LittleEndian.AppendUint32(b, uint32(s.ptContent[g]))
			}
		}
		b = binary.LittleEndian.AppendUint32(b, math.MaxUint32) // the slot's end
	}
	return string(b)
}

// numberRuns sets ptContent: runs get the same number when they have the
// same pattern, times and access value. It starts a new DayKeyWithin
// cache, the old one's keys being of the old runs.
func (s *Snapshot) numberRuns() {
	s.dayKeys = newDayKeyCache()
	ids := map[string]int32{}
	s.ptContent = make([]int32, len(s.ptService))
	var k []byte
	for p := range int32(len(s.patRoute)) {
		n := int64(s.patLen(p))
		for g := s.patTripOff[p]; g < s.patTripOff[p+1]; g++ {
			base := s.patTimeOff[p] + int64(g-s.patTripOff[p])*n*2
			k = binary.LittleEndian.AppendUint32(k[:0], uint32(p))
			k = append(k, byte(s.ptAccess[g]))
			for _, t := range s.times[base : base+2*n] {
				k = binary.LittleEndian.AppendUint32(k, uint32(t))
			}
			id, ok := ids[string(k)]
			if !ok {
				id = int32(len(ids))
				ids[string(k)] = id
			}
			s.ptContent[g] = id
		}
	}
}
