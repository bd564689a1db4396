// Package pglocal runs a private PostgreSQL + PostGIS cluster for Threshold
// on a developer's or CI's machine, without Docker.
//
// It installs the Debian packages it needs when they are missing (as root),
// creates a cluster with initdb in a folder of its own, starts it with pg_ctl
// on its own port and socket folder, and creates the database, the postgis
// extension and Threshold's three login roles:
//
//	threshold_owner     owns the schema; migrations run as it
//	threshold_importer  reads and writes the published data; imports run as it
//	threshold_api       reads only; the HTTP server connects as it
//
// The server binary refuses to run as root, so when the caller is root every
// PostgreSQL program runs as the postgres system user. That user must be able
// to enter every folder above the data folder: a clone under /root is not
// reachable by it, so Dir falls back to a folder under /tmp named after the
// repository path.
//
// The cluster trusts connections from its own socket and from 127.0.0.1 only:
// it is a local development and test database, never a production one. Role
// separation is enforced by privileges, which the migrations grant.
//
// This package shells out to PostgreSQL's own tools; it imports no driver.
package pglocal
