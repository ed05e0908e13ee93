/**
 * Captures in the app: export the current timeline as a pcapng download, and open an nlmon
 * capture as a timeline. The capture code loads on first use, so the first paint stays small.
 */
import type { AppStore } from '../../store/appStore';
import { indexTimeline } from '../../store/timelineIndex';
import { noticeOf } from '../../i18n/notice';

/** Only this much of a capture file is read; the message cap stops well before it anyway. */
const MAX_CAPTURE_BYTES = 256 << 20;

export function isCaptureName(name: string): boolean {
  return /\.(pcap|pcapng|cap)$/i.test(name);
}

/** pcapng's section header, or classic pcap's magic in either byte order and resolution. */
export async function hasCaptureMagic(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head.length < 4) return false;
  const m = new DataView(head.buffer).getUint32(0, true);
  return [0x0a0d0d0a, 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(m);
}

export async function downloadCapture(store: AppStore): Promise<void> {
  const { exportCapture } = await import('../../capture');
  const { index, scenarioId } = store.getState();
  const bytes = exportCapture(index.timeline, 'pcapng');
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${scenarioId}.pcapng`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function loadCaptureFile(store: AppStore, file: File): Promise<void> {
  const { readCapture, importCapture, CaptureError } = await import('../../capture');
  const part = file.size > MAX_CAPTURE_BYTES ? file.slice(0, MAX_CAPTURE_BYTES) : file;
  const bytes = new Uint8Array(await part.arrayBuffer());
  let imported;
  try {
    imported = importCapture(readCapture(bytes, file.size > MAX_CAPTURE_BYTES ? { partialOf: file.size } : {}), { name: file.name });
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    store.setState({
      notice: noticeOf('error', { title: { id: 'not-capture', name: file.name }, lines: [{ id: 'english', text: e.message }] }),
    });
    return;
  }
  const t = imported.timeline;
  // The store's own loaders run scenarios; a capture is already a timeline, so it is adopted as is.
  store.time.set(0);
  store.setState((s) => ({
    scenarioId: t.spec.id,
    spec: t.spec,
    index: indexTimeline(t),
    step: 0,
    playing: false,
    selectedMessage: null,
    history: [],
    quiz: { ...s.quiz, open: null, answers: {}, resume: false, draft: [] },
    // The opening caption explains the capture; only a partial load needs a notice on top.
    notice: t.truncated
      ? noticeOf('info', {
          title: { id: 'capture-partial', name: file.name },
          lines: imported.notes.filter((n) => n.startsWith('Not everything')).map((text) => ({ id: 'english', text })),
        })
      : null,
  }));
}
