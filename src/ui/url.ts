/** URL parameters in and out. Bad values never break the page: they are reported and ignored. */
import type { ThemeChoice } from './theme';

export interface UrlParams {
  scenario?: string;
  step?: number;
  speed?: number;
  theme?: ThemeChoice;
  problems: string[];
}

export function readUrl(search: string): UrlParams {
  const q = new URLSearchParams(search);
  const out: UrlParams = { problems: [] };
  const scenario = q.get('scenario');
  if (scenario !== null) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(scenario)) out.scenario = scenario;
    else out.problems.push(`scenario="${scenario.slice(0, 40)}" is not a scenario id`);
  }
  const step = q.get('step');
  if (step !== null) {
    const n = Number(step);
    if (step.trim() !== '' && Number.isInteger(n) && n >= 0) out.step = n;
    else out.problems.push(`step="${step.slice(0, 20)}" is not a step number (0, 1, 2, ...)`);
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if ([0.25, 0.5, 1, 1.5, 2, 4].includes(n)) out.speed = n;
    else out.problems.push(`speed="${speed.slice(0, 20)}" must be one of 0.25, 0.5, 1, 1.5, 2, 4`);
  }
  const theme = q.get('theme');
  if (theme !== null) {
    if (theme === 'light' || theme === 'dark') out.theme = theme;
    else out.problems.push(`theme="${theme.slice(0, 20)}" must be light or dark`);
  }
  return out;
}

/** The address for a scenario and step, keeping any other parameters the page had. */
export function permalink(href: string, scenario: string, step: number): string {
  const u = new URL(href);
  u.searchParams.set('scenario', scenario);
  u.searchParams.set('step', String(step));
  return u.toString();
}
