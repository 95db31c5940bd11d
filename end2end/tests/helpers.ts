import { expect, Page, Browser } from '@playwright/test';
import { execFileSync } from 'child_process';

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

/** The confirmation link in the newest mail to `email`, as a path: Waybill has no mail relay,
 * so it is read from the outbox with the server's own command. */
export function mailedLink(email: string): string {
  const out = execFileSync('../target/release/server', ['outbox', email], { env: process.env }).toString();
  const m = out.match(/https?:\/\/\S+?(\/account\/confirm\?token=[0-9a-f]+)/);
  if (!m) throw new Error(`no confirmation link in: ${out}`);
  return m[1];
}

/** Signs a new customer up through the form and the emailed link, in a context of its own. */
export async function customerPage(browser: Browser, javaScriptEnabled: boolean, name: string, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto('/community');
  await page.getByRole('link', { name: 'create an account' }).click();
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('violet kettle harbour');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(mailedLink(email));
  await page.getByLabel('Password').fill('violet kettle harbour');
  await page.getByRole('button', { name: 'Confirm my account' }).click();
  await expect(page.getByRole('status')).toContainText('Your account is ready');
  await expect(page.locator('.account-bar')).toContainText(`Signed in as ${name}`);
  return page;
}
