package museums

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the package a pure parser: standard library (without
// net/http or database/sql), orb and the shared CSV reader (csvtab);
// nothing from infrastructure.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		std := !strings.Contains(strings.Split(imp, "/")[0], ".")
		ok := (std && imp != "net/http" && imp != "database/sql") ||
			strings.HasPrefix(imp, "github.com/paulmach/orb") ||
			imp == "github.com/threshold-heritage/threshold/internal/csvtab"
		if !ok {
			t.Errorf("imports %s", imp)
		}
	}
}
