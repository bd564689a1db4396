// Package road answers car and taxi legs: how far, how long and what it
// costs to drive (or be driven) from one point to another.
//
// Where an OpenStreetMap road network is loaded (Rutland), a leg is a
// shortest-time search on it, each edge at its typical speed, with the
// distance from each end point to the nearest road node added at a walking
// pace of 1 m/s (getting to the car). Where none is loaded (the Isle of
// Wight), a leg is the straight-line distance times DetourFactor at a speed
// set by rurality (EstimateSpeedKPH), and is flagged as an estimate.
//
// Costs come from configuration (Costs): a car's running cost per mile (by
// default HMRC's approved mileage rate, 45p a mile, the figure an employer
// may reimburse without tax, which covers fuel and wear) and a taxi's flag
// fall plus a rate per mile (by default £3.20 + £2.40 a mile, typical of
// English district council hackney tariffs for a daytime journey). Both are
// estimates and say so.
//
// A car driver needs no timetable: the last bus never limits them.
//
// It imports internal/geo and internal/walk (whose Dijkstra it reuses); no
// infrastructure.
package road
