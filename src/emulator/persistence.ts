// persistPath: the state as one JSON file, loaded at start and written atomically (a
// temporary file renamed over the old one) shortly after changes and on close, so a crash
// mid-write never leaves a truncated file behind.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Backend } from './backend.ts';
import type { State } from './state.ts';

const FORMAT = 'chatstore-emulator/1';

type MapFields = 'users' | 'channels' | 'messages' | 'reactions' | 'threads' | 'polls' | 'drafts' | 'channelMutes' | 'files'
  | 'reminders' | 'devices' | 'blocks' | 'liveLocations' | 'pushPreferences' | 'ephemerals' | 'flags';
const MAPS: readonly MapFields[] = [
  'users', 'channels', 'messages', 'reactions', 'threads', 'polls', 'drafts', 'channelMutes', 'files',
  'reminders', 'devices', 'blocks', 'liveLocations', 'pushPreferences', 'ephemerals', 'flags',
];

/** Nested Maps (channel members and reads, thread reads) become [key, value] lists. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? { $map: [...value.entries()] } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && '$map' in value) {
    return new Map((value as { $map: Array<[string, unknown]> }).$map);
  }
  return value;
}

/** The state as JSON text. */
export function serializeState(state: State): string {
  const out: Record<string, unknown> = { format: FORMAT };
  for (const name of MAPS) out[name] = [...state[name].entries()];
  return JSON.stringify(out, replacer);
}

/** Load JSON text written by serializeState into an empty state; returns the latest time seen. */
export function loadState(state: State, text: string): void {
  const data = JSON.parse(text, reviver) as Record<string, unknown>;
  if (data['format'] !== FORMAT) throw new Error(`unknown state file format ${String(data['format'])}`);
  for (const name of MAPS) {
    const entries = data[name];
    if (!Array.isArray(entries)) continue;
    const map = state[name] as Map<string, unknown>;
    for (const entry of entries as Array<[string, unknown]>) map.set(entry[0], entry[1]);
  }
}

/** Debounced atomic writer for one backend. */
export class Persister {
  readonly #path: string;
  readonly #backend: () => Backend;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(path: string, backend: () => Backend) {
    this.#path = path;
    this.#backend = backend;
  }

  /** Read the file into the backend's state if it exists. */
  load(): boolean {
    if (!existsSync(this.#path)) return false;
    loadState(this.#backend().state, readFileSync(this.#path, 'utf8'));
    return true;
  }

  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, 200);
    this.#timer.unref();
  }

  /** Write now (after any write in progress). */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const text = serializeState(this.#backend().state);
    this.#writing = this.#writing.then(async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const tmp = `${this.#path}.${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.#path);
    }).catch((e: unknown) => {
      console.error('[chatstore-emulator] could not write state file', e);
    });
    return this.#writing;
  }
}
