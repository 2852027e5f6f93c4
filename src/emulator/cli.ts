// `chatstore-emulator --port 3030 --seed demo [--persist file.json] [--static dir]
//  [--api-key key] [--secret secret]`: starts the emulator, prints its URL, API key and a
// token for each seeded user, and runs until SIGINT/SIGTERM (writing the state file on exit).
import { parseArgs } from 'node:util';
import { demoSeed } from './demoSeed.ts';
import { startEmulator, type EmulatorOptions } from './emulator.ts';

const USAGE = `Usage: chatstore-emulator [--port 3030] [--seed demo] [--persist state.json] [--static dir]
                          [--api-key key] [--secret secret]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3030' },
      seed: { type: 'string' },
      persist: { type: 'string' },
      static: { type: 'string' },
      'api-key': { type: 'string' },
      secret: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  if (values.seed !== undefined && values.seed !== 'demo') throw new Error(`unknown --seed ${values.seed} (only "demo")`);
  const options: EmulatorOptions = { port };
  if (values.seed === 'demo') options.seed = 'demo';
  if (values.persist !== undefined) options.persistPath = values.persist;
  if (values.static !== undefined) options.staticDir = values.static;
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  if (values.secret !== undefined) options.secret = values.secret;
  const emu = await startEmulator(options);
  console.log(`chatstore emulator listening on ${emu.url}`);
  console.log(`WebSocket: ${emu.wsUrl}`);
  console.log(`API key:   ${emu.apiKey}`);
  const users = values.seed === 'demo' ? (demoSeed().users ?? []).map((u) => u.id) : [];
  for (const id of users) console.log(`token ${id}: ${await emu.createToken(id)}`);
  if (values.static !== undefined) console.log(`serving ${values.static} at ${emu.url}/`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`chatstore-emulator: ${e instanceof Error ? e.message : String(e)}`);
  console.error(USAGE);
  process.exit(1);
});
