import { test, expect, type Page, type Browser } from './fixtures';
import { expectNoAxeViolations, staffOnPhone, SMS_STUB } from './helpers';

test('find a service by theme, applicant and words, and read its guide', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '办事服务' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '网上办事大厅' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('共 6 项');
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: '按主题' }).getByRole('link', { name: /广播电视/ }).click();
  await expect(page).toHaveURL(/theme=/);
  await expect(page.getByRole('status')).toHaveText('“广播电视”主题 2 项');

  await page.goto('/services');
  await page.getByLabel('服务对象').selectOption('person');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page).toHaveURL(/audience=person/);
  await expect(page.locator('ul.app-services').getByRole('heading', { level: 2 })).toHaveText(['作品著作权登记']);

  await page.goto('/services');
  await page.getByLabel('事项名称或编码').fill('印刷');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('link', { name: /印刷经营许可/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /印刷经营许可/ })).toBeVisible();
  await expect(page.getByText('《印刷业管理条例》第九条、第十一条', { exact: false })).toBeVisible();
  await expect(page.getByRole('img', { name: /办理流程.*第1步 提交申请/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /消防验收或备案证明/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: '填写示例' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /填写示例/ })).toBeVisible();
  await expect(page.getByText('福建示例彩色印刷有限公司')).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the catalogue and a guide fit the screen; the flow graphic is readable', async ({ page }) => {
    await page.goto('/services');
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: '电影放映单位设立审批' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '电影放映单位设立审批' })).toBeVisible();
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const flow = page.getByRole('img', { name: /电影放映单位设立审批办理流程/ });
    const box = await flow.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.width).toBeLessThanOrEqual(360);
    // The steps as text too, and the phone numbers can be called.
    await expect(page.getByRole('listitem').filter({ hasText: '实地核查' }).first()).toBeVisible();
    // Shown with a non-breaking hyphen (U+2011), so the number never splits across lines.
    await expect(page.getByRole('link', { name: '0591\u201187654321' })).toHaveAttribute('href', 'tel:059187654321');
    await expectNoAxeViolations(page);
  });
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalogue filters with a GET form and a bad theme is explained', async ({ page }) => {
    await page.goto('/services');
    await page.getByLabel('事项名称或编码').fill('登记');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page.locator('ul.app-services').getByRole('heading', { level: 2 })).toHaveText(['作品著作权登记']);

    await page.goto('/services?theme=' + encodeURIComponent('体育') + '&q=' + encodeURIComponent('许可'));
    await expect(page.getByRole('alert')).toContainText('没有“体育”这个主题');
    await expect(page.getByLabel('事项名称或编码')).toHaveValue('许可');
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

async function fillOrganisation(page: import('@playwright/test').Page) {
  await page.getByLabel('单位名称').fill('福州浏览器测试图书有限公司');
  await page.getByLabel('统一社会信用代码').fill('91350102MA2XY01232');
  await page.getByLabel('法定代表人').fill('林测试');
  await page.getByLabel('住所（经营场所）').fill('福州市鼓楼区测试路 1 号');
  await page.getByLabel('联系人').fill('陈测试');
  await page.getByLabel('联系电话').fill('13905910000');
}

test.describe('applying on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('apply with two files, get a number and a code, and track it', async ({ page }) => {
    await page.goto('/services/350000-XW-XK-001');
    await page.getByRole('link', { name: '在线申请' }).click();
    await page.getByRole('button', { name: '开始填写' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '申请单位' })).toBeVisible();
    await expect(page.getByText('第 1 步，共 4 步')).toBeVisible();

    // A mistake first: the summary names it, the entry is kept.
    await fillOrganisation(page);
    await page.getByLabel('统一社会信用代码').fill('12345');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('统一社会信用代码格式不对');
    await expect(page.getByLabel('单位名称')).toHaveValue('福州浏览器测试图书有限公司');
    await expectNoAxeViolations(page);
    await page.getByLabel('统一社会信用代码').fill('91350102MA2XY01232');
    await page.getByRole('button', { name: '下一步', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: '经营信息' })).toBeVisible();
    await page.getByLabel('申请经营范围').selectOption('以上全部');
    await page.getByLabel('注册资本（万元）').fill('500');
    await page.getByLabel('经营场所面积（平方米）').fill('120');
    await page.getByRole('button', { name: '下一步', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: '上传材料' })).toBeVisible();
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('经营场所使用证明').setInputFiles({ name: '租赁合同.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '下一步：核对' }).click();

    await expect(page.getByRole('heading', { level: 1, name: '核对申请' })).toBeVisible();
    await expect(page.getByText('营业执照.pdf')).toBeVisible();
    await expect(page.getByText('租赁合同.png')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '确认提交' }).click();

    await expect(page.getByRole('heading', { level: 1, name: '网上申请回执' })).toBeVisible();
    const number = (await page.locator('.app-receipt__number').first().textContent())!.trim();
    const code = (await page.locator('.app-receipt__number').nth(1).textContent())!.trim();
    expect(number).toMatch(/^XW\d{14}$/);
    expect(code).toMatch(/^\d{6}$/);
    await expectNoAxeViolations(page);

    await page.goto('/track');
    await page.getByLabel('受理编号').fill(number);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `受理编号 ${number}` })).toBeVisible();
    await expect(page.getByText('已提交，待受理')).toBeVisible();
    await expect(page.getByText('提交申请')).toBeVisible();
    await expectNoAxeViolations(page);

    // The applicant was told by SMS, at the phone the form gave, masked here;
    // the sender delivers within seconds and the page then says when.
    const notices = page.getByRole('region', { name: '通知记录' });
    await expect(notices.getByText('申请已提交：短信')).toBeVisible();
    await expect(notices.getByText('发至 139****0000')).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(notices.getByText(/已发送 \d{4}年/)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expectNoAxeViolations(page);
    const overflowed = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflowed).toBeLessThanOrEqual(0);
    // The SMS itself names the number and a link to this page, never the code.
    const sent: { mobile: string; text: string }[] = await (await page.request.get(`${SMS_STUB}/sent`)).json();
    // The SQLite and PostgreSQL servers share the stub and may hand out the
    // same number: this server's own link tells its message apart.
    const link = `${new URL(page.url()).origin}/track?number=${number}`;
    const mine = sent.filter((m) => m.text.includes(link));
    expect(mine).toHaveLength(1);
    expect(mine[0].mobile).toBe('13905910000');
    expect(mine[0].text).not.toContain(code);
  });
});

test.describe('applying with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the form steps, a saved draft and a refused file work as plain posts', async ({ page }) => {
    await page.goto('/services/350000-XW-XK-001/apply');
    await page.getByRole('button', { name: '开始填写' }).click();
    await page.getByLabel('单位名称').fill('草稿测试有限公司');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByText('草稿已保存')).toBeVisible();
    const link = page.url();
    await page.goto(link);
    await expect(page.getByLabel('单位名称')).toHaveValue('草稿测试有限公司');
    await fillOrganisation(page);
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByLabel('申请经营范围').selectOption('以上全部');
    await page.getByLabel('注册资本（万元）').fill('500');
    await page.getByLabel('经营场所面积（平方米）').fill('120');
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: '执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not really a pdf') });
    await page.getByRole('button', { name: '下一步：核对' }).click();
    await expect(page.getByRole('alert')).toContainText('不是 PDF、JPEG 或 PNG 文件');
  });
});

/** Applies for the publication-wholesale licence; returns the receipt's number, code and address. */
async function applyOnline(page: Page) {
  await page.goto('/services/350000-XW-XK-001/apply');
  await page.getByRole('button', { name: '开始填写' }).click();
  await fillOrganisation(page);
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.getByLabel('申请经营范围').selectOption('以上全部');
  await page.getByLabel('注册资本（万元）').fill('500');
  await page.getByLabel('经营场所面积（平方米）').fill('120');
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel('经营场所使用证明').setInputFiles({ name: '租赁合同.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '下一步：核对' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '网上申请回执' })).toBeVisible();
  const number = (await page.locator('.app-receipt__number').first().textContent())!.trim();
  const code = (await page.locator('.app-receipt__number').nth(1).textContent())!.trim();
  return { number, code, receipt: page.url() };
}

/** The demo case handler, signed in on a 360 px phone. */
const handler = (browser: Browser) => staffOnPhone(browser, 'banjian', true);

test.describe('handling on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('staff ask for a correction, the applicant corrects, staff grant, the licence is public', async ({ page, browser }) => {
    const { number, code, receipt } = await applyOnline(page);
    const staff = await handler(browser);
    await staff.page.getByRole('link', { name: '办件' }).click();
    await staff.page.getByRole('link', { name: number }).click();
    await expect(staff.page.getByRole('heading', { level: 1, name: `办件 ${number}` })).toBeVisible();
    await expectNoAxeViolations(staff.page);
    await staff.page.getByLabel('操作').selectOption('correct');
    await staff.page.getByLabel('意见').fill('经营场所使用证明须为加盖公章的租赁合同');
    await staff.page.getByRole('button', { name: '确定' }).click();
    await expect(staff.page.getByText('待补正')).toBeVisible();

    await page.goto(receipt);
    await expect(page.getByText('经营场所使用证明须为加盖公章的租赁合同')).toBeVisible();
    await page.getByRole('link', { name: '修改并重新提交' }).click();
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await page.getByLabel('经营场所使用证明').setInputFiles({ name: '盖章合同.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: '下一步：核对' }).click();
    await page.getByRole('button', { name: '补正完毕，重新提交' }).click();
    await expect(page.getByText('申请已提交')).toBeVisible();

    await staff.page.reload();
    await staff.page.getByLabel('操作').selectOption('accept');
    await staff.page.getByRole('button', { name: '确定' }).click();
    await expect(staff.page.getByText('已受理').first()).toBeVisible();
    await staff.page.getByLabel('操作').selectOption('grant');
    await staff.page.getByLabel('许可证书编号（准予许可时填写）').fill('新出发闽批字第E2E号');
    await staff.page.getByRole('button', { name: '确定' }).click();
    await staff.page.getByRole('link', { name: '查看公示记录' }).click();
    await expect(staff.page.getByText('新出发闽批字第E2E号')).toBeVisible();
    await staff.context.close();

    await page.goto(`/track?number=${number}&code=${code}`);
    await expect(page.getByText('准予许可').first()).toBeVisible();
    await expect(page.getByText('补正后重新提交')).toBeVisible();
  });
});

test.describe('supervision on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('a case past its promised date is red in the queue and counted in supervision', async ({ browser }) => {
    // The demo holds an accepted case submitted well before its promised limit ran out.
    const staff = await handler(browser);
    await staff.page.getByRole('link', { name: '办件', exact: true }).click();
    const red = staff.page.getByRole('row').filter({ hasText: '红灯：' }).first();
    await expect(red).toContainText('超期');
    await expectNoAxeViolations(staff.page);
    await staff.page.goto('/staff/supervision');
    const total = staff.page.getByRole('row').filter({ hasText: '全部事项' });
    const redCell = total.getByRole('cell').nth(6);
    expect(Number(await redCell.textContent())).toBeGreaterThanOrEqual(1);
    const overflow = await staff.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await staff.context.close();
  });
});

test.describe('rating on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the applicant rates an ended case; staff follow the poor rating up under supervision', async ({ page, browser }) => {
    const { number, code } = await applyOnline(page);
    const staff = await handler(browser);
    await staff.page.goto(`/staff/cases/${number}`);
    await staff.page.getByLabel('操作').selectOption('reject');
    await staff.page.getByLabel('意见').fill('本单位不在受理范围');
    await staff.page.getByRole('button', { name: '确定' }).click();
    await expect(staff.page.getByText('不予受理').first()).toBeVisible();

    await page.goto(`/track?number=${number}&code=${code}`);
    await expect(page.getByRole('heading', { name: '好差评：评价本次办理' })).toBeVisible();
    await expectNoAxeViolations(page);
    // A poor grade without its reason: the summary says so, the grade is kept.
    await page.getByRole('radio', { name: '不满意（2 分）', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByRole('alert')).toContainText('请写明不满意的原因');
    await expect(page.getByRole('radio', { name: '不满意（2 分）', exact: true })).toBeChecked();
    await page.getByLabel('评价内容（不满意时必填）').fill('等了很久才告知不予受理');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByText('感谢您的评价')).toBeVisible();
    await expect(page.getByText(/前回访并告知整改情况/)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await staff.page.goto('/staff');
    await staff.page.getByRole('link', { name: '电子监察' }).click();
    await expect(staff.page.getByRole('heading', { level: 1, name: '电子监察' })).toBeVisible();
    await expectNoAxeViolations(staff.page);
    const row = staff.page.getByRole('row').filter({ hasText: number });
    await expect(row).toContainText('等了很久才告知不予受理');
    await row.getByRole('link', { name: number }).click();
    await staff.page.getByLabel('回访整改情况').fill('已电话致歉；今后材料初审当日告知');
    await staff.page.getByRole('button', { name: '提交回访' }).click();
    await expect(staff.page.getByText('已办理')).toBeVisible();
    await staff.context.close();

    await page.reload();
    await expect(page.getByText('已电话致歉；今后材料初审当日告知', { exact: true })).toBeVisible();
  });
});
