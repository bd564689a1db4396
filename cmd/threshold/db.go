package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/threshold-heritage/threshold/internal/pglocal"
)

func cmdDB(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"db needs one of start, stop, status, url"}
	}
	fs := flag.NewFlagSet("db", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	port := fs.Int("port", e.pgPort, "port of the local cluster")
	dir := fs.String("dir", e.pgDir, "folder of the local cluster")
	role := fs.String("role", pglocal.RoleOwner, "role for url: owner, importer or api")
	remove := fs.Bool("remove", false, "with stop: delete the cluster's folder")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err.Error()}
	}
	e.pgPort, e.pgDir = *port, *dir
	r, err := roleName(*role)
	if err != nil {
		return err
	}
	if e.databaseURL != "" {
		return dbExternal(e, args[0], r)
	}
	c, err := e.cluster()
	if err != nil {
		return err
	}
	switch args[0] {
	case "start":
		if err := c.Start(ctx); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, c.URL(r))
	case "stop":
		return c.Stop(ctx, *remove)
	case "status":
		if !c.Running(ctx) {
			return exitCode{3, fmt.Sprintf("not running (cluster folder %s, port %d)", c.Dir, c.Port)}
		}
		fmt.Fprintf(e.stdout, "running on 127.0.0.1:%d, data in %s\n", c.Port, c.Dir)
	case "url":
		fmt.Fprintln(e.stdout, c.URL(r))
	default:
		return usageError{fmt.Sprintf("unknown db command %q", args[0])}
	}
	return nil
}

// dbExternal answers db commands when DATABASE_URL names the database:
// nothing is started or stopped.
func dbExternal(e *env, cmd, role string) error {
	switch cmd {
	case "start", "url", "status":
		u, err := e.url(role)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, u)
		return nil
	case "stop":
		fmt.Fprintln(e.stderr, "DATABASE_URL is set: the database is not ours to stop")
		return nil
	}
	return usageError{fmt.Sprintf("unknown db command %q", cmd)}
}

func roleName(short string) (string, error) {
	switch short {
	case "owner", pglocal.RoleOwner:
		return pglocal.RoleOwner, nil
	case "importer", pglocal.RoleImporter:
		return pglocal.RoleImporter, nil
	case "api", pglocal.RoleAPI:
		return pglocal.RoleAPI, nil
	}
	return "", usageError{fmt.Sprintf("unknown role %q: use owner, importer or api", short)}
}
