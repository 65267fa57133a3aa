// Modal dialogs on the native <dialog> element: it keeps keyboard focus inside, closes on Escape,
// and gives focus back to the page when closed.
import { h } from './dom.js';

/** Opens a modal dialog titled `title` around `content`; returns the dialog (close() removes it). */
export function openDialog(title, content, { wide = false } = {}) {
  const heading = h('h2', { id: `dialog-title-${Date.now()}` }, title);
  const dialog = h('dialog', { class: wide ? 'wide' : '', 'aria-labelledby': heading.id }, heading, content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks `question` with Yes / No; resolves true on Yes. */
export function confirmWith(question) {
  return new Promise((resolve) => {
    let answer = false;
    const yes = h('button', { type: 'button', class: 'danger', onclick: () => { answer = true; dialog.close(); } }, 'Yes');
    const no = h('button', { type: 'button', onclick: () => dialog.close() }, 'No');
    const dialog = openDialog(question, h('div', { class: 'buttons' }, yes, no));
    dialog.addEventListener('close', () => resolve(answer));
    no.focus();
  });
}
