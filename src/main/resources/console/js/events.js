// Events: the list with Anchore's filters, one event's JSON, and the event-type catalogue.
import { h, field, replace, table, time } from './dom.js';
import { query } from './api.js';

const LIMIT = 50;
const TEXT_FILTERS = [
  ['event_type', 'Event Type', 'A type or its beginning; * matches any characters.'],
  ['resource_type', 'Resource Type', 'e.g. image_tag'],
  ['resource_id', 'Resource ID', 'e.g. docker.io/acme/api:1.4'],
  ['source_service_name', 'Source Service', 'The service that sent the event.'],
  ['source_host_id', 'Source Host', 'The host that sent the event.'],
];

function catalogue(categories) {
  return h('details', { class: 'catalogue' }, h('summary', {}, 'Event Types'),
    categories.map((category) => h('section', {},
      h('h3', {}, `${category.name} — ${category.description || ''}`),
      (category.subcategories || []).map((subcategory) => table(`${category.name}.${subcategory.name}: ${subcategory.description || ''}`,
        ['Type', 'Resource Type', 'Message'],
        (subcategory.events || []).map((type) => h('tr', {},
          h('td', { class: 'mono' }, type.type), h('td', {}, type.resource_type || ''), h('td', {}, type.message || ''))))))));
}

export async function renderEvents(ctx, rest) {
  const filters = Object.fromEntries(new URLSearchParams(rest[0] || ''));
  const page = Number(filters.page || 1);
  const [listing, types] = await Promise.all([
    ctx.api.get(`/v2/events${query({ ...filters, page, limit: LIMIT })}`),
    ctx.api.get('/v2/event-types'),
  ]);
  const go = (changes) => { location.hash = `#/events/${query({ ...filters, ...changes }).slice(1)}`; };

  const inputs = Object.fromEntries(TEXT_FILTERS.map(([name]) => [name, h('input', { value: filters[name] || '' })]));
  const level = h('select', {}, ['', 'info', 'error'].map((name) => h('option', { value: name, selected: filters.level === name }, name || 'Any')));
  const since = h('input', { type: 'datetime-local', value: filters.since ? filters.since.slice(0, 16) : '' });
  const before = h('input', { type: 'datetime-local', value: filters.before ? filters.before.slice(0, 16) : '' });
  const form = h('form', { class: 'filters', 'aria-label': 'Filter events' },
    TEXT_FILTERS.map(([name, label, help]) => field(label, inputs[name], help)),
    field('Level', level), field('Since', since, 'Your local time.'), field('Before', before, 'Your local time.'),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    const changes = Object.fromEntries(TEXT_FILTERS.map(([name]) => [name, inputs[name].value.trim()]));
    go({
      ...changes,
      level: level.value,
      since: since.value ? new Date(since.value).toISOString() : '',
      before: before.value ? new Date(before.value).toISOString() : '',
      page: '',
    });
  });

  const shown = h('pre', { class: 'json', tabindex: '0', 'aria-label': 'Event JSON', hidden: true });
  const rows = listing.results.map((item) => {
    const event = item.event;
    return h('tr', {},
      h('td', {}, time(item.created_at)),
      h('td', {}, h('span', { class: `badge ${event.level}` }, event.level)),
      h('td', { class: 'mono' }, event.type),
      h('td', { class: 'mono' }, `${event.resource?.type || ''} ${event.resource?.id || ''}`),
      h('td', {}, event.message || ''),
      h('td', {}, h('button', {
        type: 'button',
        'aria-label': `View event ${item.event_id}`,
        onclick: async () => {
          const one = await ctx.api.get(`/v2/events/${encodeURIComponent(item.event_id)}`);
          shown.hidden = false;
          replace(shown, JSON.stringify(one, null, 2));
          shown.focus();
        },
      }, 'View')));
  });

  return h('section', { 'aria-label': 'Events' },
    h('h1', {}, 'Events'),
    form,
    listing.results.length === 0 ? h('p', {}, 'No events match.')
      : table('Events, newest first', ['Time', 'Level', 'Type', 'Resource', 'Message', 'Event'], rows),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: page <= 1, onclick: () => go({ page: String(page - 1) }) }, 'Previous'),
      ` Page ${page} `,
      h('button', { type: 'button', disabled: !listing.next_page, onclick: () => go({ page: String(page + 1) }) }, 'Next')),
    shown,
    catalogue(types));
}
