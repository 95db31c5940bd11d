import { test, expect } from '@playwright/test';
import { fileRequest } from './helpers';

// What JavaScript adds: these run in the hydrated project only.
test.beforeEach(({}, info) => {
  test.skip(info.project.use.javaScriptEnabled === false, 'needs JavaScript');
});

test('the draft survives a reload and is cleared once filed', async ({ page }) => {
  await page.goto('/requests/new');
  await page.getByLabel('Your name').fill('Robin Draft');
  await page.getByLabel('Subject').fill('Draft subject');
  await page.getByLabel('What happened?').fill('A long story that a dropped connection must not eat.');
  await expect(page.locator('.draft-status')).toContainText('Draft saved');
  const key = await page.locator('input[name=submission_key]').inputValue();

  await page.reload();
  await expect(page.locator('.draft-status')).toContainText('restored');
  await expect(page.getByLabel('Your name')).toHaveValue('Robin Draft');
  await expect(page.getByLabel('What happened?')).toHaveValue('A long story that a dropped connection must not eat.');
  await expect(page.locator('input[name=submission_key]')).toHaveValue(key);

  await page.getByLabel('Email address').fill('robin.draft@example.com');
  await page.getByLabel('What is it about?').selectOption('billing');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('heading', { name: 'Request filed' })).toBeVisible();
  // The Copy button shows once the page's islands have hydrated (and the draft is cleared).
  await expect(page.getByRole('button', { name: 'Copy code' })).toBeVisible();
  await page.goto('/requests/new');
  await expect(page.getByLabel('Your name')).toHaveValue('');
  await expect(page.locator('.draft-status')).toHaveText('');
});

test('islands hydrate without errors or warnings; the code field checks as you type', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

  const code = await fileRequest(page, 'Hydration check');
  await expect(page.getByRole('button', { name: 'Copy code' })).toBeVisible();
  await page.goto(`/track/${code}`);
  await expect(page.getByRole('button', { name: 'Copy code' })).toBeVisible();

  await page.goto('/track');
  const field = page.getByLabel('Tracking code');
  await field.pressSequentially(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
  await expect(page.locator('.live')).toContainText('typo');
  await field.fill('');
  await field.pressSequentially(code.toLowerCase());
  await expect(page.locator('.live')).toContainText('looks right');
  expect(problems).toEqual([]);
});
