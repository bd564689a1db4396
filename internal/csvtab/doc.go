// Package csvtab reads CSV tables by column name, one row at a time, and
// records what is wrong with a row as an [Issue] instead of failing the read.
// It is the shared reading layer of the source parsers (naptan, museums,
// nhle, area); what a row means stays with them.
//
// # Columns by name
//
// A [Header] maps normalised column names to positions: names are compared
// without case, spaces, underscores, hyphens or a byte order mark, so
// "ATCOCode", " atco_code" and "\ufeffATCOCode" are one column and column
// order may change between releases. The first of repeated names wins.
// [Field] returns a trimmed value, or "" for an absent column.
//
// # Rows and issues
//
// [Open] reads the header of a strict CSV reader: quotes must be well formed
// (one stray quote must not swallow the rest of the file silently), a UTF-8
// byte order mark is dropped, and rows may have any length so that a short or
// long row is rejected on its own rather than stopping the read.
// [Table.Rows] counts each row in a [Report], rejects a row whose field count
// differs from the header's, and hands the rest to the caller with their line
// numbers. Only structural breakage is an error, and it names the file and
// line: an empty file, a missing required column ([Table.Need]) or broken
// quoting.
//
// # Imports
//
// Standard library only. It knows no source format and must not import any
// other Threshold package, pgx, chi or net/http.
package csvtab
