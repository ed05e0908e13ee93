import { describe, expect, it } from 'vitest';
import { embedLink, permalink, readUrl, shareLink } from './url';

describe('address parameters', () => {
  it('puts a shared scenario in the fragment, and still reads the older ?s= links', () => {
    const link = permalink('https://x.org/viz/?embed=1', { kind: 'shared', data: 'N4Ig-abc' }, 3);
    expect(link).toBe('https://x.org/viz/?embed=1&step=3#s=N4Ig-abc');
    const u = new URL(link);
    expect(readUrl(u.search, u.hash).shared).toBe('N4Ig-abc');
    expect(readUrl('?s=N4Ig-old').shared).toBe('N4Ig-old');
    // Back to a lecture: the fragment goes.
    expect(permalink(link, { kind: 'lecture', id: 'dump' }, 0)).toBe('https://x.org/viz/?embed=1&step=0&scenario=dump');
    expect(shareLink(link, { kind: 'shared', data: 'N4Ig-abc' }, null)).toBe('https://x.org/viz/#s=N4Ig-abc');
    expect(embedLink(link, { kind: 'shared', data: 'N4Ig-abc' }, 2, { autoplay: true, controls: true })).toBe(
      'https://x.org/viz/?step=2&embed=1&autoplay=1#s=N4Ig-abc',
    );
  });

  it('carries a scenario far longer than a server accepts in a query', () => {
    const data = 'A'.repeat(400_000);
    expect(readUrl('', `#s=${data}`).shared).toHaveLength(400_000);
  });

  it('takes parentOrigin=null as the opt-in for a page opened from disk, and nothing else that is not an origin', () => {
    expect(readUrl('?parentOrigin=null').parentOrigins).toEqual(['null']);
    expect(readUrl('?parentOrigin=https://a.org/x,null').parentOrigins).toEqual(['https://a.org', 'null']);
    const bad = readUrl('?parentOrigin=file:///deck.html');
    expect(bad.parentOrigins).toEqual([]);
    expect(bad.problems[0]).toMatch(/^parentOrigin="file:\/\/\/deck\.html" is not an origin/);
  });

  it('cuts a long value in a problem', () => {
    const p = readUrl(`?speed=${'9'.repeat(10_000)}`);
    expect(p.problems[0]!.length).toBeLessThan(160);
    expect(p.problems[0]).toContain('…');
  });
});

describe('a large shared scenario', () => {
  it('round-trips through a link: packed into #s=, read back and accepted', async () => {
    const { readFileSync } = await import('node:fs');
    const { packScenario } = await import('../scenarios/share');
    const { loadScenario } = await import('../scenarios/load');
    const s = JSON.parse(readFileSync(new URL('../scenarios/lectures/event-notification.json', import.meta.url), 'utf8'));
    // A few thousand actions with distinct long-ish captions: hundreds of kilobytes, still a valid scenario.
    const lastAt = s.actions.at(-1).at;
    for (let i = 0; i < 3000; i++)
      s.actions.push({ at: lastAt + 10 + i, do: 'set-option', actor: 'P1', option: 'NETLINK_PKTINFO', value: i % 2 === 0, label: `opt${i}` });
    for (let i = 0; i < 900; i++)
      s.narration.push({
        action: `opt${i * 3}`,
        title: `Option ${i}`,
        text: `Caption ${i}: ${Math.sin(i).toString(36).repeat(12)} ${i.toString(2)}`.slice(0, 600),
      });
    expect(JSON.stringify(s).length).toBeGreaterThan(380_000);
    const link = permalink('https://x.org/viz/', { kind: 'shared', data: packScenario(s) }, 0);
    const u = new URL(link);
    const params = readUrl(u.search, u.hash);
    expect(params.problems).toEqual([]);
    const r = await loadScenario({ kind: 'link', data: params.shared! });
    expect(r.ok ? 'ok' : r.error.slice(0, 3)).toBe('ok');
  }, 60_000);
});
