// The import wizard: upload a CSV with its delimiter, enclosure and escape, map its columns to contact fields,
// then follow the background job (POST /api/contacts/import, GET /api/contacts/import/{id}) with a progress bar
// up to its end, and list the lines that failed; a running job can be stopped. /ui/import/{id} reopens a job's progress.
import { call, get, post } from './api.js';
import { h, confirmAction } from './dom.js';
import { fieldCatalog } from './contact-form.js';

const POLL_MS = 1000;
// The statuses GET /api/contacts/import/{id} answers that end a job (the others are queued and in progress).
const FINISHED = new Set(['imported', 'failed', 'stopped']);

export async function importWizard(jobId) {
  const view = h('section.import', h('h1', 'Import contacts'));
  const step = h('div#import-step');
  view.append(step);
  if (jobId !== null) step.replaceChildren(await progress(jobId));
  else step.replaceChildren(uploadStep(step));
  return view;
}

function uploadStep(step) {
  const file = h('input#import-file', { type: 'file', accept: '.csv,text/csv', name: 'file' });
  const delimiter = h('input#import-delimiter', { value: ',', maxlength: 2, size: 3 });
  const enclosure = h('input#import-enclosure', { value: '"', maxlength: 1, size: 3 });
  // The server's default: the enclosure doubles to escape itself.
  const escape = h('input#import-escape', { value: '"', maxlength: 1, size: 3 });
  const error = h('div.field-error#error-file');
  return h('form.import-upload#import-upload', { onsubmit: async e => {
    e.preventDefault();
    const chosen = file.files[0];
    if (!chosen) { error.textContent = 'Choose a CSV file.'; return; }
    if (!delimiter.value) { error.textContent = 'The delimiter cannot be empty.'; return; }
    const text = await chosen.text();
    const header = parseLine(text.split(/\r?\n/, 1)[0], delimiter.value, enclosure.value, escape.value);
    if (!header.length || header.every(c => !c)) { error.textContent = 'The file has no header line.'; return; }
    step.replaceChildren(await mappingStep(step, chosen, header, { delimiter: delimiter.value, enclosure: enclosure.value, escape: escape.value }));
  } },
  h('div.field', h('label', { for: 'import-file' }, 'CSV file (UTF-8, a header line first)'), file, error),
  h('div.inline', h('label', 'Delimiter ', delimiter), h('label', 'Enclosure ', enclosure), h('label', 'Escape ', escape)),
  h('div.actions', h('button.primary#import-upload-button', { type: 'submit' }, 'Upload')));
}

/**
 * Splits one CSV line by the server's rules, enough to read the header the mapping screen shows (the server parses
 * the file itself): the enclosure doubles to escape itself, and only an empty enclosure makes escape the escape.
 */
export function parseLine(line, delimiter, enclosure, escape) {
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < (line ?? '').length; i++) {
    const c = line[i];
    if (!enclosure && c === escape && i + 1 < line.length) { cell += line[++i]; continue; }
    if (enclosure && c === enclosure) {
      if (quoted && line[i + 1] === enclosure) { cell += c; i++; } else quoted = !quoted;
    } else if (!quoted && line.startsWith(delimiter, i)) { cells.push(cell.trim()); cell = ''; i += delimiter.length - 1; }
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** Mautic's rule first (the header lower-cased, alphanumerics and _ kept, equal to an alias), then a label match. */
function guess(column, fields) {
  const normal = column.toLowerCase().replace(/[^a-z0-9_]/g, '');
  const plain = normal.replace(/_/g, '');
  return (fields.find(f => f.alias === normal)
    ?? fields.find(f => f.alias.replace(/_/g, '') === plain || f.label.toLowerCase().replace(/[^a-z0-9]/g, '') === plain))?.alias ?? '';
}

async function mappingStep(step, file, header, settings) {
  const fields = await fieldCatalog();
  const selects = header.map(column => h('select.mapping', { dataset: { column } },
    h('option', { value: '' }, '(skip this column)'),
    fields.map(f => h('option', { value: f.alias, selected: guess(column, fields) === f.alias }, f.label)),
    h('option', { value: 'tags', selected: column.toLowerCase() === 'tags' }, 'Tags (separated by |)')));
  const error = h('div.field-error#import-error');
  return h('form#import-mapping', { onsubmit: async e => {
    e.preventDefault();
    const mapping = Object.fromEntries(selects.filter(s => s.value).map(s => [s.dataset.column, s.value]));
    if (!Object.keys(mapping).length) { error.textContent = 'Map at least one column to a field.'; return; }
    const form = new FormData();
    form.append('file', file);
    form.append('delimiter', settings.delimiter);
    form.append('enclosure', settings.enclosure);
    form.append('escape', settings.escape);
    form.append('mapping', JSON.stringify(mapping));
    try {
      const answer = await call('POST', '/api/contacts/import', form);
      const id = answer.body.import.id;
      history.replaceState(null, '', `/ui/import/${id}`);
      step.replaceChildren(await progress(id));
    } catch (failure) {
      error.textContent = failure.message;
    }
  } },
  h('h2', 'Match the columns to contact fields'),
  h('table.grid', h('thead', h('tr', h('th', 'Column in the file'), h('th', 'Contact field'))),
    h('tbody', header.map((column, i) => h('tr', h('td', column), h('td', selects[i]))))),
  error,
  h('div.actions', h('a.button', { href: '/ui/import' }, 'Start over'), h('button.primary#import-start', { type: 'submit' }, 'Import')));
}

async function progress(id) {
  // A <progress> element rather than a div whose width is styled: the UI's Content-Security-Policy (style-src 'self')
  // refuses inline style attributes.
  const bar = h('progress.bar#import-bar', { max: 100, value: 0 }, '0%');
  const label = h('span#import-percent', '0%');
  const counts = h('p#import-counts');
  const stopError = h('p.field-error#import-stop-error');
  // Shown while the job runs: POST /api/contacts/import/{id}/stop answers once the rows in flight are counted and the
  // job is stored stopped, so its answer is the final state.
  const stop = h('button.danger#import-stop', { type: 'button', hidden: true, onclick: async () => {
    if (!await confirmAction(`Stop import #${id}? The rows imported so far stay; the rest of the file is not imported.`, 'Stop import')) return;
    stop.disabled = true;
    stopError.textContent = '';
    try {
      show((await post(`/api/contacts/import/${id}/stop`)).body.import);
    } catch (error) {
      stopError.textContent = error.message;
      stop.disabled = false;
    }
  } }, 'Stop');
  const failed = h('div#import-failed');
  const box = h('div.import-progress', h('h2', `Import #${id}`), bar, label, counts,
    h('div.actions', stop), stopError, failed);
  // A poll answered before the stop may arrive after it: once the job has ended, nothing older is shown.
  let ended = false;
  function show(job) {
    if (ended) return;
    ended = FINISHED.has(job.status);
    const done = job.insertedCount + job.updatedCount + job.ignoredCount;
    const percent = Math.min(100, Math.round(job.progressPercent));
    bar.value = percent;
    bar.textContent = `${percent}%`;
    label.textContent = `${percent}%`;
    box.dataset.status = job.status;
    stop.hidden = ended;
    counts.textContent = `${done} of ${job.lineCount} lines: ${job.insertedCount} added, ${job.updatedCount} updated, ${job.ignoredCount} ignored. Status: ${job.status}`
      + (job.failureReason ? ` (${job.failureReason})` : '');
    const notShown = job.failedLinesNotShown ? [h('p.muted', `${job.failedLinesNotShown} more not kept.`)] : [];
    failed.replaceChildren(...(job.failedLines.length ? [h('h3', 'Failed lines'), h('table.grid#import-failed-lines',
      h('thead', h('tr', h('th', 'Line'), h('th', 'Problem'), h('th', 'Row'))),
      h('tbody', job.failedLines.map(l => h('tr', h('td', l.line), h('td', l.message), h('td', l.rowIgnored ? 'ignored' : 'imported'))))), ...notShown] : []));
  }
  async function poll() {
    let job;
    try {
      job = (await get(`/api/contacts/import/${id}`)).import;
    } catch (error) {
      counts.textContent = error.message;
      return;
    }
    show(job);
    if (!ended) setTimeout(poll, POLL_MS);
  }
  await poll();
  return box;
}
