import { expect, type Page } from '@playwright/test';
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
