package pglocal

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// postgisControl is present once Debian's postgresql-15-postgis-3 is installed.
const postgisControl = "/usr/share/postgresql/15/extension/postgis.control"

// ensurePackages installs PostgreSQL 15 and PostGIS 3 with apt when missing.
func (c *Cluster) ensurePackages(ctx context.Context) error {
	_, errInit := os.Stat(filepath.Join(c.binDir(), "initdb"))
	_, errGIS := os.Stat(postgisControl)
	if errInit == nil && errGIS == nil {
		return nil
	}
	if !runningAsRoot() {
		return fmt.Errorf("PostgreSQL 15 with PostGIS 3 is not installed: run as root, or `apt-get install -y postgresql-15 postgresql-15-postgis-3`")
	}
	c.say("installing postgresql-15 and postgresql-15-postgis-3 with apt")
	for _, args := range [][]string{
		{"update", "-q"},
		{"install", "-y", "-q", "--no-install-recommends", "postgresql-15", "postgresql-15-postgis-3"},
	} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := run(cmd); err != nil {
			return fmt.Errorf("apt-get %s: %w", args[0], err)
		}
	}
	return nil
}
