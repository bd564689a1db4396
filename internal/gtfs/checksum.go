package gtfs

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
)

// Checksum returns the hex SHA-256 of the feed's contents: for every regular
// file at the feed's root, in byte order of name, the name, a zero byte, the
// content length as 8 big-endian bytes and the content. It depends only on
// the files' names and bytes, so a zip and the folder it unpacks to give the
// same checksum, and an import can recognise a feed it has already loaded.
// It reads every byte of the feed once, streaming.
func (f *Feed) Checksum() (string, error) {
	names, err := f.files()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	buf := make([]byte, 64<<10)
	for _, name := range names {
		if err := f.hashFile(h, name, buf); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (f *Feed) hashFile(h hash.Hash, name string, buf []byte) error {
	file, err := f.open(name)
	if err != nil {
		return fmt.Errorf("checksum %s: %w", name, err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return fmt.Errorf("checksum %s: %w", name, err)
	}
	io.WriteString(h, name)
	h.Write([]byte{0})
	var size [8]byte
	binary.BigEndian.PutUint64(size[:], uint64(info.Size()))
	h.Write(size[:])
	n, err := io.CopyBuffer(h, file, buf)
	if err != nil {
		return fmt.Errorf("checksum %s: %w", name, err)
	}
	if n != info.Size() {
		return fmt.Errorf("checksum %s: read %d bytes, size says %d", name, n, info.Size())
	}
	return nil
}
