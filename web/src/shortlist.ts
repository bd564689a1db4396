// The shortlist a link worker gives the person: plain, large-print-friendly
// English, with no location in it.
import type { ReachItem, ReachLeg, ReachTrip } from './api';
import * as f from './format';

/** legSentence says one leg of a trip in words. */
export function legSentence(l: ReachLeg): string {
  const to = l.to === 'home' ? 'home' : l.to ?? 'the stop';
  const dist = l.metres && l.metres >= 20 ? `about ${f.metres(l.metres)} ` : '';
  switch (l.mode) {
    case 'walk':
      return to === 'home' ? `Walk ${dist}home (${f.minutes(l.seconds)}).` : `Walk ${dist}to ${to} (${f.minutes(l.seconds)}).`;
    case 'bus': case 'rail': case 'tram': case 'coach': case 'ferry': {
      const what = l.mode === 'bus' ? `the number ${l.route ?? ''} bus`.replace('  ', ' ') : `the ${f.mode(l.mode).toLowerCase()}${l.route ? ' ' + l.route : ''}`;
      return `Take ${what} from ${l.from ?? 'the stop'} at ${f.time(l.depart)} to ${to} (${f.minutes(l.seconds)}).`;
    }
    case 'dial_a_ride':
      return `Dial-a-ride to ${to} at ${f.time(l.depart)}${l.booking ? ` (${l.booking})` : ''}.`;
    default:
      return `${f.mode(l.mode)} to ${to} at ${f.time(l.depart)} (${f.minutes(l.seconds)}).`;
  }
}

/** tripText says a whole trip: when to leave, each leg, when you arrive. */
export function tripText(t: ReachTrip, out: boolean): string {
  const start = out ? `Leave home at ${f.time(t.depart)}.` : `Leave at ${f.time(t.depart)}.`;
  const end = out ? `You should arrive at ${f.time(t.arrive)}.` : `You should be home at ${f.time(t.arrive)}.`;
  return [start, ...t.legs.map((l) => legSentence(l)), end].join(' ');
}

/** noteGroups merges the access notes that share one reason:
 * "Upton Cross assumed step-free: <reason>" ×3 becomes one line. */
export function noteGroups(notes: string[]): string[] {
  const byReason = new Map<string, string[]>();
  const plain: string[] = [];
  for (const n of notes) {
    const m = /^(.+?) (assumed step-free|assumed): (.+)$/.exec(n);
    if (!m) { if (!plain.includes(n)) plain.push(n); continue; }
    const key = `${m[2]}: ${m[3]}`;
    const names = byReason.get(key) ?? [];
    if (!names.includes(m[1])) names.push(m[1]);
    byReason.set(key, names);
  }
  const grouped = [...byReason.entries()].map(([k, names]) => {
    const [what, ...why] = k.split(': ');
    return `${names.join(', ')}: ${what} (not checked). ${why.join(': ')}`;
  });
  return [...plain, ...grouped];
}

/** itemText is one activity for the shortlist. */
export function itemText(it: ReachItem): string {
  const lines: string[] = [];
  lines.push(`${it.activity_name}${it.kind ? ` (${f.kind(it.kind)})` : ''}`);
  if (it.illustrative) lines.push('Please note: this is an example for demonstration, not a real activity.');
  lines.push(`Where: ${it.site_name}`);
  lines.push(`When: ${f.session(it.session_start, it.session_end)}`);
  if (it.out) lines.push(`Getting there: ${tripText(it.out, true)}`);
  if (it.back) lines.push(`Getting home: ${tripText(it.back, false)}`);
  if (it.cost) {
    const c = it.cost;
    lines.push(`Cost: ${f.money(c.total)} in all (fares there ${f.money(c.outbound)}, fares back ${f.money(c.return)}${c.companion.pence ? `, companion ${f.money(c.companion)}` : ''}, activity ${f.money(c.activity)}).`);
  }
  const contact = [it.contact.name, it.contact.phone && `phone ${it.contact.phone}`, it.contact.email && `email ${it.contact.email}`, it.contact.url && `website ${it.contact.url}`].filter(Boolean);
  if (contact.length) lines.push(`Contact: ${contact.join(', ')}`);
  if (it.how_to_refer) lines.push(`How to join: ${it.how_to_refer}`);
  return lines.join('\n');
}

/** shortlistText is the whole shortlist. */
export function shortlistText(items: ReachItem[]): string {
  if (items.length === 0) return '';
  const head = `Heritage activities you could go to (${items.length})`;
  const foot = 'Times are local. Buses can change: check with the operator before you travel.';
  return [head, ...items.map((it, i) => `${i + 1}. ${itemText(it)}`), foot].join('\n\n');
}
