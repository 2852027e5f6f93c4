// The emulator for W7 in its own process, so the server's work does not share an event
// loop with the two clients being measured. Tells the parent its address and two tokens.
import { startEmulator } from 'chatstore/emulator';

const emu = await startEmulator({
  port: 0,
  seed: {
    users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }],
    channels: [{ type: 'messaging', id: 'w7', members: ['alice', 'bob'], messages: [{ user: 'bob', text: 'hello' }] }],
  },
});
process.send({ url: emu.url, apiKey: emu.apiKey, tokens: { alice: await emu.createToken('alice'), bob: await emu.createToken('bob') } });
process.on('message', async (m) => {
  if (m === 'close') {
    await emu.close();
    process.exit(0);
  }
});
