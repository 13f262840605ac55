import { test, expect } from './fixtures';
import { htmlErrors } from './html';

// Every page the suite loads is validated by the fixture (fixtures.ts); these
// tests show the validator catches what issue #25 found, and name the pages
// it was found on so they stay covered whatever the other specs visit.

const page = (body: string, head = '') =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>${head}</head><body>${body}</body></html>`;

test('the validator refuses the faults the portal once had, and takes Leptos markers', async () => {
  expect(await htmlErrors(page('<main><p>正文<!>与标记</p></main>'), 'ok')).toEqual([]);
  const nonce = await htmlErrors(
    page('', '<link rel="preload" href="/pkg/a.wasm" as="fetch" type="application/wasm" crossorigin="Zm9vYmFy">'),
    'nonce',
  );
  expect(nonce.join('\n')).toContain('attribute-allowed-values');
  const caption = await htmlErrors(
    page('<main><figure><div>图</div><figcaption>说明</figcaption><details><summary>查看数据表</summary><p>表</p></details></figure></main>'),
    'figure',
  );
  expect(caption.join('\n')).toMatch(/figcaption/);
  const label = await htmlErrors(page('<main><div aria-label="说明">文字</div></main>'), 'label');
  expect(label.join('\n')).toContain('aria-label-misuse');
});

test('the pages the fault report named validate', async ({ page: browser, request }) => {
  await browser.goto('/graphics');
  const graphic = await browser.getByRole('link', { name: /三个方面的主要任务/ }).getAttribute('href');
  await browser.goto('/');
  const article = await browser.getByRole('link', { name: '全省版权工作会议部署2026年重点任务', exact: true }).getAttribute('href');
  const paths = [
    '/',
    article!,
    '/registers/penalties',
    '/services/350000-XW-XK-001',
    '/services/350000-XW-XK-001/apply',
    '/consult/ask',
    '/search?q=%E7%89%88%E6%9D%83',
    '/budgets',
    graphic!,
  ];
  for (const path of paths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(await htmlErrors(await res.text(), path)).toEqual([]);
  }
});
