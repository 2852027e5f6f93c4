// Channel settings: rename, mute, pin, archive, hide, leave and delete. Each change shows at
// once (the store applies it before the server answers) and is taken back, with the reason
// in the app's notice, if the server refuses it.
import { useState } from 'react';
import type { ChannelHandle, ChannelView } from 'chatstore';

interface Props {
  channel: ChannelHandle;
  data: ChannelView;
  me: string;
  /** The channel was left, hidden or deleted: close it. */
  onGone(): void;
}

export function ChannelSettings({ channel, data, me, onGone }: Props) {
  const [name, setName] = useState(typeof data['name'] === 'string' ? data['name'] : '');
  const own = data.membership;
  const can = (capability: string) => data.own_capabilities?.includes(capability) ?? false;
  const run = (write: Promise<unknown>, after?: () => void) => void write.then(after, () => undefined);
  return (
    <section className="settings" aria-label="Channel settings">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const next = name.trim();
          if (next) run(channel.updatePartial({ set: { name: next } }));
        }}
      >
        <label>
          Channel name <input value={name} onChange={(e) => setName(e.target.value)} disabled={!can('update-channel')} />
        </label>{' '}
        <button type="submit" disabled={!can('update-channel')}>
          Rename
        </button>
      </form>
      <div className="settings-actions">
        <button type="button" aria-pressed={data.muted === true} onClick={() => run(data.muted ? channel.unmute() : channel.mute())}>
          {data.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" aria-pressed={own?.pinned_at != null} onClick={() => run(own?.pinned_at != null ? channel.unpin() : channel.pin())} disabled={!own}>
          {own?.pinned_at != null ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" aria-pressed={own?.archived_at != null} onClick={() => run(own?.archived_at != null ? channel.unarchive() : channel.archive())} disabled={!own}>
          {own?.archived_at != null ? 'Unarchive' : 'Archive'}
        </button>
        <button type="button" onClick={() => run(channel.hide(), onGone)} disabled={!own}>
          Hide
        </button>
        <button type="button" onClick={() => run(channel.removeMembers([me], { message: { text: `${me} left` } }), onGone)} disabled={!own}>
          Leave
        </button>
        {can('delete-channel') ? (
          <button type="button" className="danger" onClick={() => window.confirm('Delete this channel for everyone?') && run(channel.delete(), onGone)}>
            Delete
          </button>
        ) : null}
      </div>
    </section>
  );
}
