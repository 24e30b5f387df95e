// Notes on the contact screen, with type and date, read from and written to Mautic's notes API
// (GET /api/contacts/{id}/notes, POST /api/notes/new).
import { get, post } from './api.js';
import { h, formatDate, unavailable } from './dom.js';
import { CONTACT_CHANGED } from './timeline.js';

const TYPES = { general: 'General', email: 'Email', call: 'Call', meeting: 'Meeting' };

export async function notes(contactId) {
  const box = h('div#notes-list');
  async function load() {
    try {
      // One contact's notes answer as an array, here newest first.
      const answer = await get(`/api/contacts/${contactId}/notes?orderBy=dateTime&orderByDir=DESC`);
      const items = answer.notes;
      box.replaceChildren(...(items.length ? items.map(n => h('article.note', { dataset: { id: n.id, type: n.type } },
        h('header', h('span.badge', TYPES[n.type] ?? n.type), ' ', h('time', formatDate(n.dateTime ?? n.dateAdded))), h('p', n.text))) : [h('p.muted', 'No notes yet.')]));
      return true;
    } catch (error) {
      box.replaceChildren(unavailable('Notes', error));
      return false;
    }
  }
  const available = await load();
  if (!available) return box;
  const text = h('textarea#note-text', { rows: 3, placeholder: 'Write a note' });
  const type = h('select#note-type', Object.entries(TYPES).map(([value, label]) => h('option', { value }, label)));
  // The operator's local time; it is sent with its offset (as UTC), so every operator sees the same moment.
  const when = h('input#note-date', { type: 'datetime-local', value: new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) });
  const error = h('div.field-error');
  const form = h('form.note-form', { onsubmit: async e => {
    e.preventDefault();
    if (!text.value.trim()) { error.textContent = 'Write the note first.'; return; }
    if (!when.value) { error.textContent = 'Choose the date of the note.'; return; }
    try {
      await post('/api/notes/new', { lead: contactId, text: text.value.trim(), type: type.value, dateTime: new Date(when.value).toISOString() });
      text.value = ''; error.textContent = '';
      await load();
      document.dispatchEvent(new Event(CONTACT_CHANGED));
    } catch (failure) {
      error.textContent = Object.values(failure.details ?? {}).flat().join(' ') || failure.message;
    }
  } }, text, h('div.inline', type, when, h('button', { type: 'submit' }, 'Add note')), error);
  return h('div', form, box);
}
