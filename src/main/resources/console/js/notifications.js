// Notifications (Anchore's walkthrough): the six endpoints with their status and the admin toggle;
// one endpoint's configurations with Edit, Test and Remove; Let's Add One! / Add New Configuration.
import { h, table, time } from './dom.js';
import { confirmWith } from './dialog.js';
import { ENDPOINT_TYPES } from './endpoint-types.js';
import { configurationFileButtons } from './configuration-file.js';
import { openConfigurationForm } from './configuration-form.js';
import { pagedTable } from './paging.js';

const CONFIGURATIONS = (type) => `/v2/notifications/endpoints/${encodeURIComponent(type)}/configurations`;

function enabledText(endpoint) {
  return endpoint.enabled ? 'Enabled' : 'Disabled';
}

function toggle(ctx, endpoint) {
  const title = ENDPOINT_TYPES[endpoint.name]?.title || endpoint.name;
  if (!ctx.isAdmin) {
    return h('span', { class: `badge ${endpoint.enabled ? 'ok' : 'off'}` }, enabledText(endpoint));
  }
  const box = h('input', { type: 'checkbox', role: 'switch', checked: endpoint.enabled, 'aria-label': `${title} enabled` });
  const label = h('span', {}, enabledText(endpoint));
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      const saved = await ctx.api.put(`/v2/notifications/endpoints/${encodeURIComponent(endpoint.name)}`, { enabled: box.checked });
      label.textContent = enabledText(saved);
      ctx.announce(`${title} ${saved.enabled ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      box.checked = !box.checked;
      ctx.announce(error.message, true);
    } finally {
      box.disabled = false;
    }
  });
  return h('label', { class: 'switch' }, box, ' ', label);
}

// A configuration's own switch (Herald's enabled): Herald turns it off when its receiver keeps
// failing or answers 410 Gone; turning it on again is a PUT of the configuration as read, with
// enabled true (the masked secrets sent back are kept).
function configurationSwitch(ctx, type, configuration) {
  const text = (enabled) => (enabled ? 'Enabled' : 'Disabled');
  if (!ctx.canWrite) {
    return h('span', { class: `badge ${configuration.enabled ? 'ok' : 'off'}` }, text(configuration.enabled));
  }
  const name = configuration.description || configuration.uuid;
  const box = h('input', { type: 'checkbox', role: 'switch', checked: configuration.enabled, 'aria-label': `${name} enabled` });
  const label = h('span', {}, text(configuration.enabled));
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      const saved = await ctx.api.put(`${CONFIGURATIONS(type)}/${configuration.uuid}`, { ...configuration, enabled: box.checked });
      Object.assign(configuration, saved);
      label.textContent = text(saved.enabled);
      ctx.announce(`${name} ${saved.enabled ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      box.checked = !box.checked;
      ctx.announce(error.message, true);
    } finally {
      box.disabled = false;
    }
  });
  return h('label', { class: 'switch' }, box, ' ', label);
}

async function endpointList(ctx) {
  const endpoints = await ctx.api.get('/v2/notifications/endpoints');
  return [
    h('h1', {}, 'Notifications'),
    h('p', {}, 'Choose an endpoint to see and add its configurations.'),
    configurationFileButtons(ctx),
    table('Endpoints', ['Endpoint', 'Status'], endpoints.map((endpoint) => h('tr', {},
      h('td', {}, h('a', { href: `#/notifications/${encodeURIComponent(endpoint.name)}` }, ENDPOINT_TYPES[endpoint.name]?.title || endpoint.name)),
      h('td', {}, toggle(ctx, endpoint))))),
  ];
}

async function configurationList(ctx, type) {
  const endpointType = ENDPOINT_TYPES[type];
  if (!endpointType) {
    return [h('h1', {}, 'Notifications'), h('p', { class: 'error', role: 'alert' }, `There is no endpoint type ${type}.`)];
  }
  const [endpoints, configurations] = await Promise.all([
    ctx.api.get('/v2/notifications/endpoints'),
    ctx.api.get(CONFIGURATIONS(type)),
  ]);
  const endpoint = endpoints.find((candidate) => candidate.name === type);
  const reload = () => ctx.refresh();
  const add = async () => openConfigurationForm(ctx, type, null, [], reload);
  const edit = async (configuration) => {
    const selectors = await ctx.api.get(`${CONFIGURATIONS(type)}/${configuration.uuid}/selectors`);
    openConfigurationForm(ctx, type, configuration, selectors, reload);
  };
  const test = async (configuration) => {
    ctx.announce('Testing…');
    try {
      const answer = await ctx.api.get(`${CONFIGURATIONS(type)}/${configuration.uuid}/test`);
      ctx.announce(`Test of ${configuration.description || configuration.uuid}: ${answer.status}${answer.response ? ` — ${answer.response}` : ''}`);
    } catch (error) {
      ctx.announce(error.message, true);
    }
  };
  const remove = async (configuration) => {
    if (!await confirmWith(`Remove ${configuration.description || 'this configuration'}?`)) {
      return;
    }
    try {
      await ctx.api.del(`${CONFIGURATIONS(type)}/${configuration.uuid}`);
      ctx.announce('Configuration removed.');
      reload();
    } catch (error) {
      ctx.announce(error.message, true);
    }
  };
  const actions = (configuration) => (ctx.canWrite ? h('td', { class: 'actions' },
    h('button', { type: 'button', onclick: () => edit(configuration).catch((e) => ctx.announce(e.message, true)) }, 'Edit'),
    h('button', { type: 'button', onclick: () => test(configuration) }, 'Test'),
    h('button', { type: 'button', class: 'danger', onclick: () => remove(configuration) }, 'Remove')) : null);
  const headers = ['Description', 'Target', 'Status', 'Enabled', 'Last Updated', ...(ctx.canWrite ? ['Actions'] : [])];
  const makeTable = (rows) => table(`${endpointType.title} configurations`, headers, rows.map((configuration) => h('tr', {},
    h('td', {}, configuration.description || '(no description)'),
    h('td', { class: 'mono' }, endpointType.summary(configuration)),
    h('td', {}, h('span', { class: `badge ${configuration.status}` }, configuration.status)),
    h('td', {}, configurationSwitch(ctx, type, configuration)),
    h('td', {}, time(configuration.last_updated)),
    actions(configuration))));

  return [
    h('p', {}, h('a', { href: '#/notifications' }, 'Notifications'), ' / ', endpointType.title),
    h('h1', {}, endpointType.title),
    h('p', {}, 'Status: ', endpoint ? toggle(ctx, endpoint) : 'unknown',
      endpoint && !endpoint.enabled ? ' — deliveries are recorded as suppressed until it is enabled.' : ''),
    configurations.length === 0
      ? [h('p', {}, `There are no ${endpointType.title} configurations yet.`),
        ctx.canWrite ? h('button', { type: 'button', class: 'primary', onclick: add }, "Let's Add One!") : null]
      : [ctx.canWrite ? h('button', { type: 'button', class: 'primary', onclick: add }, 'Add New Configuration') : null,
        pagedTable(makeTable, configurations)],
  ];
}

export async function renderNotifications(ctx, [type]) {
  return h('section', { 'aria-label': 'Notifications' }, type ? await configurationList(ctx, type) : await endpointList(ctx));
}
