// Writes the site's service worker with Workbox (workbox-build's generateSW), for
// site_hooks/service_worker.py. Job on stdin (JSON):
//   {site, swDest, versioned: {path: url}, immutable: "<regex source>", ignore: [globs]}
// Every file of the site is precached with a revision (its hash), except files the
// pages load at a URL that names their content: those are kept under that very URL
// with no revision, so installing fetches them as the page did (from the HTTP cache,
// not a second download) and a new release re-downloads only what changed.
import { readFileSync } from "node:fs";
import { generateSW } from "workbox-build";

const job = JSON.parse(readFileSync(0, "utf8"));
const immutable = new RegExp(job.immutable);
const named = (entries) => ({
  manifest: entries.map((entry) => {
    const url = job.versioned[entry.url];
    if (url) return { url, revision: null };
    return immutable.test(entry.url) ? { url: entry.url, revision: null } : entry;
  }),
  warnings: [],
});
const result = await generateSW({
  globDirectory: job.site,
  globPatterns: ["**/*"],
  globIgnores: job.ignore,
  swDest: job.swDest,
  manifestTransforms: [named],
  maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  // A request is looked up as it is, then without its query (?workers=2, ?q=…).
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: "index.html",
  cacheId: "cluster-guide",
  cleanupOutdatedCaches: true,
  // A new release waits until the page's 重新加载 (offline.js) sends SKIP_WAITING.
  skipWaiting: false,
  clientsClaim: false,
  inlineWorkboxRuntime: true,
  // Our handler for the wasm binary, registered before Workbox's (see the file).
  importScripts: job.importScripts,
  mode: "production",
  sourcemap: false,
});
process.stdout.write(JSON.stringify({ count: result.count, size: result.size, warnings: result.warnings }));
