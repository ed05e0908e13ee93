import './ui/runtime';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { DEFAULT_SCENARIO_ID, lectureIds, loadLecture, loadLectureText, type Lecture } from './scenarios';
import { loadScenario, noticeSource, type ScenarioRef, type ScenarioSource } from './scenarios/load';
import { noticeOf, problemLines } from './i18n/notice';
import { createAppStore, type Notice } from './store/appStore';
import { startIndex } from './store/timelineIndex';
import { inSlices, nextTask, type SliceOptions } from './scenarios/slices';
import { keepWork, opensOnWork, readWork, restoreWork } from './store/session';
import { App } from './ui/App';
import { Crash, ErrorBoundary } from './ui/ErrorBoundary';
import { readUrl } from './ui/url';
import { storedTheme } from './ui/theme';
import { holdInput, startTurns } from './ui/turns';
import { en, initialLang, loadMessages } from './i18n';
import './ui/styles.css';

/** #root, without the build's pre-rendered first frame: the app renders in the same task, so no blank frame shows. */
function freshRoot(): HTMLElement {
  const root = document.getElementById('root')!;
  root.replaceChildren();
  return root;
}

/** The build's pre-rendered first frame (scripts/prerender-plugin.ts), when this visit still shows it. */
function prerenderedFrame(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#root > .prerendered');
}

/**
 * The start's long work (the engine's run of the lecture, its index, the first render) is cut into
 * tasks this short, so that the page, painted already, keeps answering while the app comes alive:
 * on a phone's slower processor a task a few times longer would still be under 50 ms.
 */
const START_SLICES: SliceOptions = { sliceMs: 6, chunk: 8 };

async function start() {
  // The URL is read once, here; the app keeps it up to date afterwards.
  const params = readUrl(window.location.search, window.location.hash);
  let notice: Notice | null = params.problems.length
    ? noticeOf('error', { title: { id: 'url-ignored' }, lines: params.ignored.map((problem) => ({ id: 'url', problem })) })
    : null;
  let scenarioId = params.scenario ?? DEFAULT_SCENARIO_ID;
  let lecture: Lecture | undefined;
  let ref: ScenarioRef = { kind: 'lecture', id: scenarioId };
  if (params.shared) {
    // A scenario shared in the address is checked like any scenario from outside.
    const source: ScenarioSource = { kind: 'link', data: params.shared };
    const shared = await loadScenario(source);
    if (!shared.ok)
      notice = noticeOf('error', {
        title: { id: 'invalid', source: noticeSource(source), kept: false },
        lines: [...problemLines(shared.error), { id: 'showing', scenario: scenarioId }],
      });
    else {
      lecture = { spec: shared.value.spec, timeline: shared.value.timeline };
      ref = shared.value.ref;
      scenarioId = shared.value.spec.id;
    }
  }
  if (!lecture) {
    lecture = await loadLecture(scenarioId, START_SLICES);
    if (!lecture) {
      notice = noticeOf('error', {
        title: { id: 'no-lecture', scenario: scenarioId },
        lines: [{ id: 'showing-built-in', scenario: DEFAULT_SCENARIO_ID, builtIn: lectureIds() }],
      });
      scenarioId = DEFAULT_SCENARIO_ID;
      lecture = (await loadLecture(scenarioId, START_SLICES))!;
    }
    ref = { kind: 'lecture', id: scenarioId };
  }
  const indexer = startIndex(lecture.timeline);
  await inSlices(indexer, () => {}, START_SLICES);
  const store = createAppStore({
    lecture,
    index: indexer.index(),
    scenarioId,
    ref,
    notice,
    // An embed may be driven by its host or autoplay on a course page: it asks only when told to.
    questions: params.questions ?? !params.embed,
    ...(params.step !== undefined ? { step: params.step } : {}),
    ...(params.speed !== undefined ? { speed: params.speed } : {}),
  });
  if (!params.embed) {
    // Sandbox work of this tab survives a reload (an embed has no sandbox).
    const work = readWork();
    if (work && opensOnWork(work, params)) await restoreWork(store, work);
    keepWork(store);
  }
  if (params.autoplay) store.getState().play();
  // The chosen language's words arrive before the first render, so the page never flashes English.
  const lang = initialLang(params.lang, navigator.languages ?? [navigator.language]);
  const [messages, lectureText] = await Promise.all([
    loadMessages(lang).catch(() => null),
    lang === 'en' ? undefined : loadLectureText(lang, scenarioId).catch(() => undefined),
  ]);
  const app = (
    <StrictMode>
      <ErrorBoundary>
        <App
          store={store}
          i18n={messages ? { lang, messages, lectureText } : { lang: 'en', messages: en }}
          embed={params.embed ? { controls: params.controls, parentOrigins: params.parentOrigins } : null}
          {...(params.theme ? { initialTheme: params.theme } : {})}
        />
      </ErrorBoundary>
    </StrictMode>
  );
  await nextTask();
  const frame = prerenderedFrame();
  // The frame is the app's (or an embed's) own first render of the default lecture, made at build
  // time with no stored theme or progress: when this visit renders exactly that, the app takes the
  // frame over (it attaches its handlers to the elements already on screen) instead of building them.
  // Whatever differs from the frame (a stored theme or progress, a notice) is rendered afresh:
  // taking over never corrects an attribute. e2e/prerender.spec.ts compares both ways.
  const same =
    frame !== null &&
    // The app's frame, or the embed's with an embed's defaults (scripts/prerender-entry.tsx).
    frame.dataset['frame'] === (params.embed ? 'embed' : 'app') &&
    (!params.embed || (params.controls && params.questions === undefined)) &&
    lang === 'en' &&
    !params.shared &&
    !params.theme &&
    notice === null &&
    scenarioId === DEFAULT_SCENARIO_ID &&
    store.getState().step === 0 &&
    store.getState().progress.size === 0 &&
    storedTheme() === 'system' &&
    !store.getState().playing;
  if (same) {
    // The page's frame first, then each part in a task of its own (ui/turns.tsx).
    const turns = startTurns();
    // What the learner clicks or chooses before its part is live is done once the page is.
    const release = holdInput(frame);
    hydrateRoot(frame, app);
    do await nextTask();
    while (turns.next());
    release();
    frame.classList.replace('prerendered', 'app-root');
  } else createRoot(freshRoot()).render(app);
  // Offline use, after the first paint; an embed lives in its host's page and does without.
  if (__OFFLINE__ && !params.embed) void import('./offline/register').then((m) => m.registerOffline(store.getState().showNotice));
}

start().catch((e: unknown) => {
  // Even the first scenario could not be loaded (a part of the app missing from the server): say so.
  createRoot(freshRoot()).render(<Crash error={e instanceof Error ? e : new Error(String(e))} />);
});
