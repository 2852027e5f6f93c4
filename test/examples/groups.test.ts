// The "new group" form's rules (examples/shared/groups.ts): what it asks for before sending,
// and the ids new groups get.
import { describe, expect, it } from 'vitest';
import { groupChannelId, groupProblem } from '../../examples/shared/groups.ts';

describe('new group form', () => {
  it('asks for a name first, then for at least one person', () => {
    expect(groupProblem({ name: '  ', members: ['bob'] })).toBe('Give the group a name.');
    expect(groupProblem({ name: 'Trip', members: [] })).toBe('Pick at least one person.');
    expect(groupProblem({ name: 'Trip', members: ['bob'] })).toBeUndefined();
  });

  it('makes a readable id of the name with a random tail, in the characters channel ids allow', () => {
    let n = 0;
    const random = () => (n++ % 36) / 36;
    expect(groupChannelId('Weekend trip!', random)).toBe('weekend-trip-abcde');
    expect(groupChannelId('Café & Crème', random)).toBe('cafe-creme-fghij');
    expect(groupChannelId('🎉🎉', random)).toBe('group-klmno');
    expect(groupChannelId('x'.repeat(80), random)).toMatch(/^x{40}-[a-z0-9]{5}$/);
    for (let i = 0; i < 50; i++) expect(groupChannelId('Any name at all')).toMatch(/^any-name-at-all-[a-z0-9]{5}$/);
  });
});
