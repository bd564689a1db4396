package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// rowPipe turns a push-style reader (a callback per row, as the domain
// parsers stream) into the pull-style source COPY wants, with a goroutine
// and a small buffered channel so memory stays flat however large the file.
type rowPipe struct {
	rows chan []any
	errc chan error
	cur  []any
	err  error
}

// pipeRows runs produce in a goroutine; produce calls emit for every row.
func pipeRows(ctx context.Context, produce func(emit func([]any) error) error) *rowPipe {
	p := &rowPipe{rows: make(chan []any, 1024), errc: make(chan error, 1)}
	go func() {
		defer close(p.rows)
		p.errc <- produce(func(r []any) error {
			select {
			case p.rows <- r:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	return p
}

func (p *rowPipe) Next() bool {
	r, ok := <-p.rows
	if !ok {
		p.err = <-p.errc
		return false
	}
	p.cur = r
	return true
}

func (p *rowPipe) Values() ([]any, error) { return p.cur, nil }
func (p *rowPipe) Err() error             { return p.err }

// copyStream COPYs every row produce emits into table.
func copyStream(ctx context.Context, tx pgx.Tx, table string, cols []string, produce func(emit func([]any) error) error) (int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := pipeRows(ctx, produce)
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, p)
	if err != nil {
		cancel()
		for range p.rows { // let the producer finish
		}
		if p.err == nil {
			p.err = <-p.errc
		}
		if p.err != nil && p.err != context.Canceled {
			return n, fmt.Errorf("copy into %s: %w", table, p.err)
		}
		return n, classify(err, "copy into %s", table)
	}
	return n, nil
}

// nullStr maps "" to NULL.
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt32 maps negative sentinels (absent) to NULL.
func nullInt32(v int32) any {
	if v < 0 {
		return nil
	}
	return v
}
