import type { Notice } from '../store/appStore';

/**
 * Registers the service worker (dist/sw.js) that keeps the app usable offline. Loaded after the first
 * paint, only in the main production build. When a new version installs while the app is open, the
 * learner is told: the new version is what the next visit gets.
 */
export function registerOffline(showNotice: (n: Notice) => void): void {
  if (!('serviceWorker' in navigator)) return;
  // A page already controlled by a worker is an update when another one installs; the first
  // install (no controller yet) is not news to the learner.
  const updating = navigator.serviceWorker.controller !== null;
  // After the page has loaded: caching the whole app must not compete with the first visit's own loading.
  if (document.readyState !== 'complete') {
    window.addEventListener('load', () => registerOffline(showNotice), { once: true });
    return;
  }
  navigator.serviceWorker
    .register('./sw.js')
    .then((reg) => {
      reg.addEventListener('updatefound', () => {
        const next = reg.installing;
        if (!next || !updating) return;
        next.addEventListener('statechange', () => {
          if (next.state === 'activated')
            showNotice({ kind: 'info', title: 'A new version of Netlink Visualizer is installed', lines: ['The next visit uses it. Reload to use it now.'] });
        });
      });
    })
    .catch(() => {
      // No worker (a private window, a host that refuses it): the app works online as before.
    });
}
