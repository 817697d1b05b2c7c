// Opens Swagger UI on a running gateway (sandbox profile), authorizes with the demo key, runs "Try it out" on
// GET /api/v1/leave-balances and checks that balances come back. Saves a screenshot.
// Usage: node swagger-ui.mjs <baseUrl> <apiKey> <screenshotPath> [employeeId]
import { chromium } from 'playwright-core';

const [baseUrl, apiKey, screenshot, employeeId = '7383310440851843102'] = process.argv.slice(2);
if (!baseUrl || !apiKey || !screenshot) {
  console.error('usage: node swagger-ui.mjs <baseUrl> <apiKey> <screenshotPath>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  page.setDefaultTimeout(30000);
  await page.goto(`${baseUrl}/swagger-ui.html`);
  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.modal-ux');
  await dialog.locator('input[type="text"], input[type="password"]').first().fill(apiKey);
  await dialog.locator('.auth-btn-wrapper button.authorize').click();
  await dialog.locator('.auth-btn-wrapper button.btn-done').click();

  const operation = page.locator('#operations-Leave_balances-leaveBalances');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  // One employee of the sandbox (the documented example); without ids the call would export all 1,200.
  const ids = operation.locator('tr[data-param-name="employeeIds"]');
  await ids.getByRole('button', { name: /Add string item/ }).click();
  await ids.locator('input').first().fill(employeeId);
  await operation.getByRole('button', { name: 'Execute' }).click();

  const status = operation.locator('.responses-table.live-responses-table tbody .response-col_status').first();
  await status.waitFor();
  const code = (await status.innerText()).trim();
  const body = await operation.locator('.responses-table.live-responses-table .microlight').first().innerText();
  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot, fullPage: true });
  if (code !== '200' || !body.includes('"balances"') || !body.includes('"leaveTypeId"')) {
    console.error(`Try it out answered ${code}: ${body.slice(0, 500)}`);
    process.exit(1);
  }
  console.log(`Swagger UI: Try it out on leave-balances answered ${code} with balances; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
