// Drives the watch page in headless Chromium (run by WatchPageTest) and reports what it saw; the test judges it.
// Usage: node watch-page.mjs BASE_URL CHROMIUM_PATH SESSION_ID FINISHED_ID UNKNOWN_ID MALFORMED_ID TIMEOUT_SECONDS
//        [SCREENSHOT_PNG]
// 1. the error pages of an unknown and a malformed id, as a browser asks for them;
// 2. the session's page, with iwer emulating a Quest 3 installed before it loads: sound, then each flat mode held
//    until playback has crossed 3 segments, with the canvas read on a grid (and a screenshot in red-cyan); a network
//    stall of STALL_MS (the browser offline) and playback going on after it in the same document; the mode and the
//    sound after a reload;
// 3. a finished session's page: it plays, and says the broadcast ended;
// 4. VR: the VR button pressed, and the canvas read once an XR frame is drawn (iwer draws each eye's viewport side by
//    side on the page's own canvas).
// Prints one JSON line. Every request the browser made is in "requests".
import puppeteer from 'puppeteer-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [base, chromium, sessionId, finishedId, unknownId, malformedId, timeoutArg, screenshot] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg) * 1000;
const deadline = Date.now() + timeoutMs;
const SEGMENT_SECONDS = 5;
/** Longer than hls.js's buffer ahead of a live edge (about a segment), so playback does stall. */
const STALL_MS = 12000;
const iwer = readFileSync(createRequire(import.meta.url).resolve('iwer/build/iwer.min.js'), 'utf8');

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  protocolTimeout: timeoutMs + 60000,
  // WebGL without a GPU: SwiftShader.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
         '--mute-audio'],
});
const result = { requests: [], pageErrors: [], console: [], errorPages: {}, modes: {}, events: [] };
const log = text => result.events.push(`${((timeoutMs - (deadline - Date.now())) / 1000).toFixed(1)} s ${text}`);

/** The canvas read on a cols×rows grid of cell centres, top row first, as [r, g, b]. */
const readGrid = (page, cols, rows, region) => page.evaluate((cols, rows, region) => {
  const canvas = document.getElementById('screen');
  const gl = canvas.getContext('webgl');
  const w = gl.drawingBufferWidth;
  const h = gl.drawingBufferHeight;
  const pixels = new Uint8Array(w * h * 4);
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  const [x0, y0, x1, y1] = region || [0, 0, 1, 1];
  const grid = [];
  for (let j = 0; j < rows; j++) {
    const row = [];
    for (let i = 0; i < cols; i++) {
      const x = Math.floor((x0 + (x1 - x0) * (i + 0.5) / cols) * w);
      const y = h - 1 - Math.floor((y0 + (y1 - y0) * (j + 0.5) / rows) * h); // GL rows start at the bottom
      const at = (y * w + x) * 4;
      row.push([pixels[at], pixels[at + 1], pixels[at + 2]]);
    }
    grid.push(row);
  }
  return { width: w, height: h, grid };
}, cols, rows, region);

const state = page => page.evaluate(() => {
  const behind = document.getElementById('behind');
  const v = document.getElementById('video');
  return { time: v.currentTime, paused: v.paused, muted: v.muted, mode: document.body.dataset.mode,
           unmuteShown: !document.getElementById('unmute').hidden,
           behind: behind.dataset.seconds || '', behindText: behind.textContent,
           message: document.getElementById('message').textContent,
           xrFrames: Number(document.body.dataset.xrFrames || 0),
           vrEnabled: !document.querySelector('[data-mode="vr"]').disabled };
});

async function until(page, what, test) {
  for (;;) {
    const s = await state(page);
    if (test(s)) {
      return s;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(s)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 960, height: 600 });
  page.on('request', r => result.requests.push(r.url()));
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  page.on('console', m => ['error', 'warning'].includes(m.type()) && result.console.push(m.text()));

  for (const [name, id] of [['unknown', unknownId], ['malformed', malformedId]]) {
    const response = await page.goto(`${base}/watch/${id}`);
    result.errorPages[name] = { status: response.status(), contentType: response.headers()['content-type'],
      sentence: await page.$eval('#message', e => e.textContent) };
  }

  await page.evaluateOnNewDocument(`${iwer};
    const device = new IWER.XRDevice(IWER.metaQuest3);
    device.stereoEnabled = true;
    // Headless Chromium has a WebXR runtime of its own, with no headset behind it.
    device.installRuntime({ forceInstall: true });`);
  // A phone's or headset's browser refuses to start a video with sound before a tap on the page. Chromium counts
  // puppeteer's navigation as the user's (like a typed address), so it lets the page start with sound, even with
  // --autoplay-policy=document-user-activation-required: the refusal is enforced here, until the first tap.
  await page.evaluateOnNewDocument(() => {
    let tapped = false;
    window.addEventListener('click', () => { tapped = true; }, true);
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      return this.muted || tapped ? play.call(this)
        : Promise.reject(new DOMException('play() with sound needs a tap', 'NotAllowedError'));
    };
  });
  const response = await page.goto(`${base}/watch/${sessionId}`);
  result.page = { status: response.status(), csp: response.headers()['content-security-policy'] || null };
  let s = await until(page, 'playback to start', s => s.time > 0.5 && !s.paused);
  result.sound = { unmuteShown: s.unmuteShown, mutedAtStart: s.muted };
  if (s.unmuteShown) {
    await page.click('#unmute');
  }
  s = await until(page, 'sound on', s => !s.muted && !s.paused);
  result.sound.mutedAfter = s.muted;
  log('playing at ' + s.time.toFixed(1));

  for (const [mode, button] of [['anaglyph', 'anaglyph'], ['2d', '2d'], ['tv', 'tv']]) {
    await page.click(`[data-mode="${button}"]`);
    const segments = new Set();
    const behind = [];
    let first = null;
    let last = null;
    s = await until(page, `3 segments in ${mode}`, s => {
      first = first === null ? s.time : first;
      last = s.time;
      segments.add(Math.floor(s.time / SEGMENT_SECONDS));
      if (s.behind !== '') {
        behind.push(Number(s.behind));
      }
      return segments.size >= 3 && s.mode === mode;
    });
    const picture = await readGrid(page, mode === 'tv' ? 16 : 8, 6);
    if (mode === 'anaglyph' && screenshot) {
      await page.screenshot({ path: screenshot });
    }
    result.modes[mode] = { mode: s.mode, segments: [...segments], fromTime: first, toTime: last, behind, ...picture };
    log(`${mode}: segments ${[...segments]}`);
  }

  await page.evaluate(() => { window.sameDocument = true; });
  await page.setOfflineMode(true);
  const stalledAt = (await state(page)).time;
  await new Promise(r => setTimeout(r, STALL_MS));
  await page.setOfflineMode(false);
  const offlineUntil = (await state(page)).time;
  log(`offline from ${stalledAt.toFixed(1)} to ${offlineUntil.toFixed(1)}`);
  s = await until(page, 'playback after the stall', s => s.time > offlineUntil + SEGMENT_SECONDS);
  result.stall = { stalledAt, offlineUntil, resumedTo: s.time, message: s.message,
                   sameDocument: await page.evaluate(() => window.sameDocument === true) };

  await page.reload();
  s = await until(page, 'playback after a reload', s => s.time > 0.2 && !s.paused);
  result.modeAfterReload = s.mode;
  result.soundAfterReload = { unmuteShown: s.unmuteShown, mutedAtStart: s.muted };
  if (s.unmuteShown) {
    await page.click('#unmute');
  }
  s = await until(page, 'sound on after a reload', s => !s.muted);
  result.soundAfterReload.mutedAfter = s.muted;

  await page.goto(`${base}/watch/${finishedId}`);
  s = await until(page, 'a finished session playing', s => s.time > 2 && s.behindText !== '');
  result.finished = { time: s.time, behindText: s.behindText };
  await page.goto(`${base}/watch/${sessionId}`);

  s = await until(page, 'the live session playing again, and the VR button', s => s.time > 0.5 && s.vrEnabled);
  await page.click('[data-mode="vr"]');
  s = await until(page, 'two XR frames', s => s.xrFrames >= 2);
  // Each eye's viewport is half the canvas; the virtual screen fills its middle.
  result.xr = { frames: s.xrFrames,
                leftEye: await readGrid(page, 6, 4, [0.15, 0.35, 0.35, 0.65]),
                rightEye: await readGrid(page, 6, 4, [0.65, 0.35, 0.85, 0.65]) };
} catch (e) {
  result.failure = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
