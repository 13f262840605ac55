import { test, expect } from './fixtures';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 政府信息公开工作年度报告 on a 360 px phone and a desktop: a citizen finds
// last year's report through the catalogue and reads its tables without
// scrolling sideways; an editor writes a report, is told which check fails
// (the entries kept), and sends it for review. Once with JavaScript, once
// without.

const lastYear = new Date().getFullYear() - 1;
const twoYearsAgo = new Date().getFullYear() - 2;

for (const javaScriptEnabled of [true, false]) {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
    test.describe(`年度报告 at ${viewport.width} px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
      test.use({ viewport, javaScriptEnabled });

      test('last year’s report is found and its tables fit the screen', async ({ page }) => {
        await page.goto('/disclosure');
        await page.getByRole('link', { name: '政府信息公开年报' }).first().click();
        await expect(page.getByRole('heading', { level: 1, name: '政府信息公开年报' })).toBeVisible();
        await audit(page, javaScriptEnabled);
        await noOverflow(page);
        await page.getByRole('link', { name: new RegExp(`${lastYear}年政府信息公开工作年度报告`) }).click();
        await expect(page.getByRole('heading', { level: 2, name: '三、收到和处理政府信息公开申请情况' })).toBeVisible();
        const requests = page.getByRole('table', { name: /收到和处理政府信息公开申请情况/ });
        await expect(requests.getByRole('columnheader', { name: '法人或其他组织' })).toBeVisible();
        await expect(requests.getByRole('rowheader', { name: '四、结转下年度继续办理' })).toBeVisible();
        await audit(page, javaScriptEnabled);
        await noOverflow(page);
        // No table is wider than the text column.
        const wider = await page.evaluate(() =>
          [...document.querySelectorAll('.app-prose--report table')].filter(
            (t) => t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1,
          ).length,
        );
        expect(wider).toBe(0);
        const csv = page.getByRole('link', { name: '下载本报告的表格数据（CSV）' });
        const response = await page.request.get((await csv.getAttribute('href')) ?? '');
        expect(response.status()).toBe(200);
        expect(await response.text()).toContain('一、本年新收政府信息公开申请数量');
      });
    });
  }

  test.describe(`年度报告 written on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test('checked, corrected and sent for review', async ({ browser }) => {
      test.setTimeout(90_000);
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      const page = staff.page;
      await page.getByRole('link', { name: '年度报告', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: '政府信息公开工作年度报告' })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: `${twoYearsAgo}年度报告` }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${twoYearsAgo}年政府信息公开工作年度报告` })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);

      // A number the tables do not hold, and a blank figure: each named, the entries kept.
      await page.getByLabel('一、总体情况').fill('全年新收申请9999件。');
      await page.getByLabel('行政事业性收费：本年收费金额（万元）').fill('');
      await page.getByLabel('五、存在的主要问题及改进情况').fill('解读形式还不够丰富。');
      await page.getByLabel('六、其他需要报告的事项').fill('无。');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByRole('alert')).toContainText('请填写表二“行政事业性收费·本年收费金额（万元）”');
      await expect(page.getByLabel('一、总体情况')).toHaveValue('全年新收申请9999件。');
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByLabel('行政事业性收费：本年收费金额（万元）').fill('0');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByRole('alert')).toContainText('写有“9999件”，与报告表格中的数字都不相符');

      // Quoting the figure by its name passes.
      await page.getByLabel('一、总体情况').fill('全年新收申请{{本年新收申请}}件。');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByText('年度报告已送审')).toBeVisible();
      await expect(page.getByText('各项核对均已通过')).toBeVisible();
      await expect(page.locator('.app-prose--report')).toContainText('全年新收申请0件。');
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await staff.context.close();
    });
  });
}
