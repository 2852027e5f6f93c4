// Server rendering: useSyncExternalStore reads getServerSnapshot, which is the same read of
// the store, so state loaded on the server (here by a real watch) renders in the HTML.
import { expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { ChatProvider, useChannel, useChatSelector, useUnreadCounts } from 'chatstore/react';
import { renderSuite, registerUsers, seedChannel } from './helpers.tsx';

const suite = renderSuite();

it('renders the store\'s current state to HTML', async () => {
  const bob = await suite.client('bob');
  await registerUsers(suite.emu, 'alice');
  await seedChannel(bob, 'ssr', ['alice', 'bob'], ['rendered on the server']);
  const alice = await suite.client('alice');
  await alice.channel('messaging', 'ssr').watch();

  function Page() {
    const me = useChatSelector((s) => s.me?.id);
    const unread = useUnreadCounts();
    const { data, messages } = useChannel('messaging', 'ssr', undefined, { autoWatch: false });
    return (
      <main>
        {me}|{data?.cid}|{unread.totalMessages}|{messages.map((m) => m.text).join(',')}
      </main>
    );
  }
  const html = renderToString(
    <ChatProvider client={alice}>
      <Page />
    </ChatProvider>,
  );
  expect(html).toBe('<main>alice<!-- -->|<!-- -->messaging:ssr<!-- -->|<!-- -->1<!-- -->|<!-- -->rendered on the server</main>');
});
