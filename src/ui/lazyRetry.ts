import { lazy, type ComponentType } from 'react';

/**
 * React.lazy with one more try: a chunk that fails once (a dropped connection) is fetched again
 * after a short wait; a second failure reaches the error boundary, which says so and offers a reload.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same constraint React.lazy has
export function lazyRetry<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => load().catch(() => new Promise<{ default: T }>((resolve, reject) => setTimeout(() => load().then(resolve, reject), 400))));
}
