/*
 * End-to-end tests run in Debian's Chromium (/usr/bin/chromium), never a browser that
 * Playwright downloads: this machine cannot download browsers. Override the binary with
 * PLAYWRIGHT_CHROMIUM_PATH, or point at an already running portal with PLAYWRIGHT_URL.
 */
import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 120_000,

  expect: {
    timeout: 30_000,
  },

  // Start the frontend dev server and the backend (embedded SQLite, demo catalog)
  // unless the tests target a portal that is already running.
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'yarn start app',
          url: 'http://localhost:3000',
          reuseExistingServer: !process.env.CI,
          timeout: 600_000,
        },
        {
          command: 'yarn start backend',
          url: 'http://localhost:7007/.backstage/health/v1/readiness',
          reuseExistingServer: !process.env.CI,
          timeout: 300_000,
        },
      ],

  forbidOnly: !!process.env.CI,

  retries: process.env.CI ? 1 : 0,

  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
    ['json', { outputFile: 'test-results/e2e.json' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      launchOptions: {
        executablePath: chromiumPath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    },
  })),
});
