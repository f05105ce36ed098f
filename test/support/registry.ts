// Debian's docker-registry (distribution 2.8) on 127.0.0.1 for tests of tags,
// digests and the ways a registry asks for a login. Several registries may
// serve one storage folder: images are pushed once to an open one, and a
// second one with htpasswd or token auth serves the same images, so the tests
// never need `docker login`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startServer, type CountingServer } from './countingServer';

export interface Registry {
  /** `127.0.0.1:PORT`. */
  host: string;
  stop(): Promise<void>;
}

export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; user: string; password: string }
  | { kind: 'token'; realm: string; service: string; issuer: string; certFile: string };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A certificate and its key, for a registry served over TLS. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** A self-signed certificate for these names (`DNS:x` or `IP:127.0.0.1`), made with openssl. */
export async function selfSignedCertificate(dir: string, label: string, names: string[]): Promise<TlsFiles> {
  const certFile = path.join(dir, `${label}-cert.pem`);
  const keyFile = path.join(dir, `${label}-key.pem`);
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${label}`, '-addext', `subjectAltName=${names.join(',')}`]);
  return { certFile, keyFile };
}

/** Starts `docker-registry serve` on a free loopback port over `storage` (over TLS when `tls` is given); resolves once /v2/ answers. */
export async function startRegistry(dir: string, storage: string, auth: RegistryAuth = { kind: 'none' }, tls?: TlsFiles): Promise<Registry> {
  const port = await freePort();
  const config = path.join(dir, `registry-${port}.yml`);
  const lines = ['version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${storage}`, 'http:', `  addr: 127.0.0.1:${port}`];
  if (tls) lines.push('  tls:', `    certificate: ${tls.certFile}`, `    key: ${tls.keyFile}`);
  if (auth.kind === 'htpasswd') {
    const file = path.join(dir, `htpasswd-${port}`);
    const { stdout } = await promisify(execFile)('htpasswd', ['-Bbn', auth.user, auth.password]);
    fs.writeFileSync(file, stdout);
    lines.push('auth:', '  htpasswd:', '    realm: layerwise-test', `    path: ${file}`);
  } else if (auth.kind === 'token') {
    lines.push('auth:', '  token:', `    realm: ${auth.realm}`, `    service: ${auth.service}`, `    issuer: ${auth.issuer}`, `    rootcertbundle: ${auth.certFile}`);
  }
  fs.writeFileSync(config, lines.join('\n') + '\n');
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    const status = await new Promise<number>((resolve) => {
      const answered = (res: http.IncomingMessage) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      };
      (tls ? https.get(`https://${host}/v2/`, { ca: fs.readFileSync(tls.certFile) }, answered) : http.get(`http://${host}/v2/`, answered)).on('error', () => resolve(0));
    });
    if (status === 200 || status === 401) break;
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer on ${host}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface TokenServer extends CountingServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * A token service of the test's own, as Docker Hub's auth.docker.io is: it
 * checks Basic credentials (when `users` names any), and signs an RS256 JWT
 * granting the asked scope, with its self-signed certificate in x5c; the
 * registry trusts that certificate (rootcertbundle) and so checks the token itself.
 */
export async function startTokenServer(dir: string, users: Record<string, string> | null): Promise<TokenServer> {
  const keyFile = path.join(dir, 'token-key.pem');
  const certFile = path.join(dir, 'token-cert.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=layerwise-test-token-issuer']);
  const key = fs.readFileSync(keyFile, 'utf8');
  const der = Buffer.from(fs.readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const service = 'layerwise-test-registry';
  const issuer = 'layerwise-test-issuer';
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let subject = '';
    if (users) {
      const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const [user, password] = m ? Buffer.from(m[1], 'base64').toString().split(':') : [];
      if (!user || users[user] !== password) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"details":"incorrect username or password"}');
        return;
      }
      subject = user;
    }
    const scope = url.searchParams.get('scope') ?? '';
    const [type, name, actions] = scope.split(':');
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: subject,
      aud: url.searchParams.get('service'),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access: type === 'repository' ? [{ type, name, actions: (actions ?? '').split(',') }] : [],
    };
    const signing = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(signing).sign(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${signing}.${b64url(signature)}`, expires_in: 300 }));
  });
  return { ...server, realm: `http://${server.host}/token`, service, issuer, certFile };
}
