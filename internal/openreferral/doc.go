// Package openreferral reads and writes Open Referral UK (OR-UK) service
// directories as heritage sites and activities.
//
// It imports heritage (and orb for site boundaries) and nothing from
// infrastructure: no pgx, no chi, no net/http. The HTTP handlers for
// /openreferral/services[/{id}] call ServiceOf / Services and NewPage and
// marshal the result.
//
// # Reading
//
// Parse accepts both shapes in use in England:
//
//   - OR-UK 1.0 ("services" API): a service with nested organization,
//     contacts[].phones, cost_options, languages[].language, eligibilitys,
//     regular_schedules (on the service or on each service_at_location),
//     holiday_schedules and service_at_locations[].location with
//     physical_addresses and accessibility_for_disabilities; paged as
//     {"totalElements", ..., "content": [...]}.
//   - the OR-UK 3.0 profile of HSDS 3.0: schedules, minimum_age /
//     maximum_age, locations with addresses and accessibility, languages
//     with name/code; paged as {"total_items", ..., "contents": [...]}.
//
// A document may be one service, an array of services, either paged
// envelope, or {"services": [...]}. Feeds disagree about JSON types
// (interval "2", amount "4.50", latitude as a string), so scalars of any
// type are accepted. Dates may carry a time part (.NET feeds write
// 2021-01-01T00:00:00) and opens_at may carry a date part; a UTC offset on
// opens_at/closes_at is dropped with a warning, because Threshold reads
// every time as a Europe/London wall time (see package heritage for the
// RRULE subset and clock-change rules). A schedule's RRULE parts are
// assembled and parsed by heritage.ParseRRule, so a feed row and an RRULE
// string obey the same rules.
//
// Broken JSON is an error with its line and column. Anything confined to a
// service is an Issue naming the service (id and position) and the field
// path, with a severity: error when the service or that part of it was
// dropped (no id, no usable location, a schedule that cannot be expanded,
// an unreadable amount), warning when the value was kept under a stated
// assumption. Services with a status other than active are skipped with a
// warning. A service held at several locations becomes one activity per
// location, with id "service@location".
//
// # The unknown-price rule
//
// OR-UK amounts are pounds; heritage amounts are integer pence, read
// exactly from the decimal text (never through float64; more than two
// decimals are rounded, with a warning). A cost option without an amount,
// or with one that cannot be read, has an unknown price, never free. An
// amount of 0 is free. With no cost_options, the deprecated "fees" text is
// kept as the label of a price-unknown option, except that a bare "Free"
// is read as zero with confidence estimated. A service with no cost
// information at all has an unknown price.
//
// Venue access follows the same rule: a feature no accessibility entry
// mentions is unknown. Free-text entries (all OR-UK 1.0 has) are read only
// when they name exactly one feature, as yes, or no when negated ("no
// accessible toilet").
//
// # Extensions
//
// OR-UK allows extra fields; Threshold's are plain snake_case fields beside
// the standard ones, ignored by other consumers:
//
//   - service: "illustrative" (bool, always written; true on every invented
//     record), "activity_kind" (guided_tour, reminiscence, ...), "welcome"
//     (["dementia_friendly", "quiet", ...]), "capacity" (places per session;
//     absent when unknown), "referral_route" (text; OR-UK 1.0's
//     attending_access is read when it is absent);
//   - cost_options[]: "amount_confidence" (known, estimated, unknown),
//     "concession_amount" (pounds), "free_on_referral" (bool);
//   - location: "illustrative", "site_kind", "designations"
//     ([{"kind", "list_entry", "grade"}]), "boundary" (GeoJSON Polygon);
//     its source key is the standard external_identifier with
//     external_identifier_type (e.g. "mapping_museums");
//   - location accessibility[]: "feature" (step_free_entrance,
//     accessible_toilet, hearing_loop, seating) and "value" (yes, no,
//     unknown, assumed), beside the standard free-text description;
//   - document: "note", "attribution" and "illustrative"; a top-level
//     "illustrative": true marks every record in the document.
//
// # Writing
//
// ServiceOf and Services write the OR-UK 3.0 service shape with these
// extensions; NewPage wraps services in the 3.0 paging envelope
// (total_items, total_pages, page_number, size, first_page, last_page,
// empty, contents). Unknown prices are written without an amount and
// with amount_confidence "unknown"; all four access features are written,
// unknown ones as "unknown". Sub-records heritage does not identify get
// name-based UUIDs derived from the activity id, so exports are stable.
// Parsing an export gives back the same heritage values (tested).
package openreferral
