// The form of one scanning alert, as Sysdig's console has it: Name, Description, Scope (runtime:
// Everywhere or a narrower scope) or Registry / Repo / Tag (repository), the triggers, the channels
// (Add Channel, from the account's endpoint configurations), Save.
import { h, field, replace, uid } from './dom.js';
import { ENDPOINT_TYPES } from './endpoint-types.js';

const ALERTS = '/api/scanning/v1/alerts';
const WILDCARD_RULE = 'Use * as a wildcard. A * in Registry or Repo allows only the New Image Analyzed trigger.';

/** An alert's settings as the API takes them back (what it answered, less its own fields). */
export function settingsOf(alert) {
  const { alertId, createdAt, updatedAt, ...settings } = alert;
  if (settings.type === 'runtime') {
    delete settings.repositories;
  } else {
    delete settings.scope;
  }
  return settings;
}

async function channelsOf(ctx) {
  const lists = await Promise.all(Object.keys(ENDPOINT_TYPES).map((type) => ctx.api
    .get(`/v2/notifications/endpoints/${type}/configurations`)
    .then((configurations) => configurations.map((configuration) => ({
      uuid: configuration.uuid,
      label: `${ENDPOINT_TYPES[type].title}: ${configuration.description || ENDPOINT_TYPES[type].summary(configuration)}`,
    })))));
  return lists.flat();
}

function checkbox(label, checked, help) {
  const box = h('input', { type: 'checkbox', checked });
  const helpNode = help ? h('small', { class: 'help', id: uid('help') }, help) : null;
  if (helpNode) {
    box.setAttribute('aria-describedby', helpNode.id);
  }
  return { box, node: h('div', { class: 'field check' }, h('label', {}, box, ` ${label}`), helpNode) };
}

function repositoryRow(repository, onChange, onRemove) {
  const registry = h('input', { value: repository.registry || '', 'aria-label': 'Registry' });
  const repo = h('input', { value: repository.repository || '', 'aria-label': 'Repo' });
  const tag = h('input', { value: repository.tag || '', 'aria-label': 'Tag' });
  [registry, repo, tag].forEach((input) => input.addEventListener('input', onChange));
  const row = h('div', { class: 'repository-row' },
    field('Registry', registry), field('Repo', repo), field('Tag', tag),
    h('button', { type: 'button', class: 'link', onclick: () => onRemove(row) }, 'Remove'));
  row.read = () => ({ registry: registry.value.trim(), repository: repo.value.trim(), tag: tag.value.trim() });
  return row;
}

export async function renderAlertForm(ctx, alert) {
  const isNew = !alert.alertId;
  const runtime = alert.type === 'runtime';
  const channels = await channelsOf(ctx);
  const triggers = alert.triggers || (runtime ? { unscanned: true } : { analysis_update: true });
  const problem = h('p', { class: 'error', role: 'alert' });

  const name = h('input', { value: alert.name || '', required: true });
  const description = h('input', { value: alert.description || '' });

  // where the alert looks
  let where;
  let readWhere;
  const hasWildcard = () => !runtime && rows.some((row) => /\*/.test(row.read().registry + row.read().repository));
  const rows = [];
  if (runtime) {
    const group = uid('scope');
    const everywhere = h('input', { type: 'radio', name: group, value: 'everywhere', checked: !alert.scope });
    const narrower = h('input', { type: 'radio', name: group, value: 'scope', checked: Boolean(alert.scope) });
    const scope = h('input', { value: alert.scope || '', 'aria-label': 'Scope expression', disabled: !alert.scope });
    const sync = () => { scope.disabled = everywhere.checked; };
    everywhere.addEventListener('change', sync);
    narrower.addEventListener('change', sync);
    where = h('fieldset', {}, h('legend', {}, 'Scope'),
      h('label', { class: 'choice' }, everywhere, ' Everywhere'),
      h('label', { class: 'choice' }, narrower, ' Only where'),
      field('Scope expression', scope, 'Labels joined with and, e.g. kubernetes.cluster.name = "prod" and kubernetes.namespace.name in ("api","web")'));
    readWhere = () => ({ scope: everywhere.checked ? '' : scope.value.trim() });
  } else {
    const list = h('div', {});
    const onChange = () => syncTriggers();
    const remove = (row) => { rows.splice(rows.indexOf(row), 1); row.remove(); syncTriggers(); };
    const add = (repository) => { const row = repositoryRow(repository, onChange, remove); rows.push(row); list.append(row); };
    (alert.repositories && alert.repositories.length ? alert.repositories : [{ registry: '', repository: '', tag: '' }]).forEach(add);
    where = h('fieldset', {}, h('legend', {}, 'Registry / Repo / Tag'),
      h('p', { class: 'help' }, WILDCARD_RULE), list,
      h('button', { type: 'button', onclick: () => { add({ registry: '', repository: '', tag: '' }); syncTriggers(); } }, 'Add Repository'));
    readWhere = () => ({ repositories: rows.map((row) => row.read()) });
  }

  // what it reacts to
  const first = runtime
    ? checkbox('Unscanned Image', Boolean(triggers.unscanned), 'A running image has no scan result.')
    : checkbox('New Image Analyzed', Boolean(triggers.analysis_update), 'An image was scanned for the first time.');
  const change = checkbox('Scan Result Change', Boolean(triggers.policy_eval), 'The policy evaluation of an image changed.');
  const changeGroup = uid('change');
  const passFail = h('input', { type: 'radio', name: changeGroup, checked: alert.onlyPassFail !== false });
  const anyChange = h('input', { type: 'radio', name: changeGroup, checked: alert.onlyPassFail === false });
  const cve = checkbox('CVE Update', Boolean(triggers.vuln_update), 'Vulnerabilities of an image were added, updated or removed.');
  const changeKinds = h('div', { class: 'sub' },
    h('label', { class: 'choice' }, passFail, ' Pass/Fail'), h('label', { class: 'choice' }, anyChange, ' Any Change'));
  const syncTriggers = () => {
    const onlyAnalysis = hasWildcard();
    [change.box, cve.box].forEach((box) => { box.disabled = onlyAnalysis; if (onlyAnalysis) { box.checked = false; } });
    [passFail, anyChange].forEach((radio) => { radio.disabled = onlyAnalysis || !change.box.checked; });
  };
  change.box.addEventListener('change', syncTriggers);
  const triggerSet = h('fieldset', {}, h('legend', {}, 'Triggers'), first.node, change.node, changeKinds, cve.node);

  // where it sends
  const chosen = new Set(alert.notificationChannelIds || []);
  const chosenList = h('ul', { class: 'channels' });
  const picker = h('select', { 'aria-label': 'Channel to add' });
  const showChannels = () => {
    replace(chosenList, [...chosen].map((uuid) => h('li', {},
      channels.find((channel) => channel.uuid === uuid)?.label || uuid, ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': 'Remove channel', onclick: () => { chosen.delete(uuid); showChannels(); } }, 'Remove'))));
    replace(picker, channels.filter((channel) => !chosen.has(channel.uuid)).map((channel) => h('option', { value: channel.uuid }, channel.label)));
  };
  showChannels();
  const channelSet = h('fieldset', {}, h('legend', {}, 'Notification Channels'), chosenList,
    channels.length === 0 ? h('p', { class: 'help' }, 'Add an endpoint configuration under Notifications first.')
      : h('div', { class: 'inline' }, picker, h('button', {
        type: 'button',
        onclick: () => { if (picker.value) { chosen.add(picker.value); showChannels(); } },
      }, 'Add Channel')));

  const save = h('button', { type: 'submit', class: 'primary', disabled: !ctx.canWrite }, 'Save');
  const form = h('form', { class: 'alert-form', novalidate: true },
    h('p', {}, h('a', { href: '#/alerts' }, 'Alerts'), ' / ', isNew ? `New ${runtime ? 'Runtime' : 'Repository'} Alert` : alert.name),
    h('h1', {}, isNew ? `Add ${runtime ? 'Runtime' : 'Repository'} Alert` : `Edit Alert`),
    field('Name *', name), field('Description', description),
    where, triggerSet, channelSet, problem,
    h('div', { class: 'buttons' }, h('a', { href: '#/alerts', class: 'button' }, 'Cancel'), ctx.canWrite ? save : null));
  syncTriggers();

  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    replace(problem);
    const body = {
      name: name.value.trim(),
      description: description.value.trim(),
      enabled: alert.enabled !== false,
      type: alert.type,
      ...readWhere(),
      triggers: {
        [runtime ? 'unscanned' : 'analysis_update']: first.box.checked,
        policy_eval: change.box.checked,
        vuln_update: cve.box.checked,
      },
      onlyPassFail: change.box.checked && passFail.checked,
      notificationChannelIds: [...chosen],
    };
    try {
      if (isNew) {
        await ctx.api.post(ALERTS, body);
      } else {
        await ctx.api.put(`${ALERTS}/${encodeURIComponent(alert.alertId)}`, body);
      }
      ctx.announce(`Alert ${body.name} saved.`);
      location.hash = '#/alerts';
    } catch (error) {
      replace(problem, error.message);
    }
  });
  return form;
}
