package gaps_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsNoInfrastructure: the domain package stays free of pgx, chi
// and net/http.
func TestImportsNoInfrastructure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skip("go list unavailable:", err)
	}
	for _, bad := range []string{"github.com/jackc/pgx", "github.com/go-chi/chi", "net/http"} {
		if strings.Contains(string(out), bad+"\n") || strings.Contains(string(out), bad+"/") {
			t.Errorf("gaps depends on %s", bad)
		}
	}
}
