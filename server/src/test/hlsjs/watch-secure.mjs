// Opens the watch page over the LAN's HTTPS port and over plain http at the LAN address in headless Chromium (run by
// WatchSecureContextTest) and reports, for each, whether the page is a secure context, whether navigator.xr exists
// and whether the VR button is enabled; the test judges it. iwer emulates a Quest 3 on both, so only the origin
// differs. Chromium is told to accept the self-signed certificate, as a person does once on a headset.
// Usage: node watch-secure.mjs HTTPS_PAGE_URL CHROMIUM_PATH HTTP_PAGE_URL TIMEOUT_SECONDS
// Prints one JSON line.
import puppeteer from 'puppeteer-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [httpsPage, chromium, httpPage, timeoutArg] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg) * 1000;
const iwer = readFileSync(createRequire(import.meta.url).resolve('iwer/build/iwer.min.js'), 'utf8');

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  protocolTimeout: timeoutMs + 60000,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
         '--mute-audio', '--ignore-certificate-errors'],
});
const result = { pageErrors: [] };

/** The page's view of itself once its VR offer has settled (the support check is asynchronous). */
async function open(url) {
  const page = await browser.newPage();
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  await page.evaluateOnNewDocument(`${iwer};
    const device = new IWER.XRDevice(IWER.metaQuest3);
    device.stereoEnabled = true;
    device.installRuntime({ forceInstall: true });`);
  const response = await page.goto(url);
  const seen = () => page.evaluate(() => {
    const vr = document.querySelector('[data-mode="vr"]');
    return { secure: window.isSecureContext, xr: !!navigator.xr, vrEnabled: !vr.disabled, vrTitle: vr.title,
             protocol: location.protocol };
  });
  const deadline = Date.now() + timeoutMs;
  // Settled: enabled once isSessionSupported answers yes, or a reason given in the button's title.
  const settled = s => s.vrEnabled || s.vrTitle.startsWith('VR needs') || s.vrTitle.startsWith('This browser');
  let s = await seen();
  while (!settled(s) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 250));
    s = await seen();
  }
  await page.close();
  return { status: response.status(), ...s };
}

try {
  result.https = await open(httpsPage);
  result.http = await open(httpPage);
} catch (e) {
  result.failure = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
