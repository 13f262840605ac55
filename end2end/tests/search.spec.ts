import { test, expect } from './fixtures';
import { expectNoAxeViolations } from './helpers';

const PLAN = '福建省新闻出版广电局2016年政务公开工作实施方案';

test('the header search finds documents, with matches marked and filters in the URL', async ({ page }) => {
  await page.goto('/disclosure');
  const box = page.getByRole('combobox', { name: '搜索本站' });
  await box.fill('政务公开');
  await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1, name: '搜索：政务公开' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('找到');
  await expect(page.getByRole('link', { name: PLAN, exact: true })).toBeVisible();
  await expect(page.locator('mark').first()).toHaveText('政务公开');
  await expectNoAxeViolations(page);

  await page.getByLabel('类别').selectOption('interpretation');
  await page.getByRole('button', { name: '搜索', exact: true }).last().click();
  await expect(page).toHaveURL(/kind=interpretation/);
  const results = page.locator('.app-results');
  await expect(results.getByText('政策解读', { exact: true }).first()).toBeVisible();
  await expect(results.getByText('工作动态', { exact: true })).toHaveCount(0);
});

test('suggestions appear while typing and work from the keyboard', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: '搜索本站' });
  await expect(page.locator('leptos-island[data-component^="SearchBox"]')).toBeAttached();
  await page.waitForFunction(() => (window as any).__hydrateIsland !== undefined);
  await box.click();
  await box.pressSequentially('实施方案', { delay: 50 });
  const list = page.getByRole('listbox', { name: '搜索建议' });
  await expect(list.getByRole('option', { name: PLAN, exact: true })).toBeVisible();
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'site-search-option-0');
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: PLAN })).toBeVisible();
});

test('no results suggests hot words; hot words are on the home page', async ({ page }) => {
  await page.goto('/search?q=%E9%87%8F%E5%AD%90%E5%BC%95%E5%8A%9B');
  await expect(page.getByText('没有找到与“量子引力”相关的信息。')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: '出版物经营许可' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '搜索：出版物经营许可' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByText('热门搜索：')).toBeVisible();
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('searching, filtering and paging are plain forms and links', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: '搜索本站' }).fill('2016年');
    await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
    await expect(page.getByRole('link', { name: PLAN, exact: true })).toBeVisible();
    await page.getByLabel('排序').selectOption('date');
    await page.getByRole('button', { name: '搜索', exact: true }).last().click();
    await expect(page).toHaveURL(/sort=date/);
    await expect(page.getByRole('status')).toContainText('找到');
  });
});

test('the search page works on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/search?q=%E7%89%88%E6%9D%83');
  await expect(page.getByRole('status')).toContainText('找到');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
