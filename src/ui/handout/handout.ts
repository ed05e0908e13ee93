/**
 * The printable handout of a lecture, as HTML markup: the title, summary and goals; for every
 * captioned step its narration, a still picture of the stage (stagePicture), what happens, and the
 * step's message with its decoded nlmsghdr and its bytes; then the questions, and the answer key on
 * a page of its own. A pure function of the timeline index, checked in Node.
 */
import { decode, describeStep, stepMessage, toHex, type Message } from '../../engine';
import type { TimelineIndex } from '../../store/timelineIndex';
import { el, esc } from '../export/markup';
import { stagePicture } from './stagePicture';

/** Bytes per hex row: 16 fits an A4 or Letter page in the handout's monospace size. */
export const HEX_ROW = 16;

/** Captions mark kernel names with `backticks`; they print in code style. */
function rich(s: string): string {
  return s
    .split(/(`[^`]+`)/g)
    .map((p) => (p.length > 2 && p.startsWith('`') && p.endsWith('`') ? el('code', {}, esc(p.slice(1, -1))) : esc(p)))
    .join('');
}

/** The message's bytes as rows of "offset  hex": every row complete, for the page and for pdftotext. */
export function hexRows(bytes: Uint8Array): string[] {
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += HEX_ROW) {
    const hex = toHex(bytes.subarray(i, i + HEX_ROW)).replace(/(..)(?!$)/g, '$1 ');
    rows.push(`${i.toString(16).padStart(4, '0')}  ${hex}`);
  }
  return rows;
}

function messageBlock(m: Message): string {
  const d = decode(m.bytes, m.protocol);
  const header = d.ok ? d.value.fields.filter((f) => f.section === 'nlmsghdr') : [];
  const rows = header.map((f) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, el('code', {}, esc(f.name))),
      el('td', { class: 'num' }, esc(f.value)),
      el('td', {}, esc(f.meaning).replace(/\|/g, '|<wbr>')),
    ),
  );
  return el(
    'div',
    { class: 'handout-message' },
    el(
      'table',
      { class: 'handout-header' },
      el('caption', {}, `struct nlmsghdr of ${esc(m.kind === 'ack' ? 'the ACK' : `the ${m.kind.replace('-', ' ')}`)} (${m.bytes.length} bytes)`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', class: 'c-field' }, 'field'),
          el('th', { scope: 'col', class: 'c-value' }, 'value'),
          el('th', { scope: 'col' }, 'meaning'),
        ),
      ),
      el('tbody', {}, ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 3 }, d.ok ? 'no header' : esc(`cannot decode: ${String(d.error)}`)))])),
    ),
    el('pre', { class: 'handout-hex', 'aria-label': 'The message bytes in hexadecimal' }, esc(hexRows(m.bytes).join('\n'))),
  );
}

export function handoutHtml(ix: TimelineIndex): string {
  const t = ix.timeline;
  const spec = t.spec;
  const steps = ix.captions.map((c) => {
    const step = t.steps.at(c.step)!;
    const m = stepMessage(step, t);
    return el(
      'section',
      { class: 'handout-step', 'data-step': c.step },
      el('h2', {}, `${esc(`Step ${c.step}`)} · ${esc(c.title)}`),
      el('p', { class: 'handout-narration' }, rich(c.text)),
      stagePicture(ix, c.step),
      el('p', { class: 'handout-what' }, el('strong', {}, 'What happens: '), esc(describeStep(step, t)), esc(` (t = ${step.timeMs} ms)`)),
      m ? messageBlock(m) : el('p', { class: 'handout-none' }, 'No message at this step.'),
    );
  });
  const questions = spec.questions ?? [];
  const letter = (i: number) => String.fromCharCode(97 + i);
  const quiz = questions.length
    ? [
        el(
          'section',
          { class: 'handout-questions' },
          el('h2', {}, 'Questions'),
          el(
            'ol',
            {},
            ...questions.map((q) =>
              el(
                'li',
                {},
                el('p', {}, rich(q.prompt), q.kind === 'multiple' ? ' (choose every answer that applies)' : ''),
                el('ol', { type: 'a' }, ...q.choices.map((c) => el('li', {}, rich(c)))),
              ),
            ),
          ),
        ),
        el(
          'section',
          { class: 'handout-answers' },
          el('h2', {}, 'Answer key'),
          el(
            'ol',
            {},
            ...questions.map((q) =>
              el(
                'li',
                {},
                el(
                  'p',
                  {},
                  el('strong', {}, esc(q.answer.map((i) => `(${letter(i)})`).join(' '))),
                  ' ',
                  q.answer.map((i) => rich(q.choices[i] ?? '')).join('; '),
                ),
                el('p', {}, rich(q.explanation)),
              ),
            ),
          ),
        ),
      ]
    : [];
  return el(
    'article',
    { class: 'handout-doc', 'aria-label': `Handout: ${spec.title}` },
    el('h1', {}, esc(spec.title)),
    el('p', {}, rich(spec.summary)),
    spec.goals.length ? el('div', {}, el('h2', {}, 'Learning goals'), el('ul', {}, ...spec.goals.map((g) => el('li', {}, rich(g))))) : '',
    ...steps,
    ...quiz,
  );
}
