// A minimal HTTPS proxy on 127.0.0.1 for tests: it answers CONNECT by tunnelling to the target and
// records each CONNECT target (and the Proxy-Authorization it got), so a test can prove that a client
// went through the proxy.
import http from 'node:http';
import net from 'node:net';

export interface ConnectProxy {
  url: string;
  /** "host:port" of every CONNECT, in order. */
  connects: string[];
  proxyAuthorizations: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const connects: string[] = [];
  const proxyAuthorizations: Array<string | undefined> = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    proxyAuthorizations.push(req.headers['proxy-authorization']);
    sockets.add(client);
    const [host, port] = target.split(':');
    const upstream = net.connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    upstream.on('close', end);
    client.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    proxyAuthorizations,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
