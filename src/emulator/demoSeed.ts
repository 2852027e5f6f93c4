// The 'demo' seed: a few users and channels with some history, a thread with replies,
// reactions, a pinned message, mentions, unread messages and a poll, so the example apps
// show every feature on first start.
import type { SeedData } from './seed.ts';

export const DEMO_USERS = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;

/** A fresh copy of the demo data. */
export function demoSeed(): SeedData {
  return {
    users: [
      { id: 'alice', name: 'Alice Archer', custom: { title: 'Product' } },
      { id: 'bob', name: 'Bob Baker', custom: { title: 'Engineering' } },
      { id: 'carol', name: 'Carol Chen', custom: { title: 'Design' } },
      { id: 'dave', name: 'Dave Diaz', custom: { title: 'Support' } },
      { id: 'erin', name: 'Erin Evans', custom: { title: 'Marketing' } },
    ],
    polls: [
      { id: 'poll-lunch', name: 'Where do we go for lunch on Friday?', created_by: 'carol', options: ['Noodle bar', 'Taco truck', 'Salad place'], votes: { alice: 'Taco truck', bob: 'Noodle bar', dave: 'Taco truck' } },
    ],
    channels: [
      {
        type: 'messaging',
        id: 'general',
        data: { name: 'General', description: 'Everything and nothing' },
        created_by: 'alice',
        members: ['alice', 'bob', 'carol', 'dave'],
        messages: [
          { id: 'demo-general-1', user: 'alice', text: 'Welcome to the team chat! 👋', pinned: true, reactions: [{ user: 'bob', type: 'like' }, { user: 'carol', type: 'love' }, { user: 'dave', type: 'like' }] },
          { id: 'demo-general-2', user: 'bob', text: 'Thanks! Glad to be here.' },
          {
            id: 'demo-general-3',
            user: 'carol',
            text: 'Release planning: should we ship the new onboarding this week?',
            reactions: [{ user: 'alice', type: 'thumbsup' }],
            replies: [
              { id: 'demo-general-3-r1', user: 'alice', text: 'I think so, QA signed off yesterday.' },
              { id: 'demo-general-3-r2', user: 'bob', text: 'One flaky test left, fixing it now.' },
              { id: 'demo-general-3-r3', user: 'carol', text: 'Great, let us aim for Thursday.', reactions: [{ user: 'bob', type: 'like' }] },
            ],
          },
          { id: 'demo-general-4', user: 'dave', text: 'Customer feedback on the beta is very positive so far.' },
          { id: 'demo-general-5', user: 'carol', text: 'Lunch on Friday? Vote below 🍜🌮🥗', poll_id: 'poll-lunch' },
          { id: 'demo-general-6', user: 'bob', text: '@alice can you review my pull request?', mentioned_users: ['alice'] },
        ],
        reads: { alice: 'demo-general-4', dave: 'demo-general-2' },
      },
      {
        type: 'messaging',
        id: 'design',
        data: { name: 'Design' },
        created_by: 'carol',
        members: ['alice', 'carol', 'erin'],
        messages: [
          { id: 'demo-design-1', user: 'carol', text: 'New icon set is in the shared folder.' },
          { id: 'demo-design-2', user: 'erin', text: 'Love the colours!', reactions: [{ user: 'carol', type: 'love' }] },
          { id: 'demo-design-3', user: 'carol', text: 'Next up: the settings screen.' },
        ],
        reads: { alice: 'demo-design-1' },
      },
      {
        type: 'messaging',
        id: 'alice-bob',
        data: { name: 'Alice and Bob' },
        created_by: 'alice',
        members: ['alice', 'bob'],
        messages: [
          { id: 'demo-dm-1', user: 'bob', text: 'Coffee later?' },
          { id: 'demo-dm-2', user: 'alice', text: 'Sure, 3pm?' },
          { id: 'demo-dm-3', user: 'bob', text: 'Perfect ☕' },
        ],
        reads: { alice: 'demo-dm-2' },
      },
      {
        type: 'team',
        id: 'engineering',
        data: { name: 'Engineering' },
        created_by: 'bob',
        members: ['bob', 'dave', 'erin'],
        messages: [
          { id: 'demo-eng-1', user: 'bob', text: 'Deploy at 5pm today.' },
          { id: 'demo-eng-2', user: 'dave', text: 'Noted, I will watch the dashboards.' },
        ],
      },
      {
        type: 'livestream',
        id: 'town-hall',
        data: { name: 'Town hall' },
        created_by: 'erin',
        members: ['erin'],
        messages: [{ id: 'demo-live-1', user: 'erin', text: 'Town hall starts at 10:00. Everyone can read and write here.' }],
      },
    ],
  };
}
