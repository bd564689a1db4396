// Package postgis is Threshold's storage edge and the only importer of pgx.
//
// It owns the connection pool, the migrations runner, the stores that read
// and write the published data, and the COPY loaders used by imports. SQL is
// plain text beside the function that runs it; every value is a $n
// parameter, and identifiers that vary come from code, never from a request.
//
// Errors leaving this package are classified into the kinds of errors.go
// (invalid, not found, conflict, unavailable, internal) so that the HTTP
// layer can map them to a status in one place.
//
// Migrations are forward-only, numbered files embedded from migrations/,
// applied each in its own transaction under a session advisory lock and
// recorded in schema_migrations with a checksum: an applied file that has
// since changed is an error, never silently re-run.
package postgis
