package httpapi

import _ "embed"

// OpenAPI is the checked-in OpenAPI 3 document served at /api/v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
