import { test, expect, Page } from '@playwright/test';
import { customerPage, staffPage } from './helpers';

/** Approves the queued post whose text contains `text`, as staff. */
async function approve(staff: Page, text: string) {
  await staff.goto('/staff/moderation');
  const item = staff.locator('.moderation-item', { hasText: text });
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(staff.getByRole('status')).toContainText('Approved');
}

test('customers ask and answer; new posts wait for moderation; votes and the accepted answer', async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const run = `${info.project.name}-${Date.now()}`;
  const title = `How do I add a photo to my request? (${run})`;
  const asker = await customerPage(browser, js, `Asker ${run}`, `asker-${run}@example.com`);
  const problems: string[] = [];
  asker.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  asker.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });

  // Ask, with a preview first.
  await asker.getByRole('link', { name: 'Ask a question' }).click();
  await asker.getByLabel('Your question, in one line').fill(title);
  const body = 'I took a **photo** of the damage. <script>alert(1)</script>';
  await asker.getByLabel('Details (Markdown)').fill(body);
  await asker.getByLabel('Tags (optional)').fill('photos');
  const preview = asker.locator('#preview-body');
  if (js) {
    await expect(preview.locator('strong')).toHaveText('photo');
  } else {
    await asker.getByRole('button', { name: 'Preview' }).click();
    await expect(preview.locator('strong')).toHaveText('photo');
    await expect(asker.getByLabel('Details (Markdown)')).toHaveValue(body);
  }
  await asker.getByRole('button', { name: 'Post your question' }).click();
  await expect(asker.getByRole('status')).toContainText('wait for a moderator');
  await expect(asker.getByRole('heading', { name: title })).toBeVisible();
  const questionUrl = asker.url().split('?')[0];

  // Nobody else sees it until staff approve it.
  const answerer = await customerPage(browser, js, `Helper ${run}`, `helper-${run}@example.com`);
  const res = await answerer.goto(questionUrl);
  expect(res!.status()).toBe(404);
  const staff = await staffPage(browser, js);
  await approve(staff, title);

  // Another customer answers (also new: moderated too) and is upvoted and accepted.
  await answerer.goto(questionUrl);
  await answerer.getByLabel('Answer (Markdown)').fill('Reply on the tracking page and attach it there.');
  await answerer.getByRole('button', { name: 'Post your answer' }).click();
  await expect(answerer.getByRole('status')).toContainText('wait for a moderator');
  await approve(staff, 'attach it there');

  await asker.goto(questionUrl);
  const answer = asker.getByRole('article', { name: 'Answer' });
  await expect(answer).toContainText('attach it there');
  await expect(answer).toContainText(`Helper ${run}`);
  await answer.getByRole('button', { name: 'Vote answer up' }).click();
  await expect(asker.getByRole('article', { name: 'Answer' }).locator('.score')).toHaveText('1');
  await expect(asker.getByRole('article', { name: 'Answer' }).getByRole('button', { name: 'Vote answer up' })).toHaveAttribute('aria-pressed', 'true');
  await asker.getByRole('article', { name: 'Answer' }).getByRole('button', { name: 'Accept this answer' }).click();
  await expect(asker.getByRole('article', { name: 'Answer' })).toContainText('Accepted answer');
  // The answerer's reputation shows it: 10 for the upvote, 15 for the accept.
  await expect(asker.getByRole('article', { name: 'Answer' }).locator('.rep')).toHaveText('(25 reputation)');

  // The question is listed, answered, and its markup stayed text.
  await asker.goto('/community');
  const row = asker.locator('.question-row', { hasText: title });
  await expect(row).toContainText('1 answer');
  await asker.goto(questionUrl);
  await expect(asker.getByRole('article', { name: 'Question' })).toContainText('<script>alert(1)</script>');
  // Hydration must be clean. (Without JavaScript nothing runs; Chromium may only warn that
  // the preloaded wasm went unused, which says nothing about the page.)
  if (js) expect(problems).toEqual([]);
});
