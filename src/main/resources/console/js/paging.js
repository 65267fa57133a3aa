// Shows a long list a page at a time (the configuration listing has no pages of its own).
import { h, replace } from './dom.js';

export const PAGE_SIZE = 25;

/** A container showing `rows` PAGE_SIZE at a time, with Previous / Next buttons. */
export function pagedTable(makeTable, rows) {
  const holder = h('div', { class: 'paged' });
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const show = () => {
    const previous = h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; show(); } }, 'Previous');
    const next = h('button', { type: 'button', disabled: page >= pages - 1, onclick: () => { page += 1; show(); } }, 'Next');
    replace(holder,
      makeTable(rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, ` Page ${page + 1} of ${pages} `, next) : null);
  };
  show();
  return holder;
}
