package httpapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
)

// The OpenAPI 3 document is checked in as fragments under openapi/, one per
// group of endpoints, so that each group's paths and schemas live beside
// each other: 00-base.json holds the document's head (openapi, info) and
// the first endpoints; every other file holds only "paths" and
// "components" entries. They are merged in file-name order; a path or
// component defined twice is an error.
//
//go:embed openapi/*.json
var openapiFiles embed.FS

// OpenAPI is the merged OpenAPI 3 document served at /api/v1/openapi.json.
var OpenAPI = mustMergeOpenAPI(openapiFiles)

func mustMergeOpenAPI(fsys fs.FS) []byte {
	b, err := mergeOpenAPI(fsys)
	if err != nil {
		panic(err) // embedded at build time; the tests load it
	}
	return b
}

// mergeOpenAPI merges the fragments in fsys's openapi/*.json.
func mergeOpenAPI(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	doc := map[string]any{}
	for i, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var frag map[string]any
		if err := json.Unmarshal(raw, &frag); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if i == 0 {
			doc = frag
			continue
		}
		for key, v := range frag {
			if key != "paths" && key != "components" {
				return nil, fmt.Errorf("%s: a fragment holds only paths and components, not %q", name, key)
			}
			if err := mergeInto(doc, key, v, name, key != "paths"); err != nil {
				return nil, err
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

// mergeInto adds v's members to dst[key]; nested is true for components,
// whose members (schemas, parameters, ...) are themselves maps to merge.
func mergeInto(dst map[string]any, key string, v any, file string, nested bool) error {
	src, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: %s is not an object", file, key)
	}
	to, _ := dst[key].(map[string]any)
	if to == nil {
		to = map[string]any{}
		dst[key] = to
	}
	for _, k := range slices.Sorted(maps.Keys(src)) {
		if nested {
			if err := mergeInto(to, k, src[k], file, false); err != nil {
				return err
			}
			continue
		}
		if _, dup := to[k]; dup {
			return fmt.Errorf("%s: %s %q is already defined", file, key, k)
		}
		to[k] = src[k]
	}
	return nil
}
