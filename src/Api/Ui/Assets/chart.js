// The engagements chart of the contact screen: per month of the last six, the timeline's events and the points
// gained, as two SVG lines with a dot per month. Drawn here because the UI loads nothing from elsewhere.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640, HEIGHT = 220, PAD = { left: 40, right: 16, top: 16, bottom: 36 };

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The last six calendar months (oldest first) as { key: 'YYYY-MM', label }. */
export function lastSixMonths(now = new Date()) {
  const months = [];
  for (let back = 5; back >= 0; back--) {
    const date = new Date(now.getFullYear(), now.getMonth() - back, 1);
    months.push({ key: `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`, label: date.toLocaleString(undefined, { month: 'short', year: '2-digit' }) });
  }
  return months;
}

/** Counts per month: engagements (every event) and points (the deltas of point.gained, under details.log as Mautic nests them). */
export function engagementSeries(events, months) {
  const engagements = Object.fromEntries(months.map(m => [m.key, 0]));
  const points = Object.fromEntries(months.map(m => [m.key, 0]));
  for (const event of events) {
    const date = new Date(event.timestamp);
    const key = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
    if (!(key in engagements)) continue;
    engagements[key]++;
    if (event.event === 'point.gained') points[key] += Number(event.details?.log?.delta ?? 0);
  }
  return [
    { name: 'Engagements', className: 'series-engagements', values: months.map(m => engagements[m.key]) },
    { name: 'Points', className: 'series-points', values: months.map(m => points[m.key]) },
  ];
}

export function lineChart(months, series) {
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': 'Engagements over the last six months' });
  // Four gridlines at whole steps: the top is the smallest multiple of four steps above the largest value.
  const step = Math.max(1, Math.ceil(Math.max(0, ...series.flatMap(s => s.values)) / 4));
  const max = step * 4;
  const x = i => PAD.left + (i * (WIDTH - PAD.left - PAD.right)) / (months.length - 1);
  const y = v => HEIGHT - PAD.bottom - (Math.max(0, v) / max) * (HEIGHT - PAD.top - PAD.bottom);
  for (let line = 0; line <= 4; line++) {
    const value = step * line;
    chart.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'gridline' }),
      svg('text', { x: PAD.left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end' }, value));
  }
  months.forEach((m, i) => chart.append(svg('text', { x: x(i), y: HEIGHT - PAD.bottom + 18, class: 'axis', 'text-anchor': 'middle' }, m.label)));
  series.forEach((s, index) => {
    chart.append(svg('polyline', { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' '), class: `line ${s.className}` }));
    s.values.forEach((v, i) => {
      const dot = svg('circle', { cx: x(i), cy: y(v), r: 4, class: `dot ${s.className}` });
      dot.append(svg('title', {}, `${s.name}, ${months[i].label}: ${v}`));
      chart.append(dot);
    });
    chart.append(svg('rect', { x: PAD.left + index * 130, y: HEIGHT - 12, width: 10, height: 10, class: `legend ${s.className}` }),
      svg('text', { x: PAD.left + 14 + index * 130, y: HEIGHT - 3, class: 'axis' }, s.name));
  });
  return chart;
}
