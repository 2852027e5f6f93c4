// chatstore/vue: composables over shallowRef + onScopeDispose. Filled in by the Vue adapter issue.
export {};
