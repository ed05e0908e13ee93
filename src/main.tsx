import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SCENARIO_ID, lectureIds, loadLecture } from './scenarios';
import { createAppStore, type Notice } from './store/appStore';
import { App } from './ui/App';
import { readUrl } from './ui/url';
import './ui/styles.css';

async function start() {
  // The URL is read once, here; the app keeps it up to date afterwards.
  const params = readUrl(window.location.search);
  let scenarioId = params.scenario ?? DEFAULT_SCENARIO_ID;
  let lecture = await loadLecture(scenarioId);
  let notice: Notice | null = params.problems.length ? { kind: 'error', title: 'Some address parameters were ignored', lines: params.problems } : null;
  if (!lecture) {
    notice = { kind: 'error', title: `There is no built-in scenario "${scenarioId}"`, lines: [`Showing "${DEFAULT_SCENARIO_ID}" instead. Built-in scenarios: ${lectureIds().join(', ')}.`] };
    scenarioId = DEFAULT_SCENARIO_ID;
    lecture = (await loadLecture(scenarioId))!;
  }
  const store = createAppStore({
    lecture,
    scenarioId,
    notice,
    ...(params.step !== undefined ? { step: params.step } : {}),
    ...(params.speed !== undefined ? { speed: params.speed } : {}),
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App store={store} {...(params.theme ? { initialTheme: params.theme } : {})} />
    </StrictMode>,
  );
}

void start();
