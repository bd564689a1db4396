package geojsonfc

import (
	"bytes"
	"io"
	"sort"
)

// lineCounter remembers where newlines fall in what it has read, so that a
// byte offset from the JSON decoder can be reported as a line number.
type lineCounter struct {
	r   io.Reader
	n   int64
	nls []int64
}

func (c *lineCounter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	for i := 0; i < k; {
		j := bytes.IndexByte(p[i:k], '\n')
		if j < 0 {
			break
		}
		c.nls = append(c.nls, c.n+int64(i+j))
		i += j + 1
	}
	c.n += int64(k)
	return k, err
}

// lineAt returns the 1-based line holding byte offset off.
func (c *lineCounter) lineAt(off int64) int {
	return 1 + sort.Search(len(c.nls), func(i int) bool { return c.nls[i] >= off })
}
