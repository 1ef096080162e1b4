// Where the Playwright run's preview lives; shared by playwright.config.ts and the specs.
// ROLETRAY_E2E_PORT lets two checkouts run their browser tests at once on one machine.
export const PREVIEW_PORT = Number(process.env['ROLETRAY_E2E_PORT'] ?? 5200);
export const PREVIEW_AWS_DIR = '.sandbox/e2e';
export const PREVIEW_INFO = `${PREVIEW_AWS_DIR}/preview.json`;
