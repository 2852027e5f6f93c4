// chatstore/emulator: a local Stream Chat backend (Node only). Filled in by the emulator issue.
export {};
