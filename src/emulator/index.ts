// chatstore/emulator: a local Stream Chat compatible backend (Node only) for development,
// tests and the examples. It shares only src/models with the client (ARCHITECTURE.md).
export { startEmulator, DEFAULT_API_KEY, DEFAULT_SECRET } from './emulator.ts';
export type { Emulator, EmulatorOptions } from './emulator.ts';
export type { DelayOptions, EmulatorControls, FaultError } from './controls.ts';
export { createUserToken } from './token.ts';
export type { SeedData, SeedUser, SeedChannel, SeedMessage, SeedReaction, SeedPoll } from './seed.ts';
export { demoSeed } from './demoSeed.ts';
