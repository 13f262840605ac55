import { test, expect } from './fixtures';
import { waitForHydration, expectNoAxeViolations } from './helpers';

const PASSWORD = 'Gongkai-Demo-2026';

test('filter, sort and page a register through the URL; a shared link reproduces the view', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '公示信息' }).click();
  await page.getByRole('link', { name: '行政许可', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '行政许可' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('共 30 条');
  await expectNoAxeViolations(page);

  await page.getByLabel('当前状态').selectOption('有效');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/status=/);
  const filtered = await page.getByRole('status').textContent();
  expect(filtered).not.toContain('共 30 条');

  await page.getByRole('columnheader', { name: /许可决定日期/ }).getByRole('link').click();
  await expect(page).toHaveURL(/sort=decided&dir=asc/);
  await expect(page.getByRole('columnheader', { name: /许可决定日期/ })).toHaveAttribute('aria-sort', 'ascending');
  const dates = await page.locator('td[data-label="许可决定日期"]').allTextContents();
  expect([...dates].sort()).toEqual(dates);

  // The same URL in a fresh page gives the same view.
  const url = page.url();
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.getByRole('status')).toHaveText(filtered!.trim());
  await expect(again.getByLabel('当前状态')).toHaveValue('有效');
  await again.close();

  // Paging keeps the filters and the sort.
  await page.goto('/registers/licences?sort=decided&dir=asc');
  await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/sort=decided&dir=asc&page=2/);
  await expect(page.getByRole('status')).toContainText('第 2 / 2 页');

  // A row page: every field, and the 依法隐去 mark where personal data was hidden.
  await page.locator('tbody').getByRole('link').first().click();
  await expect(page.getByText('行政许可决定文书名称')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an expired penalty is gone from the public table; masked names are marked', async ({ page }) => {
  await page.goto('/registers/penalties?q=' + encodeURIComponent('闽新广罚〔2016〕2号'));
  await expect(page.getByRole('status')).toHaveText('共 0 条');
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();

  await page.goto('/registers/penalties');
  await expect(page.getByText('黄**').first()).toBeVisible();
  await expect(page.getByText('黄志强')).toHaveCount(0);
  await expect(page.getByText('依法隐去').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('rows become cards with labelled values, nothing wider than the screen', async ({ page }) => {
    await page.goto('/registers/projects');
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow).toBeVisible();
    // Each cell shows its column's name before the value.
    const label = await page
      .locator('td[data-label="项目名称"]')
      .first()
      .evaluate((el) => getComputedStyle(el, '::before').content);
    expect(label).toContain('项目名称');
    const display = await page.locator('tbody tr').first().evaluate((el) => getComputedStyle(el).display);
    expect(display).toBe('block');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.locator('.app-progress__bar').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('budget charts show a value when a bar is tapped', async ({ page }) => {
    await page.goto('/budgets');
    await expect(page.getByRole('heading', { level: 1, name: '财政预算决算' })).toBeVisible();
    await waitForHydration(page);
    const mark = page.locator('#sangong-chart .app-graphic__mark').first();
    const tip = mark.locator('.app-graphic__tip');
    await expect(tip).toBeHidden();
    await mark.locator('rect').first().click();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('元');
    await expectNoAxeViolations(page);
  });
});

test('the credit search checks the code and reports a company', async ({ page }) => {
  await page.goto('/credit');
  await page.getByLabel('单位名称或统一社会信用代码').fill('91350100MA00000000');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('link', { name: /校验位不正确/ })).toBeVisible();
  await expect(page).toHaveTitle(/^错误：/);
  await page.getByLabel('单位名称或统一社会信用代码').fill('海峡书城');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: /海峡书城有限公司/ }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: /^行政许可（/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an editor corrects a procurement row in place and the public sees it', async ({ browser, page }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const staff = await context.newPage();
  await staff.goto('/staff/login');
  await staff.getByLabel('用户名').fill('bianji');
  await staff.getByLabel('密码').fill(PASSWORD);
  await staff.getByRole('button', { name: '登录' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  const project = test.info().project.name;
  await staff.goto('/registers/procurement?q=' + encodeURIComponent('档案数字化'));
  await staff.locator('tbody').getByRole('link').first().click();
  await staff.getByText('编辑此记录').click();
  await staff.getByLabel('项目名称').fill(`档案数字化加工服务（${project}更正）`);
  await staff.getByLabel('开标日期').fill('2026-02-30');
  await staff.getByRole('button', { name: '保存修改' }).click();
  await expect(staff).toHaveTitle(/^错误：/);
  await expect(staff.getByRole('link', { name: /开标日期不是有效的日期/ })).toBeVisible();
  await expect(staff.getByLabel('项目名称')).toHaveValue(`档案数字化加工服务（${project}更正）`);
  await staff.getByLabel('开标日期').fill('2026-02-28');
  await staff.getByRole('button', { name: '保存修改' }).click();
  await expect(staff.getByText('已保存修改。')).toBeVisible();
  const url = staff.url().split('?')[0];
  await context.close();

  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: `档案数字化加工服务（${project}更正）` })).toBeVisible();
  await expect(page.getByText('编辑此记录')).toHaveCount(0);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('filtering, sorting and paging are a GET form and links', async ({ page }) => {
    await page.goto('/registers/penalties');
    await page.getByLabel('处罚类别').selectOption('罚款');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/category=/);
    const categories = await page.locator('td[data-label="处罚类别"]').allTextContents();
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.every((c) => c === '罚款')).toBe(true);
    await page.getByRole('columnheader', { name: /罚没金额/ }).getByRole('link').click();
    await expect(page).toHaveURL(/sort=amount&dir=asc/);
    await expect(page).toHaveURL(/category=/);
    await page.getByRole('link', { name: 'CSV' }).first().getAttribute('href').then((href) => {
      expect(href).toContain('category=');
    });
  });
});
