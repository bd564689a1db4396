// Package profile owns the mobility profile: how a person moves, what they
// can spend and when they are free — the input every reachability,
// coverage and gap question is asked for. It imports the standard library
// only (a test checks); turning a profile into search parameters is the
// caller's job.
//
// # JSON
//
//	{
//	  "id": "bus-pass",                 standard id, "custom" or a caller's id
//	  "base_id": "bus-pass",            set on overridden profiles only
//	  "name": "...", "description": "...",
//	  "walk_speed_mps": 0.9,            walking (or wheeling) speed, m/s, 0 < v ≤ 3
//	  "max_walk_m": 500,                longest walk per leg, metres, 0 to 10,000
//	  "step_free": false,               needs step-free stops, vehicles, entrances
//	  "accessible_toilet": false,       needs an accessible toilet at the site
//	  "modes": ["bus", "rail"],         any of bus, rail, dial_a_ride,
//	                                    car_driver, car_passenger, taxi
//	  "concessionary_pass": true,       holds an English concessionary bus pass
//	  "companion": false,               travels with a companion
//	  "max_journey_min": null,          one-way limit in minutes, 1 to 600;
//	                                    null: the default for the home area's rurality
//	  "budget_pence": null,             spend per visit (return journey + activity),
//	                                    pence; null: no limit; 0: nothing
//	  "available": [{"days": ["mon", "tue"], "from": "09:30", "to": "18:00"}],
//	                                    weekly windows, local time, from < to,
//	                                    "24:00" allowed as to
//	  "reasons": {"walk_speed_mps": "..."}  why a standard profile has its values
//	}
//
// Null and zero differ on purpose: a budget of null means "no limit", 0
// means "cannot spend anything"; a journey limit of null means "use the
// rurality default".
//
// # Standard profiles
//
// Standard returns them, ByID finds one; each carries the reasons for its
// values in Reasons.
//
//	id                 speed  walk    step-free  modes                pass  budget  available
//	walker             1.2    1000 m  no         bus, rail            no    null    every day 08:00-20:00
//	bus-pass           0.9     500 m  no         bus, rail            yes   null    every day 09:30-18:00
//	wheelchair         0.8     400 m  yes (+WC)  bus, rail, taxi      yes   null    every day 09:30-18:00
//	no-money           1.2    1000 m  no         bus, rail            no    0       every day 08:00-20:00
//	car                1.2     500 m  no         car_driver           no    null    every day 08:00-20:00
//	rural-dial-a-ride  0.9     500 m  no         dial_a_ride, bus     yes   null    every day 09:30-17:00
//
// 1.2 m/s is the speed UK pedestrian crossings are timed for; Health Survey
// for England data (Asher et al., Age and Ageing, 2012) put the mean speed
// of people over 65 at 0.9 m/s (men) and 0.8 m/s (women). 400 m is the
// long-standing UK rule of thumb for the walk to a bus stop, which CIHT's
// Buses in Urban Developments (2018) warns may be too far for older people.
// The concessionary pass (ENCTS) is valid on local buses from 09:30 on
// weekdays and all day at weekends, which is why the pass holders' windows
// start at 09:30. All profiles leave max_journey_min null so that the
// rurality of the home area sets it.
//
// # Validation and overrides
//
// Validate returns a *FieldError naming the first invalid field by its JSON
// name ("available[0].from"). FromStandard(id, overrides) starts from a
// standard profile and applies a JSON object of overrides: unknown fields
// are errors, null sets a nullable field to null, a list replaces the list.
// The result keeps base_id, drops the reasons (they explain the standard
// values, not the caller's), takes id "custom" unless the overrides give a
// non-standard id, and is validated. Standard profiles are built fresh on
// every call, so nothing a caller does can change them.
package profile
