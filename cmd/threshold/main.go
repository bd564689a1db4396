// Command threshold is Threshold's one binary: the HTTP server, the local
// database, migrations, imports, coverage and the journey planner.
//
// Configuration comes from flags and from the environment (read here and
// nowhere else): DATABASE_URL, THRESHOLD_ADDR, THRESHOLD_PGPORT,
// THRESHOLD_PGDIR, THRESHOLD_DB_NAME, THRESHOLD_API_DATABASE_URL,
// THRESHOLD_IMPORT_DATABASE_URL. See the README for their meaning.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// usageError marks errors that should print the usage text.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `threshold: who can get to heritage activities prescribed for wellbeing

usage:
  threshold serve [--addr host:port] [--poll 30s]
  threshold db start|stop|status|url [--port N] [--dir DIR] [--role owner|importer|api] [--remove]
  threshold migrate up|check
  threshold import [--source ID] [--force] [--illustrative] <kind> <path>
                                     kinds: gtfs naptan osm museums nhle openreferral areas
  threshold load <region dir>        runs the imports named in region.json
  threshold compute coverage [--profile ID] [--week YYYY-MM-DD] [--force] [--workers N]
  threshold route --from <lat,lon|stop:ID> --to <lat,lon|stop:ID> --depart <YYYY-MM-DDTHH:MM> [--arrive-by] [--profile ID] [--no-policy] [--json]
`

// Main runs one command and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	env := newEnv(stdout, stderr, getenv)
	err := dispatch(ctx, env, args)
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "threshold: %s\n\n%s", ue.msg, usage)
		return 2
	}
	var ec exitCode
	if errors.As(err, &ec) {
		fmt.Fprintf(stderr, "threshold: %s\n", ec.msg)
		return ec.code
	}
	fmt.Fprintf(stderr, "threshold: %v\n", err)
	return 1
}

// exitCode carries a specific exit status (e.g. migrate check's "behind").
type exitCode struct {
	code int
	msg  string
}

func (e exitCode) Error() string { return e.msg }

func dispatch(ctx context.Context, env *env, args []string) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, env, rest)
	case "db":
		return cmdDB(ctx, env, rest)
	case "migrate":
		return cmdMigrate(ctx, env, rest)
	case "help", "-h", "--help":
		fmt.Fprint(env.stdout, usage)
		return nil
	default:
		return dispatchData(ctx, env, cmd, rest)
	}
}
