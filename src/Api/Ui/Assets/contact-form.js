// The new/edit contact form (a tab per field group) and the quick add dialog (the short-form fields). Each field is
// drawn for its type (field-controls.js) and only the fields the operator changed are sent, so a save never rewrites
// a field nobody touched: another tab's change to it stays, and a value the control cannot show exactly is kept.
// Input the browser itself finds invalid (a number field holding "42e" reads as "") stops the save at its field. A
// unique identifier another contact already owns is reported next to its field before anything is written, because
// Mautic's create endpoint would otherwise update that contact; the API's own field errors land next to the field too.
// When the session has ended, what the operator typed is kept in sessionStorage and put back once, when the login
// returns to the form.
import { get, post, patch, ApiError, beforeSessionEnds } from './api.js';
import { h } from './dom.js';
import { fieldControl } from './field-controls.js';

const GROUP_LABELS = { core: 'Core', social: 'Social', personal: 'Personal', professional: 'Professional' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let catalog;
export async function fieldCatalog() {
  catalog ??= get('/ui/api/fields').then(body => body.fields);
  return catalog;
}

/** The controls the operator changed, as alias → control state. */
function changes(controls, original) {
  const changed = {};
  for (const control of controls) {
    const state = control.raw();
    if (JSON.stringify(state) !== JSON.stringify(original.get(control))) changed[control.field.alias] = state;
  }
  return changed;
}

function showErrors(form, errors) {
  for (const box of form.querySelectorAll('.field-error')) box.textContent = '';
  for (const field of form.querySelectorAll('.field.invalid')) field.classList.remove('invalid');
  let first = null;
  for (const [alias, messages] of Object.entries(errors)) {
    const box = form.querySelector(`#error-${CSS.escape(alias)}`) ?? form.querySelector('#error-form');
    if (!box) continue;
    box.textContent = [].concat(messages).join(' ');
    box.closest('.field')?.classList.add('invalid');
    first ??= box;
  }
  if (first) {
    const pane = first.closest('.tab-pane');
    if (pane) form.querySelector(`.tabs button[data-group="${pane.dataset.group}"]`)?.click();
  }
  return first === null;
}

/**
 * What the browser can check: the email's shape, input its controls refuse (a number that is no number reads as
 * blank, so badInput catches it whether or not it looks changed), and that no other contact owns a unique value.
 */
async function problems(controls, changed, contactId) {
  const errors = {};
  for (const { field, input, payload } of controls) {
    const isChanged = field.alias in changed;
    if (!isChanged && !input.validity.badInput) continue;
    const value = isChanged ? payload(changed[field.alias]) : '';
    const text = typeof value === 'string' ? value : '';
    if (field.type === 'email' && text && !EMAIL.test(text)) errors[field.alias] = 'Enter a valid email address.';
    else if (input.validity.badInput || !input.checkValidity()) errors[field.alias] = input.validationMessage || `Enter a valid ${field.label.toLowerCase()}.`;
    else if (field.isUniqueIdentifier && text) {
      try {
        const { owner } = await get(`/ui/api/identifiers/${encodeURIComponent(field.alias)}?value=${encodeURIComponent(text)}`);
        if (owner !== null && owner !== contactId) errors[field.alias] = `Contact #${owner} already has this ${field.label.toLowerCase()}; open it or merge instead.`;
      } catch (error) {
        // A value the write would refuse (a unique number field given no number) is refused here, by the same rule.
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        errors[field.alias] = error.details[field.alias]?.[0] ?? error.message;
      }
    }
  }
  return errors;
}

/**
 * Sends the changed fields and answers the saved contact, or null when the form shows why nothing was saved. An
 * ended session answers null too: the page is on its way to the login form.
 */
async function save(form, controls, original, contactId, extra) {
  try {
    const changed = changes(controls, original);
    if (!showErrors(form, await problems(controls, changed, contactId))) return null;
    const body = { ...extra };
    for (const control of controls) {
      if (control.field.alias in changed) body[control.field.alias] = control.payload(changed[control.field.alias]);
    }
    if (contactId !== null && Object.keys(body).length === 0) return { id: contactId };
    if (contactId !== null) body.overwriteWithBlank = true;
    const answer = contactId === null ? await post('/api/contacts/new', body) : await patch(`/api/contacts/${contactId}/edit`, body);
    return answer.body.contact;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    const details = error.details && Object.keys(error.details).length ? error.details : { form: error.message };
    showErrors(form, details);
    return null;
  }
}

/** Controls of the fields with their values, and each control's state as drawn, which tells what changed. */
function drawControls(fields, values) {
  const controls = fields.map(f => fieldControl(f, values[f.alias]));
  return { controls, original: new Map(controls.map(c => [c, c.raw()])) };
}

const draftKey = contactId => `contact-draft:${contactId ?? 'new'}`;

/** Keeps the changed fields and tags when the session ends, for the form the login returns to. */
function keepDraft(contactId, controls, original, tags) {
  beforeSessionEnds(() => {
    const fields = changes(controls, original);
    const draft = { fields, tags: tags.value === tags.defaultValue ? null : tags.value };
    if (Object.keys(fields).length || draft.tags !== null) sessionStorage.setItem(draftKey(contactId), JSON.stringify(draft));
  });
}

/** Puts a kept draft back once, and answers whether there was one. */
function restoreDraft(contactId, controls, tags) {
  const text = sessionStorage.getItem(draftKey(contactId));
  sessionStorage.removeItem(draftKey(contactId));
  if (!text) return false;
  let draft;
  try { draft = JSON.parse(text); } catch { return false; }
  for (const control of controls) {
    if (control.field.alias in (draft.fields ?? {})) control.restore(draft.fields[control.field.alias]);
  }
  if (typeof draft.tags === 'string') tags.value = draft.tags;
  return true;
}

export async function contactForm(contactId) {
  const [fields, existing] = await Promise.all([
    fieldCatalog(),
    contactId === null ? null : get(`/api/contacts/${contactId}`).then(b => b.contact),
  ]);
  const { controls, original } = drawControls(fields, existing?.fields?.all ?? {});
  const groups = [...new Set(fields.map(f => f.group))];
  const tabs = h('div.tabs', groups.map((group, i) => h('button', {
    type: 'button', class: i === 0 ? 'active' : '', dataset: { group },
    onclick: e => {
      for (const b of tabs.children) b.classList.toggle('active', b === e.currentTarget);
      for (const pane of form.querySelectorAll('.tab-pane')) pane.hidden = pane.dataset.group !== group;
    },
  }, GROUP_LABELS[group] ?? group)));
  const had = (existing?.tags ?? []).map(t => t.tag);
  const tags = h('input#field-tags', { name: 'tags', value: had.join(', '), placeholder: 'comma, separated' });
  const restored = restoreDraft(contactId, controls, tags);
  keepDraft(contactId, controls, original, tags);
  const form = h('form.contact-form#contact-form', { novalidate: true },
    restored ? h('p.notice#draft-notice', 'What you typed before your session ended is back in the form; save to keep it.') : null,
    tabs,
    groups.map((group, i) => h('div.tab-pane', { dataset: { group }, hidden: i !== 0 },
      controls.filter(c => c.field.group === group).map(c => c.row))),
    h('div.field', h('label', { for: 'field-tags' }, 'Tags'), tags),
    h('div.field-error#error-form'),
    h('div.actions',
      h('a.button', { href: contactId === null ? '/ui/contacts' : `/ui/contacts/${contactId}` }, 'Cancel'),
      h('button.primary#save', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const wanted = tags.value.split(',').map(t => t.trim()).filter(Boolean);
    const tagChanges = [...wanted.filter(t => !had.includes(t)), ...had.filter(t => !wanted.includes(t)).map(t => '-' + t)];
    const saved = await save(form, controls, original, contactId, tagChanges.length ? { tags: tagChanges } : {});
    if (saved) location.assign(`/ui/contacts/${saved.id}`);
  });
  return h('section', h('h1', contactId === null ? 'New contact' : `Edit contact #${contactId}`), form);
}

export async function quickAddDialog(onSaved) {
  const { controls, original } = drawControls((await fieldCatalog()).filter(f => f.isShortVisible), {});
  const dialog = h('dialog.modal#quick-add-dialog');
  const form = h('form#quick-add-form', { novalidate: true },
    h('h2', 'Quick add'),
    controls.map(c => c.row),
    h('div.field-error#error-form'),
    h('div.actions',
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      h('button.primary#quick-add-save', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const saved = await save(form, controls, original, null, {});
    if (saved) { dialog.close(); onSaved(saved); }
  });
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
