import { test, expect, type Page } from './fixtures';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 意见征集 on a 360 px phone: a citizen reads an open consultation and
// comments (a mistake explained, entries kept); an editor shows the comment
// (masked) and answers it (a reason required); the answered consultation's
// feedback report reads on a phone; a new consultation's period is checked
// in the editor. Once with JavaScript, once without.

const OPEN = /出版物发行单位年度核验办法/;
const ANSWERED = /实体书店扶持资金管理办法（征求意见稿）/;
const AWAITING = /信用管理办法/;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`意见征集 on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled });

    test('commented, shown masked, answered with a reason', async ({ page, browser }) => {
      test.setTimeout(120_000);
      const words = `浏览器测试意见${Date.now() % 100000}：建议把截止日期延后到4月30日`;

      await page.goto('/');
      await page.getByRole('navigation', { name: /主导航|网站导航/ }).getByRole('link', { name: '意见征集' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '意见征集' })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: OPEN }).click();
      await expect(page.getByText(/正在征求意见：截至.*还剩\d+天/)).toBeVisible();
      await expect(page.getByRole('heading', { name: '起草说明' })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      const address = page.url();

      // A mistake first: named, the entries kept.
      await page.getByLabel('姓名或单位名称').fill('测试市民甲');
      await page.getByRole('button', { name: '提交意见' }).click();
      await expect(page.getByRole('alert')).toContainText('请填写您的意见和建议');
      await expect(page.getByLabel('姓名或单位名称')).toHaveValue('测试市民甲');
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByLabel('意见针对的部分').selectOption('第四条');
      await page.getByLabel('意见和建议').fill(words);
      await page.getByLabel('联系方式（不公开）').fill('13900003333');
      await page.getByRole('button', { name: '提交意见' }).click();
      await expect(page.getByText(/您的意见已提交，感谢参与/)).toBeVisible();
      await expect(page.getByText(words)).toHaveCount(0);

      // The editor shows it and answers it.
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      await staff.page.goto('/staff/consultations');
      await expect(staff.page.getByRole('heading', { level: 1, name: '意见征集' })).toBeVisible();
      await audit(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);
      await staff.page.getByRole('link', { name: OPEN }).click();
      const mine = staff.page.getByRole('listitem').filter({ hasText: words });
      await expect(mine.getByText('13900003333')).toBeVisible();
      await audit(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);
      await mine.getByRole('checkbox').check();
      await staff.page.getByRole('button', { name: '公开所选意见' }).click();
      await expect(staff.page.getByText('所选意见已在征集页面公开')).toBeVisible();

      await page.goto(address);
      const shown = page.getByRole('listitem').filter({ hasText: words });
      await expect(shown).toContainText('测**');
      await expect(page.getByText('测试市民甲')).toHaveCount(0);
      await expect(page.getByText('13900003333')).toHaveCount(0);

      const again = staff.page.getByRole('listitem').filter({ hasText: words });
      await again.getByRole('checkbox').check();
      await staff.page.getByLabel('未采纳').check();
      await staff.page.getByRole('button', { name: '答复所选意见' }).click();
      await expect(staff.page.getByRole('alert')).toContainText('须说明理由');
      await audit(staff.page, javaScriptEnabled);
      await staff.page.getByRole('listitem').filter({ hasText: words }).getByRole('checkbox').check();
      await staff.page.getByLabel('未采纳').check();
      await staff.page.getByLabel('理由', { exact: true }).fill('3月31日的期限与全国年度核验安排一致。');
      await staff.page.getByRole('button', { name: '答复所选意见' }).click();
      await expect(staff.page.getByText('已答复所选意见')).toBeVisible();
      await expect(staff.page.getByRole('listitem').filter({ hasText: words })).toContainText('答复：未采纳。理由：3月31日');

      // The one awaiting feedback waits for its last answer.
      await staff.page.goto('/staff/consultations');
      await staff.page.getByRole('link', { name: AWAITING }).click();
      await expect(staff.page.getByText(/还有1条意见没有答复|已生成|根据意见答复生成/).first()).toBeVisible();
      await audit(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);
      await staff.context.close();
    });

    test('the feedback report reads on a phone', async ({ page }) => {
      await page.goto('/consultations');
      await page.getByRole('link', { name: ANSWERED }).click();
      const report = page.getByRole('region', { name: '意见采纳情况反馈' });
      await expect(report).toContainText(/共征集意见6条/);
      await expect(report.getByRole('table').first()).toBeVisible();
      await expect(report).toContainText('350102********1238');
      await expect(page.getByRole('link', { name: '福建省实体书店扶持资金管理办法' })).toBeVisible();
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      await page.getByRole('link', { name: '福建省实体书店扶持资金管理办法' }).click();
      await expect(page.getByRole('link', { name: ANSWERED })).toBeVisible();
    });

    test('a new consultation needs thirty days or a reason', async ({ browser }) => {
      test.setTimeout(60_000);
      const staff = await staffOnPhone(browser, 'bianji', javaScriptEnabled);
      await staff.page.goto('/disclosure/consultation/new');
      const title = `浏览器测试征集${Date.now() % 100000}`;
      await staff.page.getByLabel('标题').fill(title);
      await staff.page.getByRole('textbox', { name: '正文' }).fill('第一条 为规范管理，制定本办法。');
      const soon = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
      await staff.page.getByLabel('征集截止日期').fill(soon);
      await staff.page.getByRole('button', { name: '送审' }).click();
      await expect(staff.page.getByRole('alert')).toContainText('一般不少于30日');
      await expect(staff.page.getByLabel('标题')).toHaveValue(title);
      await audit(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);
      await staff.page.getByLabel('征集期限少于30日的理由').fill('上级要求年内出台');
      await staff.page.getByRole('button', { name: '送审' }).click();
      await expect(staff.page.getByText('已送审，等待审核人员进行保密审查。')).toBeVisible();
      await staff.context.close();
    });
  });
}
