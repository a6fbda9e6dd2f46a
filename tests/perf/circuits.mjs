// Opens N headless Chromium pages on a URL, waits until each holds a live Blazor circuit, keeps them for a while, closes them.
// Usage: node circuits.mjs <url> <pages> <holdSeconds>. Prints "ready N" once all are interactive, "closed" at the end.
import { chromium } from 'playwright-core';

const [url, pagesArg = '30', holdArg = '70'] = process.argv.slice(2);
const count = Number(pagesArg);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext();
const pages = [];
for (let i = 0; i < count; i++) {
  const page = await context.newPage();
  await page.goto(url);
  // Reader pages are static; a circuit lives in the page's interactive island (the pickers), live once it says so.
  await page.locator('[data-live=server][data-interactive=true]').first().waitFor({ timeout: 60_000 });
  pages.push(page);
}
console.log(`ready ${pages.length}`);
await new Promise(resolve => setTimeout(resolve, Number(holdArg) * 1000));
for (const page of pages) await page.close();
await browser.close();
console.log('closed');
