/**
 * Every lecture and a 16-process stress scenario, at four screen sizes: nothing overlaps, no text
 * is cut off without a tooltip and every playback control is on screen. An embed at its frame
 * sizes, in both languages: every playback control inside the frame. All the measuring of one
 * step happens in one page.evaluate.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lectureFromData, LECTURES } from '../src/scenarios/catalog';
import type { Timeline } from '../src/engine';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 375, height: 812 },
];

const STRESS = readFileSync(new URL('./fixtures/stress-16.json', import.meta.url));

/** The step with the most messages in flight: where the stage is busiest. */
function busiestStep(t: Timeline): number {
  let n = 0;
  let best = { step: 0, n: -1 };
  for (const s of t.steps) {
    const e = s.event;
    if (e.kind === 'message-sent') n += (t.messages.at(e.message)!.to.kind === 'group' ? 0 : 1) + (e.copies?.length ?? 0);
    else if (e.kind === 'message-delivered' || e.kind === 'message-dropped') n -= 1;
    if (n > best.n) best = { step: s.index, n };
  }
  return best.step;
}

/** A few steps of each lecture: the opening, a quarter in, the busiest, the end. */
const SAMPLES = LECTURES.map(({ id }) => {
  const { timeline } = lectureFromData(JSON.parse(readFileSync(new URL(`../src/scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));
  const last = timeline.steps.length - 1;
  return { id, steps: [...new Set([0, Math.round(last / 4), busiestStep(timeline), last])] };
});

/**
 * What is wrong with the layout on screen now, one line per problem. Runs in the page: cards that
 * overlap each other or the kernel zone, kernel cards that overlap, envelopes that cover each other
 * (not in the stress burst: a fan to 48 sockets at once is more than a stage can keep apart, and
 * its envelopes stay on their paths), envelopes on the system call boundary's label, the kernel zone or the Share button off screen (above phone width), and text
 * cut off (scrollWidth > clientWidth) in cards, narration, inspector, routing table and top bar
 * unless it or an ancestor carries a tooltip (title).
 */
function layoutProblems({ wide, stress }: { wide: boolean; stress: boolean }): string[] {
  const problems: string[] = [];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  /** The part of an element's box left visible by the ancestors that clip it. */
  const visibleBox = (el: Element) => {
    const r = el.getBoundingClientRect();
    let { left, top, right, bottom } = r;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      left = Math.max(left, b.left);
      top = Math.max(top, b.top);
      right = Math.min(right, b.right);
      bottom = Math.min(bottom, b.bottom);
    }
    return right - left > 1 && bottom - top > 1 ? { left, top, right, bottom } : null;
  };
  type Box = { left: number; top: number; right: number; bottom: number };
  const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const pairs = (els: Element[], what: string) => {
    const boxes = els.map((el) => [el, visibleBox(el)] as const).filter((x): x is readonly [Element, Box] => x[1] !== null);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i]![1], boxes[j]![1])) problems.push(`${what} overlap: ${name(boxes[i]![0])} and ${name(boxes[j]![0])}`);
  };

  const stage = document.querySelector('[data-testid="stage"]');
  if (stage) {
    const cards = [...stage.querySelectorAll('.proc')];
    pairs(cards, 'process cards');
    pairs([...stage.querySelectorAll('.zone-kernel > .kcard')], 'kernel cards');
    const kernel = stage.querySelector('.zone-kernel')!;
    const kbox = visibleBox(kernel);
    for (const c of cards) {
      const b = visibleBox(c);
      if (b && kbox && overlap(b, kbox)) problems.push(`a process card overlaps the kernel zone: ${name(c)}`);
      const zone = stage.querySelector('.zone-user')!.getBoundingClientRect();
      const r = c.getBoundingClientRect();
      if (r.left < zone.left - 1 || r.right > zone.right + 1) problems.push(`a process card sticks out of user space sideways: ${name(c)}`);
    }
    if (!stress) pairs([...stage.querySelectorAll('[data-testid="envelope"]')], 'envelopes');
    const label = stage.querySelector('.boundary-pill .pill');
    const lbox = label && visibleBox(label);
    for (const env of stage.querySelectorAll('[data-testid="envelope"]')) {
      const b = env.getBoundingClientRect();
      if (lbox && overlap(b, lbox)) problems.push(`an envelope covers the system call boundary label: ${name(env)}`);
    }
    if (wide && (!kbox || kbox.bottom - kbox.top < 120 || kbox.top > innerHeight - 120)) problems.push('the kernel zone is not on screen');
  }
  const share = [...document.querySelectorAll('.topbar button')].find((b) => b.textContent?.trim() === 'Share');
  const sb = share?.getBoundingClientRect();
  if (!sb || sb.left < 0 || sb.right > innerWidth || sb.bottom > (wide ? innerHeight : 10_000)) problems.push('the Share button is off screen');

  const scopes = ['[data-testid="stage"] .proc', '[data-testid="stage"] .kcard', '[data-testid="narration"]', '[data-testid="inspector"]', '.topbar'];
  for (const scope of scopes)
    for (const root of document.querySelectorAll(scope))
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (!(el instanceof HTMLElement) || el.clientWidth <= 2) continue;
        const cs = getComputedStyle(el);
        if (cs.display === 'inline' || cs.display === 'contents' || cs.overflowX === 'auto' || cs.overflowX === 'scroll') continue;
        if (el.tagName === 'SELECT' || el.tagName === 'INPUT') continue;
        if (el.scrollWidth <= el.clientWidth + 1) continue;
        if (el.closest('[title]')) continue;
        problems.push(`text cut off in ${scope}: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
      }
  // The routing table's container scrolls visibly when it holds more than it shows.
  const ts = document.querySelector<HTMLElement>('.table-scroll');
  if (ts && ts.scrollHeight > ts.clientHeight + 1 && getComputedStyle(ts).overflowY !== 'auto' && getComputedStyle(ts).overflowY !== 'scroll')
    problems.push('the routing table has hidden rows and does not scroll');
  return [...new Set(problems)];
}

/** The problems at this step once the page has settled: envelopes fade in and anchors are re-measured after a resize. */
async function check(page: Page, where: string, wide: boolean, stress = false): Promise<string[]> {
  let problems: string[] = [];
  for (let tries = 0; tries < 3; tries++) {
    await page.waitForTimeout(250);
    problems = await page.evaluate(layoutProblems, { wide, stress });
    problems.push(...(await page.evaluate(controlsOffScreen)).map((c) => `a playback control is outside the window: ${c}`));
    if (problems.length === 0) break;
  }
  return problems.map((p) => `${where}: ${p}`);
}

for (const size of SIZES) {
  test.describe(`layout at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    const wide = size.width > 900;

    test('every lecture: no overlaps, no text cut without a tooltip', async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const problems: string[] = [];
      for (const { id, steps } of SAMPLES)
        for (const step of steps) {
          await page.goto(`./?scenario=${id}&step=${step}&questions=0`);
          await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', String(step));
          problems.push(...(await check(page, `${id} step ${step}`, wide)));
        }
      expect(problems).toEqual([]);
    });

    for (const motion of ['no-preference', 'reduce'] as const)
      test(`a multicast's copies to P2 and P3 are drawn apart, on screen (${motion} motion)`, async ({ page }) => {
        await page.emulateMedia({ reducedMotion: motion });
        for (const step of [10, 12]) {
          await page.goto(`./?scenario=event-notification&step=${step}&questions=0`);
          const envelopes = page.getByTestId('envelope');
          await expect(envelopes).toHaveCount(2);
          // Measured once the stage has placed them: on a busy machine the first frames may come before the cards are measured.
          let boxes: DOMRect[] = [];
          const apart = async () => {
            boxes = (await envelopes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) as DOMRect[];
            const [a, b] = boxes as [DOMRect, DOMRect];
            return a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
          };
          await expect.poll(apart, { message: `step ${step}: the copies overlap`, timeout: 5_000 }).toBe(true);
          const stage = (await page.getByTestId('stage').boundingBox())!;
          for (const box of boxes) expect(box.left >= stage.x - 1 && box.right <= stage.x + stage.width + 1, `step ${step}: on the stage`).toBe(true);
        }
      });

    test('16 processes, 3 sockets each, 50 routes, a multicast burst: no overlaps, no text cut', async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('./?questions=0');
      await page.getByLabel('Open a scenario file').setInputFiles({ name: 'stress-16.json', mimeType: 'application/json', buffer: STRESS });
      await expect(page.getByRole('region', { name: 'route-monitor-16' })).toBeVisible();
      const timeline = page.getByRole('slider', { name: 'Timeline' });
      const problems: string[] = [];
      // The start, the burst on its way up (hundreds of copies in flight), and the end.
      for (const at of [0, 0.56, 1]) {
        const box = (await timeline.boundingBox())!;
        await timeline.scrollIntoViewIfNeeded();
        await page.mouse.click(box.x + Math.min(box.width - 1, box.width * at), box.y + box.height / 2);
        if (at === 0.56) await expect.poll(async () => Number(await page.locator('.flight-layer').getAttribute('data-in-flight'))).toBeGreaterThan(200);
        problems.push(...(await check(page, `stress at ${Math.round(at * 100)}%`, wide, true)));
      }
      expect(problems).toEqual([]);
    });
  });
}

/** Every control of the playback bar that is drawn but not wholly inside the window, by name. */
function controlsOffScreen(): string[] {
  const bar = document.querySelector('.playbar');
  if (!bar) return ['no playback bar'];
  return [...bar.querySelectorAll('button, select, input, [role="slider"]')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5);
    })
    .map((el) => el.getAttribute('aria-label') ?? el.tagName);
}

// The embed's frame sizes, from the snippet's 960×600 down to the smallest designed for; Spanish
// labels are the longest.
for (const size of [
  { width: 960, height: 600 },
  { width: 800, height: 500 },
  { width: 640, height: 400 },
  { width: 480, height: 360 },
])
  test.describe(`an embed at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    for (const lang of ['en', 'es'])
      test(`every playback control inside the frame, each with its name (${lang})`, async ({ page }) => {
        await page.goto(`./?embed=1&scenario=event-notification&step=22&lang=${lang}`);
        await expect(page.getByRole('slider', { name: lang === 'en' ? 'Timeline' : 'Línea de tiempo' })).toHaveAttribute('aria-valuenow', '22');
        expect(await page.evaluate(controlsOffScreen)).toEqual([]);
        // Words a narrow bar drops stay the controls' names.
        const names = lang === 'en' ? ['skip idle time', 'skip similar steps'] : ['saltar el tiempo inactivo', 'saltar pasos parecidos'];
        for (const name of names) await expect(page.getByRole('switch', { name })).toBeVisible();
      });
  });
