import { test, expect } from './fixtures';
import { auditIf, expectNoAxeViolations, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

for (const javaScriptEnabled of [true, false]) {
  test.describe(`局长信箱 on a 360 px phone, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled });

    test('the mailbox shows its statistics and the published letters, masked', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '局长信箱' })).toHaveAttribute('href', '/mailbox');
      await page.goto('/mailbox');
      await expect(page.getByRole('heading', { level: 1, name: '局长信箱' })).toBeVisible();
      await expect(page.getByRole('table', { name: '局长信箱每月办理情况' })).toBeVisible();
      await expect(page.getByRole('table', { name: '投诉举报每月办理情况' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: '建议农家书屋多配少儿读物' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '建议农家书屋多配少儿读物' })).toBeVisible();
      await expect(page.getByText('出版处').first()).toBeVisible();
      // The writer's name and mobile, in the letter as written, are masked.
      await expect(page.getByText('13905991234')).toHaveCount(0);
      await expect(page.getByText(/刘晓梅/)).toHaveCount(0);
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
    });

    test('a report is refused with its entries kept, then sent anonymously; a handler hands it to enforcement and the reporter sees it', async ({ page, browser }) => {
      const subject = `盗版教辅举报${Date.now() % 100000}`;
      await page.goto('/mailbox');
      await page.getByRole('link', { name: '投诉举报' }).first().click();
      await expect(page.getByRole('heading', { level: 1, name: '投诉举报' })).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await page.getByLabel('标题').fill(subject);
      await page.getByRole('button', { name: '提交' }).click();
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('请选择举报类别');
      await expect(summary).toContainText('请写清楚举报的事实');
      await expect(summary).toContainText('请填写姓名或单位名称，或选择匿名举报');
      await expect(page.getByLabel('标题')).toHaveValue(subject);
      await expect(page).toHaveTitle(/^错误：投诉举报/);
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);

      await page.getByLabel('举报类别').selectOption({ label: '盗版侵权' });
      await page.getByLabel('举报内容').fill('某小学门口的文具书店在卖盗版教辅，印刷模糊，价格只有正版一半。');
      await page.getByLabel('附件（选填）').setInputFiles({ name: '现场照片.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('checkbox', { name: /匿名举报/ }).check();
      await page.getByRole('button', { name: '提交' }).click();
      await expect(page.getByText('来信已提交')).toBeVisible();
      await expect(page.getByText(/办理中（剩余 \d+ 个工作日）/)).toBeVisible();
      const url = new URL(page.url());
      const number = url.searchParams.get('number')!;
      const code = url.searchParams.get('code')!;
      expect(number).toMatch(/^JB\d{14}$/);
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);

      const staff = await staffOnPhone(browser, 'banjian', javaScriptEnabled);
      await staff.page.goto('/staff/mailbox');
      await staff.page.getByRole('link', { name: number }).click();
      await expect(staff.page.getByRole('heading', { level: 1, name: `来信 ${number}` })).toBeVisible();
      await expect(staff.page.getByText('匿名', { exact: true })).toBeVisible();
      await expect(staff.page.getByRole('link', { name: '现场照片.pdf' })).toBeVisible();
      await auditIf(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);
      await staff.page.getByLabel('移交文号或执法部门受理编号').fill('闽新广执移〔2026〕99号');
      await staff.page.getByRole('button', { name: '移交执法' }).click();
      await expect(staff.page.getByText('已移交执法，查处结果出来后请在本页登记。')).toBeVisible();
      await staff.page.getByLabel('查处结果（举报人可见）').fill('已查获盗版教辅并立案调查。');
      await staff.page.getByRole('button', { name: '登记' }).click();
      await expect(staff.page.getByText('已登记查处结果')).toBeVisible();
      await staff.context.close();

      await page.goto('/mailbox/lookup');
      await page.getByLabel('信件编号').fill(number);
      await page.getByLabel('查询码').fill(code);
      await page.getByRole('button', { name: '查询' }).click();
      await expect(page.getByText('闽新广执移〔2026〕99号')).toBeVisible();
      await expect(page.getByText('已查获盗版教辅并立案调查。')).toBeVisible();
      await auditIf(page, javaScriptEnabled);
      await noOverflow(page);
    });
  });
}

test('a letter to the director is answered and published; the staff page passes axe', async ({ page, browser }) => {
  const subject = `建议延长书店夜间营业${Date.now() % 100000}`;
  await page.goto('/mailbox/write?channel=director');
  await page.getByLabel('标题').fill(subject);
  await page.getByLabel('来信内容').fill('我叫赵一鸣，手机13700007777。建议鼓励实体书店延长夜间营业时间。');
  await page.getByLabel('姓名或单位名称').fill('赵一鸣');
  await page.getByLabel('联系方式', { exact: true }).fill('13700007777');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('来信已提交')).toBeVisible();
  const number = new URL(page.url()).searchParams.get('number')!;
  expect(number).toMatch(/^XJ\d{14}$/);

  const staff = await staffOnPhone(browser, 'banjian', true);
  await staff.page.goto(`/staff/mailbox/${number}`);
  await expect(staff.page.getByText('13700007777', { exact: true })).toBeVisible();
  await expectNoAxeViolations(staff.page);
  await expect(staff.page.getByLabel('公开的来信内容')).not.toHaveValue(/13700007777/);
  await staff.page.getByLabel('答复部门').fill('出版处');
  await staff.page.getByLabel('答复内容').fill('感谢建议，我们将会同有关部门研究支持实体书店夜间经营的措施。');
  await staff.page.getByRole('button', { name: '答复', exact: true }).click();
  await expect(staff.page.getByRole('link', { name: '已公开' })).toBeVisible();
  await staff.context.close();

  await page.goto(`/mailbox/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText('实体书店夜间经营的措施')).toBeVisible();
  await expect(page.getByText(/13700007777|赵一鸣/)).toHaveCount(0);
});
