// Takes the README's screenshot of the watch page in red-cyan mode (run by scripts/screenshot-watch.sh) and measures
// the fringes it shows, so that the picture is checked, not only looked at.
// Usage: node watch-screenshot.mjs BASE_URL CHROMIUM_PATH SESSION_ID OUTPUT_PNG TIMEOUT_SECONDS
// Prints one JSON line: the playback position, and per region of the canvas the horizontal offset (px of the canvas)
// of the cyan picture (right eye) from the red one (left eye): negative is in front of the screen, so a near object's
// offset is below a far one's.
import puppeteer from 'puppeteer-core';

const [base, chromium, sessionId, output, timeoutArg] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg) * 1000;
const deadline = Date.now() + timeoutMs;
/** Played this far into the stream before the picture is taken: the depth range has settled over a few chunks. */
const PLAYED_SECONDS = 6;
/** Below half the period of the near object's checkerboard (22 px in one eye's view), so no square matches the next. */
const MAX_OFFSET_PX = 10;
/** Regions as fractions of the canvas [x0, y0, x1, y1]: the object, lower in the middle, the wall above it, and the
 *  wall beside it at the same height (the model-free depth also brings lower things nearer: a ground-plane prior). */
const REGIONS = { near: [0.3, 0.55, 0.7, 0.85], far: [0.05, 0.05, 0.95, 0.3], wallBeside: [0.02, 0.55, 0.28, 0.85] };

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  protocolTimeout: timeoutMs + 60000,
  // WebGL without a GPU: SwiftShader.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
         '--mute-audio'],
});
const result = {};
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 960, height: 600 });
  await page.goto(`${base}/watch/${sessionId}`);
  await page.click('[data-mode="anaglyph"]');
  let start = null;
  for (;;) {
    const s = await page.evaluate(() => ({ time: document.getElementById('video').currentTime,
      paused: document.getElementById('video').paused, mode: document.body.dataset.mode }));
    start = start === null && s.time > 0 && !s.paused ? s.time : start;
    if (start !== null && s.time > start + PLAYED_SECONDS && s.mode === 'anaglyph') {
      result.playedFrom = start;
      result.playedTo = s.time;
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for red-cyan playback; last state ${JSON.stringify(s)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await page.screenshot({ path: output });
  result.offsets = await page.evaluate((regions, maxOffset) => {
    const gl = document.getElementById('screen').getContext('webgl');
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    // Edges line up between eyes even where the colours differ, so match horizontal gradients of red and green.
    const edge = (x, y, c) => Math.abs(px[(y * w + x + 1) * 4 + c] - px[(y * w + x) * 4 + c]);
    const out = { canvas: [w, h] };
    for (const [name, [x0, y0, x1, y1]] of Object.entries(regions)) {
      const scores = [];
      for (let d = -maxOffset; d <= maxOffset; d++) {
        let rg = 0, rr = 0, gg = 0;
        for (let top = Math.floor(y0 * h); top < y1 * h; top++) {
          const y = h - 1 - top; // GL rows start at the bottom
          for (let x = Math.floor(x0 * w) + maxOffset; x < x1 * w - maxOffset - 1; x++) {
            const r = edge(x, y, 0);
            const g = edge(x + d, y, 1);
            rg += r * g;
            rr += r * r;
            gg += g * g;
          }
        }
        scores.push({ d, score: rg / Math.sqrt(rr * gg || 1) });
      }
      const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
      out[name] = { offsetPx: best.d, score: Number(best.score.toFixed(3)) };
    }
    return out;
  }, REGIONS, MAX_OFFSET_PX);
} catch (e) {
  result.failure = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.failure ? 1 : 0);
