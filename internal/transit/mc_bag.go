package transit

// Label kinds of a multi-criteria label.
const (
	mcOrigin uint8 = iota // the access walk to an origin stop
	mcWalk                // a walking transfer after a ride
	mcRide                // a ride
)

// mcLabel is one label in the arena. A label is never changed after it is
// made except for next (its bag link), so parents stay valid when a label
// leaves its bag.
type mcLabel struct {
	arr    int32
	fare   int32 // pence, fareUnknown when a ride's fare is unknown
	parent int32 // the label this one extends, -1 for an origin
	next   int32 // next label of the stop's bag, -1 at the end
	stop   int32
	trip   int32  // ride: global pattern-trip index
	board  uint16 // ride: boarding position in the pattern
	alight uint16 // ride: alighting position
	rides  uint8
	kind   uint8
	slot   uint8 // ride: day slot
}

// routeLabel is a label riding a run during one pattern scan.
type routeLabel struct {
	parent int32 // the boarding label
	fare   int32 // the parent's fare
	trip   int32 // run within the pattern
	board  int32 // boarding position
	slot   int32
}

// mcScratch is the per-query state of multi-criteria searches: a label
// arena and one bag (a linked list of arena indices) per stop. Bags of
// stops untouched this query are empty: their head stamp is stale.
type mcScratch struct {
	labels    []mcLabel
	heads     []int32
	headStamp []uint32
	stamp     uint32
	rb        []routeLabel
	fm        FareModel
	budget    int32
	changes   [numSlots][]int32 // FareChanges per day slot
	floor     int32             // FareFloor, else 0
	blind     bool              // RouteFares says fares ignore boarding
	res       MCResult
}

func newMCScratch(n int32) *mcScratch {
	return &mcScratch{heads: make([]int32, n), headStamp: make([]uint32, n)}
}

func (m *mcScratch) reset(fm FareModel, budget int32) {
	m.labels = m.labels[:0]
	m.stamp++
	m.fm, m.budget = fm, budget
}

// head is the first label of stop v's bag, or -1.
func (m *mcScratch) head(v int32) int32 {
	if m.headStamp[v] != m.stamp {
		return -1
	}
	return m.heads[v]
}

// dominates reports whether a is no worse than b on every criterion.
func dominates(a, b *mcLabel) bool {
	return a.arr <= b.arr && a.fare <= b.fare && a.rides <= b.rides &&
		(a.kind == mcRide || b.kind != mcRide)
}

// insert offers c to stop c.stop's bag. It drops c when a label of the bag
// dominates it; otherwise it unlinks the labels c dominates, adds c and
// returns its index. A bag never holds two labels one of which dominates
// the other, so when c is dominated nothing was unlinked before (that label
// would dominate the unlinked one too).
func (m *mcScratch) insert(c mcLabel) int32 {
	v := c.stop
	prev := int32(-1)
	for i := m.head(v); i >= 0; i = m.labels[i].next {
		l := &m.labels[i]
		if dominates(l, &c) {
			return -1
		}
		if dominates(&c, l) {
			m.unlink(v, prev, l.next)
			continue
		}
		prev = i
	}
	c.next = m.head(v)
	id := int32(len(m.labels))
	m.labels = append(m.labels, c)
	m.heads[v], m.headStamp[v] = id, m.stamp
	return id
}

// unlink removes the label after prev (the head when prev is -1) from v's
// bag; next is the label that followed it.
func (m *mcScratch) unlink(v, prev, next int32) {
	if prev < 0 {
		m.heads[v] = next
		return
	}
	m.labels[prev].next = next
}

// dominated reports whether some label of v's bag dominates c.
func (m *mcScratch) dominated(c *mcLabel) bool {
	for i := m.head(c.stop); i >= 0; i = m.labels[i].next {
		if dominates(&m.labels[i], c) {
			return true
		}
	}
	return false
}

func (m *mcScratch) summary(i int32) MCLabel {
	l := &m.labels[i]
	s := MCLabel{Arrive: l.arr, Fare: l.fare, FareKnown: l.fare != fareUnknown,
		Rides: int(l.rides), Ride: l.kind == mcRide, id: i}
	if !s.FareKnown {
		s.Fare = -1
	}
	return s
}

// addFare adds a ride's fare to a journey's: unknown stays unknown, an
// unknown or negative ride fare makes it unknown, and known sums saturate
// below fareUnknown.
func addFare(sum, ride int32, ok bool) int32 {
	if !ok || ride < 0 || sum == fareUnknown {
		return fareUnknown
	}
	t := int64(sum) + int64(ride)
	if t >= int64(fareUnknown) {
		return fareUnknown - 1
	}
	return int32(t)
}
