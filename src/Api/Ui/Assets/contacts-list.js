// Contacts list: Mautic's search syntax, sortable columns, paging, anonymous visitors shown or hidden, checkboxes
// with the batch actions, export links and quick add. The list's state lives in the address, so a reload keeps it.
import { get, getContactList, patch, post, query } from './api.js';
import { h, formatDate, contactName, confirmAction } from './dom.js';
import { quickAddDialog } from './contact-form.js';

const PAGE_SIZE = 30;
const COLUMNS = [
  ['name', 'Name', 'lastname'],
  ['email', 'Email', 'email'],
  ['city', 'City', 'city'],
  ['points', 'Points', 'points'],
  ['last_active', 'Last active', 'last_active'],
  ['id', 'ID', 'id'],
];

function state() {
  const p = new URLSearchParams(location.search);
  return {
    search: p.get('search') ?? '',
    orderBy: p.get('orderBy') ?? 'last_active',
    orderByDir: p.get('orderByDir') ?? 'DESC',
    page: Math.max(1, Math.floor(Number(p.get('page') ?? 1)) || 1),
    anonymous: p.get('anonymous') === '1',
  };
}

function address(s) {
  return '/ui/contacts' + query({
    search: s.search, orderBy: s.orderBy, orderByDir: s.orderByDir,
    page: s.page > 1 ? s.page : '', anonymous: s.anonymous ? '1' : '',
  });
}

function go(changes) {
  location.assign(address({ ...state(), ...changes }));
}

// is:anonymous or !is:anonymous as the search reads a command: a word of its own, "!" and "+" before it, any case.
const NAMES_ANONYMOUS = /(?:^|[\s()])[!+]*is:"?anonymous"?(?=$|[\s()])/i;

/**
 * The operator's search, narrowed to identified contacts unless anonymous visitors are shown or the search itself
 * says which it wants (is:anonymous or !is:anonymous). The narrowing is a where[] condition, not a search term, so the
 * search's limit of terms is the operator's alone.
 */
function listFilter(s) {
  const narrowed = !s.anonymous && !NAMES_ANONYMOUS.test(s.search);
  return {
    search: s.search,
    ...(narrowed ? { 'where[0][col]': 'is_anonymous', 'where[0][expr]': 'eq', 'where[0][val]': '0' } : {}),
  };
}

function readPage(s) {
  return getContactList('/api/contacts' + query({
    ...listFilter(s), orderBy: s.orderBy, orderByDir: s.orderByDir, start: (s.page - 1) * PAGE_SIZE, limit: PAGE_SIZE,
  }));
}

export async function contactsList() {
  const s = state();
  const searchBox = h('input#search', { type: 'search', name: 'search', value: s.search, placeholder: 'Search: email:jim  !tag:vip  city:paris  is:anonymous', size: 48 });
  const toolbar = h('div.toolbar',
    h('form#search-form', { onsubmit: e => { e.preventDefault(); go({ search: searchBox.value.trim(), page: 1 }); } },
      searchBox, h('button', { type: 'submit' }, 'Search')),
    h('label.toggle', h('input#show-anonymous', { type: 'checkbox', checked: s.anonymous, onchange: e => go({ anonymous: e.target.checked, page: 1 }) }), ' Show anonymous visitors'),
    h('span.spacer'),
    h('a.button#export-csv', { href: '/api/contacts/export' + query({ format: 'csv', ...listFilter(s) }), download: true }, 'Export CSV'),
    h('a.button#export-xlsx', { href: '/api/contacts/export' + query({ format: 'xlsx', ...listFilter(s) }), download: true }, 'Export Excel'),
    h('a.button', { href: '/ui/import' }, 'Import'),
    h('button#quick-add', { type: 'button', onclick: () => quickAddDialog(saved => location.assign(`/ui/contacts/${saved.id}`)) }, 'Quick add'),
    h('a.button.primary#new-contact', { href: '/ui/contacts/new' }, '+ New'));

  const view = h('section.contacts', h('h1', 'Contacts'), toolbar);
  let listing;
  try {
    listing = await readPage(s);
    // A page past the last (an old link, contacts deleted since) shows the last page, as Mautic's list does, and the
    // address says so.
    const last = Math.max(1, Math.ceil(listing.total / PAGE_SIZE));
    if (s.page > last) {
      s.page = last;
      history.replaceState(null, '', address(s));
      listing = await readPage(s);
    }
  } catch (error) {
    view.append(h('p.field-error#search-error', error.message));
    return view;
  }
  const { contacts, total } = listing;
  const selected = new Set();
  const batch = batchBar(selected, await batchChoices());

  const header = h('tr', h('th', h('input#select-all', { type: 'checkbox', onchange: e => {
    for (const box of view.querySelectorAll('input.select-row')) { box.checked = e.target.checked; box.dispatchEvent(new Event('change')); }
  } })), COLUMNS.map(([key, label, orderBy]) => {
    const active = s.orderBy === orderBy;
    const dir = active && s.orderByDir === 'ASC' ? 'DESC' : 'ASC';
    return h('th', h('a.sort', { href: '#', dataset: { column: key }, onclick: e => { e.preventDefault(); go({ orderBy, orderByDir: dir, page: 1 }); } },
      label, active ? (s.orderByDir === 'ASC' ? ' ▲' : ' ▼') : ''));
  }));
  const rows = contacts.map(contact => {
    const all = contact.fields?.all ?? {};
    return h('tr', { dataset: { id: contact.id } },
      h('td', h('input.select-row', { type: 'checkbox', value: contact.id, onchange: e => {
        if (e.target.checked) selected.add(contact.id); else selected.delete(contact.id);
        batch.update();
      } })),
      h('td', h('a.contact-link', { href: `/ui/contacts/${contact.id}` }, contactName(contact))),
      h('td', all.email ?? ''),
      h('td', all.city ?? ''),
      h('td.number', contact.points ?? 0),
      h('td', formatDate(contact.lastActive)),
      h('td.number', contact.id));
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  view.append(batch.element,
    h('table.grid#contacts', h('thead', header), h('tbody', rows.length ? rows : h('tr', h('td', { colspan: COLUMNS.length + 1 }, 'No contacts match.')))),
    h('div.pager',
      h('span#total', `${total} contact${total === 1 ? '' : 's'}`),
      h('button#prev-page', { type: 'button', disabled: s.page <= 1, onclick: () => go({ page: s.page - 1 }) }, '‹ Previous'),
      h('span#page', `Page ${s.page} of ${pages}`),
      h('button#next-page', { type: 'button', disabled: s.page >= pages, onclick: () => go({ page: s.page + 1 }) }, 'Next ›')));
  return view;
}

/** The segments, stages and owners the batch actions offer, read once per list page. */
async function batchChoices() {
  const [segments, stages, owners] = await Promise.all([
    get('/api/segments?limit=100'), get('/api/stages?limit=100'), get('/api/contacts/list/owners')]);
  return {
    segments: Object.values(segments.lists).map(s => [s.id, s.name]),
    stages: Object.values(stages.stages).map(s => [s.name, s.name]),
    owners: owners.map(o => [o.id, [o.firstName, o.lastName].filter(Boolean).join(' ') || `User #${o.id}`]),
  };
}

// The batch actions of POST /api/contacts/batch/{delete,dnc,segments,stage,owner} (at most 100 ids each) and tags
// through PATCH /api/contacts/batch/edit. A contact the server could not change is counted in the message.
const BATCH_LIMIT = 100;

function batchBar(selected, choices) {
  const count = h('span.count');
  const message = h('span.batch-message#batch-message');
  const tag = h('input#batch-tag', { placeholder: 'tag', size: 12 });
  const picker = (id, label, options) => h(`select#${id}`, h('option', { value: '' }, label), options.map(([value, text]) => h('option', { value }, text)));
  const segment = picker('batch-segment', 'segment…', choices.segments);
  const stage = picker('batch-stage', 'stage…', choices.stages);
  const owner = picker('batch-owner', 'owner…', choices.owners);
  const run = (id, label, action, question) => h(`button#${id}`, { type: 'button', onclick: async () => {
    if (selected.size === 0) return;
    if (selected.size > BATCH_LIMIT) { message.textContent = `Select at most ${BATCH_LIMIT} contacts.`; return; }
    if (question && !await confirmAction(question(selected.size), label)) return;
    message.textContent = `${label}…`;
    try {
      const answer = await action([...selected]);
      const missed = (answer?.body?.statusCodes ?? []).filter(code => code >= 300).length;
      if (missed) { message.textContent = `${label}: ${missed} of ${selected.size} contacts were not changed.`; return; }
      go({});
    } catch (error) {
      message.textContent = `${label} failed: ${error.message}`;
    }
  } }, label);
  const chosen = (select, body) => select.value ? body(select.value) : Promise.reject(new Error('choose one first'));
  const element = h('div.batch#batch-actions', { hidden: true }, count,
    run('batch-delete', 'Delete', ids => post('/api/contacts/batch/delete', { ids }),
      count => `Delete ${count} contact${count === 1 ? '' : 's'}? This cannot be undone.`),
    run('batch-dnc', 'Do not contact (email)', ids => post('/api/contacts/batch/dnc', { ids, channel: 'email', reason: 'Set in the contacts list' })),
    segment, run('batch-segment-add', 'Add to segment', ids => chosen(segment, id => post('/api/contacts/batch/segments', { ids, add: [Number(id)] }))),
    stage, run('batch-stage-set', 'Set stage', ids => chosen(stage, name => post('/api/contacts/batch/stage', { ids, stage: name }))),
    owner, run('batch-owner-set', 'Set owner', ids => chosen(owner, id => post('/api/contacts/batch/owner', { ids, owner: Number(id) }))),
    tag,
    run('batch-tag-add', 'Add tag', ids => tag.value.trim() && patch('/api/contacts/batch/edit', ids.map(id => ({ id, tags: [tag.value.trim()] })))),
    run('batch-tag-remove', 'Remove tag', ids => tag.value.trim() && patch('/api/contacts/batch/edit', ids.map(id => ({ id, tags: ['-' + tag.value.trim()] })))),
    message);
  return {
    element,
    update() {
      element.hidden = selected.size === 0;
      count.textContent = `${selected.size} selected:`;
    },
  };
}
