package main

import (
	"context"
	"fmt"
)

// dispatchData runs the data commands: import, load, compute, route.
func dispatchData(ctx context.Context, e *env, cmd string, args []string) error {
	switch cmd {
	case "import":
		return cmdImport(ctx, e, args)
	case "load":
		return cmdLoad(ctx, e, args)
	case "route":
		return cmdRoute(ctx, e, args)
	case "compute":
		return cmdCompute(ctx, e, args)
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
