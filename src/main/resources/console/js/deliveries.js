// Deliveries: counts per state, the history with filters (state, endpoint type, configuration,
// event, digest, time), each delivery's attempts, and Retry on dead ones. Two API calls per screen,
// and one per endpoint type on the page for its configurations' descriptions and status.
import { h, field, replace, table, time } from './dom.js';
import { query } from './api.js';
import { ENDPOINT_TYPES } from './endpoint-types.js';

const STATES = ['pending', 'delivered', 'dead', 'suppressed'];
const LIMIT = 50;

function select(options, chosen) {
  return h('select', {}, h('option', { value: '' }, 'Any'),
    options.map(([value, label]) => h('option', { value, selected: value === chosen }, label)));
}

/** The filters as they stand in the URL's fragment (#/deliveries/state=dead&…), so Back works. */
function filtersFrom(rest) {
  return Object.fromEntries(new URLSearchParams(rest[0] || ''));
}

/** The last result as the receiver gave it ("HTTP 503: …" already names the status, so it is not repeated). */
function resultOf(delivery) {
  const error = delivery.last_error || '';
  const status = delivery.last_status_code;
  const named = status === null || status === undefined || error.startsWith(`HTTP ${status}`);
  return [named ? null : status, error].filter((part) => part !== null && part !== '').join(' ');
}

/** A pending delivery with no result of its own: why it waits is not on its row. */
function unexplained(delivery) {
  return delivery.state === 'pending' && resultOf(delivery) === '';
}

/**
 * The configurations of the page's deliveries, by uuid, for their descriptions (a user knows a
 * configuration by its description, not its uuid) and status (unknown, healthy, unhealthy): one
 * list of configurations per endpoint type on the page.
 */
async function configurationsFor(ctx, deliveries) {
  const types = new Set(deliveries.map((delivery) => delivery.endpoint));
  const lists = await Promise.all([...types].map((type) =>
    ctx.api.get(`/v2/notifications/endpoints/${encodeURIComponent(type)}/configurations`)));
  return new Map(lists.flat().map((configuration) => [configuration.uuid, configuration]));
}

/**
 * The last result, and for a delivery waiting for a retry or for its receiver to recover, when it
 * goes next. A delivery never tried whose configuration is unhealthy waits because the circuit
 * breaker holds the configuration's queue while its receiver fails: the row says so, as only the
 * configuration's other deliveries would otherwise tell.
 */
function lastResult(delivery, configurations) {
  const held = unexplained(delivery) && configurations.get(delivery.configuration_uuid)?.status === 'unhealthy';
  const waits = delivery.state === 'pending' && delivery.next_attempt_at
    && new Date(delivery.next_attempt_at).getTime() > Date.now();
  return [held ? 'Waiting for its receiver to recover' : resultOf(delivery),
    waits ? h('div', { class: 'help' }, `Next attempt ${time(delivery.next_attempt_at)}`) : null];
}

/** Characters an event id is known by on the screen: its last ones. */
const ID_TAIL = 8;

/**
 * An event id as its last characters after an ellipsis, as a filter by it. The last, not the
 * first: Herald's ids are time-ordered (UUID version 7), so the events of the same minute share
 * their first eight. The whole id stays on the page (its head drawn as an ellipsis by the
 * stylesheet), so it is copied and found whole, and is in the title.
 */
function eventLink(eventId) {
  return h('a', {
    class: 'short-id',
    href: `#/deliveries/event_id=${encodeURIComponent(eventId)}`,
    title: `${eventId}: show only this event's deliveries`,
  }, shortId(eventId));
}

function shortId(id) {
  return id.length > ID_TAIL + 2 ? [h('span', { class: 'head' }, id.slice(0, -ID_TAIL)), id.slice(-ID_TAIL)] : id;
}

/**
 * A configuration by its description, as a filter by it; by its uuid, shortened as an event id
 * is, when it has no description. The uuid is in the title either way.
 */
function configurationLink(uuid, configuration) {
  const description = configuration?.description?.trim();
  return h('a', {
    class: description ? null : 'short-id mono',
    href: `#/deliveries/configuration_uuid=${encodeURIComponent(uuid)}`,
    title: `${description ? `${description} (${uuid})` : uuid}: show only this configuration's deliveries`,
  }, description || shortId(uuid));
}

async function attempts(ctx, delivery, cell) {
  const detail = await ctx.api.get(`/v2/notifications/deliveries/${encodeURIComponent(delivery.uuid)}`);
  replace(cell, table(`Attempts of delivery ${delivery.uuid}`, ['Attempt', 'Time', 'Status', 'Outcome', 'Reason'],
    detail.attempts_history.map((attempt) => h('tr', {},
      h('td', {}, attempt.attempt),
      h('td', {}, time(attempt.started_at)),
      h('td', {}, attempt.status_code ?? ''),
      h('td', {}, attempt.outcome),
      h('td', {}, attempt.error || '')))));
}

export async function renderDeliveries(ctx, rest) {
  const filters = filtersFrom(rest);
  const page = Number(filters.page || 1);
  const [counts, listing] = await Promise.all([
    ctx.api.get('/v2/notifications/delivery-counts'),
    ctx.api.get(`/v2/notifications/deliveries${query({ ...filters, page, limit: LIMIT })}`),
  ]);
  const configurations = await configurationsFor(ctx, listing.results);

  const state = select(STATES.map((name) => [name, name]), filters.state);
  const endpoint = select(Object.entries(ENDPOINT_TYPES).map(([name, type]) => [name, type.title]), filters.endpoint);
  const configuration = h('input', { value: filters.configuration_uuid || '' });
  const event = h('input', { value: filters.event_id || '' });
  const digest = h('input', { value: filters.digest_id || '' });
  const since = h('input', { type: 'datetime-local', value: filters.since ? filters.since.slice(0, 16) : '' });
  const go = (changes) => {
    const next = new URLSearchParams(query({ ...filters, ...changes }).slice(1));
    location.hash = `#/deliveries/${next.toString()}`;
  };
  const form = h('form', { class: 'filters', 'aria-label': 'Filter deliveries' },
    field('State', state), field('Endpoint', endpoint),
    field('Configuration', configuration, 'A configuration uuid, or pick one in the history below.'),
    field('Event', event, 'An event id, or pick one in the history below.'),
    field('Digest', digest, 'A digest id: the deliveries (events) one digest message carried.'),
    field('Since', since, 'Deliveries created after this time (your local time).'),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    go({
      state: state.value,
      endpoint: endpoint.value,
      configuration_uuid: configuration.value.trim(),
      event_id: event.value.trim(),
      digest_id: digest.value.trim(),
      since: since.value ? new Date(since.value).toISOString() : '',
      page: '',
    });
  });

  const rows = listing.results.map((delivery) => {
    const attemptsCell = h('td', { colspan: '8' });
    const attemptsRow = h('tr', { class: 'detail', hidden: true }, attemptsCell);
    const showAttempts = h('button', { type: 'button', 'aria-expanded': 'false' }, 'Attempts');
    showAttempts.addEventListener('click', async () => {
      const open = attemptsRow.hidden;
      attemptsRow.hidden = !open;
      showAttempts.setAttribute('aria-expanded', String(open));
      if (open) {
        replace(attemptsCell, 'Loading…');
        await attempts(ctx, delivery, attemptsCell).catch((error) => replace(attemptsCell, error.message));
      }
    });
    const retry = ctx.canWrite && delivery.state === 'dead'
      ? h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await ctx.api.post(`/v2/notifications/deliveries/${encodeURIComponent(delivery.uuid)}/retry`);
            ctx.announce('Delivery queued again.');
            ctx.refresh();
          } catch (error) {
            ctx.announce(error.message, true);
          }
        },
      }, 'Retry')
      : null;
    return [h('tr', {},
      h('td', {}, time(delivery.created_at)),
      h('td', {}, ENDPOINT_TYPES[delivery.endpoint]?.title || delivery.endpoint),
      h('td', {}, configurationLink(delivery.configuration_uuid, configurations.get(delivery.configuration_uuid))),
      h('td', { class: 'mono' }, eventLink(delivery.event_id), delivery.digest_id
        ? [' ', h('a', { class: 'badge digest', href: `#/deliveries/digest_id=${encodeURIComponent(delivery.digest_id)}`,
          title: `Sent in digest ${delivery.digest_id}: show the deliveries it carried` }, 'digest')] : null),
      h('td', {}, h('span', { class: `badge ${delivery.state}` }, delivery.state)),
      h('td', {}, delivery.attempts),
      h('td', {}, lastResult(delivery, configurations)),
      h('td', { class: 'actions' }, showAttempts, retry)), attemptsRow];
  });

  return h('section', { 'aria-label': 'Deliveries' },
    h('h1', {}, 'Deliveries'),
    h('ul', { class: 'counts', 'aria-label': 'Deliveries per state' },
      STATES.map((name) => h('li', {}, h('a', { href: `#/deliveries/state=${name}` }, h('strong', {}, counts[name] ?? 0), ` ${name}`)))),
    form,
    listing.results.length === 0 ? h('p', {}, 'No deliveries match.')
      : table('Delivery history, newest first', ['Created', 'Endpoint', 'Configuration', 'Event', 'State', 'Attempts', 'Last Result', 'Actions'], rows),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: page <= 1, onclick: () => go({ page: String(page - 1) }) }, 'Previous'),
      ` Page ${page} `,
      h('button', { type: 'button', disabled: !listing.next_page, onclick: () => go({ page: String(page + 1) }) }, 'Next')));
}
