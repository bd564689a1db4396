// Package web holds the map application's built assets, embedded in the
// binary. `make web` (a dependency of `make build`) builds web/src with npm
// and esbuild into site/, which git ignores but for site/.gitkeep; a binary
// built before that step (a fresh clone, `go build` alone) serves the page
// in placeholder/ instead, which says how to build the map.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var built embed.FS

//go:embed placeholder
var placeholder embed.FS

// Site returns the built assets rooted at site/, or the placeholder page
// when the web build has not run.
func Site() fs.FS {
	if sub, err := fs.Sub(built, "site"); err == nil {
		if _, err := fs.Stat(sub, "index.html"); err == nil {
			return sub
		}
	}
	sub, err := fs.Sub(placeholder, "placeholder")
	if err != nil {
		panic(err) // the embed pattern above guarantees placeholder/ exists
	}
	return sub
}

// Built reports whether the binary carries the built map (not the
// placeholder).
func Built() bool {
	sub, err := fs.Sub(built, "site")
	if err != nil {
		return false
	}
	_, err = fs.Stat(sub, "index.html")
	return err == nil
}
