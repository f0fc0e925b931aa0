// The site's service worker: reading offline after a visit (newsbuild/service_worker.py writes it into
// the site as sw.js, with this build's id and interface files in place of the two markers below).
//
// Pages and files come from the network first, so a deploy shows at once; what a reader loaded is kept in
// one cache per build, and served when the network is gone. A page never saved is answered with the
// offline page, which lists the saved ones. A new build's worker makes a new cache, saves again the pages
// the reader had saved, and deletes the old caches: a saved page never meets the interface of another build.
// Workbox (pinned in package.json) routes requests and runs the strategies, from the site's own copy.

importScripts("assets/javascripts/workbox/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "assets/javascripts/workbox/", debug: false });
workbox.loadModule("workbox-core");
workbox.loadModule("workbox-routing");
workbox.loadModule("workbox-strategies");

const BUILD = "__BUILD__";
const INTERFACE = __INTERFACE__; // the CSS, scripts and fonts every page uses, relative to sw.js
const PREFIX = "newsbuild-";
const CACHE = PREFIX + BUILD;
const SCOPE = self.registration.scope;
const OFFLINE_PAGE = new URL("offline.html", SCOPE).href;
// Files whose address changes with their content (Material's bundles, the search index's parts, photo
// variants): a cached copy is always right.
const IMMUTABLE = /\.[0-9a-f]{8}\.min\.(css|js)$|\/search\/parts\/[0-9a-f]{12}\/[^/]+$|\/media\/[0-9a-f]{16}\/[^/]+$/;

function isPage(url) {
  return url.pathname.endsWith(".html") || url.pathname.endsWith("/");
}

function inScope(url) {
  return url.href.startsWith(SCOPE);
}

// Embeds live in other sites' pages: they are never saved nor answered from the cache.
function isEmbed(url) {
  return url.href.startsWith(new URL("embed/", SCOPE).href);
}

async function saveAgain(oldCaches, cache) {
  const pages = new Set();
  for (const name of oldCaches) {
    for (const request of await (await caches.open(name)).keys()) {
      const url = new URL(request.url);
      if (isPage(url) && url.href !== OFFLINE_PAGE) pages.add(url.href);
    }
  }
  // A page gone or withdrawn since is not kept: only a page that loads as it is now.
  await Promise.all(
    [...pages].map(async (page) => {
      try {
        const response = await fetch(page, { cache: "no-cache", signal: AbortSignal.timeout(10000) });
        if (response.ok && !response.redirected) await cache.put(page, response);
      } catch (error) {
        // offline while updating: the page is saved again on the reader's next visit to it
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([OFFLINE_PAGE, ...INTERFACE.map((path) => new URL(path, SCOPE).href)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await saveAgain(old, await caches.open(CACHE));
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

// The page that registered the worker loaded before the worker ran: it asks for itself to be saved (a
// page the worker served is saved already). The request gives up after a while: a worker with an event
// still open never lets a new build's worker take over.
async function save(url) {
  const cache = await caches.open(CACHE);
  if (await cache.match(url)) return;
  const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
  if (response.ok) await cache.put(url, response);
}

self.addEventListener("message", (event) => {
  const url = event.data && event.data.save && new URL(event.data.save, SCOPE);
  if (url && inScope(url) && !isEmbed(url) && url.pathname !== new URL(OFFLINE_PAGE).pathname) {
    event.waitUntil(save(url.href).catch(() => {}));
  }
});

const fresh = new workbox.strategies.NetworkFirst({ cacheName: CACHE });
const kept = new workbox.strategies.CacheFirst({ cacheName: CACHE });

workbox.routing.registerRoute(
  ({ request, url }) => request.mode === "navigate" && inScope(url) && !isEmbed(url),
  async (options) => {
    try {
      return await fresh.handle(options);
    } catch (error) {
      const address = new URL(OFFLINE_PAGE);
      if (options.url.pathname === address.pathname) {
        return (await caches.match(OFFLINE_PAGE, { cacheName: CACHE })) || Response.error();
      }
      address.searchParams.set("from", options.url.href);
      return Response.redirect(address.href, 303);
    }
  },
);
workbox.routing.registerRoute(
  ({ request, url }) => request.mode !== "navigate" && inScope(url) && !isEmbed(url),
  (options) => (IMMUTABLE.test(options.url.pathname) ? kept : fresh).handle(options),
);
