package transit

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestImports keeps the package a domain package: standard library, orb,
// internal/geo and internal/walk (the street graph footpaths are walked on)
// only — no pgx, no gtfs, no HTTP.
func TestImports(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	allowed := func(p string) bool {
		first, _, _ := strings.Cut(p, "/")
		stdlib := !strings.Contains(first, ".")
		return stdlib && !strings.HasPrefix(p, "net/http") ||
			strings.HasPrefix(p, "github.com/paulmach/orb") ||
			p == "github.com/threshold-heritage/threshold/internal/geo" ||
			p == "github.com/threshold-heritage/threshold/internal/walk"
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			if p := strings.Trim(im.Path.Value, `"`); !allowed(p) {
				t.Errorf("%s imports %s", name, p)
			}
		}
	}
}
