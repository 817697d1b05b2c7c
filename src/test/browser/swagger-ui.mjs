// Opens Swagger UI on a running gateway (sandbox profile) as a new user would: authorizes with the demo key, then
// runs "Try it out" -> "Execute" on each of the four data operations WITHOUT touching a field, so that the
// documented defaults (examples) are what is sent. Each must answer 200 with data. Saves a screenshot.
// Usage: node swagger-ui.mjs <baseUrl> <apiKey> <screenshotPath>
import { chromium } from 'playwright-core';

const [baseUrl, apiKey, screenshot] = process.argv.slice(2);
if (!baseUrl || !apiKey || !screenshot) {
  console.error('usage: node swagger-ui.mjs <baseUrl> <apiKey> <screenshotPath>');
  process.exit(2);
}

// The example employee of the API document: JavaScript must not have rounded it (7383310440851843000).
const EXAMPLE_EMPLOYEE = '7383310440851843102';

// Operation block id (tag and operationId) and what a body with data holds. The list is tried with its example ids
// (two employees) and limit 20, so both come back on one page.
const OPERATIONS = [
  { id: 'operations-Leave_balances-leaveBalances', data: (body) => body.employees?.length === 2
      && body.employees[0].balances?.length > 0 && body.nextCursor === undefined
      && body.employees.some((employee) => employee.employeeId === EXAMPLE_EMPLOYEE) },
  { id: 'operations-Leave_balances-employeeLeaveBalances', data: (body) => body.employeeId === EXAMPLE_EMPLOYEE
      && body.balances?.length > 0 },
  { id: 'operations-Expiring_grants-expiringGrants', data: (body) => body.employeeId === EXAMPLE_EMPLOYEE
      && body.grants?.length > 0 },
  { id: 'operations-Expiring_grants-allExpiringGrants', data: (body) => body.employeeId === EXAMPLE_EMPLOYEE
      && body.grants?.length > 0 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  page.setDefaultTimeout(30000);
  await page.goto(`${baseUrl}/swagger-ui.html`);
  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.modal-ux');
  const dialogText = await dialog.innerText();
  if (!dialogText.includes('gateway.security.api-keys.<team>')) {
    failures.push(`Authorize dialog lost its text: ${dialogText.slice(0, 300)}`);
  }
  await dialog.locator('input[type="text"], input[type="password"]').first().fill(apiKey);
  await dialog.locator('.auth-btn-wrapper button.authorize').click();
  await dialog.locator('.auth-btn-wrapper button.btn-done').click();

  for (const { id, data } of OPERATIONS) {
    const operation = page.locator(`#${id}`);
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.responses-table.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    const code = (await status.innerText()).trim();
    const text = await operation.locator('.responses-table.live-responses-table .microlight').first().innerText();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    if (code !== '200' || !data(body)) {
      failures.push(`${id}: Execute with the defaults answered ${code}: ${text.slice(0, 400)}`);
    } else {
      console.log(`${id}: Execute with the defaults answered ${code} with data`);
    }
  }
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
if (failures.length > 0) {
  failures.forEach((failure) => console.error(failure));
  process.exit(1);
}
console.log(`Swagger UI: all ${OPERATIONS.length} operations answered 200 with data; screenshot ${screenshot}`);
