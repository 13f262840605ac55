import { test, expect, type Page } from './fixtures';
import { expectNoAxeViolations, waitForHydration } from './helpers';

/** Opens the 图解 list and the graphic whose title matches. */
async function openGraphic(page: Page, title: RegExp) {
  await page.goto('/graphics');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test.describe('图解 on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

  test('step through the plan by tap and by keyboard; the page fits the screen', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '图解' }).click();
    await page.getByRole('link', { name: /三个方面的主要任务/ }).click();
    await waitForHydration(page);
    const status = page.locator('.app-graphic__status');
    await expect(status).toContainText('共 3 项');
    await page.getByRole('button', { name: '下一步' }).tap();
    await expect(status).toHaveText('第 1 / 3 项：第1步 一、加大信息主动公开力度');
    await page.getByRole('button', { name: '下一步' }).tap();
    await expect(status).toHaveText('第 2 / 3 项：第2步 二、加强政策解读回应');
    await expect(page.locator('.app-graphic__stop.is-current')).toHaveAttribute('data-stop', '1');
    // The keyboard: arrows move, Home goes back to the start.
    await page.getByRole('button', { name: '下一步' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('第 3 / 3 项：第3步 三、强化公开能力建设');
    await expect(page.getByRole('button', { name: '下一步' })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Home');
    await expect(status).toHaveText('第 1 / 3 项：第1步 一、加大信息主动公开力度');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });

  test('a tap on a bar shows its exact value from the data; a series can be highlighted', async ({ page }) => {
    await openGraphic(page, /三公/);
    await waitForHydration(page);
    // The value the data table holds for 2016 公务接待费…
    await page.getByText('查看数据表').click();
    const row = page.getByRole('row', { name: /^2016年/ });
    const value = (await row.getByRole('cell').nth(2).textContent())!.trim();
    // …is what the bar's tip says when the bar is tapped.
    const bar = page.locator('.app-graphic__stop[data-stop="0"] .app-graphic__mark[data-series="2"]');
    await bar.locator('rect').first().tap();
    const tip = page.locator('.app-graphic__stop[data-stop="0"] .app-graphic__mark[data-series="2"] .app-graphic__tip');
    await expect(tip).toBeVisible();
    await expect(tip).toHaveText(`2016年 公务接待费：${value}万元`);
    await expect(page.locator('.app-graphic__status')).toContainText('第 1 / ');

    const button = page.getByRole('button', { name: '公务接待费' });
    await button.tap();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('svg.app-graphic__svg')).toHaveAttribute('data-highlight', '2');
    await expectNoAxeViolations(page);
  });

  test('the share image is a PNG 1080 pixels wide', async ({ page }) => {
    await openGraphic(page, /三公/);
    const href = await page.getByRole('link', { name: '下载图片（PNG，适合微信分享）' }).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    const bytes = await res.body();
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.readUInt32BE(16)).toBe(1080);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(1080);
  });
});

test.describe('图解 with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the graphic, its text alternative and its table are all there', async ({ page }) => {
    await openGraphic(page, /一图读懂2016年/);
    await expect(page.getByRole('img', { name: /一图读懂2016年政务公开工作实施方案/ })).toBeVisible();
    await expect(page.locator('.app-graphic__controls')).toBeHidden();
    await page.getByText('查看数据表').click();
    await expect(page.getByRole('row', { name: /主动公开、解读回应、能力建设/ })).toBeVisible();
  });
});

test.describe('authoring 图解', () => {
  test('an editor builds a flow with a live preview; a bad spec is refused naming the field', async ({ page, browser }) => {
    await page.goto('/staff/login');
    await page.getByLabel('用户名').fill('bianji');
    await page.getByLabel('密码').fill('Gongkai-Demo-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('main').getByRole('link', { name: '图解', exact: true }).click();
    await page.getByRole('link', { name: '新建流程图' }).click();
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1, name: '新建流程图' })).toBeVisible();

    // Typing draws the preview on the server, live.
    await page.getByLabel('图解标题').fill('年度核验流程');
    const steps = page.getByRole('group', { name: /第 \d 个步骤/ });
    await steps.nth(0).getByLabel('步骤名称').fill('提交年度报告');
    await steps.nth(1).getByLabel('步骤名称').fill('审核');
    const preview = page.getByRole('region', { name: '预览' });
    await expect(preview.getByRole('img', { name: /年度核验流程/ })).toBeVisible();
    await expect(preview).toContainText('提交年度报告');
    await expectNoAxeViolations(page);

    // A row is added and moved up; what was typed stays.
    await page.getByRole('button', { name: '添加步骤' }).click();
    await page.getByRole('group', { name: '第 3 个步骤' }).getByLabel('步骤名称').fill('公示结果');
    await page.getByRole('group', { name: '第 3 个步骤' }).getByRole('button', { name: '上移' }).click();
    await expect(page.getByRole('group', { name: '第 2 个步骤' }).getByLabel('步骤名称')).toHaveValue('公示结果');

    // Saving without the item it belongs to is refused, naming the field.
    await page.getByRole('button', { name: '保存' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('请填写图解所附稿件的编号');
    await summary.getByRole('link', { name: /请填写图解所附稿件的编号/ }).click();
    await expect(page.getByLabel('所附稿件编号')).toBeFocused();
    await expect(page.getByLabel('图解标题')).toHaveValue('年度核验流程');
    await page.getByLabel('所附稿件编号').fill('1');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存并送交保密审查')).toBeVisible();
    await expect(page.getByRole('group', { name: '第 3 个步骤' }).getByLabel('步骤名称')).toHaveValue('审核');

    // Not public until a reviewer approves it.
    await page.goto('/articles/1');
    await expect(page.getByRole('img', { name: /年度核验流程/ })).toHaveCount(0);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const reviewer = await context.newPage();
    await reviewer.goto('/staff/login');
    await reviewer.getByLabel('用户名').fill('shenhe');
    await reviewer.getByLabel('密码').fill('Gongkai-Demo-2026');
    await reviewer.getByRole('button', { name: '登录' }).click();
    await reviewer
      .getByRole('region', { name: '待审核的图解' })
      .getByRole('link', { name: '年度核验流程' })
      .click();
    await expect(reviewer.getByRole('heading', { level: 1, name: '图解审核：年度核验流程' })).toBeVisible();
    await expect(reviewer.getByRole('img', { name: /年度核验流程/ })).toBeVisible();
    await expectNoAxeViolations(reviewer);
    await reviewer.getByLabel('审核意见').fill('经保密审查，同意公开。');
    await reviewer.getByRole('button', { name: '同意公开' }).click();
    await expect(reviewer.getByText('审核通过，图解已公开')).toBeVisible();
    await context.close();
    await page.goto('/articles/1');
    await expect(page.getByRole('img', { name: /年度核验流程/ }).first()).toBeVisible();
  });
});
