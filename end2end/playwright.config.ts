import { defineConfig } from '@playwright/test';

// Every spec runs twice: against a server on SQLite and one on PostgreSQL.
// Those servers hold the demo data; first-run.spec.ts runs instead against
// two servers whose databases start empty.
const engines = [
  { name: 'sqlite', engine: 'sqlite', port: 3991, mode: 'demo' },
  { name: 'postgres', engine: 'postgres', port: 3992, mode: 'demo' },
  { name: 'sqlite-empty', engine: 'sqlite', port: 3993, mode: 'empty' },
  { name: 'postgres-empty', engine: 'postgres', port: 3994, mode: 'empty' },
];
const firstRun = /first-run\.spec\.ts/;
// sms-stub.mjs listens here (start-server.sh and helpers.ts name the same port).
const smsPort = 3995;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    // Debian's chromium; Playwright never downloads a browser here.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
    locale: 'zh-CN',
    trace: 'off',
  },
  projects: engines.map(({ name, port, mode }) => ({
    name,
    use: { baseURL: `http://127.0.0.1:${port}` },
    ...(mode === 'empty' ? { testMatch: firstRun } : { testIgnore: firstRun }),
  })),
  webServer: [
    // The SMS gateway the demo servers send their notices to.
    {
      command: `node sms-stub.mjs ${smsPort}`,
      url: `http://127.0.0.1:${smsPort}/healthz`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...engines.map(({ engine, port, mode }) => ({
      command: `./start-server.sh ${engine} ${port} ${mode}`,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    })),
  ],
});
