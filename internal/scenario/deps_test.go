package scenario

import (
	"os/exec"
	"strings"
	"testing"
)

// TestScenarioImportsNoInfrastructure keeps the domain package free of
// storage and transport code.
func TestScenarioImportsNoInfrastructure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/jackc/pgx", "github.com/go-chi/chi", "net/http", "database/sql"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("scenario depends on %s", dep)
			}
		}
	}
}
