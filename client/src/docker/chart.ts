// The report's bar chart, as an SVG of our own (a chart library would cost
// more of the .vsix budget than the whole chart): one bar per instruction,
// its waste in its own colour, and the sizes of earlier builds beside it.
import type { MeasureReport } from '../../../server/src/container/measure';
import { formatBytes } from '../../../server/src/container/units';

export interface EarlierBuild {
  label: string;
  size: number;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ROW = 26;
const LABEL = 260;
const BAR = 420;

export function sizeChart(report: MeasureReport, earlier: readonly EarlierBuild[]): string {
  const rows = [
    ...(report.baseImage ? [{ label: `FROM ${report.baseImage}`, size: report.baseSize, waste: 0, kind: 'base' }] : []),
    ...report.instructions.map((i) => ({ label: `${i.line}: ${i.text}`, size: i.size, waste: Math.min(i.waste, i.size), kind: 'line' })),
  ];
  const max = Math.max(1, ...rows.map((r) => r.size), ...earlier.map((e) => e.size), report.size);
  const scale = (n: number) => Math.max(n > 0 ? 1 : 0, Math.round((n / max) * BAR));
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = i * ROW;
    const label = r.label.length > 40 ? `${r.label.slice(0, 39)}…` : r.label;
    parts.push(`<text x="0" y="${y + 17}" class="label">${escape(label)}</text>`);
    parts.push(`<rect x="${LABEL}" y="${y + 4}" width="${scale(r.size - r.waste)}" height="18" class="${r.kind}"><title>${escape(`${r.label}: ${formatBytes(r.size)}`)}</title></rect>`);
    if (r.waste > 0) parts.push(`<rect x="${LABEL + scale(r.size - r.waste)}" y="${y + 4}" width="${scale(r.waste)}" height="18" class="waste"><title>${escape(`wasted: ${formatBytes(r.waste)}`)}</title></rect>`);
    parts.push(`<text x="${LABEL + scale(r.size) + 6}" y="${y + 17}" class="value">+${formatBytes(r.size)}${r.waste ? ` (${formatBytes(r.waste)} wasted)` : ''}</text>`);
  });
  const builds = [...earlier, { label: 'this image', size: report.size }];
  const top = rows.length * ROW + 20;
  parts.push(`<text x="0" y="${top + 12}" class="heading">Total size, earlier builds beside it</text>`);
  builds.forEach((b, i) => {
    const y = top + 20 + i * ROW;
    parts.push(`<text x="0" y="${y + 17}" class="label">${escape(b.label)}</text>`);
    parts.push(`<rect x="${LABEL}" y="${y + 4}" width="${scale(b.size)}" height="18" class="${i === builds.length - 1 ? 'total' : 'earlier'}"><title>${escape(formatBytes(b.size))}</title></rect>`);
    parts.push(`<text x="${LABEL + scale(b.size) + 6}" y="${y + 17}" class="value">${formatBytes(b.size)}</text>`);
  });
  const height = top + 20 + builds.length * ROW + 8;
  const width = LABEL + BAR + 180;
  // Scales down to the view's width instead of running past it.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" style="width:100%;max-width:${width}px" role="img" aria-label="Size per instruction">${parts.join('')}</svg>`;
}
