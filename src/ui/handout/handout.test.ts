import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../i18n';
import { translator } from '../../scenarios/i18n';
import { lectureTimeline } from '../../capture/test-helpers';
import { stepMessage, toHex } from '../../engine';
import { LECTURES } from '../../scenarios/catalog';
import { indexTimeline } from '../../store/timelineIndex';
import { esc } from '../export/markup';
import { handoutHtml, hexRows } from './handout';
import { stagePicture } from './stagePicture';

describe('handout', () => {
  it.each(LECTURES.map((l) => l.id))('%s: every caption with its picture and message, then questions and the answer key', (id) => {
    const ix = indexTimeline(lectureTimeline(id));
    const html = handoutHtml(ix);
    let at = 0;
    for (const c of ix.captions) {
      // In step order, each with its own picture.
      const here = html.indexOf(`data-step="${c.step}"`, at);
      expect(here, `caption at step ${c.step}`).toBeGreaterThanOrEqual(at);
      at = here;
      expect(html).toContain(esc(c.title));
      expect(html).toContain(`aria-label="The stage at step ${c.step}"`);
      const m = stepMessage(ix.timeline.steps.at(c.step)!, ix.timeline);
      if (m) for (const row of hexRows(m.bytes)) expect(html).toContain(row);
    }
    const questions = ix.timeline.spec.questions ?? [];
    if (questions.length) {
      expect(html.indexOf('handout-questions')).toBeGreaterThan(at);
      expect(html.indexOf('handout-answers')).toBeGreaterThan(html.indexOf('handout-questions'));
    }
  });

  it('hex rows hold every byte, 16 to a row, with their offsets', () => {
    const bytes = Uint8Array.from({ length: 37 }, (_, i) => i * 7);
    const rows = hexRows(bytes);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.startsWith('0010  ')).toBe(true);
    expect(rows.map((r) => r.slice(6).replace(/ /g, '')).join('')).toBe(toHex(bytes));
  });

  it('draws the processes that exist at the step, and the step message as an arrow', () => {
    const ix = indexTimeline(lectureTimeline('request-response'));
    const t = ix.timeline;
    const sent = t.steps.find((s) => s.event.kind === 'message-sent')!;
    const svg = stagePicture(ix, sent.index);
    for (const p of sent.world.processOrder) expect(svg).toContain(`data-process="${p}"`);
    expect(svg).toContain('sp-message');
    expect(stagePicture(ix, 0)).not.toContain('sp-message');
  });

  it.each(LECTURES.map((l) => l.id))('%s in Spanish: every heading, label, picture, step line, field meaning and lecture text is Spanish', async (id) => {
    const ix = indexTimeline(lectureTimeline(id));
    const m = await loadMessages('es');
    const table = JSON.parse(readFileSync(new URL(`../../scenarios/lectures/es/${id}.json`, import.meta.url), 'utf8')) as Record<string, string>;
    const html = handoutHtml(ix, { lang: 'es', words: m, tr: translator(table) });
    expect(html).toMatch(/^<article class="handout-doc" lang="es" aria-label="Apuntes: /);
    expect(html).toContain('aria-label="La escena en el paso 0"');
    expect(html).toContain('Qué pasa: ');
    // What a reader sees, without the code, the bytes and the routes (kernel notation in every language);
    // "process" is left out: a lecture quotes strerror(ESRCH), "no such process", as the kernel says it.
    const words = html
      .replace(/<(code|pre)[^>]*>.*?<\/\1>/gs, ' ')
      .replace(/<text[^>]*class="sp-mono"[^>]*>.*?<\/text>/gs, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\b(?:RTM|NLM_F|NLMSG|RTNLGRP|NETLINK|RTMGR|RTA|SO|SOCK|IFA|AF|IFF|RT|RTN|RTPROT)_[A-Z0-9_]+\b|\b[a-z_]+\(\)/g, ' ');
    const english = words.match(
      /(?<![\p{L}\p{N}_])(?:the|is|are|and|of|to|from|with|for|its|it|at|by|that|which|has|have|on|an|step|processes|routing|table|message|questions|answer|key|sent|read|dropped|delivered|space|boundary|closed|unbound|queue|meaning|field|value)(?![\p{L}\p{N}_])/giu,
    );
    expect(english, id).toBeNull();
    // The same handout in English is the one the CLI's words make.
    expect(handoutHtml(ix)).toContain(`Handout: ${esc(ix.timeline.spec.title)}`);
  });
});
