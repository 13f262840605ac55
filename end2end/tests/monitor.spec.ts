import { test, expect } from './fixtures';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 网站自查 on a 360 px phone: an editor runs the check and reads each
// finding with where to fix it; a veto also stands on the workbench of a
// member of staff in another role. Once with JavaScript, once without.

for (const javaScriptEnabled of [true, false]) {
  test.describe(`网站自查 on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test('checked now, each finding with its fix', async ({ browser }) => {
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      const page = staff.page;
      await page.getByRole('link', { name: '网站自查' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '网站自查' })).toBeVisible();
      await page.getByRole('button', { name: '立即检查' }).click();
      await expect(page.getByText('已完成检查，以下是最新结果。')).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: '最近一次检查' })).toContainText(/发现问题\d+项，其中单项否决\d+项/);
      const findings = page.locator('.app-findings__item');
      const count = await findings.count();
      for (let i = 0; i < count; i++) {
        await expect(findings.nth(i)).toContainText('处理：');
        await expect(findings.nth(i).getByRole('link')).toHaveAttribute('href', /^\//);
      }
      await audit(page, javaScriptEnabled);
      await noOverflow(page);

      // Whatever the check found as a veto, a handler sees it too (other
      // tests running at the same time may change how many).
      const vetoes = await page.locator('.app-findings__item', { hasText: '单项否决' }).count();
      const handler = await staffOnPhone(browser, 'banjian', javaScriptEnabled);
      if (vetoes > 0) {
        await expect(handler.page.getByText(/网站自查发现\d+项单项否决问题/)).toBeVisible();
        await expect(handler.page.getByText('全部自查结果由网站编辑查看')).toBeVisible();
      }
      await audit(handler.page, javaScriptEnabled);
      await noOverflow(handler.page);
      await handler.context.close();
      await staff.context.close();
    });
  });
}
