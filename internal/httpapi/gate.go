package httpapi

import (
	"context"
	"runtime"
)

// gate admits at most its capacity of CPU-bound computations at once; the
// rest wait their turn (Go queues blocked senders in arrival order) until
// their deadline, which then answers 503 with Retry-After like any other
// computation past its deadline. With more requests in flight than cores,
// running them all at once only slows every one of them down together and
// multiplies the memory they hold; one at a time per core answers each in
// its service time plus its wait, which keeps the slowest answers close to
// the typical one.
type gate chan struct{}

// newGate makes a gate for n computations, GOMAXPROCS when n <= 0.
func newGate(n int) gate {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return make(gate, n)
}

// enter waits for a place until ctx ends.
func (g gate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	default:
	}
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the place back.
func (g gate) leave() { <-g }
