// The contact screen: fields, the engagements chart, the history timeline, notes, devices, IPs, tags, segments and
// campaigns, do-not-contact and the merge dialog. Every section loads on its own, so one missing endpoint leaves
// the rest of the screen working and says what is missing. An action the API refuses says why in its panel (the
// header's error line for Delete); an ended session has already sent the page to the login form.
import { get, post, patch, del, query } from './api.js';
import { h, formatDate, contactName, unavailable, confirmAction } from './dom.js';
import { fieldText } from './field-controls.js';
import { lastSixMonths, engagementSeries, lineChart } from './chart.js';
import { timeline } from './timeline.js';
import { mergeDialog } from './merge-dialog.js';
import { notes } from './notes.js';
import { membership } from './membership.js';

const DNC_REASONS = { 1: 'unsubscribed', 2: 'bounced', 3: 'manually' };

export async function contactDetail(id) {
  const contact = (await get(`/api/contacts/${id}`)).contact;
  if (contact.id !== id) location.replace(`/ui/contacts/${contact.id}`);
  const reload = () => location.assign(`/ui/contacts/${contact.id}`);
  const header = h('div.detail-header',
    h('h1#contact-name', contactName(contact)),
    h('span.badge#contact-points', `${contact.points} points`),
    h('span.spacer'),
    h('a.button#edit-contact', { href: `/ui/contacts/${contact.id}/edit` }, 'Edit'),
    h('button#merge-contact', { type: 'button', onclick: () => mergeDialog(contact, merged => location.assign(`/ui/contacts/${merged.id}`)) }, 'Merge'),
    h('button.danger#delete-contact', { type: 'button', onclick: () => deleteContact(contact, headerError) }, 'Delete'));
  const headerError = h('p.field-error#contact-error');

  const side = h('aside.detail-side',
    fieldsPanel(contact),
    tagsPanel(contact, reload),
    dncPanel(contact, reload),
    h('section.panel#segments', h('h3', 'Segments'), await membership(contact.id, 'segments')),
    h('section.panel#campaigns', h('h3', 'Campaigns'), await membership(contact.id, 'campaigns')),
    ipPanel(contact),
    await devicesPanel(contact.id));

  const events = await get(`/api/contacts/${contact.id}/activity` + query({ limit: 1000, 'filters[dateFrom]': sixMonthsAgo() }));
  const months = lastSixMonths();
  const main = h('div.detail-main',
    h('section.panel#engagements', h('h3', 'Engagements'), lineChart(months, engagementSeries(events.events, months))),
    h('section.panel#history', h('h3', 'History'), await timeline(contact.id)),
    h('section.panel#notes', h('h3', 'Notes'), await notes(contact.id)));
  return h('section.contact-detail', { dataset: { id: contact.id } }, header, headerError, h('div.detail-body', side, main));
}

/** Runs a panel's write and reloads the screen, or shows why the API refused it in the panel's error line. */
async function write(errorLine, action, onFailure = () => {}) {
  errorLine.textContent = '';
  try {
    await action();
  } catch (error) {
    onFailure();
    if (error.status !== 401) errorLine.textContent = error.message;
  }
}

async function deleteContact(contact, errorLine) {
  if (!await confirmAction(`Delete ${contactName(contact)} (#${contact.id})? This cannot be undone.`, 'Delete')) return;
  await write(errorLine, async () => {
    await del(`/api/contacts/${contact.id}/delete`);
    location.assign('/ui/contacts');
  });
}

function sixMonthsAgo() {
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth() - 5, 1);
  return start.toISOString().slice(0, 19).replace('T', ' ');
}

function fieldsPanel(contact) {
  const rows = [];
  for (const [group, fields] of Object.entries(contact.fields ?? {})) {
    if (group === 'all' || Array.isArray(fields)) continue;
    for (const field of Object.values(fields)) {
      if (field.value === null || field.value === '' || field.alias === 'points') continue;
      rows.push(h('tr', h('th', field.label), h('td', { dataset: { alias: field.alias } }, fieldText(field, field.value))));
    }
  }
  rows.push(h('tr', h('th', 'Created'), h('td', formatDate(contact.dateAdded))), h('tr', h('th', 'Last active'), h('td', formatDate(contact.lastActive))));
  return h('section.panel#fields', h('h3', 'Details'), h('table.fields', rows));
}

function tagsPanel(contact, reload) {
  const input = h('input#tag-input', { placeholder: 'new tag', size: 14 });
  const error = h('p.field-error#tags-error');
  const change = tags => write(error, () => patch(`/api/contacts/${contact.id}/edit`, { tags }).then(reload));
  return h('section.panel#tags', h('h3', 'Tags'),
    h('div.tags', contact.tags.length ? contact.tags.map(t => h('span.tag', t.tag, h('button.remove', { type: 'button', title: `Remove ${t.tag}`, onclick: () => change(['-' + t.tag]) }, '×'))) : h('span.muted', 'No tags')),
    h('form.inline', { onsubmit: e => { e.preventDefault(); if (input.value.trim()) change([input.value.trim()]); } }, input, h('button', { type: 'submit' }, 'Add')),
    error);
}

function dncPanel(contact, reload) {
  const email = contact.doNotContact.find(d => d.channel === 'email');
  const error = h('p.field-error#dnc-error');
  const toggle = h('input#dnc-email', { type: 'checkbox', checked: Boolean(email), onchange: e => {
    const on = e.target.checked;
    // A refused change leaves the switch as the contact still is.
    return write(error, () => post(`/api/contacts/${contact.id}/dnc/email/${on ? 'add' : 'remove'}`, on ? { reason: 3, comments: 'Set on the contact screen' } : undefined).then(reload),
      () => { e.target.checked = !on; });
  } });
  return h('section.panel#dnc', h('h3', 'Do not contact'),
    h('label.toggle', toggle, ' Do not email'), error,
    contact.doNotContact.map(d => h('p.muted', `${d.channel}: ${DNC_REASONS[d.reason] ?? d.reason} on ${formatDate(d.dateAdded)}${d.comments ? ` (${d.comments})` : ''}`)));
}

function ipPanel(contact) {
  const ips = Object.keys(contact.ipAddresses ?? {});
  return h('section.panel#ips', h('h3', 'IP addresses'), ips.length ? h('ul', ips.map(ip => h('li', ip))) : h('p.muted', 'None recorded'));
}

async function devicesPanel(id) {
  const panel = h('section.panel#devices', h('h3', 'Devices'));
  try {
    const { devices } = await get(`/ui/api/contacts/${id}/devices`);
    panel.append(devices.length ? h('ul', devices.map(d => h('li', h('code', d.trackingId), h('br'),
      h('span.muted', `${d.hits} hits${d.lastSeen ? `, last ${formatDate(d.lastSeen)}` : ''}`), d.userAgent ? h('div.muted.small', d.userAgent) : ''))) : h('p.muted', 'No tracked device'));
  } catch (error) {
    panel.append(unavailable('Devices', error));
  }
  return panel;
}
