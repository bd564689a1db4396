// Plain words for the API's values: times in the region's own timezone,
// money, durations, barriers, access and the ONS classes.
import type { Access, Money } from './api';

/** TZ: every region loaded today is in England. */
export const TZ = 'Europe/London';

const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: 'numeric', minute: '2-digit', hour12: true });
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long' });
const fullDateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' });
const numFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** time: "1:15pm". */
export function time(iso: string): string {
  return timeFmt.format(new Date(iso)).replace(/\s/g, '').toLowerCase();
}

/** day: "Thursday 26 November". */
export function day(iso: string): string {
  return dateFmt.format(new Date(iso));
}

/** fullDate: "26 November 2026". */
export function fullDate(iso: string): string {
  return fullDateFmt.format(new Date(iso));
}

/** session: "Thursday 26 November, 2:00pm to 4:00pm". */
export function session(start: string, end: string): string {
  return `${day(start)}, ${time(start)} to ${time(end)}`;
}

/** minutes: "35 minutes", "1 hour 5 minutes". */
export function minutes(seconds: number): string {
  const m = Math.max(1, Math.round(seconds / 60));
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`;
  const hrs = Math.floor(m / 60);
  const rest = m % 60;
  return `${hrs} hour${hrs === 1 ? '' : 's'}` + (rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : '');
}

/** people: a rounded count, "12,345". */
export function people(n: number): string {
  return numFmt.format(Math.round(n));
}

/** percent: "35%" (one decimal below 10). */
export function percent(part: number, whole: number): string {
  if (!whole) return '–';
  const p = (100 * part) / whole;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

/** pounds: "£2.50", "free". */
export function pounds(pence: number): string {
  if (pence === 0) return 'free';
  return `£${(pence / 100).toFixed(2)}`;
}

/** money: the amount with its confidence in words. */
export function money(m: Money | undefined): string {
  if (!m || m.confidence === 'unknown') return 'not known';
  const s = pounds(m.pence);
  return m.confidence === 'estimated' ? `about ${s} (estimated)` : s;
}

/** ago: "5 hours ago", "3 days ago". */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} minutes ago`;
  if (s < 86400 * 2) return `${Math.round(s / 3600)} hours ago`;
  return `${Math.round(s / 86400)} days ago`;
}

const barrierWords: Record<string, string> = {
  no_step_free_journey: 'No step-free journey',
  over_budget: 'Costs more than the budget',
  no_return_journey: 'No way to get home afterwards',
  venue_not_step_free: 'The venue is not known to be step-free',
  too_long: 'The journey takes too long',
  outside_availability: 'Outside the times the person is free',
  unknown_data: 'Some of the information needed is missing',
  no_journey: 'No bus, train or walking route',
  no_accessible_toilet: 'No accessible toilet is known at the venue',
  no_session: 'No session runs that week',
};

/** barrier: a barrier code in plain words. */
export function barrier(code: string): string {
  return barrierWords[code] ?? code.replace(/_/g, ' ');
}

const accessWords: Record<Access, string> = {
  yes: 'step-free',
  no: 'not step-free',
  unknown: 'not known',
  assumed: 'assumed step-free (not checked)',
};

/** access: a four-valued access answer in words. */
export function access(a: Access | undefined): string {
  return a ? accessWords[a] ?? a : 'not known';
}

const rucWords: Record<string, string> = {
  UN1: 'Urban, nearer to a major town or city',
  UF1: 'Urban, further from a major town or city',
  RLN1: 'Larger rural, nearer to a major town or city',
  RLF1: 'Larger rural, further from a major town or city',
  RSN1: 'Smaller rural, nearer to a major town or city',
  RSF1: 'Smaller rural, further from a major town or city',
};

/** ruc: an ONS Rural-Urban Classification 2021 code in words. */
export function ruc(code: string | null | undefined): string {
  if (!code) return 'not known';
  return rucWords[code] ? `${rucWords[code]} (${code})` : code;
}

/** imd: "1 (most deprived 10%)". */
export function imd(decile: number | null | undefined): string {
  if (decile === null || decile === undefined) return 'not known';
  if (decile === 1) return '1 (most deprived 10%)';
  if (decile === 10) return '10 (least deprived 10%)';
  return String(decile);
}

const modeWords: Record<string, string> = {
  walk: 'Walk', bus: 'Bus', rail: 'Train', tram: 'Tram', coach: 'Coach', ferry: 'Ferry',
  car: 'Car', taxi: 'Taxi', dial_a_ride: 'Dial-a-ride', car_driver: 'Car (driving)',
  car_passenger: 'Car (as a passenger)', other: 'Other transport',
};

/** mode: a travel mode in words. */
export function mode(m: string): string {
  return modeWords[m] ?? m;
}

/** metres: "380 metres", "1.2 km". */
export function metres(m: number): string {
  return m < 1000 ? `${Math.round(m / 10) * 10} metres` : `${(m / 1000).toFixed(1)} km`;
}

export const dayNames: [string, string][] = [
  ['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'],
  ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday'],
];

/** kind: "object_handling" → "object handling". */
export function kind(k: string | undefined): string {
  return k ? k.replace(/_/g, ' ') : 'activity';
}
