// Merge dialog: search contacts as the operator types, pick one, and merge it into the open contact (which keeps
// its id and gains the other's fields, history, devices and identifiers). It says which values win.
import { getContactList, post, query } from './api.js';
import { h, contactName } from './dom.js';

const TYPING_PAUSE_MS = 250;

export function mergeDialog(winner, onMerged) {
  const dialog = h('dialog.modal#merge-dialog');
  const results = h('ul.merge-results#merge-results');
  const message = h('p.field-error#merge-error');
  const input = h('input#merge-search', { type: 'search', placeholder: 'Name, email or search syntax', autocomplete: 'off', size: 40 });
  let timer, latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      const asked = ++latest;
      if (!text) { results.replaceChildren(); return; }
      try {
        const listing = await getContactList('/api/contacts' + query({ search: text, limit: 10 }));
        if (asked !== latest) return;
        const others = listing.contacts.filter(c => c.id !== winner.id);
        results.replaceChildren(...(others.length ? others.map(c => h('li', h('button.merge-candidate', {
          type: 'button', dataset: { id: c.id }, onclick: () => merge(c),
        }, `#${c.id} ${contactName(c)}`, c.fields?.all?.email ? h('span.muted', ` ${c.fields.all.email}`) : ''))) : [h('li.muted', 'No other contact matches.')]));
      } catch (error) {
        message.textContent = error.message;
      }
    }, TYPING_PAUSE_MS);
  });
  const confirmation = h('div.merge-confirm');
  function merge(loser) {
    confirmation.replaceChildren(h('p', `Merge #${loser.id} ${contactName(loser)} into #${winner.id}? #${loser.id} will lead here from now on.`),
      h('button.primary#merge-confirm', { type: 'button', onclick: () => mergeNow(loser) }, 'Merge'));
  }
  async function mergeNow(loser) {
    try {
      const answer = await post(`/api/contacts/${winner.id}/merge/${loser.id}`);
      dialog.close();
      onMerged(answer.body.contact);
    } catch (error) {
      message.textContent = error.message;
    }
  }
  // What ContactMerge does: per field the value changed last wins, the open contact's on a tie, and an empty one never
  // replaces a value; the open contact's owner and stage stay when it has them; points add up and the sets (tags,
  // segments, devices, notes...) are united.
  const rule = h('p#merge-rule', `Where both contacts have a value for a field, the one changed more recently is kept (#${winner.id}'s on a tie), `
    + `#${winner.id} keeps its owner and stage if it has them, a value only one of them has is kept, points are added up, `
    + 'and tags, segments, devices, notes and history are combined.');
  dialog.append(h('h2', `Merge into #${winner.id} ${contactName(winner)}`), h('p.muted', 'Search for the contact to merge into this one.'), rule,
    input, results, confirmation, message, h('div.actions', h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
