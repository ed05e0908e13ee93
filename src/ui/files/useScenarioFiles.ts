/** Scenario files and nlmon captures from the learner: a file picker and drag-and-drop anywhere on the page. */
import { useCallback, useEffect, useState } from 'react';
import type { AppStore } from '../../store/appStore';

const MAX_BYTES = 2_000_000;

export async function loadFile(store: AppStore, file: File): Promise<void> {
  // The capture code, and even its glue, load only when a file is opened.
  const captures = await import('./captureFiles');
  if (captures.isCaptureName(file.name) || (await captures.hasCaptureMagic(file))) return captures.loadCaptureFile(store, file);
  if (file.size > MAX_BYTES) {
    store.setState({ notice: { kind: 'error', title: `${file.name} is too large for a scenario (${Math.round(file.size / 1000)} kB); the current one is still loaded`, lines: [] } });
    return;
  }
  const text = await file.text();
  const { parseJson, formatError } = await import('../../scenarios/validate');
  const json = parseJson(text);
  if (!json.ok) {
    store.setState({ notice: { kind: 'error', title: `${file.name} is not a valid scenario; the current one is still loaded`, lines: [formatError(json.error)] } });
    return;
  }
  await store.getState().loadSpec(json.value, file.name);
}

/** True while a file is dragged over the page. */
export function useDropZone(store: AppStore, enabled: boolean): boolean {
  const [over, setOver] = useState(false);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void loadFile(store, file);
    },
    [store],
  );
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled, onDrop]);
  return over;
}
