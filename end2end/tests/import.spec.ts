import { test, expect } from './fixtures';
import type { Locator } from '@playwright/test';
import { auditIf as audit, expectNoOverflow as noOverflow, staffOnPhone, staffSignedIn } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A 公文 made by `gongkai::content::docx::sample::notice_with_image` (红头,
// 文号, a table with a merged cell, an image, a comment); tests/import.rs
// checks the file still imports as that sample does.
const NOTICE = readFileSync(join(__dirname, '..', 'fixtures', 'notice-with-image.docx'));
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// What Word 2016 puts on the clipboard for a 公文 excerpt (src/content/docx/html/tests.rs
// checks what it becomes): styles in the head, list labels in conditional comments,
// a table with merged cells, an image on the writer's disk, links.
const WORD_HTML = readFileSync(join(__dirname, '..', 'fixtures', 'word-clipboard.html'), 'utf8');

/** A paste into `target` carrying `html` and `plain`, as a browser fires it. */
async function paste(target: Locator, html: string, plain: string) {
  await target.evaluate(
    (t, [html, plain]) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', plain);
      t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, plain],
  );
}

for (const [device, javaScriptEnabled] of [['desktop', true], ['phone', true], ['phone', false]] as const) {
  test(`an editor imports a Word 公文, checks it and sends it for review (${device}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const staff =
      device === 'phone'
        ? await staffOnPhone(browser, 'bianji', javaScriptEnabled)
        : await staffSignedIn(browser, 'bianji', javaScriptEnabled);
    const page = staff.page;
    await page.goto('/disclosure/policy/new');
    await expect(page.getByRole('group', { name: '从 Word/WPS 文档导入' })).toBeVisible();
    await audit(page, javaScriptEnabled);

    // Not a Word document: a clear refusal, nothing saved.
    await page.getByLabel('选择文档（.docx）').setInputFiles({ name: '方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: '导入文档' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新建政策文件' })).toBeVisible();
    await expect(page.locator('#docx-error')).toContainText('这不是 Word 文档（.docx）');

    await page.getByLabel('选择文档（.docx）').setInputFiles({ name: '报送通知.docx', mimeType: DOCX, buffer: NOTICE });
    await expect(page.getByLabel('同时把原文件作为附件保留')).toBeChecked();
    await page.getByRole('button', { name: '导入文档' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已从 Word 文档导入并保存为草稿' })).toBeVisible();

    // The fields read from the 公文, for the editor to confirm.
    await expect(page.getByLabel('标题', { exact: true })).toHaveValue('关于报送政务公开工作进展情况的通知');
    await expect(page.getByLabel('发文字号')).toHaveValue('闽新广〔2016〕15号');
    await expect(page.getByLabel('成文日期')).toHaveValue('2016-06-01');
    await expect(page.getByLabel('发布机构')).toHaveValue('福建省新闻出版广电局');
    const notes = page.getByRole('note').filter({ hasText: '从 Word 导入时未能原样保留的内容' });
    await expect(notes).toContainText('批注不会导入');
    await expect(page.getByLabel('正文', { exact: true })).toHaveValue(/## 一、报送事项/);
    await expect(page.getByText('报送通知.docx')).toBeVisible();
    await expect(page.getByText('报送通知-图1.png')).toBeVisible();

    // The preview is what the public page will show: heading, merged cell, the image itself.
    if (!javaScriptEnabled) await page.getByRole('button', { name: '预览', exact: true }).click();
    const preview = javaScriptEnabled
      ? page.getByRole('region', { name: '预览', exact: true })
      : page.getByRole('region', { name: '预览（未保存）' });
    if (device === 'phone' && javaScriptEnabled) await page.getByRole('tab', { name: '预览', exact: true }).click();
    await expect(preview.getByRole('heading', { name: '一、报送事项' })).toBeVisible();
    await expect(preview.locator('td[colspan="2"]')).toHaveText('全年');
    const image = preview.getByRole('img', { name: '图1' });
    await expect(image).toBeVisible();
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    if (device === 'phone') await noOverflow(page);
    await audit(page, javaScriptEnabled);

    await page.getByRole('button', { name: '送审' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已送审' })).toBeVisible();
    await staff.context.close();
  });
}

test('the reviewer sees what the import could not carry, and the published page shows the image', async ({ browser, page }) => {
  const editor = await staffOnPhone(browser, 'bianji', true);
  await editor.page.goto('/disclosure/policy/new');
  await editor.page.getByLabel('选择文档（.docx）').setInputFiles({ name: '审核用.docx', mimeType: DOCX, buffer: NOTICE });
  await editor.page.getByLabel('同时把原文件作为附件保留').uncheck();
  await editor.page.getByRole('button', { name: '导入文档' }).click();
  await expect(editor.page.getByRole('status').filter({ hasText: '已从 Word 文档导入' })).toBeVisible();
  await expect(editor.page.getByText('审核用.docx')).toHaveCount(0);
  await editor.page.getByRole('button', { name: '送审' }).click();
  await expect(editor.page.getByRole('status').filter({ hasText: '已送审' })).toBeVisible();
  const id = new URL(editor.page.url()).pathname.split('/')[2];
  await editor.context.close();

  const reviewer = await staffOnPhone(browser, 'shenhe', true);
  await reviewer.page.goto(`/articles/${id}/review`);
  await expect(reviewer.page.getByRole('note').filter({ hasText: '从 Word 导入时未能原样保留的内容' })).toContainText('批注不会导入');
  await expect(reviewer.page.getByRole('img', { name: '图1' })).toBeVisible();
  await reviewer.page.getByLabel('审核意见').fill('经保密审查，同意发布。');
  await reviewer.page.getByRole('button', { name: '同意发布' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: '审核通过' })).toBeVisible();
  await reviewer.context.close();

  await page.goto(`/articles/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: '关于报送政务公开工作进展情况的通知' })).toBeVisible();
  const image = page.getByRole('img', { name: '图1' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  await expect(page.getByText('闽新广〔2016〕15号').first()).toBeVisible();
});

test('the toolbar formats the body from the keyboard and the preview follows; without JavaScript it is not offered', async ({ browser }) => {
  const staff = await staffOnPhone(browser, 'bianji', true);
  const page = staff.page;
  await page.goto('/disclosure/notice/new');
  await expect(page.locator('.app-editor[data-live="true"]')).toBeAttached();
  const tools = page.getByRole('group', { name: '正文格式' });
  await expect(tools).toBeVisible();
  const body = page.getByLabel('正文', { exact: true });
  await body.fill('总体要求\n请按时报送');
  // The cursor on the first line: 标题 makes it a heading, by keyboard.
  await body.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(1, 1));
  await tools.getByRole('button', { name: '标题', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(body).toHaveValue('## 总体要求\n请按时报送');
  // 按时 selected, 加粗 wraps it; the cursor is back in the body.
  await body.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(t.value.indexOf('按时'), t.value.indexOf('按时') + 2));
  await tools.getByRole('button', { name: '加粗' }).focus();
  await page.keyboard.press('Space');
  await expect(body).toHaveValue('## 总体要求\n请**按时**报送');
  await expect(body).toBeFocused();
  await tools.getByRole('button', { name: '表格' }).click();
  await expect(body).toHaveValue(/\| 项目 \| 内容 \|\n\| --- \| --- \|/);
  await page.getByRole('tab', { name: '预览', exact: true }).click();
  const preview = page.getByRole('region', { name: '预览', exact: true });
  await expect(preview.getByRole('heading', { name: '总体要求' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('按时');
  await expect(preview.getByRole('table')).toBeVisible();
  await noOverflow(page);
  await audit(page, true);
  await staff.context.close();

  const plain = await staffOnPhone(browser, 'bianji', false);
  await plain.page.goto('/disclosure/notice/new');
  await expect(plain.page.getByRole('group', { name: '正文格式' })).toBeHidden();
  await plain.context.close();
});

for (const device of ['desktop', 'phone'] as const) {
  test(`an editor pastes from Word and gets headings, lists, the merged table and links in the body format (${device})`, async ({ browser }) => {
    const staff = device === 'phone' ? await staffOnPhone(browser, 'bianji', true) : await staffSignedIn(browser, 'bianji', true);
    const page = staff.page;
    await page.goto('/disclosure/notice/new');
    await expect(page.locator('.app-editor[data-live="true"]')).toBeAttached();
    await expect(page.getByText('从 Word/WPS 或网页粘贴时保留标题、加粗、列表和表格')).toBeVisible();
    await page.getByLabel('标题', { exact: true }).fill('关于做好政务公开工作的通知');
    const body = page.getByLabel('正文', { exact: true });
    await body.fill('各处室：');
    await body.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(t.value.length, t.value.length));

    await paste(body, WORD_HTML, '为贯彻落实……');
    const status = page.getByRole('status').filter({ hasText: '已粘贴' });
    await expect(status).toContainText('1 张图片未带入');
    const value = await body.inputValue();
    expect(value).toMatch(/^各处室：\n\n为贯彻落实《中华人民共和国政府信息公开条例》，现就做好政务公开工作通知如下。\n\n## 一、总体要求\n\n/);
    expect(value).toContain('- 权力清单\n    - 行政许可');
    expect(value).toContain('<td rowspan="2">出版物经营许可</td>');
    expect(value).toContain('[政务公开专栏](http://www.example.gov.cn/zwgk/)');
    expect(value).not.toMatch(/Mso|mso-|o:p|file:/);
    // The cursor is after what was pasted.
    expect(await body.evaluate((t: HTMLTextAreaElement) => t.selectionStart)).toBe(await body.evaluate((t: HTMLTextAreaElement) => t.value.length));

    // The preview shows it as the public page will.
    if (device === 'phone') await page.getByRole('tab', { name: '预览', exact: true }).click();
    const preview = page.getByRole('region', { name: '预览', exact: true });
    await expect(preview.getByRole('heading', { level: 2, name: '一、总体要求' })).toBeVisible();
    await expect(preview.getByRole('listitem').filter({ hasText: '行政许可' }).last()).toBeVisible();
    await expect(preview.locator('td[rowspan="2"]')).toHaveText('出版物经营许可');
    await expect(preview.locator('th[colspan="2"]')).toHaveText('办理时限');
    await expect(preview.getByRole('link', { name: '政务公开专栏' })).toHaveAttribute('href', 'http://www.example.gov.cn/zwgk/');
    if (device === 'phone') await noOverflow(page);
    await audit(page, true);

    // What cannot be converted goes in as plain text, with a word why.
    if (device === 'phone') await page.getByRole('tab', { name: '编辑', exact: true }).click();
    await body.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(0, 0));
    await paste(body, '<p><img src="file:///C:/a.png"></p>', '（图）');
    await expect(page.getByRole('status').filter({ hasText: '没有可转换的格式，已按纯文本粘贴' })).toBeVisible();
    await expect(body).toHaveValue(/^（图）各处室：/);

    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();
    await expect(page.getByLabel('正文', { exact: true })).toHaveValue(/## 一、总体要求[\s\S]*<td rowspan="2">出版物经营许可<\/td>/);
    await staff.context.close();
  });
}
