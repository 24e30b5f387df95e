// The new/edit contact form (a tab per field group) and the quick add dialog (the short-form fields). A unique
// identifier another contact already owns is reported next to its field before anything is written, because
// Mautic's create endpoint would otherwise update that contact; the API's own field errors land next to the field too.
import { get, post, patch, ApiError } from './api.js';
import { h } from './dom.js';

const GROUP_LABELS = { core: 'Core', social: 'Social', personal: 'Personal', professional: 'Professional' };
const INPUT_TYPES = { email: 'email', tel: 'tel', number: 'number', url: 'url', datetime: 'datetime-local', date: 'date', boolean: 'checkbox' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let catalog;
export async function fieldCatalog() {
  catalog ??= get('/ui/api/fields').then(body => body.fields);
  return catalog;
}

function fieldInput(field, value) {
  const type = INPUT_TYPES[field.type] ?? 'text';
  const input = h('input', { id: `field-${field.alias}`, name: field.alias, type, value: type === 'checkbox' ? undefined : value ?? '' });
  if (type === 'checkbox') input.checked = value === true || value === 1 || value === '1';
  return h('div.field', { dataset: { alias: field.alias } },
    h('label', { for: input.id }, field.label, field.isUniqueIdentifier ? h('span.unique', { title: 'Unique identifier' }, ' ◆') : ''),
    input, h('div.field-error', { id: `error-${field.alias}` }));
}

function readValues(form, fields) {
  const values = {};
  for (const field of fields) {
    const input = form.querySelector(`[name="${field.alias}"]`);
    if (!input) continue;
    values[field.alias] = input.type === 'checkbox' ? (input.checked ? 1 : 0) : input.value.trim();
  }
  return values;
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

/** Checks what the browser can: the email's shape, and that no other contact owns a unique value. */
async function problems(values, fields, contactId) {
  const errors = {};
  for (const field of fields) {
    const value = values[field.alias];
    if (!value) continue;
    if (field.type === 'email' && !EMAIL.test(value)) errors[field.alias] = 'Enter a valid email address.';
    else if (field.isUniqueIdentifier) {
      try {
        const { owner } = await get(`/ui/api/identifiers/${encodeURIComponent(field.alias)}?value=${encodeURIComponent(value)}`);
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

async function save(form, fields, contactId, extra) {
  const values = readValues(form, fields);
  const errors = await problems(values, fields, contactId);
  if (!showErrors(form, errors)) return null;
  const body = { ...values, ...extra };
  try {
    const answer = contactId === null ? await post('/api/contacts/new', body) : await patch(`/api/contacts/${contactId}/edit`, body);
    return answer.body.contact;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = error.details && Object.keys(error.details).length ? error.details : { form: error.message };
    showErrors(form, details);
    return null;
  }
}

export async function contactForm(contactId) {
  const [fields, existing] = await Promise.all([
    fieldCatalog(),
    contactId === null ? null : get(`/api/contacts/${contactId}`).then(b => b.contact),
  ]);
  const values = existing?.fields?.all ?? {};
  const groups = [...new Set(fields.map(f => f.group))];
  const tabs = h('div.tabs', groups.map((group, i) => h('button', {
    type: 'button', class: i === 0 ? 'active' : '', dataset: { group },
    onclick: e => {
      for (const b of tabs.children) b.classList.toggle('active', b === e.currentTarget);
      for (const pane of form.querySelectorAll('.tab-pane')) pane.hidden = pane.dataset.group !== group;
    },
  }, GROUP_LABELS[group] ?? group)));
  const tags = h('input#field-tags', { name: 'tags', value: (existing?.tags ?? []).map(t => t.tag).join(', '), placeholder: 'comma, separated' });
  const form = h('form.contact-form#contact-form', { novalidate: true },
    tabs,
    groups.map((group, i) => h('div.tab-pane', { dataset: { group }, hidden: i !== 0 },
      fields.filter(f => f.group === group).map(f => fieldInput(f, values[f.alias])))),
    h('div.field', h('label', { for: 'field-tags' }, 'Tags'), tags),
    h('div.field-error#error-form'),
    h('div.actions',
      h('a.button', { href: contactId === null ? '/ui/contacts' : `/ui/contacts/${contactId}` }, 'Cancel'),
      h('button.primary#save', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const wanted = tags.value.split(',').map(t => t.trim()).filter(Boolean);
    const had = (existing?.tags ?? []).map(t => t.tag);
    const tagChanges = [...wanted, ...had.filter(t => !wanted.includes(t)).map(t => '-' + t)];
    const extra = contactId === null ? {} : { overwriteWithBlank: true };
    if (tagChanges.length) extra.tags = tagChanges;
    const saved = await save(form, fields, contactId, extra);
    if (saved) location.assign(`/ui/contacts/${saved.id}`);
  });
  return h('section', h('h1', contactId === null ? 'New contact' : `Edit contact #${contactId}`), form);
}

export async function quickAddDialog(onSaved) {
  const fields = (await fieldCatalog()).filter(f => f.isShortVisible);
  const dialog = h('dialog.modal#quick-add-dialog');
  const form = h('form#quick-add-form', { novalidate: true },
    h('h2', 'Quick add'),
    fields.map(f => fieldInput(f, '')),
    h('div.field-error#error-form'),
    h('div.actions',
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      h('button.primary#quick-add-save', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const saved = await save(form, fields, null, {});
    if (saved) { dialog.close(); onSaved(saved); }
  });
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
