import { describe, expect, it } from 'vitest';
import { lectureTimeline } from '../../capture/test-helpers';
import { LECTURES } from '../../scenarios/catalog';
import { indexTimeline } from '../../store/timelineIndex';
import type { TimelineIndex } from '../../store/timelineIndex';
import { pngScale, PNG_SCALE } from './diagramFile';
import { clampRange, diagramSvg, MAX_EXPORT_STEPS, type DiagramPalette } from './diagramSvg';
import { esc } from './markup';
import { en } from '../../i18n/en';
import { loadMessages } from '../../i18n';

const palette: DiagramPalette = {
  background: '#ffffff',
  text: '#0e1117',
  muted: '#444c59',
  line: '#cdd2da',
  ink: { request: '#1d5fd1', ack: '#007a5e', error: '#a8152a', notification: '#b4298a', dump: '#8f6700', done: '#3f4856' },
};

describe('diagramSvg', () => {
  it.each(LECTURES.map((l) => l.id))('%s: every lifeline, every message of the run, nothing else', (id) => {
    const ix = indexTimeline(lectureTimeline(id));
    const last = ix.timeline.steps.length - 1;
    const { svg } = diagramSvg(ix, { from: 0, to: last, selected: null, title: id, palette, words: en });
    const lanes = [...svg.matchAll(/data-lane="([^"]*)"/g)].map((m) => m[1]);
    expect(lanes).toEqual([...ix.lanes.map((l) => l.process), 'kernel']);
    const drawn = new Set([...svg.matchAll(/data-message="(\d+)"/g)].map((m) => Number(m[1])));
    const sent = ix.timeline.messages.filter((m) => ix.sentStep[m.id]! >= 0).map((m) => m.id);
    expect([...drawn].sort((a, b) => a - b)).toEqual(sent);
    // Same input, same bytes: the picture is a function of the timeline.
    expect(diagramSvg(ix, { from: 0, to: last, selected: null, title: id, palette, words: en }).svg).toBe(svg);
  });

  it.each(LECTURES.map((l) => l.id))('%s: no arrow label hides an arrowhead, and labels are drawn after every arrow', (id) => {
    const ix = indexTimeline(lectureTimeline(id));
    const { svg } = diagramSvg(ix, { from: 0, to: ix.timeline.steps.length - 1, selected: null, title: id, palette, words: en });
    const num = (tag: string, k: string) => Number(new RegExp(`${k}="([-0-9.]+)"`).exec(tag)![1]);
    const heads = [...svg.matchAll(/<line [^>]*marker-end[^>]*>/g)].map((m) => [num(m[0], 'x2'), num(m[0], 'y2')] as const);
    const cards = [...svg.matchAll(/<g data-label="\d+"><rect [^>]*>/g)].map((m) => m[0]);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const [x, y, w, h] = [num(card, 'x'), num(card, 'y'), num(card, 'width'), num(card, 'height')];
      for (const [hx, hy] of heads) expect(hx > x && hx < x + w && hy > y && hy < y + h, `${id}: head ${hx},${hy} under ${card}`).toBe(false);
    }
    expect(svg.lastIndexOf('marker-end=')).toBeLessThan(svg.indexOf('data-label='));
  });

  it('draws only the steps of the range, and cuts arrows that cross its edges', () => {
    const ix = indexTimeline(lectureTimeline('request-response'));
    const whole = diagramSvg(ix, { from: 0, to: ix.timeline.steps.length - 1, selected: null, title: 't', palette, words: en });
    const part = diagramSvg(ix, { from: 4, to: 6, selected: null, title: 't', palette, words: en });
    expect(part.height).toBeLessThan(whole.height);
    const steps = [...part.svg.matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1]));
    expect(steps.every((s) => s >= 4 && s <= 6)).toBe(true);
    const crossing = ix.timeline.messages.filter(
      (m) => m.to.kind !== 'group' && ix.sentStep[m.id]! >= 0 && ix.sentStep[m.id]! <= 6 && ix.outcomeStep[m.id]! > 6,
    );
    if (crossing.length) expect(part.svg).toContain('stroke-dasharray="6 3"');
    expect(part.svg).toContain('steps 4–6');
  });

  it('clamps a range to the run and puts its ends in order', () => {
    const ix = indexTimeline(lectureTimeline('request-response'));
    const last = ix.timeline.steps.length - 1;
    expect(clampRange(ix, 9999, -3)).toEqual({ from: 0, to: last });
    expect(clampRange(ix, 5, 2)).toEqual({ from: 2, to: 5 });
    expect(clampRange(ix, Number.NaN, 3)).toEqual({ from: 0, to: 3 });
    const long = { timeline: { steps: { length: 10 * MAX_EXPORT_STEPS } } } as unknown as TimelineIndex;
    expect(clampRange(long, 100, 1e9)).toEqual({ from: 100, to: 100 + MAX_EXPORT_STEPS - 1 });
  });

  it('draws a PNG at twice the size unless a canvas could not hold it', () => {
    expect(pngScale(800, 600)).toBe(PNG_SCALE);
    const tall = pngScale(800, 52_000);
    expect(52_000 * tall).toBeLessThanOrEqual(32_767);
    expect(800 * 52_000 * tall * tall).toBeLessThanOrEqual(2 ** 28);
  });

  it('speaks the page’s language: heading, name, marks, multicasts, arrows and their tooltips', async () => {
    const es = await loadMessages('es');
    const ix = indexTimeline(lectureTimeline('event-notification'));
    const last = ix.timeline.steps.length - 1;
    const { svg } = diagramSvg(ix, { from: 0, to: last, selected: null, title: 'Notificación', palette, words: es });
    expect(svg).toContain(`>${esc(es.diagramExport.heading('Notificación', 0, last))}</text>`);
    expect(svg).toContain(`aria-label="${esc(es.diagramExport.label('Notificación', 0, last))}"`);
    expect(svg).toContain(`>${esc(es.diagram.multicast(7))}</text>`);
    expect(svg).toContain(`>${esc(es.diagram.joins(7))}</text>`);
    const tips = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(tip).toMatch(/^\S.* (?:de|del) \S+ (?:a|al) \S+, paso \d+$/);
    // Nothing of the English file is left in the Spanish one.
    const english = diagramSvg(ix, { from: 0, to: last, selected: null, title: 'Notification', palette, words: en }).svg;
    for (const words of [/ · steps \d/, /Sequence diagram of/, /multicast to group/, /joins group/, /, step \d+</]) {
      expect(english).toMatch(words);
      expect(svg).not.toMatch(words);
    }
  });

  it('escapes text from a scenario, so a title never becomes markup', () => {
    const ix = indexTimeline(lectureTimeline('request-response'));
    const { svg } = diagramSvg(ix, { from: 0, to: 3, selected: null, title: '<script>alert("x")</script> & co', palette, words: en });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(esc('<script>'));
    expect(esc(`a<b>&"c'`)).toBe('a&#60;b&#62;&#38;&#34;c&#39;');
  });
});
