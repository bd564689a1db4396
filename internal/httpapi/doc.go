// Package httpapi is Threshold's HTTP surface and the only importer of chi.
//
// It owns routing, handlers, middleware and the one mapping from error
// kinds to HTTP status codes (errors.go). Internal messages never reach
// clients. Access logs carry method, path (never the query string), status
// and duration: a person's location travels in request bodies only, and no
// body is logged.
package httpapi
