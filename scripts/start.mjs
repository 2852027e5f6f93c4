// `npm start`: the emulator with the demo data, serving the example apps: React at `/`,
// Vue at `/vue/`. It builds the package when dist/ is missing or older than src/ (a fresh
// clone after `npm install` has it from `prepare`), bundles both examples with esbuild
// (the Vue one into the React one's `vue/` sub-folder, as the emulator serves one folder),
// writes the demo users' tokens beside each page, and runs the emulator CLI with --static
// on a free port.
// Extra arguments go to the CLI (e.g. `npm start -- --persist .emulator-data/state.json`);
// `--port N` (or PORT=N) picks the port, default 3030 or the next free one.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cli = join(dist, 'emulator', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const marker = join(dist, 'index.js');
  for (const file of [cli, marker, join(dist, 'react', 'index.js'), join(dist, 'vue', 'index.js')]) if (!existsSync(file)) return true;
  return newestMtime(join(root, 'src')) > statSync(marker).mtimeMs;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(wanted, explicit) {
  if (explicit || (await portIsFree(wanted))) return wanted;
  for (let port = wanted + 1; port < wanted + 50; port++) if (await portIsFree(port)) return port;
  return 0;
}

const args = process.argv.slice(2);
let explicitPort = process.env.PORT;
const portAt = args.indexOf('--port');
if (portAt >= 0) {
  explicitPort = args[portAt + 1];
  args.splice(portAt, 2);
}
const port = await choosePort(Number(explicitPort ?? 3030), explicitPort !== undefined);

if (needsBuild()) {
  console.log('building chatstore into dist/ …');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

const emulator = await import(pathToFileURL(join(dist, 'emulator', 'index.js')).href);
const { buildReactChat } = await import(pathToFileURL(join(root, 'examples', 'react-chat', 'build.mjs')).href);
const apiKey = emulator.DEFAULT_API_KEY;
const secret = emulator.DEFAULT_SECRET;
const users = await Promise.all(
  (emulator.demoSeed().users ?? []).map(async (u) => ({ id: u.id, name: u.name ?? u.id, token: await emulator.createUserToken(secret, u.id) })),
);
const { buildVueChat } = await import(pathToFileURL(join(root, 'examples', 'vue-chat', 'build.mjs')).href);
const outDir = await buildReactChat({ outDir: join(root, 'examples', 'react-chat', 'dist'), config: { apiKey, users } });
// Each page fetches demo-config.json beside itself, so the Vue app gets its own copy.
await buildVueChat({ outDir: join(outDir, 'vue'), config: { apiKey, users } });

const child = spawn(
  process.execPath,
  [cli, '--seed', 'demo', '--port', String(port), '--static', outDir, '--api-key', apiKey, '--secret', secret, ...args],
  { stdio: ['inherit', 'pipe', 'inherit'] },
);
child.stdout.setEncoding('utf8');
child.stdout.on('data', (text) => {
  process.stdout.write(text);
  const match = /listening on (http:\/\/\S+)/.exec(text);
  if (match) {
    const url = match[1].replace(/\/$/, '');
    console.log('\nThe example app (open two users in two tabs to chat):');
    for (const u of users) console.log(`  ${u.name.padEnd(14)} ${url}/?user=${u.id}`);
    console.log(`  picker         ${url}/`);
    console.log('\nThe same app in Vue:');
    for (const u of users) console.log(`  ${u.name.padEnd(14)} ${url}/vue/?user=${u.id}`);
    console.log(`  picker         ${url}/vue/\nStop with Ctrl+C.`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
