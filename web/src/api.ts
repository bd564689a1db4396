// The API's shapes (see /api/v1/openapi.json) and how to call it. Every
// request goes to the page's own origin; a person's location only ever
// travels in a POST body, never in a URL.

export type Access = 'yes' | 'no' | 'unknown' | 'assumed';
export type Confidence = 'known' | 'estimated' | 'unknown';

export interface Window { days: string[]; from: string; to: string }
export interface Profile {
  id: string; name: string; description?: string;
  walk_speed_mps: number; max_walk_m: number; step_free: boolean; accessible_toilet: boolean;
  modes: string[]; concessionary_pass: boolean; companion: boolean;
  max_journey_min: number | null; budget_pence: number | null; available: Window[];
  reasons?: Record<string, string>;
}
export interface Place { id: string; name: string; kind: string; detail?: string; lat: number; lon: number }
export interface Money { pence: number; confidence: Confidence; note?: string }
export interface ReachLeg {
  mode: string; depart: string; arrive: string; seconds: number; metres?: number;
  from?: string; to?: string; route?: string; trip_id?: string; estimated?: boolean; access?: Access; booking?: string;
}
export interface ReachTrip { mode: string; depart: string; arrive: string; seconds: number; changes: number; legs: ReachLeg[] }
export interface Barrier { code: string; detail: string }
export interface ReachItem {
  activity_id: string; activity_name: string; kind?: string; site_name: string; venue: [number, number];
  session_start: string; session_end: string; illustrative: boolean;
  contact: { name?: string; email?: string; phone?: string; url?: string };
  how_to_refer?: string; capacity: number | null; languages?: string[]; welcome?: string[];
  out?: ReachTrip; back?: ReachTrip;
  cost?: { outbound: Money; return: Money; companion: Money; activity: Money; total: Money };
  access_notes: string[]; barriers?: Barrier[];
}
export interface DataSource { id: string; kind: string; imported_at: string; illustrative: boolean; attribution?: string }
export interface ReachData {
  days?: number; start_date?: string; has_timetable?: boolean;
  home_area?: { ruc21?: string | null; rural?: boolean; rural_known?: boolean };
  max_journey_min?: number; max_journey_source?: string; near_misses_omitted?: number; ranking?: string;
  region?: { id?: string; name?: string; known_limits?: string[]; sources?: DataSource[] };
  sessions_considered?: number;
  sessions_beyond_reach?: number;
  beyond_reach_km?: number;
}
export interface Reachability { reachable: ReachItem[]; near_misses: ReachItem[]; data: ReachData }

export interface JourneyStop { feed_id: string; stop_id: string; name: string; lat: number; lon: number }
export interface JourneyLeg {
  type: 'walk' | 'ride'; depart: string; arrive: string; seconds: number;
  from?: JourneyStop; to?: JourneyStop; metres?: number; estimated?: boolean;
  mode?: string; route?: string; route_id?: string; trip_id?: string;
}
export interface Journey { found: boolean; reason?: string; legs: JourneyLeg[] }

export interface Basemap {
  bounds: [number, number, number, number] | null;
  regions: { id: string; name: string; bounds: [number, number, number, number] | null }[];
  tiles: string; minzoom: number; maxzoom: number;
  attribution: { source: string; text: string; licence: string; url?: string; illustrative?: boolean }[];
}

export interface CoverageCell {
  hex_id: string; activities: number; sessions_per_week: number; population: number;
  profile_population: number; ruc21: string | null; imd_decile: number | null;
  unknown_share: number; assumed_share: number;
}
export interface TotalsGroup {
  group: string; cells: number; population: number; profile_population: number;
  covered_population: number; covered_profile_population: number;
}
export interface Totals { profile: string; by: string; week: string; groups: TotalsGroup[]; total: TotalsGroup }

export interface GapProperties {
  rank: number; score: number; cells: number; hex_ids: string[]; population: number; profile_population: number;
  imd_decile: number | null; disabled_share: number; rural_share: number; ruc21: string | null; home_hex_id: string;
  ward_code: string | null; ward_name: string | null;
  nearest_activity: { id: string; name: string; site_name: string; illustrative: boolean; distance_m: number } | null;
  barrier: { code: string; detail: string } | null;
}
export interface GapFeature { type: 'Feature'; id: string; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] }; properties: GapProperties }
export interface GapCollection {
  type: 'FeatureCollection'; profile: string; min_activities: number; week: string; score_rule: string;
  total_gaps: number; truncated: boolean; uncovered_population: number; uncovered_profile_population: number;
  features: GapFeature[];
}

export interface Suggestion {
  site_id: string; name: string; lat: number; lon: number; kind?: string; illustrative: boolean;
  step_free_entrance: Access; accessible_toilet: Access;
  people_added: number; profile_population_added: number; cumulative_people: number; cumulative_profile_population: number;
}
export interface Suggestions {
  profile: string; k: number; week: string; session: { day: string; start: string; end: string; price_pence: number; access: string };
  people_without: number; profile_population_without: number; candidates: number; suggestions: Suggestion[];
}

export type Change = Record<string, unknown> & { type: string };
export interface GroupChange { gained: number; lost: number; profile_gained: number; profile_lost: number; ruc21?: string | null; imd_decile?: number | null }
export interface ChangedCell {
  hex_id: string; activities_before: number; activities_after: number; sessions_before: number; sessions_after: number;
  population: number; profile_population: number;
}
export interface ScenarioProfile {
  profile: string; people_gained: number; people_lost: number; profile_population_gained: number; profile_population_lost: number;
  cells_gained: number; cells_lost: number; people_covered_before: number; people_covered_after: number;
  profile_population_covered_before: number; profile_population_covered_after: number;
  by_ruc: GroupChange[]; by_imd: GroupChange[]; changed_cells: ChangedCell[]; changed_cells_total: number; truncated: boolean;
}
export interface ScenarioResult { week: string; data_version: string; changes: number; profiles: ScenarioProfile[] }

export interface SiteFeature { id: string; geometry: { coordinates: [number, number] }; properties: { id: string; name: string; kind?: string; illustrative: boolean; activities: number } }
export interface ActivityFeature { id: string; geometry: { coordinates: [number, number] } | null; properties: { id: string; name: string; site_name: string; illustrative: boolean } }

/** ApiError carries the server's message and the field it names. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) { super(message); }
}

async function answer<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let msg = `the server answered ${res.status}`;
  let fieldName: string | undefined;
  try {
    const body = await res.json();
    if (body && typeof body.error === 'string') msg = body.error;
    if (body && typeof body.field === 'string') fieldName = body.field;
  } catch { /* not JSON: keep the status */ }
  if (res.status === 404 && !fieldName) msg = 'this part of Threshold is not available on this server yet';
  throw new ApiError(res.status, msg, fieldName);
}

/** get fetches JSON from a path with query parameters (never personal data). */
export async function get<T>(path: string, params?: Record<string, string | number>, signal?: AbortSignal): Promise<T> {
  const q = params ? '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString() : '';
  return answer<T>(await fetch(path + q, { signal, headers: { Accept: 'application/json' } }));
}

/** post sends a JSON body; this is how a person's location travels. */
export async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return answer<T>(await fetch(path, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  }));
}

/** url builds a same-origin link with query parameters (downloads). */
export function url(path: string, params: Record<string, string | number>): string {
  return path + '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/** errorText says what went wrong in words for the page. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.message} (${err.field})` : err.message;
  if (err instanceof Error) return err.name === 'AbortError' ? 'cancelled' : `could not reach the server: ${err.message}`;
  return 'something went wrong';
}
