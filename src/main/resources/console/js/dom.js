// Builds elements from data as text only: no HTML string ever reaches the page, so event, alert and
// configuration text (which anyone able to post an event controls) can never become markup or script.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open']);

/** h('button', {type: 'button', onclick: fn}, 'Edit') → <button type="button">Edit</button> */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (PROPERTIES.has(name)) {
      element[name] = value;
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends nodes and strings (as text nodes); null, undefined and false are skipped. */
export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces everything inside the element. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

let ids = 0;
/** A fresh id, for label/aria-describedby pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled input with its help text, described by it. */
export function field(labelText, input, help) {
  const id = input.id || uid('field');
  input.id = id;
  const helpNode = help ? h('small', { id: `${id}-help`, class: 'help' }, help) : null;
  if (helpNode) {
    input.setAttribute('aria-describedby', helpNode.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, helpNode);
}

/** A table with a header row and one row per item. */
export function table(caption, headers, rows) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows));
}

/** A date-time as the reader's locale shows it; the raw value when it is not one. */
export function time(text) {
  if (!text) {
    return '';
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleString();
}
