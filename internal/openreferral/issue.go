package openreferral

import "fmt"

// Severity says what an Issue cost.
type Severity string

const (
	// SeverityError means the service, or the part of it named by Field,
	// was dropped.
	SeverityError Severity = "error"
	// SeverityWarning means the value was kept but read with an assumption
	// the message states.
	SeverityWarning Severity = "warning"
)

// Issue is a problem with one service in an Open Referral UK document.
// Problems with the document as a whole (broken JSON, no services) are
// errors from Parse instead.
type Issue struct {
	// Index is the service's position in the document's list, from 0.
	Index     int    `json:"index"`
	ServiceID string `json:"service_id,omitempty"`
	// Field is the path within the service, e.g. "schedules[1].byday" or
	// "service_at_locations[0].location.latitude"; empty for the whole
	// service.
	Field    string   `json:"field,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String formats the issue for a person reading an import report.
func (i Issue) String() string {
	id := i.ServiceID
	if id == "" {
		id = "(no id)"
	}
	s := fmt.Sprintf("service %s (#%d)", id, i.Index)
	if i.Field != "" {
		s += " " + i.Field
	}
	return fmt.Sprintf("%s: %s: %s", s, i.Severity, i.Message)
}

// issues collects the Issues of one service as it is converted.
type issues struct {
	list  []Issue
	index int
	id    string
}

func (c *issues) errorf(field, format string, args ...any) {
	c.add(SeverityError, field, format, args...)
}

func (c *issues) warnf(field, format string, args ...any) {
	c.add(SeverityWarning, field, format, args...)
}

func (c *issues) add(sev Severity, field, format string, args ...any) {
	c.list = append(c.list, Issue{Index: c.index, ServiceID: c.id, Field: field, Severity: sev, Message: fmt.Sprintf(format, args...)})
}
