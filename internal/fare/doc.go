// Package fare owns what travel costs a person: single fares of rides and
// journeys, from the feed's own fares or from configured operator rules,
// and the English National Concessionary Travel Scheme (ENCTS) with its
// bank holidays and local extensions.
//
// # Money and confidence
//
// Every price is an integer count of minor units (pence for GBP) with a
// Confidence:
//
//   - Known: from the feed's own fares (GTFS fares v1 or v2), or free by
//     law under the ENCTS.
//   - Estimated: from configured operator rules, or a feed fare cut down by
//     a configured cap.
//   - Unknown: nothing applies. Unknown is never free: the zero Amount is
//     Unknown, Amount.Free is false for it, and an unknown fare's Pence is
//     only the sum of the parts that are known, a lower bound.
//
// A sum's confidence is the worst of its parts'. Amounts in different
// currencies are not added (the sum becomes Unknown).
//
// # Sources, in order
//
//  1. Fares v2 of the ride's feed, when it has fare_leg_rules: rules are
//     matched on network_id, from_area_id and to_area_id (areas through
//     stop_areas). Without rule_priority, a field matches exactly when some
//     rule names the ride's value and falls back to rules leaving it empty
//     otherwise; with rule_priority, empty matches anything and the highest
//     priority wins. Of the matching rules, the cheapest product. A product
//     with several rows (fare media, rider categories) is priced at its
//     dearest row, so a budget is never judged on a discount or payment
//     card the rider may not have; the note gives the range. A match that
//     depends on timeframes is Unknown: timeframes need the service
//     calendar, which this package does not have.
//  2. Fares v1 of the ride's feed: fare_attributes whose agency matches and
//     whose fare_rules match route_id, origin_id (boarding zone),
//     destination_id (alighting zone) or contains_id (the set of zones
//     passed, exactly). The most specific matching rule wins (route-specific
//     beats generic; a fare with no rules at all applies to every ride of
//     its agency and is the least specific), then the cheapest.
//  3. Operator rules from Config: same mode, every set match field (feed,
//     agency, zone) equal, the most of them set; among equals, the first.
//     The single is SinglePence, no more than CapPence; CapPence alone when
//     no single is configured. A rule's CapPence also caps the operator's
//     GBP feed fares (the result is then Estimated). Dial-a-ride fares come
//     from the zone: a GTFS-Flex feed's fares v2 by area (its locations in
//     stop_areas), else an operator rule with that Zone.
//  4. Otherwise Unknown, with a note naming the mode, route and feed.
//
// # Journeys and transfers
//
// JourneyFare sums consecutive rides. Fares v1: a ride on the same fare of
// the same feed as the ticket in use is free while transfers remain
// (negative: unlimited) and no more than transfer_duration seconds have
// passed since the first boarding; this is a greedy reading of v1, not
// OpenTripPlanner's search over ride groupings. Fares v2: the
// fare_transfer_rules row from the previous leg's group to this leg's
// (exact-or-empty matching as above) applies within its transfer_count and
// its duration_limit, measured from the first leg of the transfer sequence
// using Board and Alight as the limit type says; type 0 charges AB for the
// second leg, type 1 AB plus B, type 2 AB in place of A and B. A total is
// never negative. ReturnFare adds the way back, and uses an operator rule's
// ReturnPence when both directions are one ride priced by that rule and the
// return is cheaper.
//
// # Concessions
//
// An ENCTS pass holder boards local buses free from 09:30 to 23:00 on
// weekdays and all day at weekends and on bank holidays (Transport Act
// 2000, s.145A). The window is judged at boarding, on the Board time's own
// clock and calendar date, so callers pass local (Europe/London) times;
// 09:30:00 is inside, 23:00:00 is outside, so a bus boarded at 23:00 on a
// weekday is paid for and one boarded at 22:59 is free, however late it
// arrives. A weekday boarding after midnight is outside the window (it is
// a new day), a Saturday boarding after midnight is inside. Rail and
// coaches are never covered; dial-a-ride is not covered by default (it
// stays fare-paying) and nor is tram. A travel concession authority may
// extend the scheme for its pass holders (Extension): an earlier weekday
// start (down to 00:00), a later end (up to 24:00), dial-a-ride or tram,
// and a free companion. An extension applies when the Rider's authority has
// one and the ride boards in that authority (Ride.Authority empty or
// equal). A companion pays the full fare unless the holder's extension
// allows a companion, and then rides free exactly when the holder does. A
// pass holder pays the cheaper of using the pass and not using it, so a
// pass never makes a journey dearer and a companion never makes it cheaper
// (both are property-tested).
//
// # Bank holidays
//
// IsBankHoliday and BankHolidays cover England and Wales. The regular
// holidays are computed for any year: New Year's Day, Good Friday and
// Easter Monday (Easter by the Meeus/Jones/Butcher Gregorian algorithm),
// the early May bank holiday (first Monday of May), the spring bank
// holiday (last Monday of May), the summer bank holiday (last Monday of
// August), Christmas Day and Boxing Day, each moved to the next free
// weekday when it falls at a weekend (the Banking and Financial Dealings
// Act 1971 and the substitute days proclaimed under it). One-off changes
// are tabled for 2019 to 2030 (HolidayTableFirstYear..LastYear): VE Day
// moved the early May holiday to Friday 8 May 2020; the Platinum Jubilee
// moved the spring holiday to Thursday 2 June 2022 and added Friday 3 June;
// the Queen's state funeral added Monday 19 September 2022; the Coronation
// added Monday 8 May 2023. Outside the table, future one-offs are missing.
// The tests check 2019 to 2027 against the list published at
// gov.uk/bank-holidays, transcribed by hand.
//
// # Default configuration for England
//
// DefaultEngland estimates every local bus single without a feed fare at
// £3 (300p): from 1 January 2025 the government's bus fare cap makes £3
// the most a single local bus journey costs with participating operators
// across England (it was £2 in 2023 and 2024). The cap is an upper bound:
// short hops may cost less, so a journey that fits a budget at the cap fits
// it at the real fare; it is Estimated, never Known. Operators outside the
// scheme, and areas with lower local caps, are configured as their own
// rules. Rail, coach and dial-a-ride have no England-wide default and stay
// Unknown unless a feed or rule prices them.
//
// # Imports
//
// Standard library only. The input types (FeedFares and its rows) are
// plain values a storage layer fills: this package must not import pgx,
// chi, net/http or internal/gtfs (tests may use internal/gtfs to read
// fixtures); a test checks the imports.
package fare
