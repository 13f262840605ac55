import { test, expect, type Page, type Browser } from './fixtures';
import { expectNoAxeViolations } from './helpers';

// Runs only against the servers whose databases start empty but for the
// first administrator, made with the CLI (start-server.sh … empty): a
// bureau builds a small site through the app alone, on phones.

const FIRST_PASSWORD = 'Chuang-Jian-2026!';
const PASSWORD = 'Hetang-Yuese-2026';
const phone = { width: 360, height: 740 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

const OWN_PASSWORD = 'Ziji-De-Mima-2026!';

// Signs in; an account the administrator made first replaces the password
// the administrator gave it (the portal asks before anything else).
async function as(browser: Browser, user: string, password: string) {
  const context = await browser.newContext({ viewport: phone, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/staff/login');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (password === PASSWORD) {
    await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '您的密码是管理员设置的' })).toBeVisible();
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(OWN_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  return { context, page };
}

async function fitsAPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

async function saved(page: Page, text: string) {
  await expect(page.getByRole('status').filter({ hasText: text }).first()).toBeVisible();
}

test('a bureau builds its site from an empty database in the app', async ({ browser, page }) => {
  test.setTimeout(330_000);
  await page.setViewportSize(phone);
  // A new portal welcomes visitors instead of showing empty boxes.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '欢迎访问' })).toBeVisible();

  // The administrator names the site and adds the staff.
  const admin = await as(browser, 'chuangjian', FIRST_PASSWORD);
  await admin.page.goto('/staff/settings');
  await admin.page.getByLabel('网站名称').fill('测试县文化和旅游局');
  await admin.page.getByLabel('主办单位').fill('测试县文化和旅游局');
  await admin.page.getByLabel('发布机构').fill('测试县文化和旅游局办公室');
  await admin.page.getByRole('button', { name: '保存设置' }).click();
  await saved(admin.page, '网站设置已保存');
  for (const [user, role] of [['shixiang', /^事项管理/], ['shenhe', /^审核/], ['bianji', /^编辑/]] as const) {
    await admin.page.goto('/staff/users');
    await admin.page.getByLabel('用户名').fill(user);
    await admin.page.getByRole('checkbox', { name: role }).check();
    await admin.page.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
    await admin.page.getByLabel('再次输入初始密码').fill(PASSWORD);
    await admin.page.getByRole('button', { name: '新增' }).click();
    await saved(admin.page, '已新增账户');
  }
  // Next year's holidays, so clocks across New Year count right.
  await admin.page.goto('/staff/calendar?year=2027');
  await admin.page.getByLabel('节日名称').fill('元旦');
  await admin.page.getByLabel('放假第一天').fill('2027-01-01');
  await admin.page.getByLabel('放假最后一天').fill('2027-01-01');
  await admin.page.getByRole('button', { name: '保存', exact: true }).click();
  await saved(admin.page, '已保存该假期的安排');
  await expect(admin.page.getByRole('rowheader', { name: '元旦' })).toBeVisible();
  // The catalogue's subjects fitted to this bureau: one added, one retired.
  await admin.page.goto('/staff/catalogue');
  const subjects = admin.page.getByRole('region', { name: '主题分类' });
  await subjects.locator('#subject-new1-label').fill('演出市场');
  await subjects.locator('#subject-new1-slug').fill('yanchu');
  await subjects.getByRole('group', { name: /印刷/ }).getByRole('checkbox', { name: /停用/ }).check();
  await subjects.getByRole('button', { name: '保存主题分类' }).click();
  await saved(admin.page, '已保存');
  await expect(admin.page.getByRole('group', { name: /印刷（已停用）/ })).toBeVisible();

  // 事项管理 writes a service: its guide, a two-step form with a file.
  const writer = await as(browser, 'shixiang', PASSWORD);
  const w = writer.page;
  await w.goto('/staff/services');
  await w.getByLabel('事项编码').fill('CS-WL-001');
  await w.getByLabel('事项名称').fill('营业性演出许可');
  await w.getByRole('button', { name: '新建，然后填写办事指南' }).click();
  await expect(w.getByRole('heading', { level: 1, name: '修改基本信息' })).toBeVisible();
  await fitsAPhone(w);
  await expectNoAxeViolations(w);
  await w.getByLabel('主题').selectOption('电影');
  await w.getByLabel('服务对象').selectOption('org');
  await w.getByLabel('设定依据').fill('《营业性演出管理条例》第六条');
  await w.getByLabel('实施机关').fill('测试县文化和旅游局');
  await w.getByLabel('受理条件').fill('有与其业务相适应的专职演出经纪人员');
  await w.getByLabel('法定办结时限（工作日）').fill('20');
  await w.getByLabel('承诺办结时限（工作日）').fill('10');
  await w.getByLabel('收费标准').fill('不收费');
  await w.getByLabel('办理地点').fill('县行政服务中心 2 号窗口');
  await w.getByLabel('办理时间').fill('工作日 9:00-17:00');
  await w.getByLabel('咨询电话').fill('0591-22223333');
  await w.getByLabel('投诉电话').fill('0591-22224444');
  await w.getByLabel('可网上申请（须有申请表）').check();
  await w.getByRole('button', { name: '保存并送审' }).click();
  await saved(w, '已保存并送审');

  await w.getByRole('link', { name: '修改申请表' }).click();
  await w.locator('#f0_label').fill('单位名称');
  await w.locator('#f0_step').fill('申请单位');
  await w.locator('#f1_label').fill('营业执照');
  await w.locator('#f1_kind').selectOption('file');
  await w.locator('#f1_step').fill('上传材料');
  await fitsAPhone(w);
  await expectNoAxeViolations(w);
  await w.getByRole('button', { name: '保存并送审' }).click();
  await saved(w, '已保存并送审');

  await w.getByRole('link', { name: '修改申请材料' }).click();
  await w.locator('#m0_name').fill('营业执照');
  await w.locator('#m0_field').selectOption({ label: '申请表的“营业执照”' });
  await w.getByRole('button', { name: '保存并送审' }).click();
  await saved(w, '已保存并送审');

  await w.getByRole('link', { name: '修改办理流程' }).click();
  // A mistake is explained beside its box, the entries kept.
  await w.locator('#s0_name').fill('受理');
  await w.locator('#s0_actor').fill('窗口');
  await w.locator('#s0_days').fill('400');
  await w.getByRole('button', { name: '保存并送审' }).click();
  await expect(w.getByRole('alert').first()).toContainText('环节时限须为 0 到 365 之间的整数');
  await expect(w.locator('#s0_actor')).toHaveValue('窗口');
  await w.locator('#s0_days').fill('1');
  await w.locator('#s1_name').fill('审查决定');
  await w.locator('#s1_actor').fill('市场管理科');
  await w.locator('#s1_days').fill('5');
  await w.getByRole('button', { name: '保存并送审' }).click();
  await saved(w, '已保存并送审');
  await expect(w.getByText('改动的部分：基本信息、申请材料、办理流程、申请表。')).toBeVisible();
  await expectNoAxeViolations(w);

  // Nothing is public before the review.
  await page.goto('/services/CS-WL-001');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('营业性演出许可');

  // A reviewer reads the guide and the form as the public will see them.
  const reviewer = await as(browser, 'shenhe', PASSWORD);
  const r = reviewer.page;
  await r.goto('/staff/services/CS-WL-001');
  await r.getByRole('link', { name: '预览并审核' }).click();
  await expect(r.getByRole('heading', { level: 1, name: '审核：营业性演出许可' })).toBeVisible();
  await expect(r.getByRole('region', { name: '网上申请表预览' }).getByLabel('营业执照')).toBeVisible();
  await expect(r.getByRole('region', { name: '办事指南预览：营业性演出许可' })).toContainText('县行政服务中心 2 号窗口');
  await fitsAPhone(r);
  await expectNoAxeViolations(r);
  await r.getByLabel('审核意见').fill('经保密审查，同意公开');
  await r.getByRole('button', { name: '同意发布' }).click();
  await saved(r, '审核通过');

  // An editor writes news; the reviewer approves it; a topic gathers it.
  const editor = await as(browser, 'bianji', PASSWORD);
  const e = editor.page;
  await e.goto('/disclosure/news/new');
  await e.getByLabel('标题').fill('县文旅局开展演出市场检查');
  await e.getByLabel('正文', { exact: true }).fill('县文旅局对辖区演出场所开展了检查。');
  await expect(e.getByLabel('主题分类').locator('option', { hasText: '印刷' })).toHaveCount(0);
  await e.getByLabel('主题分类').selectOption({ label: '演出市场' });
  await e.getByRole('button', { name: '送审' }).click();
  await saved(e, '已送审');
  await r.goto('/staff');
  await r.getByRole('region', { name: '待我审核' }).getByRole('link', { name: '县文旅局开展演出市场检查' }).click();
  await r.getByLabel('审核意见').fill('同意发布');
  await r.getByRole('button', { name: '同意发布' }).click();
  await saved(r, '审核通过');
  await page.goto('/disclosure/news');
  const articleUrl = await page.getByRole('link', { name: '县文旅局开展演出市场检查' }).getAttribute('href');
  expect(articleUrl).toMatch(/^\/articles\/\d+$/);
  await page.goto(`/disclosure/news?topic=yanchu`);
  await expect(page.getByRole('link', { name: '县文旅局开展演出市场检查' })).toBeVisible();

  await e.goto('/staff/topics');
  await e.getByLabel('网址名').fill('yanchu-2027');
  await e.getByLabel('专题名称').fill('演出市场管理');
  await e.getByLabel('简介').fill('演出市场的检查和许可。');
  await e.getByRole('button', { name: '保存并送审' }).click();
  await saved(e, '已保存并送审');
  await e.getByLabel('信息编号或网址').fill(articleUrl!);
  await e.getByLabel('栏目').selectOption({ index: 1 });
  await e.getByRole('button', { name: '加入', exact: true }).click();
  await saved(e, '已加入专题');
  const topicUrl = e.url().replace(/\?.*$/, '');
  await r.goto(topicUrl);
  await r.getByLabel('审核意见').fill('同意发布');
  await r.getByRole('button', { name: '同意发布' }).click();
  await saved(r, '审核通过');

  // The public sees the site, the topic with its item, and applies on a phone.
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('测试县文化和旅游局');
  await expect(page.getByRole('contentinfo')).toContainText('测试县文化和旅游局');
  await page.goto('/topics/yanchu-2027');
  await expect(page.getByRole('heading', { level: 1, name: '演出市场管理' })).toBeVisible();
  await expect(page.getByRole('link', { name: '县文旅局开展演出市场检查' })).toBeVisible();
  await page.goto('/services');
  await page.getByRole('link', { name: '营业性演出许可' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '营业性演出许可' })).toBeVisible();
  await expect(page.getByText('县行政服务中心 2 号窗口')).toBeVisible();
  await page.getByRole('link', { name: '在线申请' }).click();
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByLabel('单位名称').fill('测试演出经纪有限公司');
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.getByLabel('营业执照', { exact: true }).setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: '下一步：核对' }).click();
  await expect(page.getByText('营业执照.pdf')).toBeVisible();
  await fitsAPhone(page);
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '网上申请回执' })).toBeVisible();

  // A major emergency: the administrator drafts a notice, the reviewer
  // approves it, and every page shows it at once — without JavaScript, to
  // screen readers, in print — until it is taken down.
  const ALERT = '关于暴雨期间暂停现场办理业务的紧急公告';
  const ends = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 16);
  await admin.page.goto('/staff/alerts');
  await admin.page.getByLabel('事件级别').selectOption('1');
  await admin.page.getByLabel('标题').fill(ALERT);
  await admin.page.getByLabel('公告内容').fill('受强降雨影响，今日暂停县行政服务中心现场办理，网上申请照常受理。');
  await admin.page.getByLabel('详情链接（选填）').fill('/services');
  await admin.page.getByLabel('结束时间').fill(ends);
  await admin.page.getByRole('button', { name: '提交审核' }).click();
  await saved(admin.page, '紧急公告已提交审核');
  await page.goto('/');
  await expect(page.getByRole('region', { name: '紧急公告' })).toHaveCount(0);
  await r.goto('/staff/alerts');
  await r.getByRole('button', { name: '同意发布' }).click();
  await saved(r, '审核同意');
  const plain = await browser.newContext({ viewport: phone, javaScriptEnabled: false, locale: 'zh-CN' });
  const visitor = await plain.newPage();
  for (const path of ['/', '/services', '/topics/yanchu-2027']) {
    await visitor.goto(path);
    const notice = visitor.getByRole('region', { name: '紧急公告' });
    await expect(notice.getByRole('alert')).toContainText(ALERT);
    await expect(notice).toContainText('特别重大（Ⅰ级）');
    await fitsAPhone(visitor);
  }
  await visitor.getByRole('region', { name: '紧急公告' }).getByRole('link', { name: '查看详情' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: '网上办事大厅' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('region', { name: '紧急公告' })).toContainText(ALERT);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('region', { name: '紧急公告' })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await r.goto('/staff/alerts');
  await r.getByRole('button', { name: /^撤下公告/ }).click();
  await saved(r, '紧急公告已撤下');
  await visitor.goto('/');
  await expect(visitor.getByRole('region', { name: '紧急公告' })).toHaveCount(0);

  // A 重大 public concern noticed six hours ago: its 5-hour clock is red on
  // the log and the dashboard; the response published and linked, its
  // page tells the public when the concern arose and how long the answer
  // took, while the conference's 24 hours still run.
  const sixHoursAgo = new Date(Date.now() + 8 * 3_600_000 - 6 * 3_600_000).toISOString().slice(0, 16);
  await e.goto('/staff/concerns');
  await e.getByLabel('舆情级别').selectOption('2');
  await e.getByLabel('来源', { exact: true }).fill('县政务微博留言');
  await e.getByLabel('发现时间').fill(sixHoursAgo);
  await e.getByLabel('舆情摘要').fill('网民反映暴雨后某演出场所仍在营业，存在安全隐患。');
  await e.getByLabel('责任部门').fill('市场管理股');
  await e.getByRole('button', { name: '登记' }).click();
  await saved(e, '已登记');
  const concernUrl = e.url().replace(/\?.*$/, '');
  await expect(e.getByText(/红灯：已超时1小时/)).toBeVisible();
  await fitsAPhone(e);
  await expectNoAxeViolations(e);
  await r.goto('/staff');
  await expect(r.getByRole('region', { name: '待回应的舆情（1条）' })).toContainText('红灯');
  const RESPONSE = '关于网民反映演出场所暴雨后营业问题的回应';
  await e.goto('/disclosure/response/new');
  await e.getByLabel('标题').fill(RESPONSE);
  await e.getByLabel('正文', { exact: true }).fill('经现场核查，该场所已于当日停业，并完成安全检查。');
  await e.getByLabel('主题分类').selectOption({ label: '演出市场' });
  await e.getByRole('button', { name: '送审' }).click();
  await saved(e, '已送审');
  await r.goto('/staff');
  await r.getByRole('region', { name: '待我审核' }).getByRole('link', { name: RESPONSE }).click();
  await r.getByLabel('审核意见').fill('同意发布');
  await r.getByRole('button', { name: '同意发布' }).click();
  await saved(r, '审核通过');
  await e.goto(concernUrl);
  const picked = await e.getByLabel('回应信息').locator('option', { hasText: RESPONSE }).getAttribute('value');
  await e.getByLabel('回应信息').selectOption(picked!);
  await e.getByRole('button', { name: '关联', exact: true }).click();
  await saved(e, '已关联回应');
  await expect(e.getByRole('link', { name: RESPONSE })).toBeVisible();
  await expect(e.getByText(/举行新闻发布会：.*还剩1\d小时/)).toBeVisible();
  const responseUrl = await e.getByRole('link', { name: RESPONSE }).getAttribute('href');
  await visitor.goto(responseUrl!);
  await expect(visitor.getByText(/关切发生于.*，本回应于.*发布，用时6小时/)).toBeVisible();
  await expect(visitor.locator('body')).not.toContainText('县政务微博留言');
  await fitsAPhone(visitor);
  await plain.close();

  for (const c of [admin, writer, reviewer, editor]) await c.context.close();
});
