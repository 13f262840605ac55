import { test as base, expect, type Page, type Response } from '@playwright/test';
import { htmlErrors } from './html';

export { expect };
export type { Page, Browser } from '@playwright/test';

/**
 * Every test's pages are watched: a console error, an uncaught exception, a
 * Content-Security-Policy violation (an inline style the CSP blocks, say)
 * or a sub-resource that failed to load fails the test that caused it. The
 * documents themselves may answer 4xx: refused forms and missing pages do,
 * on purpose. Every HTML page a test loads (by navigation or by the page
 * navigation's fetch) must also pass html-validate (./html.ts).
 */
export const test = base.extend<{ watchConsole: void; expectedFailures: string[] }>({
  /** Sub-resources a test loads broken on purpose (parts of their URLs). */
  expectedFailures: [[], { option: true }],
  watchConsole: [
    async ({ context, expectedFailures }, use, testInfo) => {
      const problems: string[] = [];
      const validations: Promise<void>[] = [];
      const validate = (res: Response) => {
        validations.push(
          res.text().then(
            async (html) => {
              problems.push(...(await htmlErrors(html, res.url())));
            },
            // The page moved on before its body could be read: nothing to check.
            () => undefined,
          ),
        );
      };
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const text = msg.text();
          // The document's own status is the test's business; failed
          // sub-resources are caught by the response watch below.
          if (text.startsWith('Failed to load resource')) return;
          problems.push(`console: ${text} (${page.url()})`);
        });
        page.on('pageerror', (err) => problems.push(`exception: ${err.message} (${page.url()})`));
        page.on('response', (res) => {
          const type = res.request().resourceType();
          // The navigation script fetches whole pages, which may answer 4xx
          // like any document; server functions answer errors as data.
          const html = (res.headers()['content-type'] ?? '').startsWith('text/html');
          const redirect = res.status() >= 300 && res.status() < 400;
          if (html && !redirect && (type === 'document' || type === 'fetch')) validate(res);
          if (type === 'document' || (type === 'fetch' && html) || res.url().includes('/api/')) return;
          if (res.status() >= 400 && !expectedFailures.some((part) => res.url().includes(part))) {
            problems.push(`${res.status()} for ${type} ${res.url()} (${page.url()})`);
          }
        });
      };
      // CSP violations are reported to the page as events; make them errors.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      context.on('page', watch);
      context.pages().forEach(watch);
      await use();
      await Promise.all(validations);
      expect(problems, `${testInfo.title}:\n${problems.join('\n')}`).toEqual([]);
    },
    { auto: true },
  ],
});
