// Plays an HLS playlist with hls.js (default settings) in headless Chromium and reports how far the <video> got,
// and, when the playlist has EXT-X-PROGRAM-DATE-TIME, how far behind the capture it played: every 500 ms while
// playing, Date.now() minus hls.playingDate (the capture time of the frame on screen; same machine, same clock).
// Usage: node play.mjs PLAYLIST_URL CHROMIUM_PATH TARGET_SECONDS TIMEOUT_SECONDS   (plays TARGET_SECONDS, or to the end)
// Prints one JSON line: {"currentTime": s, "played": s, "behindMs": [...], "stalls": n, "errors": [...], "events": [...]}.
import puppeteer from 'puppeteer-core';
import { createRequire } from 'node:module';

const [url, chromium, targetArg, timeoutArg] = process.argv.slice(2);
const target = Number(targetArg);
const timeoutMs = Number(timeoutArg) * 1000;
const hlsPath = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  protocolTimeout: timeoutMs + 60000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required',
         '--mute-audio'],
});
let result;
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(String(e)));
  await page.setContent('<!doctype html><video id="v" muted playsinline></video>');
  await page.addScriptTag({ path: hlsPath });
  result = await page.evaluate(async (url, target, timeoutMs) => {
    const video = document.getElementById('v');
    const errors = [];
    const events = [];
    const behindMs = [];
    let stalls = 0;
    if (!Hls.isSupported()) {
      return { currentTime: 0, played: 0, behindMs, stalls,
               errors: ['hls.js: Media Source Extensions with H.264/AAC unsupported here'], events };
    }
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (_, d) => errors.push(`${d.fatal ? 'fatal ' : ''}${d.type}/${d.details}`));
    hls.on(Hls.Events.FRAG_BUFFERED, (_, d) => events.push(`buffered ${d.frag.relurl}`));
    video.addEventListener('waiting', () => stalls++);
    video.addEventListener('error', () => errors.push('video element: ' + (video.error && video.error.message)));
    const deadline = performance.now() + timeoutMs;
    hls.loadSource(url);
    hls.attachMedia(video);
    await new Promise(r => {
      hls.on(Hls.Events.MANIFEST_PARSED, r);
      hls.on(Hls.Events.ERROR, (_, d) => { if (d.fatal) r(); });
      setTimeout(r, timeoutMs);
    });
    try { await video.play(); } catch (e) { errors.push('play(): ' + e); }
    const played = () => {
      let s = 0;
      for (let i = 0; i < video.played.length; i++) s += video.played.end(i) - video.played.start(i);
      return s;
    };
    while (played() < target && performance.now() < deadline
           && !errors.some(e => e.startsWith('fatal')) && !video.ended) {
      await new Promise(r => setTimeout(r, 500));
      if (!video.paused && video.readyState >= 3 && hls.playingDate) {
        behindMs.push(Date.now() - hls.playingDate.getTime());
      }
    }
    return { currentTime: video.currentTime, played: played(), behindMs, stalls, errors, events };
  }, url, target, timeoutMs);
  result.errors.push(...pageErrors);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
