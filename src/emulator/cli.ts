// `npx chatstore-emulator`: filled in by the emulator issue.
console.log('chatstore-emulator: not built yet');
