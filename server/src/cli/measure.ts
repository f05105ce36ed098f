// `layerwise measure IMAGE [--dockerfile F] [--format text|json] [--compare IMAGE]
//  [--max-waste SIZE] [--max-waste-percent P] [--min-efficiency X] [--sif]`:
// the image's size, per line of its Dockerfile, its waste and dive's
// efficiency; exits 1 when a threshold fails, as dive's CI mode does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyFile, lastRecord, readHistoryFile, sizeLine } from '../container/buildHistory';
import { inspectImage } from '../container/imageLayers';
import { measureImage, type MeasureReport } from '../container/measure';
import { SaveStreamError } from '../container/saveStream';
import { formatBytes, parseBytes } from '../container/units';
import { engineExit, engineFor, toolSettingsFor } from './dockerTools';
import { parse, UsageError, type Io } from './main';

export async function measureCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    dockerfile: { type: 'string' },
    target: { type: 'string' },
    format: { type: 'string', default: 'text' },
    compare: { type: 'string' },
    'max-waste': { type: 'string' },
    'max-waste-percent': { type: 'string' },
    'min-efficiency': { type: 'string' },
    sif: { type: 'boolean', default: false },
    config: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('measure needs one image');
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json, not '${format}'`);
  const maxWaste = values['max-waste'] === undefined ? undefined : parseBytes(values['max-waste'] as string);
  if (maxWaste === null) throw new UsageError(`--max-waste takes a size such as 20MB, not '${values['max-waste']}'`);
  const maxPercent = numberOption(values['max-waste-percent'], '--max-waste-percent', 0, 100);
  const minEfficiency = numberOption(values['min-efficiency'], '--min-efficiency', 0, 1);
  const dockerfilePath = values.dockerfile as string | undefined;
  let dockerfile: string | undefined;
  if (dockerfilePath !== undefined) {
    try {
      dockerfile = fs.readFileSync(dockerfilePath, 'utf8');
    } catch {
      throw new UsageError(`cannot read --dockerfile ${dockerfilePath}`);
    }
  }
  const image = positionals[0];
  const settings = toolSettingsFor(dockerfilePath ?? path.join(process.cwd(), 'Dockerfile'), values.config as string | undefined, io);
  const engine = engineFor(settings);
  let report: MeasureReport;
  let comparison: { image: string; size: number; line: string } | null = null;
  try {
    report = await measureImage(engine, image, { dockerfile, target: values.target as string | undefined, sif: values.sif as boolean, signal: io.signal });
    if (values.compare !== undefined) {
      const other = await inspectImage(engine, values.compare as string, io.signal);
      comparison = { image: values.compare as string, size: other.size, line: sizeLine(report.size, other, `from ${values.compare}`) };
    } else {
      const previous = lastRecord(readHistoryFile(historyFile()), image);
      if (previous && previous.id !== report.id) comparison = { image: `${image} (${previous.time})`, size: previous.size, line: sizeLine(report.size, previous) };
    }
  } catch (e) {
    if (e instanceof SaveStreamError) {
      io.stderr(`layerwise: ${e.message}\n`);
      return 2;
    }
    return engineExit(e, io);
  }
  const failures: string[] = [];
  if (maxWaste !== undefined && report.waste.bytes > maxWaste) failures.push(`waste ${formatBytes(report.waste.bytes)} is over --max-waste ${formatBytes(maxWaste)}`);
  if (maxPercent !== undefined && report.waste.percent > maxPercent) failures.push(`waste ${report.waste.percent.toFixed(1)}% is over --max-waste-percent ${maxPercent}`);
  if (minEfficiency !== undefined && report.dive.efficiency < minEfficiency) failures.push(`dive's efficiency ${report.dive.efficiency.toFixed(4)} is under --min-efficiency ${minEfficiency}`);
  if (format === 'json') io.stdout(JSON.stringify({ ...report, comparison, failures }, null, 2) + '\n');
  else io.stdout(textReport(report, comparison?.line ?? null, failures));
  return failures.length > 0 ? 1 : 0;
}

function numberOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} takes a number from ${min} to ${max}, not '${String(value)}'`);
  return n;
}

export function textReport(r: MeasureReport, comparison: string | null, failures: readonly string[]): string {
  const out: string[] = [];
  out.push(`${r.image}: ${formatBytes(r.size)}${comparison ? ` (${comparison.replace(/^[^,]*, /, '')})` : ''}`);
  if (r.baseImage) out.push(`  base image ${r.baseImage}: ${formatBytes(r.baseSize)} (${r.size ? ((r.baseSize / r.size) * 100).toFixed(0) : 0}% of it)`);
  if (r.instructions.length) {
    out.push('  per instruction:');
    for (const i of r.instructions) {
      const waste = i.waste ? `  waste ${formatBytes(i.waste)}` : '';
      out.push(`    line ${String(i.line).padStart(3)}  ${`+${formatBytes(i.size)}`.padStart(9)}${waste}  ${i.text.slice(0, 70)}`);
    }
  }
  out.push(`  waste: ${formatBytes(r.waste.bytes)} (${r.waste.percent.toFixed(1)}% of what the Dockerfile adds); dive's efficiency ${(r.dive.efficiency * 100).toFixed(2)}% (dive's wasted bytes ${formatBytes(r.dive.wastedBytes)})`);
  for (const f of r.waste.findings.filter((x) => x.bytes >= 1_000_000 || r.waste.findings.length <= 5)) {
    out.push(`    ${f.line === null ? 'base' : `line ${f.line}`}: ${f.message}${f.fix ? ` [fix: ${f.fix.title}]` : ''}`);
  }
  out.push('  largest folders per layer:');
  for (const l of r.layers) {
    const folders = l.largestFolders.slice(0, 3).map((f) => `${f.folder} ${formatBytes(f.bytes)}`).join(', ');
    out.push(`    layer ${l.index} (${l.line === null ? 'base' : `line ${l.line}`}): ${formatBytes(l.bytes)} in ${l.files} files${folders ? `: ${folders}` : ''}`);
  }
  if (r.sif) out.push(`  as a SIF (squashfs of the flattened file system): ${formatBytes(r.sif.bytes)}`);
  for (const f of failures) out.push(`FAILED: ${f}`);
  return out.join('\n') + '\n';
}
