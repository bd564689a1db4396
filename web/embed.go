// Package web holds the map application's built assets, embedded in the
// binary. site/ is committed so that a fresh clone builds before any npm
// step has run; the npm build writes its output there.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var files embed.FS

// Site returns the assets rooted at site/.
func Site() fs.FS {
	sub, err := fs.Sub(files, "site")
	if err != nil {
		panic(err) // the pattern above guarantees site/ exists
	}
	return sub
}
