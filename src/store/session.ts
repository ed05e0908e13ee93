/**
 * Sandbox work survives a reload: the scenario on screen and its Undo history are kept in
 * sessionStorage (this tab only, gone when it closes) while there is sandbox work, and read back
 * when the page opens again on the same work. Each scenario is kept as its link (a lecture id or the
 * packed scenario) and checked again like any link when it is read back.
 */
import { loadLecture } from '../scenarios';
import { loadScenario, type ScenarioRef } from '../scenarios/load';
import { indexTimeline } from './timelineIndex';
import type { AppState } from './slices/types';
import type { Snapshot } from './slices/sandbox';
import type { AppStore } from './appStore';

export const WORK_KEY = 'netlink-viz-sandbox';
/** Undo steps kept across a reload; older ones are dropped first. */
const MAX_HISTORY = 30;

interface SavedStep {
  ref: ScenarioRef;
  step: number;
}
export interface SavedWork {
  current: SavedStep;
  history: SavedStep[];
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // A sandboxed frame or blocked storage: work lives as long as the page.
    return null;
  }
}

function isRef(v: unknown): v is ScenarioRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (r.kind === 'lecture' && typeof r.id === 'string') || (r.kind === 'shared' && typeof r.data === 'string');
}
function isStep(v: unknown): v is SavedStep {
  return typeof v === 'object' && v !== null && isRef((v as SavedStep).ref) && Number.isInteger((v as SavedStep).step);
}

/** The work kept for this tab, if any (anything malformed counts as none). */
export function readWork(): SavedWork | null {
  try {
    const raw = storage()?.getItem(WORK_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as SavedWork;
    if (!isStep(v.current) || !Array.isArray(v.history) || !v.history.every(isStep)) return null;
    return v;
  } catch {
    return null;
  }
}

/** Keep the work on screen, or forget it when there is none (no sandbox history). */
export function saveWork(s: Pick<AppState, 'ref' | 'step' | 'history'>): void {
  const store = storage();
  if (!store) return;
  try {
    if (!s.history.length) store.removeItem(WORK_KEY);
    else {
      const work: SavedWork = { current: { ref: s.ref, step: s.step }, history: s.history.slice(-MAX_HISTORY).map((h) => ({ ref: h.ref, step: h.step })) };
      store.setItem(WORK_KEY, JSON.stringify(work));
    }
  } catch {
    // Over the quota: the work stays on screen, it just would not survive a reload.
  }
}

/** Keep the store's work in sessionStorage from now on; returns the function that stops it. */
export function keepWork(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    saveWork(store.getState());
  };
  const unsub = store.subscribe((s, prev) => {
    // New work is kept at once (a reload may follow right away); a cursor that moves, a moment later.
    if (s.history !== prev.history || s.ref !== prev.ref) save();
    else if (s.step !== prev.step) {
      clearTimeout(timer);
      timer = setTimeout(save, 250);
    }
  });
  if (typeof window !== 'undefined') window.addEventListener('pagehide', save);
  return () => {
    unsub();
    clearTimeout(timer);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', save);
  };
}

/** Whether the page was opened on the kept work: its own link (#s=), or no scenario named at all. */
export function opensOnWork(work: SavedWork, url: { scenario?: string; shared?: string }): boolean {
  if (url.shared !== undefined) return work.current.ref.kind === 'shared' && work.current.ref.data === url.shared;
  return url.scenario === undefined || (work.current.ref.kind === 'lecture' && work.current.ref.id === url.scenario);
}

/** Bring the kept work back: the scenario (unless it is already on screen) at its step, and its Undo history. */
export async function restoreWork(store: AppStore, work: SavedWork): Promise<void> {
  const toSnapshot = async ({ ref, step }: SavedStep): Promise<Snapshot | null> => {
    if (ref.kind === 'lecture') {
      const l = await loadLecture(ref.id);
      return l ? { scenarioId: ref.id, ref, spec: l.spec, index: indexTimeline(l.timeline), step } : null;
    }
    const r = await loadScenario({ kind: 'link', data: ref.data });
    return r.ok ? { scenarioId: r.value.spec.id, ref, spec: r.value.spec, index: indexTimeline(r.value.timeline), step } : null;
  };
  const history: Snapshot[] = [];
  for (const h of work.history) {
    const snap = await toSnapshot(h);
    if (snap) history.push(snap);
  }
  const st = store.getState();
  const onScreen = st.ref.kind === work.current.ref.kind && JSON.stringify(st.ref) === JSON.stringify(work.current.ref);
  if (!onScreen) {
    const current = await toSnapshot(work.current);
    if (!current) return;
    const { step: _step, ...scenario } = current;
    st.adopt(scenario);
  }
  store.setState({ history });
  store.getState().setStep(work.current.step);
}
