// Segment and campaign switches on the contact screen: every segment or campaign with a switch that adds or removes
// the contact, through Mautic's routes (/api/segments/{id}/contact/{contactId}/add|remove and the campaigns' twin).
import { get, post } from './api.js';
import { h, unavailable } from './dom.js';
import { CONTACT_CHANGED } from './timeline.js';

const KINDS = {
  segments: { label: 'Segments', collection: 'lists' },
  campaigns: { label: 'Campaigns', collection: 'campaigns' },
};

export async function membership(contactId, kind) {
  const { label, collection } = KINDS[kind];
  try {
    const [all, mine] = await Promise.all([get(`/api/${kind}?limit=100`), get(`/api/contacts/${contactId}/${kind}`)]);
    const member = new Set(Object.values(mine[collection] ?? {}).map(item => Number(item.id)));
    const items = Object.values(all[collection] ?? {});
    if (!items.length) return h('p.muted', `No ${label.toLowerCase()} yet.`);
    return h('ul.switches', items.map(item => h('li', h('label.toggle',
      h('input', { type: 'checkbox', checked: member.has(Number(item.id)), dataset: { id: item.id }, onchange: async e => {
        const box = e.target;
        box.disabled = true;
        try {
          await post(`/api/${kind}/${item.id}/contact/${contactId}/${box.checked ? 'add' : 'remove'}`);
          document.dispatchEvent(new Event(CONTACT_CHANGED));
        } catch {
          box.checked = !box.checked;
        } finally {
          box.disabled = false;
        }
      } }), ' ', item.name))));
  } catch (error) {
    return unavailable(label, error);
  }
}
