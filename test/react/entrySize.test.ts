// The adapters are thin (ARCHITECTURE.md): an app loads the core entry for the client, and
// the React and Vue entries add only their hooks and composables. A core module they read
// state through once imported immer (for a self-check at load), and each adapter entry,
// bundled alone, carried all of immer: 2.4 -> 6.3 kB gzip. Bundled here the way an app's
// bundler would (esbuild, tree-shaken, rxjs and the frameworks external).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundledPackages(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['rxjs', 'react', 'react-dom', 'vue'],
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const used = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([path]) => path);
  return [...new Set(used.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1] ?? 'chatstore'))].sort();
}

describe('adapter entries', () => {
  it.each(['src/react/index.ts', 'src/vue/index.ts'])('%s bundles no package but its own code', async (entry) => {
    expect(await bundledPackages(entry)).toEqual(['chatstore']);
  });

  it('the core entry carries immer (the check above can see a package)', async () => {
    expect(await bundledPackages('src/index.ts')).toContain('immer');
  });
});
