// The cluster dashboard (in place of OrleansDashboard): every silo of the membership view with status and age and
// its CPU, memory and call figures, activations per grain type and per silo, and a sparkline of the cluster's calls/s.
// Refreshed every second from GET /ui/api/dashboard.
import { get } from './api.js';
import { h } from './dom.js';

const REFRESH_MS = 1000;
const HISTORY = 60;

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(n), unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

/** Latency in the unit that shows it: an in-process call to an active grain takes microseconds. */
function latency(ms) {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

function age(seconds) {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

function sparkline(values) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${HISTORY} 30`);
  svg.setAttribute('class', 'sparkline');
  const max = Math.max(1, ...values);
  const line = document.createElementNS(NS, 'polyline');
  line.setAttribute('points', values.map((v, i) => `${i + HISTORY - values.length},${30 - (v / max) * 28}`).join(' '));
  svg.append(line);
  return svg;
}

/** A silo that is dead or did not answer has its membership status and age, and a dash for every figure. */
function siloRow(s) {
  const figure = (format, value) => s.reporting ? format(value) : '—';
  const fixed = digits => v => v.toFixed(digits);
  return h('tr', { dataset: { address: s.address, reporting: String(s.reporting) } },
    h('td', s.address), h('td', h('span.status', { class: `status status-${s.status.toLowerCase()}` }, s.status)), h('td', age(s.ageSeconds)),
    h('td.number.activations', figure(String, s.activations)), h('td.number.calls', figure(String, s.calls)),
    h('td.number.calls-per-second', figure(fixed(1), s.callsPerSecond)),
    h('td.number', figure(latency, s.latencyP50Ms)), h('td.number.latency-p99', figure(latency, s.latencyP99Ms)),
    h('td.number', figure(fixed(2), s.errorsPerSecond)), h('td.number', figure(v => `${v.toFixed(1)}%`, s.cpuPercent)),
    h('td.number', figure(v => `${bytes(v)} of ${bytes(s.totalMemoryBytes)}`, s.memoryBytes)));
}

export function dashboard() {
  const history = [];
  const cards = h('div.cards#dashboard-totals');
  const silos = h('tbody');
  const types = h('tbody');
  const status = h('p.muted#dashboard-updated');
  let siloColumns = [];
  const typeHead = h('thead');
  const view = h('section.dashboard', h('h1', 'Cluster'), status, cards,
    h('h2', 'Silos'),
    h('table.grid#silos', h('thead', h('tr', ['Silo', 'Status', 'Age', 'Activations', 'Calls', 'Calls/s', 'Latency p50', 'Latency p99', 'Errors/s', 'CPU', 'Memory'].map(t => h('th', t)))), silos),
    h('h2', 'Activations by grain type'),
    h('table.grid#grain-types', typeHead, types));

  const card = (label, value, extra) => h('div.card', h('div.card-label', label), h('div.card-value', { dataset: { metric: label } }, value), extra);
  async function refresh() {
    if (!view.isConnected && history.length) return;
    try {
      const data = await get('/ui/api/dashboard');
      history.push(data.totals.callsPerSecond);
      if (history.length > HISTORY) history.shift();
      cards.replaceChildren(
        card('Silos', data.totals.silos),
        card('Activations', data.totals.activations),
        card('Calls/s', data.totals.callsPerSecond.toFixed(1), sparkline(history)),
        card('Errors/s', data.totals.errorsPerSecond.toFixed(2)),
        card('Calls', data.totals.calls));
      silos.replaceChildren(...data.silos.map(siloRow));
      siloColumns = data.silos.filter(s => s.reporting).map(s => s.address);
      typeHead.replaceChildren(h('tr', h('th', 'Grain type'), h('th', 'Total'), siloColumns.map(a => h('th', a))));
      types.replaceChildren(...data.grainTypes.map(t => h('tr', h('td', t.type), h('td.number', t.activations), siloColumns.map(a => h('td.number', t.bySilo[a] ?? 0)))));
      status.textContent = `Updated ${new Date(data.generatedAt).toLocaleTimeString()}`;
    } catch (error) {
      status.textContent = `Not updated: ${error.message}`;
    }
    setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return view;
}
