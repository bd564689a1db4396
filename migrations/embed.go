// Package migrations holds Threshold's forward-only, numbered SQL migrations,
// embedded in the binary. An applied file is never edited: add a new one.
package migrations

import "embed"

// FS holds every NNNN_name.sql file of this folder.
//
//go:embed *.sql
var FS embed.FS
