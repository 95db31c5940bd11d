import { test, expect } from '@playwright/test';
import { fileRequest, staffPage } from './helpers';

test('a resolved request asks how we did; a low rating waits in the staff queue until followed up', async ({ page, browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const subject = `Rating check (${info.project.name})`;
  const code = await fileRequest(page, subject);
  await page.goto(`/track/${code}`);
  await expect(page.getByRole('heading', { name: 'How did we do?' })).toHaveCount(0);

  // Staff resolve it.
  const staff = await staffPage(browser, js);
  await staff.goto(`/staff/requests/${code}`);
  await staff.getByLabel('New stage').selectOption('resolved');
  await staff.getByLabel('Note to the customer (public)').fill('We corrected the invoice.');
  await staff.getByRole('button', { name: 'Update stage' }).click();
  await expect(staff.getByRole('status')).toContainText('Stage updated');

  // The customer rates it from the tracking page: one choice, their email, one button.
  await page.reload();
  const box = page.locator('#rating');
  await expect(box.getByRole('heading', { name: 'How did we do?' })).toBeVisible();
  await box.getByLabel('2 · Poor').check();
  await box.getByLabel('Anything to add? (optional)').fill('It took three weeks.');
  await box.getByLabel('Email address you filed with').fill('not.me@example.com');
  await box.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.locator('#rating .error-summary')).toContainText('not the email address');
  await expect(page.locator('#rating').getByLabel('2 · Poor')).toBeChecked();
  await expect(page.locator('#rating').getByLabel('Anything to add? (optional)')).toHaveValue('It took three weeks.');
  await page.locator('#rating').getByLabel('Email address you filed with').fill('e2e.customer@example.com');
  await page.locator('#rating').getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you for telling us');
  await expect(page.locator('#rating')).toContainText('You rated this request 2 of 5');

  // Staff see it to follow up, with the comment, and mark it done.
  await staff.goto('/staff');
  const follow = staff.locator('#follow-up li', { hasText: subject });
  await expect(follow).toContainText('Rated 2 of 5');
  await expect(follow).toContainText('It took three weeks.');
  await follow.getByRole('button', { name: 'Followed up' }).click();
  await expect(staff.locator('#follow-up li', { hasText: subject })).toHaveCount(0);
  await staff.context().close();
});

test('a customer publishes a testimonial with consent; staff approve it; it shows; the customer withdraws it', async ({ page, browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const subject = `Testimonial check (${info.project.name})`;
  const words = `Sorted in no time (${info.project.name}) <b>really</b>`;
  const code = await fileRequest(page, subject);
  const staff = await staffPage(browser, js);
  await staff.goto(`/staff/requests/${code}`);
  await staff.getByLabel('New stage').selectOption('resolved');
  await staff.getByRole('button', { name: 'Update stage' }).click();
  await expect(staff.getByRole('status')).toContainText('Stage updated');

  await page.goto(`/track/${code}`);
  const box = page.locator('#rating');
  await box.getByLabel('5 · Excellent').check();
  await box.getByLabel('Anything to add? (optional)').fill(words);
  await box.getByLabel('Publish my comment as a testimonial').check();
  await box.getByLabel('Robin', { exact: true }).check();
  await box.getByLabel('Email address you filed with').fill('e2e.customer@example.com');
  await box.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you for telling us');

  // Nothing is public until staff approve it.
  await page.goto('/testimonials');
  await expect(page.locator('body')).not.toContainText(words);
  await staff.goto('/staff/testimonials');
  await staff.getByRole('article', { name: `Testimonial for ${code}` }).getByRole('button', { name: 'Approve' }).click();
  await expect(staff.getByRole('status')).toContainText('Approved');

  // Public, in the customer's words and with the name they chose, on both pages.
  await page.goto('/testimonials');
  const card = page.locator('.testimonial', { hasText: words });
  await expect(card).toContainText('Robin');
  await expect(card).not.toContainText('Robin E.');
  await expect(card).toContainText('Verified: request resolved in');
  await expect(page.locator('.lede')).toContainText('published or not');
  await page.goto('/');
  await expect(page.locator('.testimonial', { hasText: words })).toBeVisible();

  // Withdrawn with the code and email: gone from every page at once.
  await page.goto('/testimonials');
  await page.getByLabel('Tracking code').fill(code);
  await page.getByLabel('Email address you filed with').fill('e2e.customer@example.com');
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByRole('status')).toContainText('withdrawn');
  await expect(page.locator('body')).not.toContainText(words);
  await page.goto('/');
  await expect(page.locator('body')).not.toContainText(words);
  await staff.context().close();
});
