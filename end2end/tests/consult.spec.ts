import { test, expect, type Browser } from './fixtures';
import { expectNoAxeViolations, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

/** The demo case handler, signed in on a 360 px phone. */
const handler = (browser: Browser) => staffOnPhone(browser, 'banjian', true);


test.describe('consulting on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('ask, get a number and code, staff answer and publish, the answer is public and in the guide', async ({ page, browser }) => {
    const topic = `换证咨询${Date.now() % 100000}`;
    await page.goto('/services/350000-XW-XK-001');
    await page.getByRole('link', { name: '就本事项网上咨询' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我要咨询' })).toBeVisible();
    await expect(page.getByLabel('所涉事项（可选）')).toHaveValue('350000-XW-XK-001');
    await expectNoAxeViolations(page);

    // Mistakes first: each named, the entries kept.
    await page.getByLabel('咨询主题').fill(topic);
    await page.getByLabel('联系方式', { exact: true }).fill('12345');
    await page.getByRole('button', { name: '提交咨询' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('请把问题写清楚');
    await expect(summary).toContainText('联系方式应为');
    await expect(page.getByLabel('咨询主题')).toHaveValue(topic);
    await expectNoAxeViolations(page);
    await noOverflow(page);

    await page.getByLabel('咨询内容').fill('许可证到期换证时，需要重新提交经营场所证明吗？');
    await page.getByLabel('姓名或单位名称').fill('浏览器测试');
    await page.getByLabel('联系方式', { exact: true }).fill('13900001111');
    await page.getByRole('button', { name: '提交咨询' }).click();
    await expect(page.getByText('咨询已提交')).toBeVisible();
    await expect(page.getByText(/待答复（剩余 5 个工作日）/)).toBeVisible();
    const number = new URL(page.url()).searchParams.get('number')!;
    const code = new URL(page.url()).searchParams.get('code')!;
    expect(number).toMatch(/^ZX\d{14}$/);
    await expectNoAxeViolations(page);

    const staff = await handler(browser);
    const waiting = staff.page.getByRole('region', { name: /待答复的网上咨询/ });
    await expect(waiting.getByRole('link', { name: number })).toBeVisible();
    await waiting.getByRole('link', { name: number }).click();
    await expect(staff.page.getByText('13900001111')).toBeVisible();
    await expectNoAxeViolations(staff.page);
    await staff.page.getByLabel('答复内容').fill('换证时经营场所未变的，无需重新提交场所证明。');
    await staff.page.getByLabel('列入该事项的常见问题（在办事指南中显示）').check();
    await staff.page.getByRole('button', { name: '提交答复' }).click();
    await expect(staff.page.getByText('已答复').first()).toBeVisible();
    await staff.context.close();

    await page.goto('/consult/lookup');
    await page.getByLabel('咨询编号').fill(number);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByText('无需重新提交场所证明')).toBeVisible();
    await page.getByRole('link', { name: '本咨询及答复已公开' }).click();
    await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
    await expect(page.getByText('答复部门')).toBeVisible();
    await expect(page.getByText('13900001111')).toHaveCount(0);
    await expect(page.getByText('浏览器测试')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.goto('/services/350000-XW-XK-001');
    await expect(page.getByRole('heading', { level: 3, name: topic })).toBeVisible();
    await noOverflow(page);
  });

  test('the public answers filter by service and words', async ({ page }) => {
    await page.goto('/');
    await page.goto('/consult');
    await expect(page.getByRole('heading', { level: 1, name: '网上咨询' })).toBeVisible();
    await expectNoAxeViolations(page);
    await noOverflow(page);
    await page.getByLabel('关键词').fill('政府信息');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '如何申请公开政府信息？' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /变更地址/ })).toHaveCount(0);
  });
});

test.describe('consulting with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('asking and looking up work as plain forms', async ({ page }) => {
    await page.goto('/consult/ask');
    await page.getByRole('button', { name: '提交咨询' }).click();
    await expect(page.getByRole('alert')).toContainText('请填写咨询主题');
    await page.getByLabel('咨询主题').fill('无脚本咨询');
    await page.getByLabel('咨询内容').fill('没有脚本时也能提交咨询吗？');
    await page.getByLabel('姓名或单位名称').fill('无脚本');
    await page.getByLabel('联系方式', { exact: true }).fill('zhang@example.cn');
    await page.getByLabel('同意公开本咨询及答复（不公开姓名和联系方式），供他人参考').uncheck();
    await page.getByRole('button', { name: '提交咨询' }).click();
    await expect(page.getByText('咨询已提交')).toBeVisible();
    await expect(page.getByText('无脚本咨询')).toBeVisible();
  });
});
