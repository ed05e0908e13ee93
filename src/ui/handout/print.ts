/**
 * Printing the handout: the markup goes into a #handout element beside the app, the print
 * stylesheet (handout.css) shows only it on paper, and the browser's print dialog opens. Loaded
 * when "Print handout" is first pressed, so the first load carries none of it.
 */
import type { TimelineIndex } from '../../store/timelineIndex';
import { ENGLISH_HANDOUT, handoutHtml, type HandoutLanguage } from './handout';
import './handout.css';

export const HANDOUT_CLASS = 'print-handout';

/** Puts the handout of this timeline in the page, ready for print (or page.pdf()). */
export function renderHandout(ix: TimelineIndex, language: HandoutLanguage = ENGLISH_HANDOUT): HTMLElement {
  let host = document.getElementById('handout');
  if (!host) {
    host = document.createElement('div');
    host.id = 'handout';
    host.className = 'handout';
    host.dataset.testid = 'handout';
    document.body.append(host);
  }
  // Every text in the markup is escaped by handoutHtml (scenario files come from outside).
  host.innerHTML = handoutHtml(ix, language);
  document.documentElement.classList.add(HANDOUT_CLASS);
  return host;
}

export function printHandout(ix: TimelineIndex, language: HandoutLanguage = ENGLISH_HANDOUT): void {
  renderHandout(ix, language);
  // After the dialog, Ctrl+P prints the app again rather than this lecture's handout.
  window.addEventListener('afterprint', () => document.documentElement.classList.remove(HANDOUT_CLASS), { once: true });
  window.print();
}
