// A real package index on 127.0.0.1 for the pip tests, since PyPI is out of
// reach: wheels made from generated projects (a wheel is a zip of the package,
// METADATA, WHEEL and RECORD), served as PEP 503 simple pages with #sha256=
// fragments, or as PEP 691 JSON when the client asks for it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Distribution {
  name: string;
  version: string;
  /** `Requires-Dist:` lines, such as `leafpkg>=1.0`. */
  requires?: string[];
  /** `Requires-Python:`, such as `>=3.13`. */
  requiresPython?: string;
  /** Listed with data-yanked (PEP 592). */
  yanked?: boolean;
}

export interface PackageIndex {
  /** The simple index, as pip's --index-url takes it: `http://127.0.0.1:PORT/simple`. */
  url: string;
  /** The folder holding the wheels. */
  dir: string;
  /** Each wheel's file name and sha256, by `name==version`. */
  wheels: Map<string, { file: string; sha256: string }>;
  /** Every path the index was asked for, in order. */
  requests: string[];
  /** Replaces a wheel's bytes after its hash was published, as a tampered mirror would. */
  tamper(name: string, version: string): void;
  close(): Promise<void>;
}

const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Writes one wheel with the system Python's zipfile (no build tools needed). */
function writeWheel(dir: string, d: Distribution): string {
  const module = d.name.replace(/-/g, '_');
  const file = `${module}-${d.version}-py3-none-any.whl`;
  const distInfo = `${module}-${d.version}.dist-info`;
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${d.name}`,
    `Version: ${d.version}`,
    ...(d.requiresPython ? [`Requires-Python: ${d.requiresPython}`] : []),
    ...(d.requires ?? []).map((r) => `Requires-Dist: ${r}`),
    '',
  ].join('\n');
  const members: Record<string, string> = {
    [`${module}/__init__.py`]: `__version__ = ${JSON.stringify(d.version)}\n`,
    [`${distInfo}/METADATA`]: metadata,
    [`${distInfo}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: layerwise-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  members[`${distInfo}/RECORD`] = [...Object.keys(members), `${distInfo}/RECORD`].map((m) => `${m},,`).join('\n') + '\n';
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w")\nfor k,v in json.loads(sys.stdin.read()).items(): z.writestr(k,v)\nz.close()';
  execFileSync('python3', ['-c', script, path.join(dir, file)], { input: JSON.stringify(members) });
  return file;
}

export async function startPackageIndex(
  distributions: readonly Distribution[],
  /** `cacheable`: wheels are sent with Cache-Control and ETag, as PyPI's file host sends them, so pip's HTTP cache keeps them. */
  options: { delayMs?: number; cacheable?: boolean } = {},
): Promise<PackageIndex> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwise-index-'));
  const wheels = new Map<string, { file: string; sha256: string }>();
  const byProject = new Map<string, Array<{ d: Distribution; file: string; sha256: string }>>();
  for (const d of distributions) {
    const file = writeWheel(dir, d);
    const sha256 = createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex');
    wheels.set(`${d.name}==${d.version}`, { file, sha256 });
    const key = normalise(d.name);
    byProject.set(key, [...(byProject.get(key) ?? []), { d, file, sha256 }]);
  }
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const answer = (): unknown => {
      const project = /^\/simple\/([^/]+)\/?$/.exec(url.pathname);
      if (url.pathname === '/simple/' || url.pathname === '/simple') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<!DOCTYPE html><html><body>${[...byProject.keys()].map((p) => `<a href="/simple/${p}/">${p}</a>`).join('\n')}</body></html>`);
      }
      if (project) {
        const files = byProject.get(normalise(decodeURIComponent(project[1])));
        if (!files) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          return res.end('not found');
        }
        if ((req.headers.accept ?? '').includes('application/vnd.pypi.simple.v1+json')) {
          res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
          return res.end(
            JSON.stringify({
              meta: { 'api-version': '1.1' },
              name: normalise(files[0].d.name),
              versions: [...new Set(files.map((f) => f.d.version))],
              files: files.map((f) => ({
                filename: f.file,
                url: `/wheels/${f.file}`,
                hashes: { sha256: f.sha256 },
                ...(f.d.requiresPython ? { 'requires-python': f.d.requiresPython } : {}),
                ...(f.d.yanked ? { yanked: true } : {}),
              })),
            }),
          );
        }
        const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        const links = files.map(
          (f) => `<a href="/wheels/${f.file}#sha256=${f.sha256}"${f.d.requiresPython ? ` data-requires-python="${esc(f.d.requiresPython)}"` : ''}${f.d.yanked ? ' data-yanked=""' : ''}>${f.file}</a>`,
        );
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<!DOCTYPE html><html><body>\n${links.join('<br/>\n')}\n</body></html>`);
      }
      const wheel = /^\/wheels\/([^/]+)$/.exec(url.pathname);
      if (wheel && fs.existsSync(path.join(dir, path.basename(wheel[1])))) {
        const caching = options.cacheable ? { 'cache-control': 'max-age=365000000, immutable, public', etag: `"${path.basename(wheel[1])}"` } : {};
        res.writeHead(200, { 'content-type': 'application/octet-stream', ...caching });
        return fs.createReadStream(path.join(dir, path.basename(wheel[1]))).pipe(res);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/simple`,
    dir,
    wheels,
    requests,
    tamper(name, version) {
      const w = wheels.get(`${name}==${version}`);
      if (!w) throw new Error(`no wheel ${name}==${version}`);
      fs.appendFileSync(path.join(dir, w.file), Buffer.from('tampered'));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
