package gtfs

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// Feed is an open GTFS feed: a zip archive or a folder. Reading methods
// stream one file at a time and may be called in any order, more than once,
// and concurrently for different files. Close releases the archive.
type Feed struct {
	fsys   fs.FS
	closer io.Closer

	mu      sync.Mutex
	reports map[string]FileReport
}

// Open opens the GTFS feed at path, which may be a .zip archive or a folder
// holding the feed's files. A zip whose files all sit in one top-level folder
// is read from inside that folder.
func Open(p string) (*Feed, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("open gtfs feed: %w", err)
	}
	if info.IsDir() {
		return OpenFS(os.DirFS(p)), nil
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("open gtfs zip %s: %w", path.Base(p), err)
	}
	fsys, err := feedRoot(zr)
	if err != nil {
		zr.Close()
		return nil, fmt.Errorf("open gtfs zip %s: %w", path.Base(p), err)
	}
	f := OpenFS(fsys)
	f.closer = zr
	return f, nil
}

// OpenFS reads a feed from any file system whose root holds the feed's files
// (os.DirFS, a *zip.Reader, fstest.MapFS in tests). Close is then a no-op.
func OpenFS(fsys fs.FS) *Feed {
	return &Feed{fsys: fsys, reports: map[string]FileReport{}}
}

// feedRoot descends into the single top-level folder of an archive that
// holds no files at its root (a common way feeds are zipped).
func feedRoot(fsys fs.FS) (fs.FS, error) {
	for range 2 {
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			return nil, err
		}
		var dirs []string
		files := 0
		for _, e := range entries {
			switch {
			case e.IsDir() && e.Name() != "__MACOSX":
				dirs = append(dirs, e.Name())
			case e.Type().IsRegular():
				files++
			}
		}
		if files > 0 || len(dirs) != 1 {
			return fsys, nil
		}
		if fsys, err = fs.Sub(fsys, dirs[0]); err != nil {
			return nil, err
		}
	}
	return fsys, nil
}

// Close releases the archive behind the feed, if any.
func (f *Feed) Close() error {
	if f.closer == nil {
		return nil
	}
	err := f.closer.Close()
	f.closer = nil
	return err
}

// Has reports whether the feed holds a regular file with the given name,
// such as "frequencies.txt" or "locations.geojson".
func (f *Feed) Has(name string) bool {
	info, err := fs.Stat(f.fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// open opens one of the feed's files. An absent file is reported as
// fs.ErrNotExist itself, for the caller to name.
func (f *Feed) open(name string) (fs.File, error) {
	file, err := f.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fs.ErrNotExist
	}
	return file, err
}

// files lists the regular files at the feed's root in name order.
func (f *Feed) files() ([]string, error) {
	entries, err := fs.ReadDir(f.fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("list gtfs files: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}
