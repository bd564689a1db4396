package plan

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestImports keeps the planner a domain package: the standard library
// (no net/http), orb, and Threshold's transit, profile, geo, walk,
// pedestrian and dar.
func TestImports(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/threshold-heritage/threshold/internal/"
	allowed := func(p string) bool {
		first, _, _ := strings.Cut(p, "/")
		switch {
		case !strings.Contains(first, "."):
			return !strings.HasPrefix(p, "net/http")
		case strings.HasPrefix(p, "github.com/paulmach/orb"):
			return true
		}
		for _, ok := range []string{"transit", "profile", "geo", "walk", "pedestrian", "dar"} {
			if p == mod+ok {
				return true
			}
		}
		return false
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
