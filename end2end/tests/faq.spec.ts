import { test, expect } from '@playwright/test';
import { editor, staffPage } from './helpers';

test('an editor writes with preview and publishes; a customer finds it by search, reads it and votes', async ({ page, browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  // A word of this run's own, so the two projects don't find each other's article.
  const word = js ? 'quokkajs' : 'wombatnojs';
  const title = `Changing the delivery address (${info.project.name})`;

  const staff = await staffPage(browser, js, editor);
  // Hydration must be clean: no errors or warnings in either console.
  const problems: string[] = [];
  for (const p of [page, staff]) {
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }
  await staff.getByRole('link', { name: 'Help articles' }).click();
  await staff.getByRole('link', { name: 'Write a new article' }).click();
  await staff.getByLabel('Title', { exact: true }).fill(title);
  await staff.getByLabel('Category', { exact: true }).fill('Deliveries');
  await staff.getByLabel('Tags', { exact: true }).fill('delivery, address');
  await staff.getByLabel('Summary', { exact: true }).fill('How to send a parcel somewhere else.');
  const body = `## Before it ships\n\nTell us the new address; our Zürich depot (${word}) reroutes it.\n\n## After it ships\n\n- [ ] Call the carrier\n\n<script>alert(1)</script>`;
  await staff.getByLabel('Article (Markdown)').fill(body);
  const preview = staff.locator('#preview-body');
  if (js) {
    // Rendered as it is typed, by the renderer that publishes.
    await expect(preview.getByRole('heading', { name: 'Before it ships' })).toBeVisible();
  } else {
    await staff.getByRole('button', { name: 'Preview' }).click();
    await expect(preview.getByRole('heading', { name: 'Before it ships' })).toBeVisible();
    await expect(staff.getByLabel('Title', { exact: true })).toHaveValue(title);
    await expect(staff.getByLabel('Article (Markdown)')).toHaveValue(body);
  }
  await expect(preview).toContainText('<script>alert(1)</script>');
  await staff.getByRole('button', { name: 'Publish' }).click();
  await expect(staff.getByRole('status')).toContainText('Published');

  // A customer searches with plain letters and finds the article.
  await page.goto('/faq');
  await expect(page.getByRole('heading', { name: 'Deliveries' })).toBeVisible();
  await page.goto('/faq/search');
  const box = page.getByLabel('Search the help articles');
  if (js) {
    await box.pressSequentially(`zurich ${word.slice(0, 6)}`);
    await expect(page.locator('#results')).toContainText(title);
    await expect(page).toHaveURL(/\/faq\/search$/); // no round trip: results as you type
  } else {
    await box.fill(`zurich ${word}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.locator('#results')).toContainText(title);
  }
  await expect(page.locator('#results mark').first()).toBeVisible();
  await page.locator('#results').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'On this page' })).toContainText('After it ships');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Deliveries');

  await page.getByLabel('Anything to add? (optional)').fill('Say how long rerouting takes.');
  await page.getByRole('button', { name: 'Yes, it helped' }).click();
  await expect(page.getByRole('status')).toContainText('Thanks for telling us');

  // The editor sees the vote and the comment.
  await staff.reload();
  await expect(staff.getByText('1 found it helpful, 0 did not.')).toBeVisible();
  await expect(staff.locator('body')).toContainText('Say how long rerouting takes.');
  await staff.context().close();
  // Without JavaScript nothing runs; Chromium may only warn that the preloaded wasm went
  // unused, which says nothing about the page.
  if (js) expect(problems).toEqual([]);
});
