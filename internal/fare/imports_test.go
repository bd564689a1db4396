package fare

import (
	"go/build"
	"strings"
	"testing"
)

// The package's non-test code imports the standard library only: no pgx,
// no internal/gtfs, nothing of the infrastructure.
func TestImportsStandardLibraryOnly(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if first, _, _ := strings.Cut(imp, "/"); strings.Contains(first, ".") {
			t.Errorf("imports %s", imp)
		}
	}
}
