// Manual check, not part of ./mvnw verify (it needs a browser): logs in through a service's
// Swagger UI Authorize button (oauth2 scheme, Keycloak, authorization code with PKCE) as a demo
// user and calls GET /v1/me from Swagger UI. See ../README.md.
const { chromium } = require('playwright-core');

(async () => {
  const service = process.argv[2] || 'http://localhost:8081';
  const user = process.env.OPENPBR_USER || 'clinician.rx1';
  const password = process.env.OPENPBR_PASSWORD || 'openpbr-demo';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(service + '/q/swagger-ui/');
  await page.click('button.authorize');
  const schemes = await page.locator('.auth-container h4').allInnerTexts();
  console.log('schemes offered:', schemes.join(' | '));
  const popupOpened = context.waitForEvent('page');
  await page.locator('.auth-container').filter({ hasText: 'oauth2' }).locator('button.authorize').click();
  const login = await popupOpened;
  await login.waitForLoadState();
  console.log('login page:', login.url().split('?')[0]);
  await login.fill('#username', user);
  await login.fill('#password', password);
  await login.click('#kc-login');
  await login.waitForEvent('close', { timeout: 30000 });
  await page.locator('.auth-container button:has-text("Logout")').first().waitFor({ timeout: 15000 });
  await page.click('button.close-modal');
  const operation = '#operations-Caller-getCaller';
  await page.click(operation + ' button.opblock-summary-control');
  await page.click(operation + ' button.try-out__btn');
  await page.click(operation + ' button.execute');
  const status = page.locator(operation + ' .live-responses-table tbody .response-col_status').first();
  await status.waitFor();
  const code = (await status.innerText()).trim();
  const body = await page.locator(operation + ' .live-responses-table .microlight').first().innerText();
  console.log('GET /v1/me:', code, body.replace(/\s+/g, ' ').slice(0, 160));
  await browser.close();
  if (code !== '200' || !body.includes('"username": "' + user + '"')) {
    process.exit(1);
  }
})().catch((e) => { console.error('FAILED:', e.message); process.exit(1); });
