import { test, expect } from './fixtures';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { documentWasKept, expectNoAxeViolations, markDocument } from './helpers';

const NEWS = '全省版权工作会议部署2026年重点任务';

test('home → article → back and forward, without reloading the document', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('福建省新闻出版广电局');
  await expect(page.getByRole('link', { name: '福建省新闻出版广电局', exact: true })).toBeVisible();
  await markDocument(page);

  await page.getByRole('link', { name: NEWS, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
  await expect(page).toHaveURL(/\/articles\/\d+$/);
  await expect(page).toHaveTitle(`${NEWS} - 福建省新闻出版广电局`);
  await expect(page.getByText('剑网').first()).toBeVisible();
  expect(await documentWasKept(page)).toBe(true);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '信息公开' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '政府信息公开' })).toBeVisible();
  await expect(page).toHaveURL(/\/disclosure$/);
  expect(await documentWasKept(page)).toBe(true);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: '工作动态' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
  expect(await documentWasKept(page)).toBe(true);
});

test('the 长辈版 switch changes the page at once and is remembered', async ({ page }) => {
  await page.goto('/articles');
  await expect(page.locator('form.app-elder-switch[data-live="true"]')).toBeAttached();
  await markDocument(page);
  const before = await page.evaluate(() => getComputedStyle(document.body).fontSize);

  const toggle = page.getByRole('button', { name: '长辈版' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveClass(/app-elder/);
  await expect(page.getByRole('button', { name: '退出长辈版' })).toHaveAttribute('aria-pressed', 'true');
  const after = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
  expect(await documentWasKept(page)).toBe(true);

  // The server renders the next page in the same view straight away.
  const response = await page.request.get('/');
  expect(await response.text()).toContain('class="app-elder"');
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/app-elder/);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '退出长辈版' }).click();
  await expect(page.locator('html')).not.toHaveClass(/app-elder/);
});

test('a 360 px phone sees the whole page without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/articles']) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    await expect(page.getByText('扫一扫在手机上查看当前页面')).toBeVisible();
  }
  await page.getByRole('link', { name: NEWS, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);
});

test('on a 360×740 phone the first screen shows the page’s title and the start of its content', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/articles', '/articles/1', '/disclosure', '/disclosure/policy', '/services', '/registers/licences', '/consult']) {
    await page.goto(path);
    const title = await page.locator('main h1').first().boundingBox();
    expect(title, path).not.toBeNull();
    // The title, and at least 150 px of what follows it, above the fold.
    expect(title!.y + title!.height + 150, path).toBeLessThanOrEqual(740);
  }
  // Every section stays one tap (after a sideways scroll) away.
  await page.goto('/articles');
  const nav = page.getByRole('navigation', { name: '主导航' });
  const box = await nav.boundingBox();
  expect(box!.height).toBeLessThanOrEqual(60);
  const last = nav.getByRole('link', { name: '数据开放' });
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await last.click();
  await expect(page).toHaveURL(/\/data$/);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('pages render, links navigate and the 长辈版 form works', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '工作动态' })).toBeVisible();
    await page.getByRole('link', { name: NEWS, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '政策文件' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '政策文件' })).toBeVisible();
    await page.goto('/articles?page=1');

    await page.getByRole('button', { name: '长辈版' }).click();
    await expect(page).toHaveURL(/\/articles\?page=1$/);
    await expect(page.locator('html')).toHaveClass(/app-elder/);
    await expect(page.getByRole('button', { name: '退出长辈版' })).toBeVisible();
  });
});

test('an unknown address answers 404 with a helpful page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: '页面未找到' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
  await expectNoAxeViolations(page);
  const article = await page.goto('/articles/987654321');
  expect(article?.status()).toBe(404);
});

test('the footer QR code decodes to the page’s own address, query string included', async ({ page }) => {
  for (const path of ['/articles?page=2', '/']) {
    await page.goto(path);
    const svg = page.locator('footer svg[role="img"]');
    await svg.scrollIntoViewIfNeeded();
    const png = PNG.sync.read(await svg.screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code, `a QR code on ${path}`).not.toBeNull();
    expect(code!.data).toBe(page.url());
  }
});

test('home, list and article pages pass an axe audit', async ({ page }) => {
  for (const path of ['/', '/articles']) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await page.goto('/');
  await page.getByRole('link', { name: NEWS, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
  await expectNoAxeViolations(page);
});
