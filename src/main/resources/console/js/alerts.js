// Scanning alerts (Sysdig's Manage Scanning Alerts): the Alerts list with its search box and enabled
// switches; Add Alert → Runtime or Repository → the form; selecting an alert edits it; More →
// Duplicate Alert / Delete Alert, each confirmed with Yes.
import { h, table } from './dom.js';
import { query } from './api.js';
import { confirmWith, openDialog } from './dialog.js';
import { renderAlertForm, settingsOf } from './alert-form.js';

const ALERTS = '/api/scanning/v1/alerts';
const LIMIT = 50;

function where(alert) {
  if (alert.type === 'runtime') {
    return alert.scope ? alert.scope : 'Everywhere';
  }
  return (alert.repositories || []).map((repository) => `${repository.registry}/${repository.repository}:${repository.tag}`).join(', ');
}

function enabledSwitch(ctx, alert) {
  if (!ctx.canWrite) {
    return alert.enabled ? 'Enabled' : 'Disabled';
  }
  const box = h('input', { type: 'checkbox', role: 'switch', checked: alert.enabled, 'aria-label': `${alert.name} enabled` });
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      await ctx.api.put(`${ALERTS}/${encodeURIComponent(alert.alertId)}`, { ...settingsOf(alert), enabled: box.checked });
      alert.enabled = box.checked;
      ctx.announce(`${alert.name} ${box.checked ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      box.checked = !box.checked;
      ctx.announce(error.message, true);
    } finally {
      box.disabled = false;
    }
  });
  return box;
}

function moreMenu(ctx, alert) {
  const menu = h('div', { class: 'menu', hidden: true });
  const more = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `More for ${alert.name}` }, 'More');
  more.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    more.setAttribute('aria-expanded', String(!menu.hidden));
  });
  const act = async (question, doIt, done) => {
    if (!await confirmWith(question)) {
      return;
    }
    try {
      await doIt();
      ctx.announce(done);
      ctx.refresh();
    } catch (error) {
      ctx.announce(error.message, true);
    }
  };
  menu.append(
    h('button', {
      type: 'button',
      onclick: () => act(`Duplicate ${alert.name}?`, () => ctx.api.post(`${ALERTS}/${encodeURIComponent(alert.alertId)}/duplicate`), 'Alert duplicated.'),
    }, 'Duplicate Alert'),
    h('button', {
      type: 'button',
      class: 'danger',
      onclick: () => act(`Delete ${alert.name}?`, () => ctx.api.del(`${ALERTS}/${encodeURIComponent(alert.alertId)}`), 'Alert deleted.'),
    }, 'Delete Alert'));
  return h('div', { class: 'more' }, more, menu);
}

function chooseType() {
  const pick = (type) => { dialog.close(); location.hash = `#/alerts/new/${type}`; };
  const choice = (type, label, description) => {
    const said = h('p', { id: `alert-type-${type}`, class: 'help' }, description);
    return h('div', { class: 'choice-card' },
      h('button', { type: 'button', class: 'primary', 'aria-describedby': said.id, onclick: () => pick(type) }, label), said);
  };
  const dialog = openDialog('Add Alert', h('div', { class: 'choices' },
    choice('runtime', 'Runtime', 'Images running in your clusters, everywhere or in a narrower scope.'),
    choice('repository', 'Repository', 'Images in registries and repositories, by registry, repo and tag.'),
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'))));
}

async function alertList(ctx, filters) {
  const listing = await ctx.api.get(`${ALERTS}${query({ limit: LIMIT, name: filters.name, cursor: filters.cursor })}`);
  const search = h('input', { type: 'search', id: 'alert-search', value: filters.name || '', 'aria-label': 'Search alerts by name' });
  const form = h('form', { role: 'search', class: 'filters' }, search, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    location.hash = `#/alerts/${query({ name: search.value.trim() }).slice(1)}`;
  });
  const rows = listing.alerts.map((alert) => h('tr', {},
    h('td', {}, enabledSwitch(ctx, alert)),
    h('td', {}, h('a', { href: `#/alerts/edit/${encodeURIComponent(alert.alertId)}` }, alert.name)),
    h('td', {}, alert.type === 'runtime' ? 'Runtime' : 'Repository'),
    h('td', {}, where(alert)),
    h('td', {}, String((alert.notificationChannelIds || []).length)),
    ctx.canWrite ? h('td', {}, moreMenu(ctx, alert)) : null));
  const next = listing.responseMetadata?.next_cursor;
  return [
    h('h1', {}, 'Alerts'),
    h('div', { class: 'toolbar' }, form,
      ctx.canWrite ? h('button', { type: 'button', class: 'primary', onclick: chooseType }, 'Add Alert') : null),
    listing.alerts.length === 0 ? h('p', {}, filters.name ? 'No alert has that name.' : 'There are no alerts yet.')
      : table('Scanning alerts', ['Enabled', 'Name', 'Type', 'Scope', 'Channels', ...(ctx.canWrite ? ['More'] : [])], rows),
    filters.cursor || next ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('a', { href: `#/alerts/${query({ name: filters.name }).slice(1)}` }, 'First page'), ' ',
      next ? h('a', { href: `#/alerts/${query({ name: filters.name, cursor: next }).slice(1)}` }, 'Next page') : null) : null,
  ];
}

export async function renderAlerts(ctx, rest) {
  let content;
  if (rest[0] === 'new') {
    content = await renderAlertForm(ctx, { type: rest[1] === 'repository' ? 'repository' : 'runtime' });
  } else if (rest[0] === 'edit') {
    content = await renderAlertForm(ctx, await ctx.api.get(`${ALERTS}/${encodeURIComponent(rest[1])}`));
  } else {
    content = await alertList(ctx, Object.fromEntries(new URLSearchParams(rest[0] || '')));
  }
  return h('section', { 'aria-label': 'Scanning Alerts' }, content);
}
