import { startEmulator } from 'chatstore/emulator';
import http from 'node:http';
const emu = await startEmulator({ port: 0, seed: { users: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }], channels: [{ type: 'messaging', id: 'w7', members: ['alice', 'bob'], messages: [{ user: 'bob', text: 'hello' }] }] } });
const token = await emu.createToken('alice');
const agent = new http.Agent({ keepAlive: true });
const post = (i) => new Promise((res, rej) => {
  const t0 = performance.now();
  const q = http.request(`${emu.url}/api/v2/chat/channels/messaging/w7/message?api_key=${emu.apiKey}`, { method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'stream-auth-type': 'jwt', 'content-type': 'application/json' } }, (r) => { r.resume(); r.on('end', () => res(performance.now() - t0)); });
  q.on('error', rej); q.end(JSON.stringify({ message: { text: 'x' + i } }));
});
const out = [];
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < 500; i++) out.push(await post(i));
const cpu = process.cpuUsage(c0);
out.sort((a, b) => a - b);
console.log('sequential 500 POSTs: wall/req', ((performance.now() - t0) / 500).toFixed(2), 'ms; cpu/req', ((cpu.user + cpu.system) / 500 / 1000).toFixed(2), 'ms; p50', out[250].toFixed(2));
await emu.close(); process.exit(0);
