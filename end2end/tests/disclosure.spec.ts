import { test, expect } from './fixtures';
import { documentWasKept, expectNoAxeViolations, markDocument } from './helpers';

const PLAN = '福建省新闻出版广电局2016年政务公开工作实施方案';
const GRAPHIC = '图解：福建省新闻出版广电局2016年政务公开工作实施方案';

test('catalogue → category → document → its interpretation → back', async ({ page }) => {
  await page.goto('/disclosure');
  await expect(page.getByRole('heading', { level: 1, name: '政府信息公开' })).toBeVisible();
  await expectNoAxeViolations(page);
  await markDocument(page);

  await page.getByRole('navigation', { name: '信息公开目录' }).getByRole('link', { name: '政策文件', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '政策文件' })).toBeVisible();
  await expect(page.getByText('共 8 条')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: PLAN }).click();
  await expect(page.getByRole('heading', { level: 1, name: PLAN })).toBeVisible();
  const meta = page.getByRole('definition');
  await expect(page.getByText(/FJ08200-0101-2016-\d{5}/)).toBeVisible();
  await expect(meta.filter({ hasText: '闽新广办〔2016〕45号' })).toBeVisible();
  await expect(page.getByRole('link', { name: '2016年政务公开工作任务分解表.csv' })).toBeVisible();
  await expectNoAxeViolations(page);

  const related = page.getByRole('region', { name: '相关解读' });
  await expect(related.getByText('按时（文件公开后第2个工作日）')).toBeVisible();
  const graphicLink = related.getByRole('link', { name: GRAPHIC });
  const graphicHref = (await graphicLink.getAttribute('href'))!;
  await graphicLink.click();
  await expect(page.getByRole('heading', { level: 1, name: GRAPHIC })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${graphicHref}$`));
  const planLink = page.getByRole('region', { name: '相关文件' }).getByRole('link', { name: PLAN });
  const planHref = (await planLink.getAttribute('href'))!;
  await planLink.click();
  await expect(page.getByRole('heading', { level: 1, name: PLAN })).toBeVisible();
  // Let the browser's history register the new entry before going back.
  await expect(page).toHaveURL(new RegExp(`${planHref}$`));

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: GRAPHIC })).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: '政策文件' })).toBeVisible();
  expect(await documentWasKept(page)).toBe(true);
});

test('a repealed document says so at the top and links to its replacement', async ({ page }) => {
  await page.goto('/disclosure/policy?validity=repealed');
  await page.getByRole('link', { name: '福建省出版物发行单位年度核验办法', exact: true }).click();
  const banner = page.getByRole('note');
  await expect(banner).toContainText('本文件已废止');
  await banner.getByRole('link', { name: /查看《福建省出版物发行单位年度核验办法（2019年修订）》/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '福建省出版物发行单位年度核验办法（2019年修订）' })).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('filters are kept in the URL and survive a reload', async ({ page }) => {
  await page.goto('/disclosure/policy');
  await page.getByLabel('年份').selectOption('2016');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/year=2016/);
  await expect(page.getByText('共 2 条')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('年份')).toHaveValue('2016');
  await expect(page.getByText('共 2 条')).toBeVisible();
  await page.getByRole('link', { name: '清除筛选' }).click();
  await expect(page.getByText('共 8 条')).toBeVisible();
});

test('a bad filter gets a clear message, focused, with the entry kept', async ({ page }) => {
  const response = await page.goto('/disclosure/policy?year=20x6');
  expect(response?.status()).toBe(400);
  await expect(page).toHaveTitle(/^错误：/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('年份应为四位数字');
  await expect(summary).toBeFocused();
  await expect(page.getByLabel('年份')).toHaveValue('20x6');
  await expectNoAxeViolations(page);
});

test('the feed parses as XML and lists the newest item first', async ({ page, request }) => {
  const res = await request.get('/feed.xml');
  expect(res.headers()['content-type']).toContain('xml');
  const xml = await res.text();
  await page.goto('/');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const items = Array.from(doc.querySelectorAll('item'));
    return {
      error: doc.getElementsByTagName('parsererror').length,
      dates: items.map((i) => Date.parse(i.querySelector('pubDate')?.textContent ?? '')),
      policy: items.find((i) => i.querySelector('category')?.textContent === '政策文件')?.querySelector('title')?.textContent,
      count: items.length,
    };
  }, xml);
  expect(parsed.error).toBe(0);
  expect(parsed.count).toBeGreaterThanOrEqual(30);
  // Newest first (the demo's consultations are dated back from today).
  expect(parsed.dates.every((d, i) => !Number.isNaN(d) && (i === 0 || parsed.dates[i - 1] >= d))).toBe(true);
  const newest = page.getByRole('region', { name: '政策文件' }).getByRole('listitem').first();
  expect(parsed.policy).toBeTruthy();
  await expect(newest).toContainText(parsed.policy!);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('filters work as a plain form and cursor pages navigate', async ({ page }) => {
    await page.goto('/disclosure/news');
    await page.getByLabel('主题分类').selectOption('broadcasting');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/topic=broadcasting/);
    await expect(page.getByText('共 2 条')).toBeVisible();
    await page.goto('/disclosure/interpretations');
    await expect(page.getByText('逾期2个工作日')).toBeVisible();
    await expect(page.getByText(/解读待发布，应于2026年11月26日前发布/)).toBeVisible();
  });
});

test('a special topic gathers documents, interpretations, graphics and progress', async ({ page }) => {
  await page.goto('/topics');
  await page.getByRole('link', { name: '2016年政务公开工作' }).click();
  for (const section of ['政策文件', '政策解读', '图解', '工作进展']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
