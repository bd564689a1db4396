package geojsonfc

import (
	"go/build"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the package on the standard library alone,
// without network or database packages: the domain parsers that use it
// import no infrastructure, so neither may it.
func TestStandardLibraryOnly(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		dep, err := build.Import(imp, ".", build.FindOnly)
		if err != nil || !dep.Goroot || strings.HasPrefix(imp, "net/") || strings.HasPrefix(imp, "database/") {
			t.Errorf("imports %s", imp)
		}
	}
}
