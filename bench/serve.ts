/**
 * A static host for dist/ that gzips what it sends, as a production host does: the benches that
 * load the page in Chromium measure the bytes a learner would fetch.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Serve `root` on 127.0.0.1:`port`; resolves once listening. */
export function serveDist(root: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const zip = /gzip/.test(String(req.headers['accept-encoding'])) && !type.startsWith('image/png');
    res.writeHead(200, {
      'content-type': type,
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(zip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(zip ? gzipSync(body) : body);
  });
  return new Promise((resolve, reject) => {
    // A port still held (by an earlier run, say) is said plainly instead of a bare EADDRINUSE.
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} is in use: free it or choose another with BENCH_PORT=<port>` : e.message)),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
