// The profile form: a standard profile and the link worker's adjustments
// (mobility, budget, bus pass, companion, days and times free). Its value
// is what the reachability and journey requests send as "profile".
import type { Profile } from './api';
import { checkbox, field, h, replace, select } from './dom';
import { dayNames, mode as modeName, pounds } from './format';

const allModes = ['bus', 'rail', 'dial_a_ride', 'car_driver', 'car_passenger', 'taxi'];

export class ProfileForm {
  readonly el: HTMLFieldSetElement;
  private readonly choose: HTMLSelectElement;
  private readonly about = h('div', { class: 'profile-about' });
  private readonly adjust = h('div', { class: 'adjust' });
  private base!: Profile;
  private inputs!: {
    speed: HTMLInputElement; walk: HTMLInputElement; stepFree: HTMLInputElement; toilet: HTMLInputElement;
    modes: Map<string, HTMLInputElement>; pass: HTMLInputElement; companion: HTMLInputElement;
    budget: HTMLInputElement; journey: HTMLInputElement; days: Map<string, HTMLInputElement>;
    from: HTMLInputElement; to: HTMLInputElement;
  };

  constructor(private readonly profiles: Profile[], initial = 'walker') {
    this.choose = select(profiles.map((p) => [p.id, p.name]), initial, { name: 'profile' });
    this.choose.addEventListener('change', () => this.load(this.choose.value));
    this.el = h('fieldset', { class: 'profile' },
      h('legend', { text: 'How the person travels' }),
      field('Standard profile', this.choose, 'start from the profile closest to the person, then adjust'),
      this.about, this.adjust);
    this.load(initial);
  }

  /** load fills the adjustments from a standard profile. */
  private load(id: string): void {
    this.base = this.profiles.find((p) => p.id === id) ?? this.profiles[0];
    const p = this.base;
    replace(this.about,
      h('p', { text: p.description ?? '' }),
      p.reasons ? h('details', null, h('summary', { text: 'Why these values' }),
        h('ul', null, Object.entries(p.reasons).map(([k, v]) => h('li', null, h('strong', { text: k.replace(/_/g, ' ') + ': ' }), v)))) : null);
    const num = (value: number | null, attrs: Record<string, unknown>) => h('input', { type: 'number', value: value ?? '', ...attrs });
    const speed = num(p.walk_speed_mps, { min: 0.1, max: 3, step: 0.1, inputmode: 'decimal' });
    const walk = num(p.max_walk_m, { min: 0, max: 10000, step: 50 });
    const stepFree = checkbox('Needs step-free access (no steps, a step-free vehicle, stop and entrance)', p.step_free);
    const toilet = checkbox('Needs an accessible toilet at the venue', p.accessible_toilet);
    const modes = new Map<string, HTMLInputElement>();
    const modeBoxes = allModes.map((m) => { const c = checkbox(modeName(m), p.modes.includes(m)); modes.set(m, c.input); return c.wrap; });
    const pass = checkbox('Has an English concessionary bus pass', p.concessionary_pass);
    const companion = checkbox('Travels with a companion (their fares count too)', p.companion);
    const budget = h('input', { type: 'text', inputmode: 'decimal', value: p.budget_pence === null ? '' : (p.budget_pence / 100).toFixed(2), autocomplete: 'off' });
    const journey = num(p.max_journey_min, { min: 1, max: 600, step: 5 });
    const win = p.available[0] ?? { days: dayNames.map(([d]) => d), from: '08:00', to: '20:00' };
    const days = new Map<string, HTMLInputElement>();
    const dayBoxes = dayNames.map(([d, name]) => { const c = checkbox(name, win.days.includes(d)); days.set(d, c.input); return c.wrap; });
    const from = h('input', { type: 'time', value: win.from });
    const to = h('input', { type: 'time', value: win.to === '24:00' ? '23:59' : win.to });
    this.inputs = { speed, walk, stepFree: stepFree.input, toilet: toilet.input, modes, pass: pass.input, companion: companion.input, budget, journey, days, from, to };
    replace(this.adjust,
      h('details', { open: true }, h('summary', { text: 'Adjust for this person' }),
        h('div', { class: 'grid2' },
          field('Walking speed (metres per second)', speed, 'about 1.2 for most adults, 0.8 to 0.9 for older people'),
          field('Longest walk to a stop (metres)', walk),
          field('Budget per visit in pounds', budget, budget.value === '' ? 'empty: no limit; 0: cannot spend anything' : 'fares there and back and the activity; empty: no limit'),
          field('Longest one-way journey (minutes)', journey, 'empty: 45 in towns, 90 in rural areas'),
        ),
        stepFree.wrap, toilet.wrap, pass.wrap, companion.wrap,
        h('fieldset', { class: 'inline' }, h('legend', { text: 'Ways of travelling' }), modeBoxes),
        h('fieldset', { class: 'inline' }, h('legend', { text: 'Days the person is free' }), dayBoxes),
        h('div', { class: 'grid2' }, field('Free from', from), field('Free until', to)),
      ));
  }

  /** value returns the profile to send: the standard id when nothing was
   * changed, else {base_id, changed fields}; or an error in words. */
  value(): { profile: string | Record<string, unknown> } | { error: string; input: HTMLElement } {
    const i = this.inputs;
    const p = this.base;
    const o: Record<string, unknown> = {};
    const speed = Number(i.speed.value);
    if (!(speed > 0 && speed <= 3)) return { error: 'Walking speed must be between 0.1 and 3 metres per second.', input: i.speed };
    if (speed !== p.walk_speed_mps) o.walk_speed_mps = speed;
    const walk = Number(i.walk.value);
    if (i.walk.value === '' || !(walk >= 0 && walk <= 10000)) return { error: 'The longest walk must be between 0 and 10,000 metres.', input: i.walk };
    if (walk !== p.max_walk_m) o.max_walk_m = walk;
    if (i.stepFree.checked !== p.step_free) o.step_free = i.stepFree.checked;
    if (i.toilet.checked !== p.accessible_toilet) o.accessible_toilet = i.toilet.checked;
    const modes = allModes.filter((m) => i.modes.get(m)!.checked);
    if (modes.length === 0) return { error: 'Choose at least one way of travelling.', input: i.modes.get('bus')! };
    if (modes.join() !== allModes.filter((m) => p.modes.includes(m)).join()) o.modes = modes;
    if (i.pass.checked !== p.concessionary_pass) o.concessionary_pass = i.pass.checked;
    if (i.companion.checked !== p.companion) o.companion = i.companion.checked;
    const budgetText = i.budget.value.trim().replace(/^£/, '');
    let budget: number | null = null;
    if (budgetText !== '') {
      const pounds = Number(budgetText);
      if (!(pounds >= 0) || !Number.isFinite(pounds)) return { error: 'The budget must be an amount in pounds, such as 5 or 2.50, or empty for no limit.', input: i.budget };
      budget = Math.round(pounds * 100);
    }
    if (budget !== p.budget_pence) o.budget_pence = budget;
    let journey: number | null = null;
    if (i.journey.value !== '') {
      journey = Math.round(Number(i.journey.value));
      if (!(journey >= 1 && journey <= 600)) return { error: 'The longest journey must be between 1 and 600 minutes, or empty.', input: i.journey };
    }
    if (journey !== p.max_journey_min) o.max_journey_min = journey;
    const days = dayNames.map(([d]) => d).filter((d) => i.days.get(d)!.checked);
    if (days.length === 0) return { error: 'Choose at least one day the person is free.', input: i.days.get('mon')! };
    if (!(i.from.value && i.to.value && i.from.value < i.to.value)) return { error: '"Free from" must be earlier than "Free until".', input: i.from };
    const win = p.available[0];
    if (!win || p.available.length !== 1 || win.days.join() !== days.join() || win.from !== i.from.value || win.to !== i.to.value) {
      o.available = [{ days, from: i.from.value, to: i.to.value }];
    }
    if (Object.keys(o).length === 0) return { profile: p.id };
    return { profile: { base_id: p.id, ...o } };
  }

  /** summary describes the adjusted profile in a line (for the shortlist). */
  summary(): string {
    const v = this.value();
    const b = this.base;
    if ('error' in v) return b.name;
    return typeof v.profile === 'string' ? b.name : `${b.name}, adjusted`;
  }

  /** budgetText is the budget in words. */
  budgetText(): string {
    const t = this.inputs.budget.value.trim();
    return t === '' ? 'no limit' : pounds(Math.round(Number(t.replace(/^£/, '')) * 100));
  }
}
