package main

import (
	"context"
	"fmt"

	"github.com/threshold-heritage/threshold/internal/pglocal"
)

// cmdMigrate runs "migrate up" or "migrate check"; check exits 1 when the
// schema is behind, so it can gate a deploy.
func cmdMigrate(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || (args[0] != "up" && args[0] != "check") {
		return usageError{"migrate needs up or check"}
	}
	m, err := newMigrator()
	if err != nil {
		return err
	}
	db, err := e.open(ctx, pglocal.RoleOwner)
	if err != nil {
		return err
	}
	defer db.Close()
	if args[0] == "check" {
		pending, err := m.Pending(ctx, db)
		if err != nil {
			return err
		}
		if len(pending) > 0 {
			return exitCode{1, fmt.Sprintf("schema is behind: %d pending, first %s", len(pending), pending[0].Name)}
		}
		fmt.Fprintf(e.stdout, "schema is current (%d migrations)\n", len(m.All()))
		return nil
	}
	done, err := m.Up(ctx, db)
	for _, mig := range done {
		fmt.Fprintf(e.stdout, "applied %s\n", mig.Name)
	}
	if err != nil {
		return err
	}
	if len(done) == 0 {
		fmt.Fprintln(e.stdout, "schema is current")
	}
	return nil
}
