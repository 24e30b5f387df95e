// A small element builder: h('a.button#save', { href }, 'text', child). Text is always set as text, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const name = tag.match(/^[a-z0-9]*/i)[0];
  const element = document.createElement(name || 'div');
  const classes = [];
  for (const [, kind, value] of tag.slice(name.length).matchAll(/([.#])([\w-]+)/g)) {
    if (kind === '#') element.id = value; else classes.push(value);
  }
  if (classes.length) element.className = classes.join(' ');
  if (attributes === null || typeof attributes !== 'object' || attributes instanceof Node || Array.isArray(attributes)) {
    children.unshift(attributes);
    attributes = {};
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'class') element.classList.add(...String(value).split(/\s+/).filter(Boolean));
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function mount(target, ...children) {
  target.replaceChildren(...children.flat().filter(c => c));
}

export function formatDate(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function contactName(contact) {
  const all = contact?.fields?.all ?? {};
  const name = [all.firstname, all.lastname].filter(Boolean).join(' ');
  if (name) return name;
  if (all.email) return all.email;
  const ip = Object.keys(contact?.ipAddresses ?? {})[0];
  return ip ? `Visitor ${ip}` : `Anonymous #${contact?.id}`;
}

/** A message line in a panel whose data could not be read, saying what failed. */
export function unavailable(what, error) {
  return h('p.muted.unavailable', `${what}: ${error?.message}`);
}

/**
 * Asks before an action that cannot be undone: a modal with the question, the action's button (#confirm-yes) and
 * Cancel (#confirm-no). Answers true when the operator chose the action.
 */
export function confirmAction(question, action) {
  return new Promise(resolve => {
    let chosen = false;
    const dialog = h('dialog.modal#confirm-dialog', h('p', question), h('div.actions',
      h('button#confirm-no', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      h('button.primary.danger#confirm-yes', { type: 'button', onclick: () => { chosen = true; dialog.close(); } }, action)));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(chosen); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
