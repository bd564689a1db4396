// Package heritage owns Threshold's domain vocabulary for heritage places
// and the prescribable activities held at them: sites, activities, their
// schedules and sessions, cost options and access attributes.
//
// It imports only the standard library, orb and internal/geo. It must not
// import infrastructure (pgx, chi, net/http) or any file format: Open
// Referral UK, Historic England and Mapping Museums readers live in their
// own packages and produce these types.
//
// # Sites and access
//
// A Site is a place ([lon, lat] point, optional polygon) with the SourceKeys
// of every source it was merged from (Mapping Museums id, NHLE list entry,
// OSM element), its statutory Designations (listed building with grade,
// scheduled monument, ...) and its SiteAccess: step-free entrance,
// accessible toilet, hearing loop and seating.
//
// Every access attribute is an Access, four-valued: yes, no, unknown and
// assumed. Unknown is not yes: the zero value is AccessUnknown, so a site
// nobody surveyed is never counted as step-free. AccessAssumed is a default
// a declared policy supplied; Usable(acceptAssumed) is the one place a
// caller decides whether to rely on it.
//
// # Activities and money
//
// An Activity runs at one site (SiteID) and carries its kind (guided_tour,
// reminiscence, object_handling, volunteering, heritage_walk, dig, craft,
// ...), Welcome attributes (dementia_friendly, quiet, women_only, ...) that
// address the psychological barrier, languages, eligibility, a contact, the
// referral route, a nullable capacity, cost options and schedules.
//
// Money is integer pence. A CostOption's Amount is a *int64: nil means the
// price is unknown, which is not the same as free (an Amount of 0). The
// unknown-price rule carries through PriceFor: no options, or no amount on
// the standard (first) option, gives a Price with ConfidenceUnknown. A
// concession price applies to people who qualify, and FreeOnReferral makes
// the activity free for a referred person whatever the amounts say.
// Confidence (known, estimated, unknown) has the same zero-is-unknown
// design as Access.
//
// # Schedules: the RRULE subset
//
// A Schedule is an Open Referral UK schedule row: an RRule plus dtstart,
// valid_from / valid_to, and opens_at / closes_at as local wall times. The
// supported RFC 5545 subset is what OR-UK publishes:
//
//   - FREQ=WEEKLY or FREQ=MONTHLY (other frequencies are rejected);
//   - INTERVAL=n (FREQ=WEEKLY;INTERVAL=2 is fortnightly), counted in weeks
//     or months from the anchor: dtstart, or valid_from when dtstart is
//     missing; weeks start on WKST (Monday unless given);
//   - BYDAY=MO,TH, and under MONTHLY with ordinals: 2MO (second Monday),
//     -1FR (last Friday), -2WE (second to last Wednesday);
//   - BYMONTHDAY=15 or negative, counting from the month's end (-1 is the
//     last day); days a month lacks (31 in April) are skipped; with BYDAY
//     as well, a day must satisfy both (FR;BYMONTHDAY=13);
//   - without BYDAY, WEEKLY uses dtstart's weekday and MONTHLY its day;
//   - COUNT=n counts occurrences from the anchor (so a window later in the
//     year still sees the right remainder); UNTIL=YYYYMMDD includes that
//     whole day, UNTIL=YYYYMMDDTHHMMSS compares local wall time and a
//     trailing Z compares the UTC instant of each session's start.
//
// Anything else (BYSETPOS, BYHOUR, DAILY, ...) is an error naming the part,
// never silently ignored. A dtstart that does not itself match the rule is
// not an occurrence (as python-dateutil and most calendar software read RFC
// 5545). valid_from and valid_to filter dates; unlike UNTIL they do not move
// the INTERVAL or COUNT anchor unless dtstart is missing.
//
// # Time zones and clock changes
//
// Schedule.Sessions(from, to, loc) returns the sessions starting in
// [from, to), each as time.Time values in loc (Europe/London for England).
// Wall times stay fixed across clock changes: a 10:00-12:00 session is
// 10:00-12:00 on the local clock on both sides of the last Sundays of March
// and October, so its UTC instant moves by an hour and its duration stays
// two hours. Local times that do not exist or happen twice are resolved by
// WallTime as RFC 5545 section 3.3.5 specifies: 01:30 on the spring-forward
// day (which never appears on a London clock) is read with the offset before
// the gap, i.e. 01:30 GMT = 02:30 BST; 01:30 on the autumn day (which
// appears twice) is the first occurrence, 01:30 BST. A session that spans a
// change has its real elapsed duration (01:30-03:00 on the spring day lasts
// 30 minutes). Sessions never fail: an invalid schedule (see Validate)
// simply has none, so importers validate first and report.
package heritage
