package transit

import "sync/atomic"

// Holder publishes the current snapshot. A query loads the snapshot once
// and uses it to the end, so it never sees half of an import; Swap replaces
// it for the queries that start afterwards. The server owns one Holder.
type Holder struct {
	p atomic.Pointer[Snapshot]
}

// Load returns the current snapshot, or nil before the first Swap.
func (h *Holder) Load() *Snapshot { return h.p.Load() }

// Swap publishes s and returns the snapshot it replaces.
func (h *Holder) Swap(s *Snapshot) *Snapshot { return h.p.Swap(s) }
