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
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
