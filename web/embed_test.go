package web

import (
	"io/fs"
	"strings"
	"testing"
)

// TestSiteServesAPage checks that Site always has an index.html: the built
// map when `make web` has run, the placeholder otherwise; and that the
// built page loads its script and style from the embedded assets.
func TestSiteServesAPage(t *testing.T) {
	page, err := fs.ReadFile(Site(), "index.html")
	if err != nil {
		t.Fatalf("read index.html: %v", err)
	}
	if !strings.Contains(string(page), "<title>") {
		t.Fatalf("index.html has no title:\n%s", page)
	}
	if !Built() {
		if !strings.Contains(string(page), "make build") {
			t.Fatalf("the placeholder should say how to build the map:\n%s", page)
		}
		t.Log("web build not run: serving the placeholder")
		return
	}
	for _, asset := range []string{"assets/app.js", "assets/app.css"} {
		if !strings.Contains(string(page), asset) {
			t.Errorf("index.html does not load %s", asset)
		}
		if _, err := fs.Stat(Site(), asset); err != nil {
			t.Errorf("built site lacks %s: %v", asset, err)
		}
	}
}
