/** Scenario files and nlmon captures from the learner: a file picker and drag-and-drop anywhere on the page. */
import { useCallback, useEffect, useState } from 'react';
import type { AppStore } from '../../store/appStore';

export async function loadFile(store: AppStore, file: File): Promise<void> {
  // The capture code, and even its glue, load only when a file is opened.
  const captures = await import('./captureFiles');
  if (captures.isCaptureName(file.name) || (await captures.hasCaptureMagic(file))) return captures.loadCaptureFile(store, file);
  await store.getState().loadFrom({ kind: 'file', file });
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
