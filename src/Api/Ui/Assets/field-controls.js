// A contact field's control, drawn for its type, and a field's value as the screens show it. A control keeps the
// field's value as the contact has it until the operator changes it: a textarea keeps its line breaks, a boolean
// its unset state, a select its options (an unknown stored value is offered as it is rather than lost), so the form
// can tell what the operator changed and send only that.
import { h } from './dom.js';

const INPUT_TYPES = { email: 'email', tel: 'tel', number: 'number', url: 'url', date: 'date', datetime: 'datetime-local', time: 'time' };
const STEPS = { number: 'any', datetime: 1, time: 1 };

/** properties.list of a select, multiselect or lookup as [value, label] pairs: [{label, value}], ["a", …] or "a|b". */
export function options(field) {
  const list = field.properties?.list;
  const items = Array.isArray(list) ? list : typeof list === 'string' ? list.split('|').map(v => v.trim()).filter(Boolean) : [];
  return items.map(item => item !== null && typeof item === 'object'
    ? [String(item.value ?? ''), String(item.label ?? item.value ?? '')]
    : [String(item), String(item)]).filter(([value]) => value !== '');
}

/** A boolean field's labels: its own yes and no (properties.yes/no), else Yes and No. */
export function booleanLabels(field) {
  return { yes: field.properties?.yes || 'Yes', no: field.properties?.no || 'No' };
}

/** A stored value as the operator reads it: a boolean's label, a select's option labels, a datetime in local time. */
export function fieldText(field, value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (field.type === 'boolean') {
    const labels = booleanLabels(field);
    return text === '1' ? labels.yes : text === '0' ? labels.no : text;
  }
  if (field.type === 'select' || field.type === 'multiselect') {
    const labels = new Map(options(field));
    return text.split('|').map(v => labels.get(v) ?? v).join(', ');
  }
  if (field.type === 'datetime') {
    const moment = new Date(`${text.replace(' ', 'T')}Z`);
    return Number.isNaN(moment.getTime()) ? text : moment.toLocaleString();
  }
  return text;
}

/** A datetime's stored form (Y-m-d H:i:s in UTC) as a datetime-local input's value in the operator's time. */
function localDateTime(stored) {
  const moment = new Date(`${String(stored).replace(' ', 'T')}Z`);
  if (Number.isNaN(moment.getTime())) return '';
  return new Date(moment.getTime() - moment.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

function choice(value, label, selected) {
  const option = h('option', { value }, label);
  option.selected = selected;
  return option;
}

/** The options, an empty choice first when one is named, and a stored value the list lacks kept as it is. */
function choices(field, chosen, empty) {
  const known = options(field);
  const unknown = chosen.filter(v => v !== '' && !known.some(([value]) => value === v)).map(v => [v, v]);
  return [empty === undefined ? null : choice('', empty, chosen.length === 0), ...[...known, ...unknown].map(([value, label]) => choice(value, label, chosen.includes(value)))];
}

function element(field, value) {
  const id = `field-${field.alias}`;
  const text = value === null || value === undefined ? '' : String(value);
  switch (field.type) {
    case 'textarea':
      return Object.assign(h('textarea', { id, name: field.alias, rows: 3 }), { value: text });
    case 'select':
      return h('select', { id, name: field.alias }, choices(field, text ? [text] : [], '—'));
    case 'multiselect':
      return h('select', { id, name: field.alias, multiple: true, size: Math.min(6, Math.max(3, options(field).length)) },
        choices(field, text.split('|').filter(Boolean)));
    case 'boolean': {
      const labels = booleanLabels(field);
      return h('select', { id, name: field.alias }, choice('', 'Not set', text === ''), choice('1', labels.yes, text === '1'), choice('0', labels.no, text === '0'));
    }
    case 'lookup': {
      const list = h('datalist', { id: `${id}-options` }, options(field).map(([v, label]) => h('option', { value: v }, label)));
      return [h('input', { id, name: field.alias, value: text, list: list.id }), list];
    }
    case 'timezone': {
      const list = h('datalist', { id: `${id}-options` }, (Intl.supportedValuesOf?.('timeZone') ?? []).map(zone => h('option', { value: zone })));
      return [h('input', { id, name: field.alias, value: text, list: list.id }), list];
    }
    default: {
      const type = INPUT_TYPES[field.type] ?? 'text';
      return h('input', { id, name: field.alias, type, step: STEPS[field.type], value: field.type === 'datetime' ? localDateTime(text) : text });
    }
  }
}

/**
 * The field's labelled control with its error box. raw() is the control's state (what a draft keeps, and what tells
 * a change), restore(raw) puts a kept state back, and payload(raw) is the value the API is sent.
 */
export function fieldControl(field, value) {
  const drawn = [].concat(element(field, value));
  const input = drawn[0];
  const raw = () => input.multiple ? [...input.selectedOptions].map(o => o.value) : input.value;
  const restore = kept => {
    if (input.multiple) for (const option of input.options) option.selected = [].concat(kept).includes(option.value);
    else input.value = kept;
  };
  const payload = state => {
    if (Array.isArray(state)) return state;
    if (field.type === 'datetime') return state ? new Date(state).toISOString() : '';
    return field.type === 'textarea' ? state : state.trim();
  };
  const row = h('div.field', { dataset: { alias: field.alias, type: field.type } },
    h('label', { for: input.id }, field.label, field.isUniqueIdentifier ? h('span.unique', { title: 'Unique identifier' }, ' ◆') : ''),
    drawn, h('div.field-error', { id: `error-${field.alias}` }));
  return { field, input, row, raw, restore, payload };
}
