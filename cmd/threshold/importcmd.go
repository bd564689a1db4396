package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/nhle"
	"github.com/threshold-heritage/threshold/internal/osm"
	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/postgis"
)

// importKinds lists the kinds `threshold import` takes, in the order a
// region loads them (areas and sites before what refers to them).
var importKinds = []string{"areas", "gtfs", "naptan", "osm", "museums", "nhle", "openreferral"}

// importJob is one import: from the command line or a region manifest.
type importJob struct {
	Kind         string          `json:"kind"`
	Path         string          `json:"path"`
	Source       string          `json:"source,omitempty"`
	Illustrative bool            `json:"illustrative,omitempty"`
	AccessPolicy json.RawMessage `json:"access_policy,omitempty"`
	KnownLimits  []string        `json:"known_limits,omitempty"`
	Attribution  string          `json:"attribution,omitempty"`
	// Admin areas to keep from a shared file (museums), e.g. "Isle of Wight".
	AdminArea string `json:"admin_area,omitempty"`
	regionID  string
	force     bool
}

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	source := fs.String("source", "", "source id (default: the file name without extension)")
	force := fs.Bool("force", false, "import even when the input is unchanged")
	illustrative := fs.Bool("illustrative", false, "mark every record of this source as illustrative")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 2 {
		return usageError{"import needs <kind> <path>"}
	}
	job := importJob{Kind: fs.Arg(0), Path: fs.Arg(1), Source: *source, Illustrative: *illustrative, force: *force}
	db, err := e.open(ctx, pglocal.RoleImporter)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := runImport(ctx, e, db, job)
	if rep != nil {
		printReport(e, rep)
	}
	return err
}

func defaultSourceID(path string) string {
	base := filepath.Base(strings.TrimRight(path, "/"))
	for _, ext := range []string{".zip", ".csv", ".json", ".geojson", ".osm.pbf", ".pbf"} {
		base = strings.TrimSuffix(base, ext)
	}
	return strings.ToLower(base)
}

// runImport opens the input of one job, checksums it and hands the loader
// to the transactional import.
func runImport(ctx context.Context, e *env, db *postgis.DB, job importJob) (*postgis.Report, error) {
	if job.Source == "" {
		job.Source = defaultSourceID(job.Path)
	}
	spec := postgis.ImportSpec{SourceID: job.Source, Kind: job.Kind, Path: job.Path, RegionID: job.regionID,
		Attribution: job.Attribution, Illustrative: job.Illustrative, Force: job.force}
	switch job.Kind {
	case "gtfs":
		feed, err := gtfs.Open(job.Path)
		if err != nil {
			return nil, err
		}
		defer feed.Close()
		if spec.Checksum, err = feed.Checksum(); err != nil {
			return nil, err
		}
		p := newProgress(e, "stop_times")
		defer p.done()
		return db.Import(ctx, spec, postgis.GTFSLoader(feed, postgis.GTFSOptions{
			AccessPolicy: job.AccessPolicy, KnownLimits: job.KnownLimits, Illustrative: job.Illustrative, Progress: p.set}))
	case "museums":
		return importFile(ctx, db, spec, func(f *os.File) postgis.Loader {
			return postgis.MuseumsLoader(f, filepath.Base(job.Path), job.AdminArea)
		})
	case "areas":
		files, err := postgis.AreaFilesIn(job.Path)
		if err != nil {
			return nil, err
		}
		if spec.Checksum, err = filesChecksum(files.LSOABoundaries, files.WardBoundaries, files.RUC, files.IMD,
			files.Disability, files.Population, files.Lookup); err != nil {
			return nil, err
		}
		return db.Import(ctx, spec, postgis.AreasLoader(files))
	case "nhle":
		d, isGeoJSON, err := nhleKind(job.Path)
		if err != nil {
			return nil, err
		}
		return importFile(ctx, db, spec, func(f *os.File) postgis.Loader {
			return postgis.NHLELoader(f, filepath.Base(job.Path), d, isGeoJSON)
		})
	case "osm":
		x, err := osm.ReadFile(ctx, job.Path, osm.Options{Edges: true})
		if err != nil {
			return nil, err
		}
		return importFile(ctx, db, spec, func(*os.File) postgis.Loader { return postgis.OSMLoader(x, filepath.Base(job.Path)) })
	case "openreferral":
		return importFile(ctx, db, spec, func(f *os.File) postgis.Loader {
			return postgis.OpenReferralLoader(f, filepath.Base(job.Path), job.Illustrative)
		})
	case "naptan":
		return importFile(ctx, db, spec, func(f *os.File) postgis.Loader { return postgis.NaPTANLoader(f, filepath.Base(job.Path)) })
	}
	for _, k := range importKinds {
		if k == job.Kind {
			return nil, fmt.Errorf("import %s is not built yet in this version", job.Kind)
		}
	}
	return nil, usageError{fmt.Sprintf("unknown import kind %q: use one of %s", job.Kind, strings.Join(importKinds, ", "))}
}

func printReport(e *env, rep *postgis.Report) {
	fmt.Fprintf(e.stdout, "%s %s: %s", rep.Kind, rep.SourceID, rep.Status)
	if rep.Seconds > 0 {
		fmt.Fprintf(e.stdout, " in %.1f s", rep.Seconds)
	}
	fmt.Fprintln(e.stdout)
	names := make([]string, 0, len(rep.Files))
	for n := range rep.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fc := rep.Files[n]
		fmt.Fprintf(e.stdout, "  %-24s read %8d  loaded %8d  rejected %6d\n", n, fc.Read, fc.Loaded, fc.Rejected)
	}
	facts := make([]string, 0, len(rep.Facts))
	for k := range rep.Facts {
		facts = append(facts, k)
	}
	sort.Strings(facts)
	for _, k := range facts {
		fmt.Fprintf(e.stdout, "  %s: %v\n", k, rep.Facts[k])
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "  note: %s\n", n)
	}
	for i, r := range rep.Rejections {
		if i == 20 {
			fmt.Fprintf(e.stdout, "  ... %d more rejections in import_run %d\n", len(rep.Rejections)-20+int(rep.RejectionsDropped), rep.RunID)
			break
		}
		fmt.Fprintf(e.stdout, "  rejected %s line %d %s: %s\n", r.File, r.Line, r.Field, r.Reason)
	}
}

// progress draws a one-line counter on a terminal, and nothing in CI or
// when output is redirected.
type progress struct {
	e     *env
	label string
	on    bool
	last  time.Time
}

func newProgress(e *env, label string) *progress {
	p := &progress{e: e, label: label}
	if f, ok := e.stderr.(*os.File); ok && !e.ci {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) set(n int64) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.e.stderr, "\r  %s: %d read", p.label, n)
}

func (p *progress) done() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.e.stderr, "\r\033[K")
	}
}

// importFile imports a single-file source: checksum the file, then load it
// from the start.
func importFile(ctx context.Context, db *postgis.DB, spec postgis.ImportSpec, loader func(*os.File) postgis.Loader) (*postgis.Report, error) {
	f, err := os.Open(spec.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if spec.Checksum, err = fileChecksum(f); err != nil {
		return nil, fmt.Errorf("checksum %s: %w", spec.Path, err)
	}
	return db.Import(ctx, spec, loader(f))
}

// fileChecksum hashes f and rewinds it.
func fileChecksum(f *os.File) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// filesChecksum hashes several files (names and contents) in order; an
// empty name (an optional file that is absent) counts as such.
func filesChecksum(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		fmt.Fprintf(h, "%s\n", filepath.Base(p))
		if p == "" {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("checksum %s: %w", p, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// nhleKind tells the designation and format of an NHLE file from its
// name, as Historic England names its downloads: listed buildings,
// scheduled monuments, conservation areas; .csv or .geojson.
func nhleKind(path string) (nhle.Designation, bool, error) {
	base := strings.ToLower(filepath.Base(path))
	isGeoJSON := strings.HasSuffix(base, ".geojson") || strings.HasSuffix(base, ".json")
	switch {
	case strings.Contains(base, "listed"):
		return nhle.ListedBuilding, isGeoJSON, nil
	case strings.Contains(base, "scheduled"):
		return nhle.ScheduledMonument, isGeoJSON, nil
	case strings.Contains(base, "conservation"):
		return nhle.ConservationArea, isGeoJSON, nil
	}
	return "", false, fmt.Errorf("%s: cannot tell the designation from the file name: it should say listed, scheduled or conservation", path)
}
