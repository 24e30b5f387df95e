// The history timeline: the contact's events with include/exclude filters by event type, a text search, paging,
// and a row per event that opens to show its details.
import { get, query } from './api.js';
import { h, formatDate } from './dom.js';

const KNOWN_TYPES = ['page.hit', 'lead.create', 'lead.identified', 'lead.ipadded', 'lead.utmtagsadded', 'lead.utmtagsremoved',
  'lead.tagsupdated', 'point.gained', 'lead.donotcontact', 'lead.merged', 'lead.note', 'lead.imported', 'segment_membership',
  'campaign_membership', 'stage.changed'];
/** Sent on the document by a panel that changed the contact, so the history shows the change without a reload. */
export const CONTACT_CHANGED = 'contact-changed';
const PAGE_SIZE = 25;

export async function timeline(contactId) {
  const include = new Set(), exclude = new Set();
  let page = 1;
  const search = h('input#timeline-search', { type: 'search', placeholder: 'Search the history', size: 24 });
  const list = h('ol.timeline#timeline');
  const pager = h('div.pager');
  const typeFilters = h('div.type-filters', KNOWN_TYPES.map(type => {
    const select = h('select', { dataset: { type }, onchange: e => {
      include.delete(type); exclude.delete(type);
      if (e.target.value === 'include') include.add(type);
      if (e.target.value === 'exclude') exclude.add(type);
      page = 1; load();
    } }, h('option', { value: '' }, 'any'), h('option', { value: 'include' }, 'only'), h('option', { value: 'exclude' }, 'hide'));
    return h('label.type-filter', type, ' ', select);
  }));

  async function load() {
    const answer = await get(`/api/contacts/${contactId}/activity` + query({
      'filters[search]': search.value.trim(), 'filters[includeEvents]': [...include], 'filters[excludeEvents]': [...exclude], page, limit: PAGE_SIZE,
    }));
    list.replaceChildren(...(answer.events.length ? answer.events.map(eventRow) : [h('li.muted', 'No events match.')]));
    pager.replaceChildren(h('span', `${answer.total} events`),
      h('button', { type: 'button', disabled: page <= 1, onclick: () => { page--; load(); } }, '‹'),
      h('span', `Page ${answer.page} of ${Math.max(1, answer.maxPages)}`),
      h('button', { type: 'button', disabled: page >= answer.maxPages, onclick: () => { page++; load(); } }, '›'));
  }

  search.addEventListener('change', () => { page = 1; load(); });
  document.addEventListener(CONTACT_CHANGED, () => { if (list.isConnected) load(); });
  await load();
  return h('div', h('div.timeline-filters', search, h('button#timeline-refresh', { type: 'button', onclick: load }, 'Refresh'), typeFilters), list, pager);
}

// Mautic nests most details one level down (details.hit, details.log, details.dnc…): a row lists the values inside.
const NESTED = ['hit', 'log', 'dnc', 'utmtags', 'ipDetails'];

function detailEntries(details) {
  return Object.entries(details ?? {}).flatMap(([key, value]) =>
    NESTED.includes(key) && value && typeof value === 'object' ? Object.entries(value) : [[key, value]]);
}

// A page hit's query, an import's properties: an object of named values.
function detailText(value) {
  return typeof value === 'object'
    ? Object.entries(value).map(([name, text]) => `${name}=${typeof text === 'object' ? JSON.stringify(text) : text}`).join(' ')
    : String(value);
}

// Mautic's label is text or { label, href }.
function labelText(event) {
  const label = typeof event.eventLabel === 'object' && event.eventLabel !== null ? event.eventLabel.label : event.eventLabel;
  return label === undefined || label === null || label === event.eventType ? '' : label;
}

function eventRow(event) {
  const details = h('dl.event-details', { hidden: true }, detailEntries(event.details)
    .filter(([, value]) => value !== null && value !== '')
    .flatMap(([key, value]) => [h('dt', key), h('dd', detailText(value))]));
  return h('li.event', { dataset: { type: event.event } },
    h('button.event-toggle', { type: 'button', 'aria-expanded': 'false', onclick: e => {
      details.hidden = !details.hidden;
      e.currentTarget.setAttribute('aria-expanded', String(!details.hidden));
    } }, h('span.event-type', event.eventType ?? event.event), ' ', h('span.event-label', labelText(event)), h('span.event-time', formatDate(event.timestamp))),
    details);
}
