import { test, expect } from '@playwright/test';
import { fileRequest, staffPage } from './helpers';

test('file, track, staff update with a note, the customer sees it and replies', async ({ page, browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const subject = `Invoice amount wrong (${info.project.name})`;
  const code = await fileRequest(page, subject);

  await page.getByRole('link', { name: 'Go to the tracking page' }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.locator('.stepper [aria-current="step"]')).toContainText('Received');
  await expect(page.getByRole('heading', { name: 'Expected resolution' })).toBeVisible();
  await expect(page.locator('.estimate .window')).toContainText(/between|on /);

  // Staff find it in the queue and ask the customer for something.
  const staff = await staffPage(browser, js);
  await staff.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await staff.getByLabel('New stage').selectOption('waiting_on_customer');
  await staff.getByLabel('Note to the customer (public)').fill('Please send us the quote you received.');
  await staff.getByRole('button', { name: 'Update stage' }).click();
  await expect(staff.getByRole('status')).toContainText('Stage updated');
  await staff.getByLabel('Note (staff only)').fill('Check with sales first');
  await staff.getByRole('button', { name: 'Add note' }).click();
  await expect(staff.locator('.timeline')).toContainText('Check with sales first');

  // The customer sees the update, and never the internal note.
  await page.reload();
  await expect(page.locator('.stepper [aria-current="step"]')).toContainText('Waiting on you');
  await expect(page.locator('.timeline')).toContainText('Please send us the quote you received.');
  await expect(page.locator('.callout-action')).toContainText('Waiting on you');
  await expect(page.locator('.estimate')).toContainText('Paused');
  await expect(page.locator('body')).not.toContainText('Check with sales first');

  // A wrong email is refused at its field; the message typed is kept.
  await page.getByLabel('Your email address').fill('someone.else@example.com');
  await page.getByLabel('Your message').fill('Quote attached: 100 EUR.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.locator('.error-summary')).toContainText('not the email address');
  await expect(page.getByLabel('Your message')).toHaveValue('Quote attached: 100 EUR.');
  await page.getByLabel('Your email address').fill('e2e.customer@example.com');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('status')).toContainText('your reply is in');
  await expect(page.locator('.stepper [aria-current="step"]')).toContainText('In progress');

  await staff.reload();
  await expect(staff.locator('.timeline')).toContainText('Quote attached: 100 EUR.');
  await staff.context().close();
});

test('mistakes are listed at the top and at each field, with what was typed kept', async ({ page }) => {
  await page.goto('/requests/new');
  await page.getByLabel('Your name').fill('Robin Example');
  await page.getByLabel('Email address').fill('robin-at-example');
  await page.getByLabel('What happened?').fill('A long description I do not want to type again.');
  await page.getByRole('button', { name: 'Send request' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('There is a problem');
  await expect(summary.getByRole('link', { name: /email address like/ })).toHaveAttribute('href', '#email');
  await expect(summary).toBeFocused();
  await expect(page.getByLabel('Email address')).toHaveValue('robin-at-example');
  await expect(page.getByLabel('What happened?')).toHaveValue('A long description I do not want to type again.');
  await expect(page.locator('#subject-error')).toContainText('Enter a subject.');
});

test('a mistyped code is caught before any lookup, with what was typed kept', async ({ page }) => {
  await page.goto('/track');
  await page.getByLabel('Tracking code').fill('7XKQ-3M9D-HT2B-ZW5U');
  await page.getByRole('button', { name: 'Track' }).click();
  await expect(page.locator('.error-summary')).toContainText('typo');
  await expect(page.getByLabel('Tracking code')).toHaveValue('7XKQ-3M9D-HT2B-ZW5U');
});
