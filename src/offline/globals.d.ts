/** True in the main production build, which ships a service worker (scripts/offline-plugin.ts). */
declare const __OFFLINE__: boolean;
