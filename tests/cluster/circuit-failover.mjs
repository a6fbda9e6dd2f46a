// An open interactive page whose instance dies (issue 18, item 6): opens /funding through the proxy in headless Chromium,
// waits for its picker island's live circuit, finds the instance that holds it (haproxy's affinity cookie lw-instance),
// kills that instance with SIGKILL, and watches what the page does on its own for up to 30 s: Blazor's reconnect, the
// reload it falls back to, a new circuit and on which instance. Only if nothing brought a live circuit back does it reload
// the page itself (what a reader would do), and says so. Then it types into the new circuit's picker to prove it answers.
// Usage: node circuit-failover.mjs <proxy url> <cluster dir>. Prints one JSON line; exit 1 if no live circuit came back.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [proxy, clusterDir] = process.argv.slice(2);
const live = '[data-live=server][data-interactive=true]';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const result = {};
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const events = [];
  let t0 = 0;
  const at = () => Number(((Date.now() - t0) / 1000).toFixed(2));
  page.on('load', () => t0 && events.push(`${at()} s: page loaded (${page.url()})`));
  page.on('websocket', ws => {
    if (t0) events.push(`${at()} s: WebSocket opened ${new URL(ws.url()).pathname}`);
    ws.on('close', () => t0 && events.push(`${at()} s: WebSocket closed`));
  });

  await page.goto(`${proxy}/funding`);
  await page.locator(live).first().waitFor({ timeout: 60_000 });
  const instance = async () => (await context.cookies()).find(c => c.name === 'lw-instance')?.value;
  result.before = await instance();
  if (!result.before) throw new Error('no lw-instance cookie: is haproxy\'s affinity on?');
  const pid = Number(readFileSync(`${clusterDir}/${result.before}.pid`, 'utf8').trim());

  // Marks the page so that a reload (a new document) can be told from the same page reconnecting.
  await page.evaluate(() => { window.__lwBeforeKill = true; });
  t0 = Date.now();
  process.kill(pid, 'SIGKILL');
  events.push(`0 s: killed ${result.before} (pid ${pid})`);

  // Wait for a live island in a document that is not the marked one, or the same document live again after a reconnect.
  const deadline = Date.now() + 30_000;
  let sawDisconnect = false;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => ({
      marked: window.__lwBeforeKill === true,
      interactive: !!document.querySelector('[data-live=server][data-interactive=true]'),
      reconnectUi: !!document.querySelector('#components-reconnect-modal[open], .components-reconnect-show, .components-reconnect-failed, .components-reconnect-rejected, .components-reconnect-resume-failed'),
    })).catch(() => null); // the document is being replaced
    if (state?.reconnectUi && !sawDisconnect) { sawDisconnect = true; events.push(`${at()} s: reconnect UI shown`); }
    if (state && !state.marked && state.interactive) { result.recoveredBy = 'automatic reload'; break; }
    if (state && state.marked && state.interactive && sawDisconnect && !state.reconnectUi) { result.recoveredBy = 'reconnect'; break; }
    await new Promise(r => setTimeout(r, 100));
  }
  if (!result.recoveredBy) {
    events.push(`${at()} s: no live circuit after 30 s by itself; reloading the page`);
    await page.reload();
    await page.locator(live).first().waitFor({ timeout: 60_000 });
    result.recoveredBy = 'manual reload';
  }
  result.secondsToLiveCircuit = at();
  result.after = await instance();

  // The new circuit answers: the picker searches as one types.
  const input = page.locator('.lw-picker input').first();
  await input.fill('zhipu');
  await page.getByRole('option', { name: /zhipu|智谱/i }).first().waitFor({ timeout: 15_000 });
  result.pickerAnswers = true;
  result.secondsToPickerAnswer = at();
  result.events = events;
  console.log(JSON.stringify(result));
} catch (e) {
  result.error = String(e);
  console.log(JSON.stringify(result));
  process.exitCode = 1;
} finally {
  await browser.close();
}
