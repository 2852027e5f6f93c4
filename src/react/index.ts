// chatstore/react: hooks over useSyncExternalStore. Filled in by the React adapter issue.
export {};
