import { test, expect, type Page, type Browser } from './fixtures';
import { expectNoAxeViolations } from './helpers';
import { readFileSync } from 'node:fs';

const PASSWORD = 'Gongkai-Demo-2026';

async function signIn(page: Page, user: string) {
  await page.goto('/staff/login');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
}

async function asUser(browser: Browser, user: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

test('an editor edits an article on its page, a reviewer approves, the public sees the new text', async ({ browser, page }) => {
  const title = '全省应急广播体系建设现场会在龙岩召开';
  const editor = await asUser(browser, 'bianji');
  await editor.page.goto('/disclosure/news');
  await editor.page.getByRole('link', { name: title }).click();
  await editor.page.getByRole('link', { name: '编辑' }).click();
  await expect(editor.page.getByRole('heading', { level: 1, name: `编辑：${title}` })).toBeVisible();
  await expectNoAxeViolations(editor.page);
  await expect(editor.page.locator('.app-editor[data-live="true"]')).toBeAttached();
  const body = editor.page.getByLabel('正文', { exact: true });
  await body.fill('## 会议要求\n\n各地要在汛期前完成**应急广播终端汛前巡检**。');
  // The live preview follows the typing.
  const preview = editor.page.getByRole('region', { name: '预览' });
  await expect(preview.getByRole('heading', { name: '会议要求' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('应急广播终端汛前巡检');
  await editor.page.getByLabel('修改说明').fill('补充会议要求');
  await editor.page.getByRole('button', { name: '送审' }).click();
  await expect(editor.page.getByRole('status').filter({ hasText: '已送审' })).toBeVisible();

  // Until approved, the public page keeps the old text.
  await page.goto('/disclosure/news');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByText('汛前巡检')).toHaveCount(0);

  const reviewer = await asUser(browser, 'shenhe');
  await reviewer.page.getByRole('region', { name: '待我审核' }).getByRole('link', { name: title }).click();
  await expect(reviewer.page.getByRole('heading', { level: 1, name: `审核：${title}` })).toBeVisible();
  await expect(reviewer.page.getByRole('table', { name: '正文逐行对比' })).toBeVisible();
  await expectNoAxeViolations(reviewer.page);
  await reviewer.page.getByLabel('审核意见').fill('经保密审查，不涉及国家秘密，同意发布。');
  await reviewer.page.getByRole('button', { name: '同意发布' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: '审核通过' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: '会议要求' })).toBeVisible();
  await expect(page.getByText('应急广播终端汛前巡检')).toBeVisible();
  await editor.context.close();
  await reviewer.context.close();
});

test('the author cannot approve their own work', async ({ browser }) => {
  const { context, page } = await asUser(browser, 'zonghe');
  await page.goto('/disclosure/notice/new');
  await page.getByLabel('标题').fill('自审测试通知');
  await page.getByLabel('正文', { exact: true }).fill('正文内容');
  await page.getByRole('button', { name: '送审' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已送审' })).toBeVisible();
  const id = page.url().match(/articles\/(\d+)/)![1];
  await page.goto(`/articles/${id}/review`);
  await expect(page.getByText('不能审核自己撰写的稿件')).toBeVisible();
  await expect(page.getByRole('button', { name: '同意发布' })).toHaveCount(0);
  const res = await page.request.post(`/articles/${id}/review`, {
    form: { decision: 'approve', opinion: '自己同意', disclosure: 'active', publish: 'now' },
  });
  expect(res.status()).toBe(403);
  await context.close();
});

test.describe('hostile content', () => {
  // The body's <img src="x"> stays (without its onerror) and fails to load, as it should.
  test.use({ expectedFailures: ['/articles/x'] });

test('a body holding <script> and onerror= renders harmless', async ({ browser, page }) => {
  const editor = await asUser(browser, 'bianji');
  await editor.page.goto('/disclosure/notice/new');
  await editor.page.getByLabel('标题').fill('关于网页安全测试的通知');
  await editor.page
    .getByLabel('正文', { exact: true })
    .fill('正文\n\n<script>window.__pwned = 1</script>\n\n<img src="x" onerror="window.__pwned = 2">\n\n[点这里](javascript:window.__pwned=3)');
  await editor.page.getByRole('button', { name: '送审' }).click();
  await expect(editor.page.getByRole('status').filter({ hasText: '已送审' })).toBeVisible();
  const id = editor.page.url().match(/articles\/(\d+)/)![1];
  const reviewer = await asUser(browser, 'shenhe');
  await reviewer.page.goto(`/articles/${id}/review`);
  await reviewer.page.getByLabel('审核意见').fill('同意');
  await reviewer.page.getByRole('button', { name: '同意发布' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: '审核通过' })).toBeVisible();

  await page.goto(`/articles/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: '关于网页安全测试的通知' })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  const body = page.locator('.app-article__body');
  await expect(body.locator('script')).toHaveCount(0);
  expect(await body.innerHTML()).not.toMatch(/onerror|javascript:/i);
  await editor.context.close();
  await reviewer.context.close();
});
});

test('staff server functions refuse the anonymous and other sites', async ({ request, browser }) => {
  const anonymous = await request.post('/api/staff/preview_markdown', { form: { body_md: '# x' } });
  expect(anonymous.status()).toBe(401);
  const { context, page } = await asUser(browser, 'bianji');
  const crossSite = await page.request.post('/api/staff/preview_markdown', {
    form: { body_md: '# x' },
    headers: { Origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  const same = await page.request.post('/api/staff/preview_markdown', { form: { body_md: '## 二级' } });
  expect(same.status()).toBe(200);
  await context.close();
});

test('after five wrong passwords even the right one is refused for 15 minutes', async ({ browser, page }) => {
  // An account of its own: locking a demo account would lock out the tests
  // that sign in with it meanwhile.
  const user = `suoding${Date.now() % 1000000}`;
  const admin = await asUser(browser, 'guanli');
  await admin.page.goto('/staff/users');
  await admin.page.getByLabel('用户名').fill(user);
  await admin.page.getByRole('checkbox', { name: /编辑/ }).check();
  await admin.page.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
  await admin.page.getByLabel('再次输入初始密码').fill(PASSWORD);
  await admin.page.getByRole('button', { name: '新增' }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: `${user}（${user}）` })).toBeVisible();
  await admin.context.close();
  for (let i = 0; i < 5; i++) {
    await page.goto('/staff/login');
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(`wrong-${i}`);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  }
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('暂时锁定');
  await expect(page.getByLabel('用户名')).toHaveValue(user);
  await expectNoAxeViolations(page);
});

test('leaving the editor with unsaved changes asks first', async ({ browser }) => {
  const { context, page } = await asUser(browser, 'bianji');
  await page.goto('/disclosure/notice/new');
  await expect(page.locator('.app-editor[data-live="true"]')).toBeAttached();
  await page.getByLabel('标题').fill('未保存的标题');
  let asked = false;
  page.on('dialog', async (dialog) => {
    asked = dialog.type() === 'beforeunload';
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
  // Chromium may already have torn the context down with its last page.
  await context.close().catch(() => {});
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the editor shows tabs for writing and previewing', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'bianji');
    await page.goto('/disclosure/notice/new');
    await expect(page.locator('.app-editor[data-live="true"]')).toBeAttached();
    await page.getByLabel('正文', { exact: true }).fill('## 手机预览');
    await page.getByRole('tab', { name: '预览' }).click();
    await expect(page.getByRole('region', { name: '预览' }).getByRole('heading', { name: '手机预览' })).toBeVisible();
    await expect(page.getByLabel('正文', { exact: true })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

test.describe('with JavaScript disabled', () => {
  test('an editor signs in, previews and saves a draft with plain forms', async ({ browser }) => {
    const { context, page } = await asUser(browser, 'bianji', false);
    await page.goto('/disclosure/notice/new');
    await page.getByLabel('标题').fill('无脚本保存的草稿');
    await page.getByLabel('正文', { exact: true }).fill('## 无脚本预览');
    await page.getByRole('button', { name: '预览' }).click();
    await expect(page.getByRole('heading', { name: '预览（未保存）' })).toBeVisible();
    await expect(page.getByLabel('标题')).toHaveValue('无脚本保存的草稿');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();
    // A refused form keeps the entries and says what is wrong.
    await page.getByLabel('标题').fill('');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('alert')).toContainText('请填写标题');
    await expect(page.getByLabel('正文', { exact: true })).toHaveValue('## 无脚本预览');
    await context.close();
  });
});

test('a handler\'s dashboard says what turns yellow or red today', async ({ browser }) => {
  const { context, page } = await asUser(browser, 'banjian');
  const due = page.getByRole('region', { name: '今日转为黄灯、红灯的事项' });
  await expect(due).toBeVisible();
  // Either the day's items, each linked to where it is handled, or a plain "none".
  const items = due.getByRole('link');
  if ((await items.count()) === 0) await expect(due).toContainText('今天没有转为黄灯或红灯的事项');
  else await expect(items.first()).toHaveAttribute('href', /^\/staff\//);
  await expectNoAxeViolations(page);
  await context.close();
});

test('the dashboard lists documents awaiting interpretation with their clock', async ({ browser }) => {
  const { context, page } = await asUser(browser, 'bianji');
  const awaiting = page.getByRole('region', { name: '待发布解读的文件（3个工作日内）' });
  await expect(awaiting.getByRole('link', { name: '关于做好2026年度版权社会服务工作的通知' })).toBeVisible();
  await awaiting.getByText('计算过程').first().click();
  await expect(awaiting.getByText(/起算当日不计入/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test.describe('an administrator on a phone', () => {
  for (const [path, heading] of [
    ['/staff/calendar?year=2026', '节假日安排'],
    ['/staff/settings', '网站设置'],
  ]) {
    test(`${heading} fits 360 px, passes axe, and explains a refused entry without JavaScript`, async ({ browser }) => {
      const phone = { width: 360, height: 740 };
      // Seen with JavaScript (axe runs as a script in the page).
      const seen = await browser.newContext({ viewport: phone, locale: 'zh-CN' });
      const look = await seen.newPage();
      await signIn(look, 'guanli');
      await look.goto(path);
      await expect(look.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await look.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(look);
      await seen.close();
      // Used without it: a mistake that saves nothing is explained, the entries kept.
      const context = await browser.newContext({ viewport: phone, javaScriptEnabled: false, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, 'guanli');
      await page.goto(path);
      if (heading === '节假日安排') {
        await expect(page.getByRole('rowheader', { name: '国庆节' })).toBeVisible();
        await page.getByLabel('节日名称').fill('国庆节');
        await page.getByLabel('放假第一天').fill('2026-10-01');
        await page.getByLabel('放假最后一天').fill('2026-10-08');
        await page.getByRole('button', { name: '保存', exact: true }).click();
        await expect(page.getByRole('alert').first()).toContainText('2026年已有“国庆节”');
        await expect(page.getByLabel('放假最后一天')).toHaveValue('2026-10-08');
      } else {
        await expect(page.getByLabel('网站名称')).toHaveValue('福建省新闻出版广电局');
        await page.getByLabel('邮编').fill('3500');
        await page.getByRole('button', { name: '保存设置' }).click();
        await expect(page.getByRole('alert').first()).toContainText('邮编应为6位数字');
        await expect(page.getByLabel('邮编')).toHaveValue('3500');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await context.close();
    });
  }
});

test.describe('staff keeping the site on a phone', () => {
  const cases: [string, string, string, (page: Page) => Promise<void>][] = [
    ['/staff/users', '账户管理', 'guanli', async (page) => {
      await expect(page.getByRole('rowheader', { name: 'bianji' })).toBeVisible();
      await page.getByLabel('用户名').fill('zhang san');
      await page.getByRole('checkbox', { name: /编辑/ }).check();
      await page.getByLabel('初始密码', { exact: true }).fill('Hetang-Yuese-2026');
      await page.getByLabel('再次输入初始密码').fill('Hetang-Yuese-2026');
      await page.getByRole('button', { name: '新增' }).click();
      await expect(page.getByRole('alert').first()).toContainText('不能含空格');
      await expect(page.getByLabel('用户名')).toHaveValue('zhang san');
      await expect(page.getByRole('checkbox', { name: /编辑/ })).toBeChecked();
    }],
    ['/staff/topics', '专题管理', 'bianji', async (page) => {
      await expect(page.getByRole('rowheader', { name: '2016年政务公开工作' })).toBeVisible();
      await page.getByLabel('网址名').fill('Bad Slug');
      await page.getByLabel('专题名称').fill('新专题');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByRole('alert').first()).toContainText('网址名用2至50个');
      await expect(page.getByLabel('网址名')).toHaveValue('Bad Slug');
      await expect(page.getByLabel('专题名称')).toHaveValue('新专题');
    }],
    ['/staff/services/350000-XW-XK-001/edit/steps', '修改办理流程', 'guanli', async (page) => {
      await expect(page.locator('#s0_name')).not.toHaveValue('');
      await page.locator('#s0_days').fill('400');
      await page.locator('#s0_actor').fill('综合窗口');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByRole('alert').first()).toContainText('环节时限须为 0 到 365 之间的整数');
      await expect(page.locator('#s0_days')).toHaveValue('400');
      await expect(page.locator('#s0_actor')).toHaveValue('综合窗口');
    }],
    ['/staff/catalogue', '目录分类', 'guanli', async (page) => {
      await expect(page.locator('#subject-label-film')).toHaveValue('电影');
      await page.locator('#subject-label-film').fill('');
      await page.locator('#subject-new1-label').fill('广播影视');
      await page.locator('#subject-new1-slug').fill('Radio TV');
      await page.getByRole('button', { name: '保存主题分类' }).click();
      await expect(page.getByRole('alert').first()).toContainText('请填写名称');
      await expect(page.getByRole('alert').first()).toContainText('网址标识用小写字母');
      await expect(page.locator('#subject-new1-slug')).toHaveValue('Radio TV');
      await expect(page.locator('#subject-new1-label')).toHaveValue('广播影视');
    }],
    ['/staff/cases', '办件', 'banjian', async (page) => {
      // The queue's filters are a plain GET form: a range that ends before it
      // starts is refused, the entries kept.
      await expect(page.getByRole('status').filter({ hasText: /共 \d+ 件/ })).toBeVisible();
      await page.getByLabel('时限').selectOption('red');
      await page.getByLabel('提交日期从').fill('2026-11-30');
      await page.getByLabel('提交日期至').fill('2026-11-01');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect(page.getByRole('alert').first()).toContainText('截止日期不能早于起始日期');
      await expect(page.getByLabel('提交日期从')).toHaveValue('2026-11-30');
      await expect(page.getByLabel('时限')).toHaveValue('red');
      await page.getByLabel('提交日期至').fill('');
      await page.getByLabel('提交日期从').fill('');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect(page.getByRole('alert')).toHaveCount(0);
      const rows = page.locator('tbody tr');
      for (const row of await rows.all()) await expect(row.locator('.app-urgency--red')).toBeVisible();
    }],
    ['/staff/consult', '网上咨询', 'banjian', async (page) => {
      await expect(page.getByRole('status').filter({ hasText: /待答复 \d+ 条/ })).toBeVisible();
      await page.getByLabel('受理日期从').fill('2026-11-30');
      await page.getByLabel('受理日期至').fill('2026-11-01');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect(page.getByRole('alert').first()).toContainText('截止日期不能早于起始日期');
      await expect(page.getByLabel('受理日期至')).toHaveValue('2026-11-01');
    }],
    ['/staff/notices', '通知', 'guanli', async (page) => {
      // The outbox and the wording of each notice; an SMS may not carry the query code.
      await page.getByRole('link', { name: '一次性告知补正（短信）' }).first().click();
      await expect(page.getByRole('heading', { level: 1, name: /通知模板/ })).toBeVisible();
      await page.getByLabel('通知内容').fill('请凭查询码{查询码}补正材料。');
      await page.getByRole('button', { name: '保存模板' }).click();
      await expect(page.getByRole('alert').first()).toContainText('短信不得包含查询码');
      await expect(page.getByLabel('通知内容')).toHaveValue('请凭查询码{查询码}补正材料。');
    }],
    ['/staff/alerts', '紧急公告', 'guanli', async (page) => {
      // A draft without its text and end is refused, the entries kept.
      await page.getByLabel('事件级别').selectOption('2');
      await page.getByLabel('标题').fill('关于暂停现场业务的紧急公告');
      await page.getByRole('button', { name: '提交审核' }).click();
      await expect(page.getByRole('alert').first()).toContainText('请填写公告内容');
      await expect(page.getByRole('alert').first()).toContainText('请填写结束时间');
      await expect(page.getByLabel('标题')).toHaveValue('关于暂停现场业务的紧急公告');
      await expect(page.getByLabel('事件级别')).toHaveValue('2');
    }],
    ['/staff/concerns', '舆情回应', 'bianji', async (page) => {
      // A record without its summary is refused, the entries kept.
      await page.getByLabel('舆情级别').selectOption('4');
      await page.getByLabel('来源', { exact: true }).fill('本地论坛');
      await page.getByLabel('责任部门').fill('出版处');
      await page.getByRole('button', { name: '登记' }).click();
      await expect(page.getByRole('alert').first()).toContainText('请填写舆情摘要');
      await expect(page.getByLabel('来源', { exact: true })).toHaveValue('本地论坛');
      await expect(page.getByLabel('舆情级别')).toHaveValue('4');
    }],
    ['/staff/mailbox', '来信办理', 'banjian', async (page) => {
      // A letter refused without a reason: the message, and the page stays.
      await page.getByRole('table', { name: '办理中的来信' }).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: /^来信 / })).toBeVisible();
      await page.getByRole('button', { name: '不予受理' }).click();
      await expect(page.getByRole('alert').first()).toContainText('请写明不予受理的理由');
      await expect(page).toHaveTitle(/^错误：来信 /);
    }],
    ['/staff/pages/about', '关于本网站', 'bianji', async (page) => {
      await expect(page.getByRole('heading', { name: '审核记录和历史版本' })).toBeVisible();
      await page.getByLabel('正文', { exact: true }).fill('');
      await page.getByLabel('标题').fill('关于本站');
      await page.getByRole('button', { name: '保存并送审' }).click();
      await expect(page.getByRole('alert').first()).toContainText('请输入正文');
      await expect(page.getByLabel('标题')).toHaveValue('关于本站');
    }],
  ];
  for (const [path, heading, user, refuse] of cases) {
    test(`${heading} fits 360 px, passes axe, and explains a refused entry without JavaScript`, async ({ browser }) => {
      const phone = { width: 360, height: 740 };
      const seen = await browser.newContext({ viewport: phone, locale: 'zh-CN' });
      const look = await seen.newPage();
      await signIn(look, user);
      await look.goto(path);
      await expect(look.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await look.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(look);
      await seen.close();
      const context = await browser.newContext({ viewport: phone, javaScriptEnabled: false, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, user);
      await page.goto(path);
      await refuse(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await context.close();
    });
  }

  test('事项管理 fits 360 px, passes axe, and downloads the catalogue as JSON', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, 'guanli');
    await page.goto('/staff/services');
    await expect(page.getByRole('heading', { level: 1, name: '事项管理' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /导出办事大厅全部\d+个事项的办事指南/ }).click(),
    ]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const file = JSON.parse(text);
    expect(file.format).toBe('gongkai.guides/1');
    expect(file.guides.length).toBeGreaterThan(0);
    await context.close();
  });

  test('the footer links the site\'s own pages and the bureau\'s links', async ({ page }) => {
    await page.goto('/');
    const footer = page.getByRole('contentinfo');
    await footer.getByRole('link', { name: '隐私声明' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '隐私声明' })).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: '中国政府网' })).toHaveAttribute('href', 'https://www.gov.cn');
  });
});
