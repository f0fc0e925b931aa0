// The site's service worker: reading offline after a visit (newsbuild/service_worker.py writes it into
// the site as sw.js, with this build's id and interface files in place of the two markers below).
//
// Pages and files come from the network first, so a deploy shows at once; what a reader loaded is kept in
// one cache per build, and served when the network is gone. A page never saved is answered with the
// offline page, which lists the saved ones. A new build's worker makes a new cache, saves into it the
// interface, the pages saved with the last build (as they are now) and the pages open, then deletes the
// old caches: a saved page never meets the interface of another build.
// Workbox (pinned in package.json) routes requests and runs the strategies, from the site's own copy.
// No message from pages: an event a page starts keeps this worker busy, and a busy worker keeps a new
// build's worker waiting until the reader closes the tab.

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
// Files whose address changes with their content (Material's bundles, the search index's parts, and
// photos, whose variants share a folder named by the photo's digest): a cached copy is always right.
const IMMUTABLE = /\.[0-9a-f]{8}\.min\.(css|js)$|\/search\/parts\/[0-9a-f]{12}\/[^/]+$/;
const PHOTO = /\/media\/[0-9a-f]{16}\/[^/]+$/;

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

function isPhoto(url) {
  return PHOTO.test(url.pathname);
}

// What to save when a worker takes over: the pages and photos saved with the last build, and the pages
// open now (the first page a reader opens loads before the worker runs).
async function toSaveAgain(oldCaches) {
  const saved = new Set();
  for (const name of oldCaches) {
    for (const request of await (await caches.open(name)).keys()) saved.add(request.url);
  }
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    saved.add(client.url.split("#")[0]);
  }
  return [...saved].filter((address) => {
    const url = new URL(address);
    return (
      (isPage(url) || isPhoto(url)) &&
      inScope(url) &&
      !isEmbed(url) &&
      url.pathname !== new URL(OFFLINE_PAGE).pathname
    );
  });
}

// Saved as they are now: a page or photo gone or withdrawn since is not kept. A request gives up after a while:
// a worker that is still busy keeps the next build's worker waiting.
async function save(pages, cache) {
  await Promise.all(
    pages.map(async (page) => {
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
  self.skipWaiting();
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([OFFLINE_PAGE, ...INTERFACE.map((path) => new URL(path, SCOPE).href)])),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await save(await toSaveAgain(old), await caches.open(CACHE));
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
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
// Offline, a photo in a size or format not saved (the reader's screen chose another variant than the
// one a saved set holds) is answered with a saved variant of it.
async function photo(options) {
  try {
    return await kept.handle(options);
  } catch (error) {
    const folder = options.url.href.slice(0, options.url.href.lastIndexOf("/") + 1);
    const cache = await caches.open(CACHE);
    const variant = (await cache.keys()).find((request) => request.url.startsWith(folder));
    if (variant) return cache.match(variant);
    throw error;
  }
}

workbox.routing.registerRoute(
  ({ request, url }) => request.mode !== "navigate" && inScope(url) && !isEmbed(url),
  (options) => {
    if (isPhoto(options.url)) return photo(options);
    return (IMMUTABLE.test(options.url.pathname) ? kept : fresh).handle(options);
  },
);
