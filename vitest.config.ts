import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by name, as an app would; they run against the sources.
    alias: [
      { find: /^chatstore$/, replacement: src('index.ts') },
      { find: /^chatstore\/react$/, replacement: src('react/index.ts') },
      { find: /^chatstore\/vue$/, replacement: src('vue/index.ts') },
      { find: /^chatstore\/emulator$/, replacement: src('emulator/index.ts') },
    ],
  },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The browser test (test/e2e) runs after the others, alone: Chromium beside the
    // property tests on a small machine would slow both past their timeouts.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ['test/e2e/**'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // One file at a time, each with its own emulator; the apps' build and one Chromium are
        // shared by all of them (test/e2e/globalSetup.ts). Each feature adds its own file.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          fileParallelism: false,
          // The files share one module cache: playwright-core and the emulator load once, not
          // once per file. Each file's state is its own harness (useHarness starts and closes it).
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
