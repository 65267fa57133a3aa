// Configuration as code in the console: Export downloads the account's file (GET /v2/notifications/export);
// Import reads a YAML or JSON file, shows what a dry run says it would change, and applies it on OK.
import { h } from './dom.js';
import { openDialog } from './dialog.js';

const EXPORT = '/v2/notifications/export';
const IMPORT = '/v2/notifications/import';

async function download(ctx) {
  try {
    const file = await ctx.api.get(EXPORT);
    const link = h('a', {
      href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' })),
      download: 'herald-notifications.json',
    });
    document.body.append(link);
    link.click();
    link.remove();
    ctx.announce('Exported; secrets are ${env:…} references.');
  } catch (error) {
    ctx.announce(error.message, true);
  }
}

function changeList(answer) {
  return h('ul', { class: 'changes' }, ...answer.changes.map((change) =>
    h('li', {}, `${change.action} ${change.kind} ${change.id} (${change.path})`)));
}

function openImport(ctx) {
  const input = h('input', { type: 'file', accept: '.yaml,.yml,.json', 'aria-label': 'File to import' });
  const result = h('div', { role: 'status' });
  const ok = h('button', { type: 'button', class: 'primary', disabled: true }, 'OK');
  const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel');
  let text = null;
  const contentType = () => (input.files[0]?.name.endsWith('.json') ? 'application/json' : 'application/yaml');
  input.addEventListener('change', async () => {
    ok.disabled = true;
    result.replaceChildren();
    if (!input.files[0]) {
      return;
    }
    text = await input.files[0].text();
    try {
      const answer = await ctx.api.postText(`${IMPORT}?dry_run=true`, text, contentType());
      result.replaceChildren(h('p', {}, 'The import would make these changes:'), changeList(answer));
      ok.disabled = false;
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  ok.addEventListener('click', async () => {
    ok.disabled = true;
    try {
      await ctx.api.postText(IMPORT, text, contentType());
      dialog.close();
      ctx.announce('Imported.');
      ctx.refresh();
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  const dialog = openDialog('Import configurations', h('div', {}, input, result, h('div', { class: 'buttons' }, ok, cancel)),
    { wide: true });
  input.focus();
}

/** Export for every user; Import for those who may write. */
export function configurationFileButtons(ctx) {
  return h('div', { class: 'buttons' },
    h('button', { type: 'button', onclick: () => download(ctx) }, 'Export'),
    ctx.canWrite ? h('button', { type: 'button', onclick: () => openImport(ctx) }, 'Import') : null);
}
