import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../scripts/dev/fleet.ts';
import { fromRoot } from '../../scripts/lib/paths.ts';
import { run } from '../../scripts/lib/run.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { ensureChromium } from '../support/chromium.ts';

/** The API reference page in a real browser, served by the local fleet (ports apart from the others). */
let fleet: Fleet;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const [env, executablePath] = await Promise.all([ensureServices(), ensureChromium()]);
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  fleet = await startFleet({ httpPort: 3400, brokerPort: 8488, env: { ...env, MONGODB_DB: 'uxflow_e2e_docs' }, log: () => {} });
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('response', (response) => {
    if (response.url().startsWith(fleet.url) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(fleet.url) && !request.url().startsWith('data:')) problems.push(`outside request: ${request.url()}`);
  });
  await page.goto(`${fleet.url}/docs`);
  await page.getByRole('heading', { name: 'UX Flow Engine API' }).first().waitFor({ timeout: 120_000 });
});

afterAll(async () => {
  await browser?.close();
  await fleet?.stop();
});

describe('the API reference page at GET /docs', () => {
  it('should list every operation of the contract that GET /openapi.json serves', async () => {
    const contract = (await (await fetch(`${fleet.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const summaries = Object.values(contract.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([, operation]) => operation.summary ?? ''),
    );
    expect(summaries.length).toBeGreaterThan(90);
    const sidebar = await page.locator('aside, nav').first().innerText();
    expect(summaries.filter((summary) => !sidebar.includes(summary))).toEqual([]);
    await mkdir(fromRoot('.data/screenshots'), { recursive: true });
    await page.screenshot({ path: fromRoot('.data/screenshots/api-reference.png') });
  });

  it('should answer 200 when "try it" sends GET /v1/health to the fleet, loading nothing from elsewhere', async () => {
    await page.getByText('Liveness: the API answers').first().click();
    // The "Test Request" button of the health operation's card (not the dependencies check below it).
    const card = 'xpath=ancestor::*[contains(., "/v1/health") and not(contains(., "/v1/health/dependencies"))][1]';
    await page
      .getByRole('button', { name: 'Test Request' })
      .filter({ has: page.locator(card) })
      .first()
      .click();
    const answered = page.waitForResponse((response) => response.url() === `${fleet.url}/v1/health`);
    await page.getByRole('button', { name: /^Send/ }).first().click();
    expect((await answered).status()).toBe(200);
    await expect.poll(() => page.getByText('200 OK').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
