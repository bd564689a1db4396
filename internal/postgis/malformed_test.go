package postgis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// fileImport is one importer fed from a file, as the import command does.
type fileImport struct {
	kind   string
	good   string
	bad    func(t *testing.T, dir string) string // writes a broken file, returns its path
	loader func(t *testing.T, f *os.File, path string) (postgis.Loader, error)
	want   []string // what the error must name
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runFileImport(t *testing.T, db *postgis.DB, fi fileImport, source, path string) error {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	loader, err := fi.loader(t, f, path)
	if err != nil {
		return err
	}
	_, err = db.Import(context.Background(), postgis.ImportSpec{SourceID: source, Kind: fi.kind, Path: path, Checksum: path}, loader)
	return err
}

// Per importer: a malformed file gets an error naming the file (and the
// line, for text formats) and leaves the published data exactly as it was.
func TestMalformedInputLeavesPublishedDataUnchanged(t *testing.T) {
	cases := []fileImport{{
		kind: "naptan", good: "../../geodata/isle-of-wight/naptan/230Stops.csv",
		bad: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "230Stops.csv", "ATCOCode,NaptanCode,CommonName,Longitude,Latitude,Status\n2300A,x,ok,-1.1,50.6,active\n2300B,x,\"Broken,1,2,active\n")
		},
		loader: func(_ *testing.T, f *os.File, p string) (postgis.Loader, error) {
			return postgis.NaPTANLoader(f, filepath.Base(p)), nil
		},
		want: []string{"230Stops.csv", "line 3"},
	}, {
		kind: "museums", good: "../../geodata/isle-of-wight/museums/mapping-museums.csv",
		bad: func(t *testing.T, dir string) string {
			b, err := os.ReadFile("../../geodata/isle-of-wight/museums/mapping-museums.csv")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(string(b), "\n")
			return writeFile(t, dir, "mapping-museums.csv", strings.Join(lines[:5], "")+"mm.x,\"Broken museum,no,close\n")
		},
		loader: func(_ *testing.T, f *os.File, p string) (postgis.Loader, error) {
			return postgis.MuseumsLoader(f, filepath.Base(p), ""), nil
		},
		want: []string{"mapping-museums.csv", "line 6"},
	}, {
		kind: "openreferral", good: "../../geodata/isle-of-wight/activities.json",
		bad: func(t *testing.T, dir string) string {
			return writeFile(t, dir, "activities.json", "{\"contents\": [\n {\"id\": \"x\", \"name\": \"a\",, }\n]}")
		},
		loader: func(_ *testing.T, f *os.File, p string) (postgis.Loader, error) {
			return postgis.OpenReferralLoader(f, filepath.Base(p), true), nil
		},
		want: []string{"activities.json", "line 2"},
	}, {
		kind: "osm", good: "../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf",
		bad: func(t *testing.T, dir string) string {
			b, err := os.ReadFile("../../geodata/rutland/osm/rutland-2022-07-20.osm.pbf")
			if err != nil {
				t.Fatal(err)
			}
			return writeFile(t, dir, "truncated.osm.pbf", string(b[:300000]))
		},
		loader: func(_ *testing.T, _ *os.File, p string) (postgis.Loader, error) {
			x, err := osm.ReadFile(context.Background(), p, osm.Options{Edges: true})
			if err != nil {
				return nil, err
			}
			return postgis.OSMLoader(x, filepath.Base(p)), nil
		},
		want: []string{"truncated.osm.pbf"}, // a binary format has no lines
	}}
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	for _, fi := range cases {
		t.Run(fi.kind, func(t *testing.T) {
			if err := runFileImport(t, db, fi, "src-"+fi.kind, fi.good); err != nil {
				t.Fatalf("good input: %v", err)
			}
			before := publishedChecksum(t, db)
			err := runFileImport(t, db, fi, "src-"+fi.kind, fi.bad(t, t.TempDir()))
			if err == nil {
				t.Fatal("malformed input imported without error")
			}
			for _, w := range fi.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if after := publishedChecksum(t, db); after != before {
				t.Error("a failed import changed the published data")
			}
		})
	}
}
