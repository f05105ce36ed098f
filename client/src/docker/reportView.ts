// The report view: a webview with the size chart, the waste findings, the
// largest folders per layer and dive's score beside ours; JSON export.
import * as vscode from 'vscode';
import type { MeasureReport } from '../../../server/src/container/measure';
import { formatBytes } from '../../../server/src/container/units';
import { sizeChart, type EarlierBuild } from './chart';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let panel: vscode.WebviewPanel | undefined;

export function showReport(report: MeasureReport, earlier: readonly EarlierBuild[]): void {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('layerwise.measureReport', `Measure: ${report.image}`, vscode.ViewColumn.Beside, { enableScripts: false });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = `Measure: ${report.image}`;
  panel.webview.html = reportHtml(report, earlier, panel.webview.cspSource);
  panel.reveal(vscode.ViewColumn.Beside, true);
}

export function reportHtml(report: MeasureReport, earlier: readonly EarlierBuild[], cspSource: string): string {
  const share = report.size ? Math.round((report.baseSize / report.size) * 100) : 0;
  const findings = report.waste.findings
    .filter((f) => f.bytes >= 1000)
    .map((f) => `<li><b>${f.line === null ? 'base image' : `line ${f.line}`}</b>: ${escape(f.message)}${f.fix ? ` <i>(quick fix: ${escape(f.fix.title)})</i>` : ''}</li>`)
    .join('');
  const layers = report.layers
    .map((l) => `<tr><td>${l.line === null ? 'base' : `line ${l.line}`}</td><td>${formatBytes(l.bytes)}</td><td>${l.files}</td><td>${l.largestFolders.slice(0, 3).map((f) => `${escape(f.folder)} ${formatBytes(f.bytes)}`).join(', ')}</td></tr>`)
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
.label, .value, .heading { fill: var(--vscode-foreground); font-size: 12px; }
.heading { font-weight: bold; }
.line { fill: #3b82c4; } .base { fill: #8a8a8a; } .waste { fill: #d9534f; } .earlier { fill: #9bbbd9; } .total { fill: #3b82c4; }
.key span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; }
</style></head><body>
<h2>${escape(report.image)}: ${formatBytes(report.size)}</h2>
<p>${report.baseImage ? `Base image ${escape(report.baseImage)}: ${formatBytes(report.baseSize)} (${share}% of it). ` : ''}Waste: <b>${formatBytes(report.waste.bytes)}</b> (${report.waste.percent.toFixed(1)}% of what the Dockerfile adds). dive's efficiency: ${(report.dive.efficiency * 100).toFixed(2)}% (dive's wasted bytes ${formatBytes(report.dive.wastedBytes)}).${report.sif ? ` As a SIF: ${formatBytes(report.sif.bytes)}.` : ''}</p>
<p class="key"><span style="background:#8a8a8a"></span>base image<span style="background:#3b82c4"></span>kept<span style="background:#d9534f"></span>wasted<span style="background:#9bbbd9"></span>earlier builds</p>
${sizeChart(report, earlier)}
<h3>Waste, on the line that wrote it</h3><ul>${findings || '<li>none</li>'}</ul>
<h3>Largest folders per layer</h3><table><tr><th>layer</th><th>size</th><th>files</th><th>largest folders</th></tr>${layers}</table>
<p>Export: the command <b>Layerwise: Export the measure report as JSON</b>.</p>
</body></html>`;
}
