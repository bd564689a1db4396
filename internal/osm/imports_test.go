package osm_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the package's dependency promise (doc.go): the
// standard library, orb, paulmach/osm, internal/geo and internal/walk.
func TestImports(t *testing.T) {
	checkImports(t, []string{
		"github.com/paulmach/orb", "github.com/paulmach/osm",
		"github.com/threshold-heritage/threshold/internal/geo", "github.com/threshold-heritage/threshold/internal/walk",
	})
}

func checkImports(t *testing.T, allowed []string) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !permitted(path, allowed) {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}

func permitted(path string, allowed []string) bool {
	if !strings.Contains(strings.Split(path, "/")[0], ".") {
		return true // standard library
	}
	for _, a := range allowed {
		if path == a || strings.HasPrefix(path, a+"/") {
			return true
		}
	}
	return false
}
