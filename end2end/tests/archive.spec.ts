import { test, expect } from './fixtures';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 两馆报送 on a 360 px phone: an editor exports a period, follows it to the
// end and downloads the package, whose size and name the page states.
// Once with JavaScript, once without.

for (const javaScriptEnabled of [true, false]) {
  test.describe(`两馆报送 on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test('exported, followed and downloaded', async ({ browser }) => {
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      const page = staff.page;
      await page.getByRole('link', { name: '两馆报送' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '两馆报送' })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);

      // A period that ends before it starts is refused, entries kept.
      await page.getByLabel('起始日期').fill('2016-02-01');
      await page.getByLabel('截止日期').fill('2016-01-31');
      await page.getByRole('button', { name: '开始导出' }).click();
      await expect(page).toHaveTitle(/^错误：两馆报送/);
      await expect(page.getByText('截止日期不能早于起始日期').first()).toBeVisible();
      await expect(page.getByLabel('起始日期')).toHaveValue('2016-02-01');
      await audit(page, javaScriptEnabled);

      await page.getByLabel('起始日期').fill('2010-01-01');
      await page.getByLabel('截止日期').fill('2016-12-31');
      await page.getByRole('button', { name: '开始导出' }).click();
      await expect(page.getByText('已开始导出。')).toBeVisible();
      // The newest export is first; reload until it is done.
      const newest = page.locator('.app-archive__item').first();
      await expect(newest.getByRole('heading')).toContainText('2010-01-01 至 2016-12-31');
      for (let i = 0; i < 50 && !(await newest.getByText('已完成').count()); i++) {
        await page.waitForTimeout(200);
        await page.goto('/staff/archive');
      }
      await expect(newest.getByText('已完成')).toBeVisible();
      await expect(newest).toContainText(/\d+条（其中已撤回\d+条）/);
      await expect(newest).toContainText(/[0-9a-f]{64}/);
      await audit(page, javaScriptEnabled);
      await noOverflow(page);

      const link = newest.getByRole('link', { name: /下载导出包/ });
      const href = await link.getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/zip');
      expect(res.headers()['content-disposition']).toContain('gongkai-archive-2010-01-01-2016-12-31.zip');
      const body = await res.body();
      expect(body.subarray(0, 2).toString()).toBe('PK');
      await staff.context.close();
    });
  });
}
