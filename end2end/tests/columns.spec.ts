import { test, expect } from './fixtures';
import { auditIf, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 条例第二十条's columns on a 360 px phone, with JavaScript and without:
// the catalogue's new columns, a statistics table with its CSV, the yearly
// count of replies to suggestions and proposals, the other power results as
// registers with a natural person masked, and the publication clock on the
// editor's dashboard.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`第二十条 columns on a 360 px phone, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled });

    test('the catalogue leads to each column; statistics read as tables and download as CSV', async ({ page }) => {
      await page.goto('/disclosure');
      const tree = page.getByRole('navigation', { name: '信息公开目录' });
      for (const name of ['机构概况', '规划计划', '统计信息', '应急管理', '人事信息', '建议提案办理']) {
        await expect(tree.getByRole('link', { name, exact: true })).toBeVisible();
      }
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);

      await tree.getByRole('link', { name: '机构概况', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: '机构概况' })).toBeVisible();
      await page.getByRole('link', { name: '局领导及工作分工' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '局领导及工作分工' })).toBeVisible();
      await expect(page.getByRole('cell', { name: '主持全面工作' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);

      await page.goto('/disclosure/statistics');
      await expect(page.getByRole('heading', { level: 1, name: '统计信息' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: '2025年各设区市电影放映统计' }).click();
      await expect(page.getByRole('cell', { name: '52,300' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      const csvLink = page.getByRole('link', { name: '下载本文表格数据（CSV）' });
      const href = await csvLink.getAttribute('href');
      expect(href).toMatch(/^\/articles\/\d+\/tables\.csv$/);
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain('福州,132,"52,300"');
    });

    test('replies to suggestions and proposals are counted by year', async ({ page }) => {
      await page.goto('/disclosure/proposals');
      await expect(page.getByRole('heading', { level: 1, name: '建议提案办理' })).toBeVisible();
      const tally = page.getByRole('table', { name: '各年度办理数量（件）' });
      await expect(tally).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await tally.getByRole('link', { name: '2024年' }).click();
      await expect(page).toHaveURL(/year=2024/);
      await expect(page.getByRole('link', { name: /第20240526号提案/ })).toBeVisible();
      await expect(page.getByRole('link', { name: /第1062号建议/ })).toHaveCount(0);
    });

    test('other power results are registers, a natural person masked', async ({ page }) => {
      await page.goto('/registers');
      for (const name of ['行政强制', '行政征收', '行政给付', '行政确认', '行政奖励', '执法检查', '行政事业性收费']) {
        await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
      }
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: '行政强制', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: '行政强制' })).toBeVisible();
      await page.getByLabel('强制措施类别').selectOption('扣押财物');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect(page.getByRole('status')).toContainText('共 7 条');
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      // 吴国平 is a natural person: masked everywhere public.
      await expect(page.getByText(/吴国平/)).toHaveCount(0);
      await page.goto('/registers/rewards');
      await expect(page.getByRole('heading', { level: 1, name: '行政奖励' })).toBeVisible();
      await expect(page.getByText(/林秀英/)).toHaveCount(0);
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await page.goto('/registers/fees');
      await expect(page.getByRole('cell', { name: '按电影票房收入的5%计征' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
    });

    test('an editor adds to a column; a late draft turns red on the dashboard', async ({ browser }) => {
      test.setTimeout(90_000);
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      const page = staff.page;
      const title = `应急预案修订稿${javaScriptEnabled ? '甲' : '乙'}${Date.now() % 100000}`;
      await page.goto('/disclosure/emergency/new');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('应急管理');
      await page.getByLabel('子类别').selectOption('应急预案');
      await page.getByLabel('标题').fill(title);
      await page.getByRole('textbox', { name: '正文' }).fill('本预案适用于广播电视安全播出突发事件。');
      await page.getByLabel('生成日期').fill('2026-01-05');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await expect(page.getByText('已保存草稿。')).toBeVisible();
      await page.goto('/staff');
      const panel = page.getByRole('region', { name: /临近公开时限的信息/ });
      await expect(panel).toContainText(title);
      await expect(panel.getByText(title).locator('xpath=ancestor::li')).toContainText('红灯：已超期');
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await staff.context.close();
    });
  });
}
