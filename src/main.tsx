import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SCENARIO_ID, lectureIds, loadLecture, type Lecture } from './scenarios';
import { createAppStore, type Notice, type ScenarioRef } from './store/appStore';
import { App } from './ui/App';
import { readUrl } from './ui/url';
import './ui/styles.css';

/** A scenario shared in the address: checked like any file from outside. */
async function sharedLecture(data: string): Promise<{ lecture: Lecture; ref: ScenarioRef } | { error: Notice }> {
  const [{ unpackScenario }, { validateScenario, formatError }] = await Promise.all([import('./scenarios/share'), import('./scenarios/validate')]);
  const unpacked = unpackScenario(data);
  if (!unpacked.ok) return { error: { kind: 'error', title: 'The shared scenario could not be opened', lines: [unpacked.message] } };
  const r = validateScenario(unpacked.value);
  if (!r.ok) return { error: { kind: 'error', title: 'The shared scenario is not valid', lines: r.errors.map(formatError) } };
  return { lecture: { spec: r.spec, timeline: r.timeline }, ref: { kind: 'shared', data } };
}

async function start() {
  // The URL is read once, here; the app keeps it up to date afterwards.
  const params = readUrl(window.location.search);
  let notice: Notice | null = params.problems.length ? { kind: 'error', title: 'Some address parameters were ignored', lines: params.problems } : null;
  let scenarioId = params.scenario ?? DEFAULT_SCENARIO_ID;
  let lecture: Lecture | undefined;
  let ref: ScenarioRef = { kind: 'lecture', id: scenarioId };
  if (params.shared) {
    const shared = await sharedLecture(params.shared);
    if ('error' in shared) notice = { ...shared.error, lines: [...shared.error.lines, `Showing "${scenarioId}" instead.`] };
    else {
      lecture = shared.lecture;
      ref = shared.ref;
      scenarioId = shared.lecture.spec.id;
    }
  }
  if (!lecture) {
    lecture = await loadLecture(scenarioId);
    if (!lecture) {
      notice = { kind: 'error', title: `There is no built-in scenario "${scenarioId}"`, lines: [`Showing "${DEFAULT_SCENARIO_ID}" instead. Built-in scenarios: ${lectureIds().join(', ')}.`] };
      scenarioId = DEFAULT_SCENARIO_ID;
      lecture = (await loadLecture(scenarioId))!;
    }
    ref = { kind: 'lecture', id: scenarioId };
  }
  const store = createAppStore({
    lecture,
    scenarioId,
    ref,
    notice,
    // An embed may be driven by its host or autoplay on a course page: it asks only when told to.
    questions: params.questions ?? !params.embed,
    ...(params.step !== undefined ? { step: params.step } : {}),
    ...(params.speed !== undefined ? { speed: params.speed } : {}),
  });
  if (params.autoplay) store.getState().play();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App store={store} embed={params.embed ? { controls: params.controls, parentOrigins: params.parentOrigins } : null} {...(params.theme ? { initialTheme: params.theme } : {})} />
    </StrictMode>,
  );
}

void start();
