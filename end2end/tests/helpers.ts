import { expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Fails with the list of problems if axe finds any accessibility violation. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const problems = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(problems, problems.join('\n')).toEqual([]);
}

/** Marks the current document so a test can tell a full reload from client-side navigation. */
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__gongkaiMark = 'same-document'));
}

export async function documentWasKept(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as any).__gongkaiMark === 'same-document');
}

/** Waits until the islands have hydrated (the WASM module has run). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__hydrateIsland !== undefined);
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('leptos-island')).every((el: any) => el.$$hydrated !== false),
  );
}

/** An axe audit where one can run: axe is a script in the page, so only
 * with JavaScript on (the server sends the same HTML either way). */
export async function auditIf(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await expectNoAxeViolations(page);
}

/** Fails if the page is wider than the screen. */
export async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A member of staff signed in, in a context of their own (a desktop window unless `viewport` says otherwise). */
export async function staffSignedIn(
  browser: Browser,
  username: string,
  javaScriptEnabled = true,
  viewport?: { width: number; height: number },
) {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto('/staff/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Gongkai-Demo-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  return { context, page };
}

/** A member of staff signed in on a 360 px phone, in a context of their own. */
export async function staffOnPhone(browser: Browser, username: string, javaScriptEnabled: boolean) {
  return staffSignedIn(browser, username, javaScriptEnabled, { width: 360, height: 740 });
}

/** The SMS gateway stand-in (sms-stub.mjs) the demo servers send notices to. */
export const SMS_STUB = 'http://127.0.0.1:3995';
