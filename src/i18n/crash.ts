/**
 * The error page's words in every language. They are in the first load, unlike the rest of a
 * language's words: the page shows when a part of the app could not be fetched, and that part may
 * be the language's own chunk.
 */
import type { Lang } from '.';

export interface CrashWords {
  chunkTitle: string;
  chunkText: string;
  errorTitle: string;
  errorText: string;
  reload: string;
}

export const CRASH: Readonly<Record<Lang, CrashWords>> = {
  en: {
    chunkTitle: 'Part of the visualizer could not be loaded',
    chunkText: 'The server may have a newer version than the one this page started with, or the connection dropped. Reloading the page fetches it again.',
    errorTitle: 'The visualizer stopped with an error',
    errorText: 'Reloading the page starts it again; sandbox work of this tab is kept.',
    reload: 'Reload the page',
  },
  es: {
    chunkTitle: 'No se ha podido cargar una parte del visualizador',
    chunkText:
      'Puede que el servidor tenga una versión más nueva que la que cargó esta página, o que se cortara la conexión. Al recargar la página se vuelve a descargar.',
    errorTitle: 'El visualizador se ha detenido por un error',
    errorText: 'Al recargar la página vuelve a empezar; el trabajo del sandbox de esta pestaña se conserva.',
    reload: 'Recargar la página',
  },
};
