import { expect, Page, Browser } from '@playwright/test';

export type Account = { email: string; password: string };

export const staff: Account = {
  email: process.env.E2E_STAFF_EMAIL ?? 'e2e-agent@waybill.example',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
};

export const editor: Account = {
  email: process.env.E2E_EDITOR_EMAIL ?? 'e2e-editor@waybill.example',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
};

/** Fills and sends the filing form; returns the tracking code shown on the success page. */
export async function fileRequest(page: Page, subject: string, email = 'e2e.customer@example.com'): Promise<string> {
  await page.goto('/requests/new');
  await page.getByLabel('Your name').fill('Robin Example');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('What is it about?').selectOption('billing');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('What happened?').fill('My invoice shows 120 EUR but I was quoted 100 EUR.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('heading', { name: 'Request filed' })).toBeVisible();
  const code = (await page.locator('#tracking-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return code;
}

/** A separate browser context signed in as staff. */
export async function staffPage(browser: Browser, javaScriptEnabled: boolean, who: Account = staff): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/login/);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Open requests' })).toBeVisible();
  return page;
}
