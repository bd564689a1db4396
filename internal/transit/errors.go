package transit

import "fmt"

func errStopRange(v int32) error { return fmt.Errorf("stop index %d out of range", v) }

func errWalkSeconds(v, sec int32) error {
	return fmt.Errorf("stop %d: negative walk of %d s", v, sec)
}

func errWindow(w int32) error { return fmt.Errorf("range window %d s: want 0 to 86400", w) }
