// A tiny bot on the built package: it connects as a demo user, follows every channel it is
// a member of, and answers each new message from someone else (in the thread when the
// message was a reply). Run the emulator (`npm start`), then:
//   node examples/node-bot/bot.mjs [--url http://127.0.0.1:3030] [--user dave]
// It imports `chatstore` by name, resolved through this package's own exports to dist/.
import { parseArgs } from 'node:util';
import { distinctUntilChanged, filter, map } from 'rxjs';
import { createChatClient } from 'chatstore';
import { DEFAULT_API_KEY, DEFAULT_SECRET, createUserToken } from 'chatstore/emulator';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3030' },
    user: { type: 'string', default: 'dave' },
    'api-key': { type: 'string', default: DEFAULT_API_KEY },
    secret: { type: 'string', default: DEFAULT_SECRET },
    once: { type: 'boolean', default: false },
  },
});
const me = values.user;

/** What the bot says back: a small, deterministic answer. */
export function answer(text) {
  const t = text.trim();
  if (/^(hi|hello|hey)\b/i.test(t)) return 'Hello! I am a bot built on chatstore. Ask me "time" or say anything.';
  if (/\btime\b/i.test(t)) return `It is ${new Date().toISOString()}.`;
  return `You said "${t.slice(0, 200)}" (${t.length} characters).`;
}

const client = createChatClient({ apiKey: values['api-key'], baseUrl: values.url });
// The emulator signs tokens with its development secret; a real app gets them from its server.
await client.connectUser({ id: me }, await createUserToken(values.secret, me));
console.log(`bot connected as ${me} to ${values.url}`);

// Listing the channels with watch: true is what routes their events to this connection.
const list = client.queryChannels({ members: { $in: [me] } }, { last_message_at: -1 }, { limit: 30 });
const listing = list.channels$
  .pipe(
    map((rows) => rows.map((r) => r.cid).sort().join(', ')),
    distinctUntilChanged(),
  )
  .subscribe((cids) => console.log(`watching: ${cids || 'no channels yet'}`));

client.events$.pipe(filter((e) => e.type === 'message.new' && e.user?.id !== me && !!e.message && !!e.cid)).subscribe((event) => {
  const message = event.message;
  const [type, id] = event.cid.split(':');
  const channel = client.channel(type, id);
  const reply = { text: answer(message.text ?? '') };
  // Replies stay in their thread; top-level messages get a top-level answer.
  if (message.parent_id) reply.parent_id = message.parent_id;
  channel
    .sendMessage(reply)
    .then(() => console.log(`answered ${event.user?.id} in ${event.cid}`))
    .then(() => (values.once ? shutdown() : undefined))
    .catch((e) => console.error(`could not answer in ${event.cid}: ${e.message}`));
});

async function shutdown() {
  listing.unsubscribe();
  list.dispose();
  await client.disconnectUser();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
