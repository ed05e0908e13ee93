/* global VERSION, FILES */
// The service worker of the production build (the build writes VERSION and FILES above this line:
// see scripts/offline-plugin.ts). After the first visit, the app shell, every chunk, every lecture
// and the public files come from the cache, so the app runs without a network. A new build is a
// new VERSION: it installs in the background and takes over at once, but a page already open keeps
// the code it started with; the next visit gets the new version and the open page says so.
// Every path is relative to the worker's scope, so the app works under any sub-path.

const PREFIX = 'netlink-viz-';
const CACHE = PREFIX + VERSION;
const scope = new URL(self.registration.scope);
const SHELL = new URL('./index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' bypasses the HTTP cache, so a new version never stores an old file.
      await cache.addAll(FILES.map((f) => new Request(new URL(f, scope).href, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
      // Keep the version just replaced: a page still open from it may load one of its chunks later.
      const keep = older[older.length - 1];
      await Promise.all(older.filter((n) => n !== keep).map((n) => caches.delete(n)));
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Any address of the app itself (?scenario=…, #s=…) is the same page: the shell.
  const shell = req.mode === 'navigate' && (url.pathname === scope.pathname || url.href.split(/[?#]/)[0] === SHELL);
  const key = shell ? SHELL : req;
  event.respondWith(
    (async () => {
      const own = await (await caches.open(CACHE)).match(key, { ignoreSearch: shell });
      return own ?? (await caches.match(key, { ignoreSearch: shell })) ?? fetch(req);
    })(),
  );
});
