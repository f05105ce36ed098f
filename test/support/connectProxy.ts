// An HTTPS proxy of the test's own on loopback, as a corporate one is: it
// answers CONNECT host:port by opening a tunnel (bytes both ways, never read),
// maps made-up host names to loopback so that they resolve only through it,
// may want credentials of its own (407 without them), and records each
// CONNECT with the headers it came with.
import * as http from 'node:http';
import * as net from 'node:net';

export interface SeenConnect {
  /** `host:port` as asked. */
  target: string;
  headers: http.IncomingHttpHeaders;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  connects: SeenConnect[];
  /** Requests other than CONNECT (plain-HTTP proxying), which it refuses. */
  others: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(options: { hosts: Record<string, string>; login?: { user: string; password: string } }): Promise<ConnectProxy> {
  const connects: SeenConnect[] = [];
  const others: string[] = [];
  const sockets = new Set<net.Socket>();
  const wanted = options.login ? `Basic ${Buffer.from(`${options.login.user}:${options.login.password}`).toString('base64')}` : null;
  const server = http.createServer((req, res) => {
    others.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push({ target, headers: req.headers });
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (wanted && req.headers['proxy-authorization'] !== wanted) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="layerwise-test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const colon = target.lastIndexOf(':');
    const [name, port] = [target.slice(0, colon), Number(target.slice(colon + 1))];
    const upstream = net.connect(port, options.hosts[name] ?? name, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    others,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
