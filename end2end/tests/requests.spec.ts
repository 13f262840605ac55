import { test, expect, type Page } from './fixtures';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone } from './helpers';

// 依申请公开 on a 360 px phone: a citizen looks first at what is public, asks
// (mistakes explained, entries kept), follows the request by number and
// code; a handler asks for a correction, stops the clock for a third party,
// extends once and replies with a file, which reaches the applicant. Once
// with JavaScript, once without.

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

/** Asks for `wanted` from the catalogue's link; returns the lookup address. */
async function ask(page: Page, wanted: string, js: boolean): Promise<string> {
  await page.goto('/disclosure');
  await page.getByRole('link', { name: '依申请公开', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请公开政府信息' })).toBeVisible();
  await page.getByLabel('您想获取什么信息？').fill('政务公开');
  await page.getByRole('button', { name: '查一查' }).click();
  await expect(page.getByRole('heading', { name: '以下信息已经公开，可能就是您要找的' })).toBeVisible();
  await audit(page, js);
  await noOverflow(page);

  // Mistakes first: each named, the entries kept.
  await page.getByLabel('所需政府信息的名称或描述').fill(wanted);
  await page.getByLabel('自然人').check();
  await page.getByLabel('姓名或单位名称').fill('浏览器申请人');
  await page.getByLabel('身份证号码或统一社会信用代码').fill('350102199001011234');
  await page.getByRole('button', { name: '提交申请' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('身份证号码的校验位不对');
  await expect(summary).toContainText('请填写联系电话');
  await expect(summary).toContainText('请选择获取信息的方式');
  await expect(summary).toContainText('请上传身份证明');
  await expect(page.getByLabel('姓名或单位名称')).toHaveValue('浏览器申请人');
  await expect(page.getByLabel('所需政府信息的名称或描述')).toHaveValue(wanted);
  await audit(page, js);
  await noOverflow(page);

  await page.getByLabel('身份证号码或统一社会信用代码').fill('350102199001011238');
  await page.getByLabel('联系电话').fill('13900002222');
  await page.getByLabel('在线查看').check();
  await page.getByLabel('身份证明').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('申请已提交')).toBeVisible();
  await expect(page.getByText(/办理中（剩余 20 个工作日）/)).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get('number')).toMatch(/^YS\d{14}$/);
  await audit(page, js);
  await noOverflow(page);
  return `/disclosure/request/lookup?number=${url.searchParams.get('number')}&code=${url.searchParams.get('code')}`;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a disclosure request on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled });

    test('asked, corrected, stopped, extended and answered with a file', async ({ page, browser }) => {
      // Eight axe audits and a dozen round trips on two servers at once.
      test.setTimeout(120_000);
      const wanted = `浏览器测试申请${Date.now() % 100000}：2025年出版物经营许可证核发名单`;
      const lookup = await ask(page, wanted, javaScriptEnabled);
      const number = new URL(lookup, 'http://x').searchParams.get('number')!;

      const staff = await staffOnPhone(browser, 'banjian', javaScriptEnabled);
      const waiting = staff.page.getByRole('region', { name: /待答复的政府信息公开申请/ });
      await waiting.getByRole('link', { name: number }).click();
      await expect(staff.page.getByRole('heading', { level: 1, name: `依申请公开 ${number}` })).toBeVisible();
      await expect(staff.page.getByText('350102199001011238')).toBeVisible();
      await audit(staff.page, javaScriptEnabled);
      await noOverflow(staff.page);

      // 补正, and the applicant corrects online.
      await staff.page.getByLabel('需要补正的内容').fill('请写明所需名单的年份和地区。');
      await staff.page.getByRole('button', { name: '告知补正' }).click();
      await expect(staff.page.getByText('已办理')).toBeVisible();
      await page.goto(lookup);
      await expect(page.getByText(/待补正（等待申请人补正，暂停计时）/)).toBeVisible();
      await page.getByRole('button', { name: '提交补正' }).click();
      await expect(page.getByRole('alert')).toContainText('请填写补正内容');
      await audit(page, javaScriptEnabled);
      await page.getByLabel('补正内容').fill('2025年福州市的名单');
      await page.getByRole('button', { name: '提交补正' }).click();
      await expect(page.getByText('补正已提交，答复期限重新计算')).toBeVisible();

      // A third party consulted: the clock stops, then runs again.
      await staff.page.reload();
      await staff.page.getByLabel('征求第三方意见').check();
      await staff.page.getByLabel('征求意见的对象和方式').fill('书面征求某印务公司意见');
      await staff.page.getByRole('button', { name: '暂停计时并告知申请人' }).click();
      await expect(staff.page.getByText(/征求第三方意见，第三方应于.*前提出意见，暂停计时/).first()).toBeVisible();
      await staff.page.getByLabel('收到的意见').fill('第三方同意公开');
      await staff.page.getByRole('button', { name: '恢复计时' }).click();
      await expect(staff.page.getByText('已办理')).toBeVisible();

      // One extension, with who approved it.
      await staff.page.getByLabel('延长的工作日数').fill('20');
      await staff.page.getByLabel('同意延期的负责人').fill('张局长');
      await staff.page.getByLabel('延期理由').fill('需要调取档案核对');
      await staff.page.getByRole('button', { name: '延长并告知申请人' }).click();
      await expect(staff.page.getByText('已延长 20 个工作日')).toBeVisible();

      // A refusal needs its basis: the entries are kept.
      await staff.page.getByLabel('办理结果').selectOption('deny-4');
      await staff.page.getByLabel('答复说明').fill('涉及第三方商业秘密。');
      await staff.page.getByRole('button', { name: '生成答复书并答复' }).click();
      await expect(staff.page.getByRole('alert')).toContainText('请写明所依据的法律条款');
      await expect(staff.page.getByLabel('答复说明')).toHaveValue('涉及第三方商业秘密。');
      await audit(staff.page, javaScriptEnabled);

      await staff.page.getByLabel('办理结果').selectOption('open');
      await staff.page.getByLabel('答复说明').fill('现将该名单以电子文档形式提供给您。');
      await staff.page.getByLabel('提供的信息（予以公开、部分公开时上传）').setInputFiles({ name: '名单.png', mimeType: 'image/png', buffer: PNG });
      await staff.page.getByRole('button', { name: '生成答复书并答复' }).click();
      await expect(staff.page.getByRole('heading', { name: '答复书' })).toBeVisible();
      await audit(staff.page, javaScriptEnabled);
      await staff.context.close();

      // The reply reaches the applicant, with every notice and the file.
      await page.goto(lookup);
      await expect(page.getByText('已答复（予以公开）')).toBeVisible();
      await expect(page.getByRole('heading', { name: '政府信息公开申请答复书' })).toBeVisible();
      await expect(page.getByText(/答复期限延长 20 个工作日/)).toBeVisible();
      await expect(page.getByText(/已书面征求第三方意见/)).toBeVisible();
      const file = page.getByRole('link', { name: '名单.png' });
      const href = await file.getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);
      await audit(page, javaScriptEnabled);
      await noOverflow(page);
      // Nothing of it is public.
      await page.goto(`/search?q=${encodeURIComponent('浏览器申请人')}`);
      await expect(page.getByText(/没有找到与/)).toBeVisible();
    });
  });
}
