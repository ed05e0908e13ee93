/**
 * The printable handout of a lecture, as HTML markup: the title, summary and goals; for every
 * captioned step its narration, a still picture of the stage (stagePicture), what happens, and the
 * step's message with its decoded nlmsghdr and its bytes; then the questions, and the answer key on
 * a page of its own. A pure function of the timeline index, checked in Node.
 */
import { decode, sayField, sayStep, stepMessage, stepText, toHex, type Message, type StepText } from '../../engine';
import { en, type Messages } from '../../i18n';
import type { TimelineIndex } from '../../store/timelineIndex';
import { questionsInOrder } from '../../store/questionOrder';
import { el, esc } from '../export/markup';
import { stagePicture } from './stagePicture';

/** Bytes per hex row: 16 fits an A4 or Letter page in the handout's monospace size. */
export const HEX_ROW = 16;

/** The handout's language: the page's words and a lecture text's translation (English, as written, by default). */
export interface HandoutLanguage {
  lang: string;
  words: Pick<Messages, 'handout' | 'engine' | 'diagram' | 'process'>;
  /** A lecture text (title, caption, goal, question) in this language, or as written. */
  tr: (english: string) => string;
}

export const ENGLISH_HANDOUT: HandoutLanguage = { lang: 'en', words: en, tr: (s) => s };

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

function messageBlock(m: Message, { words }: HandoutLanguage): string {
  const w = words.handout.doc;
  const d = decode(m.bytes, m.protocol);
  const header = d.ok ? d.value.fields.filter((f) => f.section === 'nlmsghdr') : [];
  const rows = header.map((f) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, el('code', {}, esc(f.name))),
      el('td', { class: 'num' }, esc(f.value)),
      el('td', {}, esc(sayField(f.about, words.engine.fields)).replace(/\|/g, '|<wbr>')),
    ),
  );
  return el(
    'div',
    { class: 'handout-message' },
    el(
      'table',
      { class: 'handout-header' },
      el('caption', {}, esc(w.header(m.kind, m.bytes.length))),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', class: 'c-field' }, esc(w.field)),
          el('th', { scope: 'col', class: 'c-value' }, esc(w.value)),
          el('th', { scope: 'col' }, esc(w.meaning)),
        ),
      ),
      el('tbody', {}, ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 3 }, esc(d.ok ? w.noHeader : w.cannotDecode(String(d.error)))))])),
    ),
    el('pre', { class: 'handout-hex', 'aria-label': w.hex }, esc(hexRows(m.bytes).join('\n'))),
  );
}

export function handoutHtml(ix: TimelineIndex, language: HandoutLanguage = ENGLISH_HANDOUT): string {
  const t = ix.timeline;
  const spec = t.spec;
  const { words, tr } = language;
  const w = words.handout.doc;
  // Lecture texts are translated as written, before their `code` marks are drawn.
  const text = (s: string) => rich(tr(s));
  // The first step's line names the lecture: by its title in this language.
  const titled = (d: StepText): StepText => (d.id === 'start' ? { ...d, title: tr(d.title) } : d);
  const steps = ix.captions.map((c) => {
    const step = t.steps.at(c.step)!;
    const m = stepMessage(step, t);
    return el(
      'section',
      { class: 'handout-step', 'data-step': c.step },
      el('h2', {}, `${esc(w.step(c.step))} · ${esc(tr(c.title))}`),
      el('p', { class: 'handout-narration' }, text(c.text)),
      stagePicture(ix, c.step, language.words),
      el(
        'p',
        { class: 'handout-what' },
        el('strong', {}, esc(w.whatHappens)),
        esc(sayStep(titled(stepText(step, t)), words.engine.steps)),
        esc(w.at(step.timeMs)),
      ),
      m ? messageBlock(m, language) : el('p', { class: 'handout-none' }, esc(w.noMessage)),
    );
  });
  // Numbered as the app numbers them: in the order the learner meets them.
  const questions = questionsInOrder(ix, spec.questions ?? []);
  const letter = (i: number) => String.fromCharCode(97 + i);
  const quiz = questions.length
    ? [
        el(
          'section',
          { class: 'handout-questions' },
          el('h2', {}, esc(w.questions)),
          el(
            'ol',
            {},
            ...questions.map((q) =>
              el(
                'li',
                {},
                el('p', {}, text(q.prompt), q.kind === 'multiple' ? esc(w.chooseAll) : ''),
                el('ol', { type: 'a' }, ...q.choices.map((c) => el('li', {}, text(c)))),
              ),
            ),
          ),
        ),
        el(
          'section',
          { class: 'handout-answers' },
          el('h2', {}, esc(w.answers)),
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
                  q.answer.map((i) => text(q.choices[i] ?? '')).join('; '),
                ),
                el('p', {}, text(q.explanation)),
              ),
            ),
          ),
        ),
      ]
    : [];
  return el(
    'article',
    { class: 'handout-doc', lang: language.lang, 'aria-label': w.label(tr(spec.title)) },
    el('h1', {}, esc(tr(spec.title))),
    el('p', {}, text(spec.summary)),
    spec.goals.length ? el('div', {}, el('h2', {}, esc(w.goals)), el('ul', {}, ...spec.goals.map((g) => el('li', {}, text(g))))) : '',
    ...steps,
    ...quiz,
  );
}
