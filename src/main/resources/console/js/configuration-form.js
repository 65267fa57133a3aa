// The Add New Configuration / Edit dialog of one endpoint type: the type's fields with their help,
// the event selector, Test Configuration (the unsaved values), Cancel and OK (enabled once every
// required field is filled).
import { h, field, replace, uid } from './dom.js';
import { openDialog } from './dialog.js';
import { COMMON_FIELDS, ENDPOINT_TYPES, SELECTOR_OPTIONS, sameSelector } from './endpoint-types.js';
import { headerLines, previewControls, readHeaderLines } from './configuration-preview.js';

/** Herald's fields of every configuration that the form has no inputs for (set through the API). */
const KEPT_FIELDS = ['verify_tls', 'timeout_seconds', 'rate_limit_per_second', 'mute', 'mute_except_levels'];
const CONFIGURATIONS = (type) => `/v2/notifications/endpoints/${encodeURIComponent(type)}/configurations`;

function inputFor(spec, existing) {
  const value = existing ? existing[spec.name] : undefined;
  switch (spec.kind) {
    case 'checkbox':
      return h('input', { type: 'checkbox', checked: value === undefined || value === null ? spec.name === 'verify_ssl' : Boolean(value) });
    case 'number':
      return h('input', { type: 'number', min: '1', value: value ?? '' });
    case 'list':
      return h('input', { value: Array.isArray(value) ? value.join(', ') : '' });
    case 'textarea':
      return h('textarea', { rows: '8', spellcheck: 'false' }, value ?? '');
    case 'headers':
      return h('textarea', { rows: '3', spellcheck: 'false' }, headerLines(value));
    default:
      if (spec.secret) {
        // a saved secret comes back masked: never put it in the field, say it is kept
        return h('input', { type: 'password', autocomplete: 'new-password', placeholder: existing ? 'saved; leave empty to keep' : '' });
      }
      return h('input', { value: value ?? '' });
  }
}

function readInput(spec, input) {
  switch (spec.kind) {
    case 'checkbox':
      return input.checked;
    case 'number':
      return input.value.trim() === '' ? undefined : Number(input.value);
    case 'list': {
      const items = input.value.split(',').map((item) => item.trim()).filter(Boolean);
      return items.length ? items : undefined;
    }
    case 'textarea':
      return input.value.trim() === '' ? undefined : input.value;
    case 'headers':
      return readHeaderLines(input.value);
    default:
      return input.value.trim() === '' ? undefined : input.value.trim();
  }
}

/** Asks Herald to make the secret: the field then holds "generate", which the API takes as that request. */
function generateButton(input) {
  const button = h('button', { type: 'button' }, 'Generate');
  button.addEventListener('click', () => {
    input.type = 'text';
    input.value = 'generate';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return button;
}

/** A secret Herald generated is answered in plain this once (a kept one comes back masked): show it to copy. */
function showGeneratedSecret(secret) {
  if (!secret || !secret.startsWith('whsec_')) {
    return;
  }
  const close = h('button', { type: 'button', class: 'primary' }, 'Close');
  const dialog = openDialog('Signing Secret', h('div', {},
    h('p', {}, 'Give this secret to the receiver to verify the signatures. It is not shown again.'),
    h('pre', { class: 'json' }, secret), h('div', { class: 'buttons' }, close)));
  close.addEventListener('click', () => dialog.close());
}

/** Herald's optional filters of a custom selector: min_severity and a CEL filter; empty means unset. */
function selectorFilters(custom) {
  const minSeverity = h('select', { name: 'min_severity' },
    h('option', { value: '', selected: !custom.min_severity }, 'Any (no minimum)'),
    ['Critical', 'High', 'Medium', 'Low', 'Negligible', 'Unknown']
      .map((name) => h('option', { value: name, selected: custom.min_severity === name }, name)));
  const filter = h('input', { name: 'filter', value: custom.filter || '', spellcheck: 'false',
    placeholder: "e.g. event.resource.id.startsWith('docker.io/acme/')" });
  return {
    fields: [
      field('Minimum Severity', minSeverity, 'Vulnerability updates match only when they add or update one at or above it, '
        + 'and their message lists only those. Other events are not affected.'),
      field('Filter (CEL)', filter, 'Optional. A CEL expression over the event that must be true: event.type, event.level, '
        + 'event.message, event.resource.id, event.details… e.g. event.details.curr_eval.status == "fail"'),
    ],
    /** Adds the set ones to a selector. */
    addTo: (selector) => Object.assign(selector,
      minSeverity.value ? { min_severity: minSeverity.value } : {},
      filter.value.trim() ? { filter: filter.value.trim() } : {}),
  };
}

/** One selector of the form: Anchore's choices, and the custom selector's four fields. */
function selectorChooser(ctx, existingSelector) {
  const group = uid('selector');
  const initial = existingSelector
    ? (SELECTOR_OPTIONS.find((option) => option.selector && sameSelector(option.selector, existingSelector)) || SELECTOR_OPTIONS[3])
    : SELECTOR_OPTIONS[0];
  const custom = existingSelector || SELECTOR_OPTIONS[0].selector;
  const scope = h('select', {},
    h('option', { value: 'account', selected: custom.scope === 'account' }, 'Account'),
    ctx.account === 'admin' ? h('option', { value: 'global', selected: custom.scope === 'global' }, 'Global (every account)') : null);
  const level = h('select', {}, ['*', 'info', 'error'].map((name) => h('option', { value: name, selected: custom.event.level === name }, name)));
  const type = h('input', { value: custom.event.type });
  const resourceType = h('input', { value: custom.event.resource_type });
  const filters = selectorFilters(custom);
  const customFields = h('div', { class: 'custom-selector', hidden: initial.id !== 'custom' },
    field('Scope', scope, 'Account: events of this account. Global: events of every account (admin account only).'),
    field('Level', level, 'info, error, or * for both.'),
    field('Type', type, 'An event type; * matches any run of characters, e.g. user.checks.*'),
    field('Resource Type', resourceType, 'e.g. image_tag, or * for any.'),
    filters.fields);
  const radios = SELECTOR_OPTIONS.map((option) => {
    const radio = h('input', { type: 'radio', name: group, value: option.id, checked: option.id === initial.id });
    return h('label', { class: 'choice' }, radio, ` ${option.label}`);
  });
  const legend = h('legend', {});
  const remove = h('button', { type: 'button', class: 'danger' }, 'Remove Selector');
  const fieldset = h('fieldset', { class: 'selector' }, legend, radios, customFields, remove);
  const chosen = () => fieldset.querySelector('input[type=radio]:checked').value;
  fieldset.addEventListener('change', () => { customFields.hidden = chosen() !== 'custom'; });
  return {
    node: fieldset,
    remove,
    /** Names this selector by its place in the list (legend and the Remove button's label). */
    number: (n) => {
      replace(legend, `Selector ${n}`);
      remove.setAttribute('aria-label', `Remove Selector ${n}`);
    },
    complete: () => chosen() !== 'custom' || (type.value.trim() !== '' && resourceType.value.trim() !== ''),
    value: () => (chosen() === 'custom'
      ? filters.addTo({ scope: scope.value, event: { level: level.value, type: type.value.trim(), resource_type: resourceType.value.trim() } })
      : SELECTOR_OPTIONS.find((option) => option.id === chosen()).selector),
  };
}

/**
 * The configuration's selectors (the API allows several; an event matching more than one is still
 * delivered once): one chooser per selector, Add Selector and Remove Selector. A new configuration
 * starts with one, All Notification Events.
 */
function selectorList(ctx, selectors, changed) {
  const choosers = [];
  const rows = h('div', { class: 'selectors' });
  const empty = h('p', { class: 'help' }, 'No selector: this configuration receives no events until one is added.');
  const renumber = () => {
    choosers.forEach((chooser, index) => chooser.number(index + 1));
    empty.hidden = choosers.length > 0;
    changed();
  };
  const add = (existing) => {
    const chooser = selectorChooser(ctx, existing);
    chooser.remove.addEventListener('click', () => {
      choosers.splice(choosers.indexOf(chooser), 1);
      chooser.node.remove();
      renumber();
      addButton.focus();
    });
    choosers.push(chooser);
    rows.append(chooser.node);
    return chooser;
  };
  (selectors.length ? selectors : [null]).forEach(add);
  const addButton = h('button', { type: 'button' }, 'Add Selector');
  addButton.addEventListener('click', () => {
    const added = add(null);
    renumber();
    added.node.querySelector('input[type=radio]:checked').focus();
  });
  renumber();
  return {
    node: h('fieldset', {}, h('legend', {}, 'Events'), empty, rows, addButton),
    complete: () => choosers.every((chooser) => chooser.complete()),
    values: () => choosers.map((chooser) => chooser.value()),
  };
}

/**
 * The digest: the configuration's deliveries wait for its window and go out as one message. Both
 * empty for none; one left empty is sent as null, so the API names it.
 */
function digestFields(existing) {
  const digest = existing && existing.digest;
  const windowSeconds = h('input', { type: 'number', min: '1', max: '86400', name: 'digest_window_seconds', value: digest ? digest.window_seconds : '' });
  const maxEvents = h('input', { type: 'number', min: '1', max: '10000', name: 'digest_max_events', value: digest ? digest.max_events : '' });
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
  return {
    node: h('fieldset', {}, h('legend', {}, 'Digest'),
      field('Window (seconds)', windowSeconds, 'Optional. Matched events wait up to this long (1 to 86400) and go out '
        + 'together as one message listing them by type, with counts. Empty for one message per event.'),
      field('Max Events', maxEvents, 'With a window: the most events in one message (1 to 10000); that many waiting '
        + 'send it early. GitHub and Jira keep one issue per finding whatever the digest.')),
    value: () => (windowSeconds.value.trim() === '' && maxEvents.value.trim() === '' ? undefined
      : { window_seconds: number(windowSeconds), max_events: number(maxEvents) }),
  };
}

/**
 * Opens the dialog for a new configuration (existing null) or to edit one; onSaved runs after OK
 * has saved the configuration and its selectors.
 */
export function openConfigurationForm(ctx, type, existing, selectors, onSaved) {
  const endpoint = ENDPOINT_TYPES[type];
  const specs = [...COMMON_FIELDS, ...endpoint.fields];
  const inputs = new Map(specs.map((spec) => [spec, inputFor(spec, existing)]));
  const saved = selectors || [];
  // what the server holds as this dialog saves step by step: a second OK after a refused step goes on
  // from there (no second configuration, no selector twice)
  const stored = { uuid: existing ? existing.uuid : null, selectors: [...saved] };
  // set below, once OK exists; the selector list reports changes while it is built
  let update = () => {};
  const chooser = selectorList(ctx, saved, () => update());
  const digest = digestFields(existing);
  const result = h('p', { class: 'result', role: 'status' });
  const problem = h('p', { class: 'error', role: 'alert' });

  const body = () => {
    // what the form does not show is sent back as it is, so saving an edit keeps it
    const values = {};
    KEPT_FIELDS.filter((name) => existing && existing[name] !== undefined).forEach((name) => {
      values[name] = existing[name];
    });
    inputs.forEach((input, spec) => {
      const value = readInput(spec, input);
      if (value !== undefined) {
        values[spec.name] = value;
      }
    });
    if (digest.value() !== undefined) {
      values.digest = digest.value();
    }
    return values;
  };
  const required = (spec) => spec.required && !(spec.secret && existing);
  const ok = h('button', { type: 'submit', class: 'primary', disabled: true }, 'OK');
  const testButton = h('button', { type: 'button' }, 'Test Configuration');
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const preview = endpoint.preview ? previewControls(ctx, type, body, problem, existing) : null;
  update = () => {
    ok.disabled = ![...inputs].every(([spec, input]) => !required(spec) || input.value.trim() !== '') || !chooser.complete();
  };

  const form = h('form', { class: 'configuration-form', novalidate: true },
    h('p', { class: 'help' }, `Fields marked * are required.`),
    specs.map((spec) => {
      const input = inputs.get(spec);
      input.required = required(spec);
      input.name = spec.name;
      const labelled = field(`${spec.label}${required(spec) ? ' *' : ''}`, input, spec.help);
      return spec.generate ? [labelled, generateButton(input)] : labelled;
    }),
    digest.node,
    chooser.node,
    preview ? preview.node : null,
    result,
    problem,
    h('div', { class: 'buttons' }, preview ? preview.button : null, testButton, cancel, ok));
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();

  const dialog = openDialog(existing ? `Edit ${endpoint.title} Configuration` : 'Add New Configuration', form, { wide: true });
  cancel.addEventListener('click', () => dialog.close());

  testButton.addEventListener('click', async () => {
    replace(problem);
    replace(result, 'Testing…');
    try {
      const answer = await ctx.api.post(`/v2/notifications/endpoints/${encodeURIComponent(type)}/test`, body());
      replace(result, `Test Configuration: ${answer.status}${answer.response ? ` — ${answer.response}` : ''}`);
    } catch (error) {
      replace(result);
      replace(problem, error.message);
    }
  });

  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    if (ok.disabled) {
      return;
    }
    replace(problem);
    ok.disabled = true;
    try {
      const wanted = chooser.values();
      const answer = stored.uuid ? await ctx.api.put(`${CONFIGURATIONS(type)}/${stored.uuid}`, body())
        : await ctx.api.post(CONFIGURATIONS(type), body());
      stored.uuid = stored.uuid || answer.uuid;
      const uuid = stored.uuid;
      // only what changed: wanted selectors not saved are added, then saved ones no longer wanted are
      // removed; in that order, so a selector the API refuses (a CEL error, say) leaves every saved one
      const added = wanted.filter((selector, index) => !stored.selectors.some((one) => sameSelector(selector, one))
        && wanted.findIndex((other) => sameSelector(other, selector)) === index);
      for (const selector of added) {
        stored.selectors.push(await ctx.api.post(`${CONFIGURATIONS(type)}/${uuid}/selectors`, selector));
      }
      for (const old of stored.selectors.filter((one) => !wanted.some((selector) => sameSelector(selector, one)))) {
        await ctx.api.del(`${CONFIGURATIONS(type)}/${uuid}/selectors/${old.uuid}`);
        stored.selectors.splice(stored.selectors.indexOf(old), 1);
      }
      dialog.close();
      ctx.announce(`Configuration ${existing ? 'saved' : 'added'}.`);
      showGeneratedSecret(answer && answer.signing_secret);
      onSaved();
    } catch (error) {
      replace(problem, error.message);
      update();
    }
  });
  return dialog;
}
