// The configuration dialog's Preview: what the configuration as filled in would send for a sample
// event of a chosen type (POST …/{type}/preview), shown as text; nothing is sent. And the webhook
// Headers field's "Name: value" lines.
import { h, field, replace } from './dom.js';

const DEFAULT_TYPE = 'user.checks.tag.vulnerabilities.update';

/** The headers object as "Name: value" lines, for the textarea. */
export function headerLines(headers) {
  return headers ? Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\n') : '';
}

/** The textarea's lines as a headers object; a line without a colon is sent as a name, for the API to refuse. */
export function readHeaderLines(text) {
  const headers = {};
  text.split('\n').map((line) => line.trim()).filter(Boolean).forEach((line) => {
    const colon = line.indexOf(':');
    headers[colon < 0 ? line : line.slice(0, colon).trim()] = colon < 0 ? '' : line.slice(colon + 1).trim();
  });
  return Object.keys(headers).length ? headers : undefined;
}

/**
 * Headers or a mail's subject, the body, a mail's plain-text part. A webhook's body is shown as it
 * is sent; the JSON Herald builds for the other types is indented.
 */
function previewText(type, answer) {
  const headers = answer.subject ? `Subject: ${answer.subject}` : headerLines(answer.headers);
  let body = answer.body;
  if (type !== 'webhook' && answer.content_type === 'application/json') {
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch (notJson) {
      // shown as it is
    }
  }
  const text = answer.text_body ? `\n\n----- text/plain -----\n${answer.text_body}` : '';
  return `${headers ? `${headers}\n\n` : ''}${body}${text}`;
}

/**
 * The event type chooser and the rendered body (node), and the Preview button; body() is the form's
 * values, existing the saved configuration being edited (its secrets stand in for empty fields) or null.
 */
export function previewControls(ctx, type, body, problem, existing) {
  const eventType = h('select', {}, h('option', { value: DEFAULT_TYPE, selected: true }, DEFAULT_TYPE));
  const output = h('pre', { class: 'json', hidden: true });
  const button = h('button', { type: 'button' }, 'Preview');
  // the catalogue's types; until they arrive (or if they cannot), the default one is offered
  ctx.api.get('/v2/event-types').then((categories) => {
    const types = categories.flatMap((category) => category.subcategories.flatMap((sub) => sub.events.map((event) => event.type)));
    replace(eventType, types.map((name) => h('option', { value: name, selected: name === DEFAULT_TYPE }, name)));
  }).catch(() => {});
  button.addEventListener('click', async () => {
    replace(problem);
    try {
      const answer = await ctx.api.post(
        `/v2/notifications/endpoints/${encodeURIComponent(type)}/preview?event_type=${encodeURIComponent(eventType.value)}`
        + (existing ? `&configuration=${encodeURIComponent(existing.uuid)}` : ''), body());
      replace(output, previewText(type, answer));
      output.hidden = false;
    } catch (error) {
      output.hidden = true;
      replace(problem, error.message);
    }
  });
  return { node: h('div', { class: 'preview-controls' }, field('Preview Event Type', eventType, 'A sample event of this type is rendered, not sent.'), output), button };
}
