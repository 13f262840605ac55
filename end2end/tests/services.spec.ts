import { test, expect } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

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
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['作品著作权登记']);

  await page.goto('/services');
  await page.getByLabel('事项名称或编码').fill('印刷');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('link', { name: /印刷经营许可/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /印刷经营许可/ })).toBeVisible();
  await expect(page.getByText('《印刷业管理条例》第九条、第十一条', { exact: false })).toBeVisible();
  await expect(page.getByRole('img', { name: /办理流程图：第1步 提交申请/ })).toBeVisible();
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
    const flow = page.getByRole('img', { name: /电影放映单位设立审批办理流程图/ });
    const box = await flow.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.width).toBeLessThanOrEqual(360);
    // The steps as text too, and the phone numbers can be called.
    await expect(page.getByRole('listitem').filter({ hasText: '实地核查' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: '0591-87654321' })).toHaveAttribute('href', 'tel:059187654321');
    await expectNoAxeViolations(page);
  });
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalogue filters with a GET form and a bad theme is explained', async ({ page }) => {
    await page.goto('/services');
    await page.getByLabel('事项名称或编码').fill('登记');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(['作品著作权登记']);

    await page.goto('/services?theme=' + encodeURIComponent('体育') + '&q=' + encodeURIComponent('许可'));
    await expect(page.getByRole('alert')).toContainText('没有“体育”这个主题');
    await expect(page.getByLabel('事项名称或编码')).toHaveValue('许可');
  });
});
