/** What the screen shows: the main view, the side panels, the message pinned in the inspector, the notice. */
import type { LoadProgress } from '../../scenarios/checkInWorker';
import type { NoticeText } from '../../i18n/notice';
import type { Slice } from './types';

export type MainView = 'stage' | 'diagram' | 'log';

export interface Notice {
  kind: 'error' | 'info';
  title: string;
  lines: string[];
  /** What the notice says as data the page's language words; `title` and `lines` are its English. */
  text?: NoticeText;
}

export interface ViewSlice {
  view: MainView;
  inspectorOpen: boolean;
  sandboxOpen: boolean;
  /** The Code panel: the system call or kernel path behind the step. */
  codeOpen: boolean;
  /** The message the learner pinned in the inspector; null: the inspector follows the cursor. */
  selectedMessage: number | null;
  notice: Notice | null;
  /** A scenario from outside being checked and run (a big one takes a while), or null. */
  loading: LoadProgress | null;
  setView(view: MainView): void;
  setInspectorOpen(open: boolean): void;
  setSandboxOpen(open: boolean): void;
  setCodeOpen(open: boolean): void;
  select(message: number | null): void;
  /** Pin a message in the inspector and move the cursor to the step that sent it. */
  inspectAndSeek(message: number): void;
  showNotice(notice: Notice): void;
  dismissNotice(): void;
}

export const createViewSlice =
  (notice: Notice | null): Slice<ViewSlice> =>
  (set, get) => ({
    view: 'stage',
    inspectorOpen: true,
    sandboxOpen: false,
    codeOpen: false,
    selectedMessage: null,
    notice,
    loading: null,
    setView: (view) => set({ view }),
    setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
    setSandboxOpen: (sandboxOpen) => set({ sandboxOpen }),
    setCodeOpen: (codeOpen) => set({ codeOpen }),
    select: (selectedMessage) => set({ selectedMessage }),
    inspectAndSeek(message) {
      const sent = get().index.sentStep[message];
      if (sent !== undefined && sent >= 0) get().setStep(sent);
      set({ selectedMessage: message });
    },
    showNotice: (n) => set({ notice: n }),
    dismissNotice: () => set({ notice: null }),
  });
