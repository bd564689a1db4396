package transit

import (
	"flag"
	"os"
	"testing"
)

// TestMain raises rapid's default number of checks to 1,000 networks per
// property (the brief's minimum) unless -rapid.checks or RAPID_CHECKS says
// otherwise.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if _, env := os.LookupEnv("RAPID_CHECKS"); !set && !env {
		_ = flag.Set("rapid.checks", "1000")
	}
	os.Exit(m.Run())
}
