// Lighthouse on several pages with one Node process and one Chromium (bench/lighthouse.py calls it):
// starting Lighthouse's command line and a browser again for each page costs about as much as an audit.
//
// Usage: node bench/lighthouse_pages.mjs REQUEST.json
// The request: {"chromePath": "...", "chromeFlags": ["--headless=new", ...], "preset": "mobile" | "desktop",
//               "flags": {...}, "audits": [{"url": "...", "report": "out.json"}, ...]}
// "flags" are Lighthouse's own (onlyCategories, formFactor, throttling, ...), the same for every audit; each
// audit's JSON report is written to its "report" path. Exits non-zero, with Lighthouse's error, if one fails.
import {readFileSync, writeFileSync} from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

// Lighthouse sometimes loses the trace of a load: its own failure, not the page's, so it is run again.
const TRACE_LOST = /NO_NAVSTART|NO_FCP|NO_TRACING_STARTED|NO_LCP/;
const ATTEMPTS = 3;

async function audit(port, url, flags, config) {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await lighthouse(url, {...flags, port, output: 'json', logLevel: 'error'}, config);
      const failure = result?.lhr.runtimeError;
      if (failure) throw Object.assign(new Error(`${failure.code}: ${failure.message}`), {code: failure.code});
      return result.report;
    } catch (error) {
      if (attempt >= ATTEMPTS || !TRACE_LOST.test(`${error.code} ${error.message}`)) {
        throw new Error(`lighthouse failed on ${url}: ${error.message}`);
      }
    }
  }
}

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({
  chromePath: request.chromePath,
  chromeFlags: request.chromeFlags,
  logLevel: 'error',
});
const config = request.preset === 'desktop' ? desktopConfig : undefined;
try {
  for (const {url, report} of request.audits) {
    writeFileSync(report, await audit(chrome.port, url, request.flags, config));
  }
} finally {
  chrome.kill();
}
